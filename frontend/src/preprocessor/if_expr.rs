//! The condition of `-if(Expr).` / `-elif(Expr).`, after macro expansion.
//!
//! epp parses the tokens `(Expr)` as an expression, rejects anything that is
//! not a guard expression ("badly formed 'if'"), replaces `defined(Name)` by
//! `true`/`false`, evaluates, and takes the branch only if the value is the
//! atom `true`. An evaluation error (a type error, an unbound variable, a
//! call to an unknown function) makes the condition false, not an error.
//! This module does the same for the guard subset that can occur in a
//! constant expression: numbers, atoms, strings, tuples and lists, the
//! operators, and the guard BIFs on those.

use std::cmp::Ordering;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::token::{Token, TokenKind};

/// Evaluates a condition. `tokens` are the expanded tokens between the
/// directive name and the form's dot; `directive` is where errors point
/// when there is no better place; `defined` answers `defined(Name)`.
pub fn evaluate(tokens: &[Token], directive: Span, defined: &dyn Fn(&str) -> bool) -> Result<bool, Diagnostic> {
    let mut parser = Parser { tokens, pos: 0, directive, defined };
    let expr = parser.expr(0)?;
    if let Some(extra) = tokens.get(parser.pos) {
        return Err(parser.syntax_error(Some(extra)));
    }
    Ok(matches!(eval(&expr), Ok(Value::Atom(a)) if a == "true"))
}

#[derive(Debug, Clone)]
enum Expr {
    /// `None`: a literal too large for this evaluator (evaluation fails).
    Int(Option<i128>),
    Float(f64),
    Atom(String),
    /// Evaluating a variable fails (there are no bindings).
    Var,
    Tuple(Vec<Expr>),
    List(Vec<Expr>, Option<Box<Expr>>),
    Unary(TokenKind, Box<Expr>),
    Binary(TokenKind, Box<Expr>, Box<Expr>),
    /// A guard BIF or unknown function (`erlang:` prefix removed).
    Call(String, Vec<Expr>),
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    directive: Span,
    defined: &'a dyn Fn(&str) -> bool,
}

/// Binary operators: precedence and whether they associate to the right.
fn binary_op(kind: &TokenKind) -> Option<(u8, bool)> {
    use TokenKind::*;
    Some(match kind {
        OrElse => (1, true),
        AndAlso => (2, true),
        EqEq | SlashEq | EqLt | Lt | GtEq | Gt | EqColonEq | EqSlashEq => (3, false),
        PlusPlus | MinusMinus => (4, true),
        Plus | Minus | Bor | Bxor | Bsl | Bsr | Or | Xor => (5, false),
        Star | Slash | Div | Rem | Band | And => (6, false),
        _ => return None,
    })
}

const PREFIX_PRECEDENCE: u8 = 7;

/// Auto-imported BIFs that are not allowed in guards: epp rejects a call to
/// one of them outright instead of letting evaluation fail.
const NON_GUARD_BIFS: &[&str] = &[
    "apply",
    "atom_to_binary",
    "atom_to_list",
    "binary_to_atom",
    "binary_to_existing_atom",
    "binary_to_float",
    "binary_to_integer",
    "binary_to_list",
    "binary_to_term",
    "bitstring_to_list",
    "check_old_code",
    "check_process_code",
    "date",
    "delete_module",
    "demonitor",
    "disconnect_node",
    "erase",
    "error",
    "exit",
    "float_to_binary",
    "float_to_list",
    "garbage_collect",
    "get",
    "get_keys",
    "group_leader",
    "halt",
    "integer_to_binary",
    "integer_to_list",
    "iolist_size",
    "iolist_to_binary",
    "is_alive",
    "is_process_alive",
    "link",
    "list_to_atom",
    "list_to_binary",
    "list_to_bitstring",
    "list_to_existing_atom",
    "list_to_float",
    "list_to_integer",
    "list_to_pid",
    "list_to_port",
    "list_to_ref",
    "list_to_tuple",
    "load_module",
    "make_ref",
    "max",
    "min",
    "module_loaded",
    "monitor",
    "monitor_node",
    "nodes",
    "open_port",
    "pid_to_list",
    "port_close",
    "port_command",
    "port_connect",
    "port_control",
    "port_to_list",
    "pre_loaded",
    "process_flag",
    "process_info",
    "processes",
    "purge_module",
    "put",
    "ref_to_list",
    "register",
    "registered",
    "setelement",
    "spawn",
    "spawn_link",
    "spawn_monitor",
    "spawn_opt",
    "split_binary",
    "statistics",
    "term_to_binary",
    "term_to_iovec",
    "throw",
    "time",
    "tuple_to_list",
    "unlink",
    "unregister",
    "whereis",
];

impl Parser<'_> {
    fn peek(&self) -> Option<&TokenKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    fn bump(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.pos);
        self.pos += 1;
        token
    }

    fn syntax_error(&self, at: Option<&Token>) -> Diagnostic {
        match at {
            Some(t) => Diagnostic::error(t.span, format!("syntax error in condition before {}", t.kind.describe())),
            None => Diagnostic::error(self.directive, "syntax error in condition: unexpected end of form"),
        }
    }

    fn not_guard(&self, span: Span, what: &str) -> Diagnostic {
        Diagnostic::error(span, "badly formed 'if'").with_label(format!("{what} is not allowed in a guard expression"))
    }

    fn expect(&mut self, kind: TokenKind) -> Result<(), Diagnostic> {
        if self.peek() == Some(&kind) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax_error(self.tokens.get(self.pos)))
        }
    }

    fn expr(&mut self, min_precedence: u8) -> Result<Expr, Diagnostic> {
        let mut left = self.unary()?;
        while let Some(kind) = self.peek().cloned() {
            if matches!(kind, TokenKind::Eq | TokenKind::Bang) {
                let span = self.tokens[self.pos].span;
                return Err(self.not_guard(span, &format!("`{}`", kind.text())));
            }
            let Some((precedence, right_assoc)) = binary_op(&kind) else { break };
            if precedence < min_precedence {
                break;
            }
            self.pos += 1;
            let next_min = if right_assoc { precedence } else { precedence + 1 };
            let right = self.expr(next_min)?;
            // Comparisons do not chain: `1 < 2 < 3` is a syntax error.
            if precedence == 3 {
                if let Some(k) = self.peek() {
                    if binary_op(k).is_some_and(|(p, _)| p == 3) {
                        return Err(self.syntax_error(self.tokens.get(self.pos)));
                    }
                }
            }
            left = Expr::Binary(kind, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, Diagnostic> {
        match self.peek() {
            Some(kind @ (TokenKind::Minus | TokenKind::Plus | TokenKind::Not | TokenKind::Bnot)) => {
                let kind = kind.clone();
                self.pos += 1;
                let operand = self.expr(PREFIX_PRECEDENCE)?;
                Ok(Expr::Unary(kind, Box::new(operand)))
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Expr, Diagnostic> {
        let Some(token) = self.bump().cloned() else {
            return Err(self.syntax_error(None));
        };
        use TokenKind::*;
        match token.kind {
            Integer(digits) => Ok(Expr::Int(digits.parse().ok())),
            Char(c) => Ok(Expr::Int(Some(c as i128))),
            Float(f) => Ok(Expr::Float(f)),
            String(mut s) => {
                // Adjacent strings are one literal.
                while let Some(String(next)) = self.peek() {
                    s.push_str(next);
                    self.pos += 1;
                }
                Ok(Expr::List(s.chars().map(|c| Expr::Int(Some(c as i128))).collect(), None))
            }
            Var(_) => Ok(Expr::Var),
            Atom(name) => match self.peek() {
                Some(LParen) => self.call(name, token.span),
                Some(Colon) => {
                    self.pos += 1;
                    let function = match self.bump().cloned() {
                        Some(Token { kind: Atom(f), .. }) => f,
                        other => return Err(self.syntax_error(other.as_ref())),
                    };
                    if name != "erlang" {
                        return Err(self.not_guard(token.span, &format!("a call to `{name}:{function}`")));
                    }
                    self.call(function, token.span)
                }
                _ => Ok(Expr::Atom(name)),
            },
            LParen => {
                let inner = self.expr(0)?;
                self.expect(RParen)?;
                Ok(inner)
            }
            LBrace => {
                let elements = self.sequence(RBrace)?;
                Ok(Expr::Tuple(elements))
            }
            LBracket => self.list(),
            LDoubleAngle | Hash => Err(Diagnostic::error(token.span, "badly formed 'if'")
                .with_label("binaries, maps and records are not supported in `-if` conditions")),
            Begin | Case | If | Receive | Try | Fun | Catch | Maybe | Cond | Let => {
                Err(self.not_guard(token.span, &format!("`{}`", token.kind.text())))
            }
            _ => Err(self.syntax_error(Some(&token))),
        }
    }

    /// Comma-separated expressions up to `close` (already past the opener).
    fn sequence(&mut self, close: TokenKind) -> Result<Vec<Expr>, Diagnostic> {
        let mut items = Vec::new();
        if self.peek() == Some(&close) {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.expr(0)?);
            match self.peek() {
                Some(TokenKind::Comma) => self.pos += 1,
                Some(k) if *k == close => {
                    self.pos += 1;
                    return Ok(items);
                }
                _ => return Err(self.syntax_error(self.tokens.get(self.pos))),
            }
        }
    }

    fn list(&mut self) -> Result<Expr, Diagnostic> {
        use TokenKind::*;
        if self.peek() == Some(&RBracket) {
            self.pos += 1;
            return Ok(Expr::List(Vec::new(), None));
        }
        let mut items = vec![self.expr(0)?];
        loop {
            match self.bump().cloned() {
                Some(Token { kind: Comma, .. }) => items.push(self.expr(0)?),
                Some(Token { kind: Pipe, .. }) => {
                    let tail = self.expr(0)?;
                    self.expect(RBracket)?;
                    return Ok(Expr::List(items, Some(Box::new(tail))));
                }
                Some(Token { kind: RBracket, .. }) => return Ok(Expr::List(items, None)),
                Some(Token { kind: DoublePipe, span }) => {
                    return Err(self.not_guard(span, "a list comprehension"));
                }
                other => return Err(self.syntax_error(other.as_ref())),
            }
        }
    }

    /// `name(Args)`; `defined(Name)` is answered here, like epp's rewrite.
    fn call(&mut self, name: String, span: Span) -> Result<Expr, Diagnostic> {
        self.expect(TokenKind::LParen)?;
        if name == "defined" {
            let answer = match (self.bump().cloned(), self.peek()) {
                (Some(Token { kind: TokenKind::Atom(m) | TokenKind::Var(m), .. }), Some(TokenKind::RParen)) => {
                    (self.defined)(&m)
                }
                _ => {
                    return Err(
                        Diagnostic::error(span, "badly formed 'if'").with_label("`defined` takes one macro name")
                    );
                }
            };
            self.pos += 1;
            return Ok(Expr::Atom(answer.to_string()));
        }
        let args = self.sequence(TokenKind::RParen)?;
        if NON_GUARD_BIFS.contains(&name.as_str()) {
            return Err(self.not_guard(span, &format!("a call to `{name}/{}`", args.len())));
        }
        Ok(Expr::Call(name, args))
    }
}

/// A value of the constant-expression language.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(i128),
    Float(f64),
    Atom(String),
    Tuple(Vec<Value>),
    List(Vec<Value>),
}

/// Any evaluation failure; epp turns them all into "condition is false".
type Eval = Result<Value, ()>;

fn boolean(b: bool) -> Value {
    Value::Atom(b.to_string())
}

fn as_bool(v: &Value) -> Result<bool, ()> {
    match v {
        Value::Atom(a) if a == "true" => Ok(true),
        Value::Atom(a) if a == "false" => Ok(false),
        _ => Err(()),
    }
}

fn eval(expr: &Expr) -> Eval {
    match expr {
        Expr::Int(i) => i.map(Value::Int).ok_or(()),
        Expr::Float(f) => Ok(Value::Float(*f)),
        Expr::Atom(a) => Ok(Value::Atom(a.clone())),
        Expr::Var => Err(()),
        Expr::Tuple(items) => Ok(Value::Tuple(items.iter().map(eval).collect::<Result<_, _>>()?)),
        Expr::List(items, tail) => {
            let mut values: Vec<Value> = items.iter().map(eval).collect::<Result<_, _>>()?;
            if let Some(tail) = tail {
                // Only proper lists are represented.
                match eval(tail)? {
                    Value::List(rest) => values.extend(rest),
                    _ => return Err(()),
                }
            }
            Ok(Value::List(values))
        }
        Expr::Unary(op, operand) => unary(op, eval(operand)?),
        Expr::Binary(TokenKind::AndAlso, l, r) => {
            if as_bool(&eval(l)?)? {
                eval(r)
            } else {
                Ok(boolean(false))
            }
        }
        Expr::Binary(TokenKind::OrElse, l, r) => {
            if as_bool(&eval(l)?)? {
                Ok(boolean(true))
            } else {
                eval(r)
            }
        }
        Expr::Binary(op, l, r) => binary(op, eval(l)?, eval(r)?),
        Expr::Call(name, args) => {
            let args: Vec<Value> = args.iter().map(eval).collect::<Result<_, _>>()?;
            call(name, &args)
        }
    }
}

fn unary(op: &TokenKind, v: Value) -> Eval {
    match (op, v) {
        (TokenKind::Minus, Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or(()),
        (TokenKind::Minus, Value::Float(f)) => Ok(Value::Float(-f)),
        (TokenKind::Plus, v @ (Value::Int(_) | Value::Float(_))) => Ok(v),
        (TokenKind::Bnot, Value::Int(i)) => Ok(Value::Int(!i)),
        (TokenKind::Not, v) => Ok(boolean(!as_bool(&v)?)),
        _ => Err(()),
    }
}

fn float_of(v: &Value) -> Result<f64, ()> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        _ => Err(()),
    }
}

fn binary(op: &TokenKind, l: Value, r: Value) -> Eval {
    use TokenKind::*;
    use Value::{Float as F, Int as I};
    match op {
        EqEq => Ok(boolean(compare(&l, &r) == Ordering::Equal)),
        SlashEq => Ok(boolean(compare(&l, &r) != Ordering::Equal)),
        EqColonEq => Ok(boolean(l == r)),
        EqSlashEq => Ok(boolean(l != r)),
        Lt => Ok(boolean(compare(&l, &r) == Ordering::Less)),
        EqLt => Ok(boolean(compare(&l, &r) != Ordering::Greater)),
        Gt => Ok(boolean(compare(&l, &r) == Ordering::Greater)),
        GtEq => Ok(boolean(compare(&l, &r) != Ordering::Less)),
        And => Ok(boolean(as_bool(&l)? & as_bool(&r)?)),
        Or => Ok(boolean(as_bool(&l)? | as_bool(&r)?)),
        Xor => Ok(boolean(as_bool(&l)? ^ as_bool(&r)?)),
        Plus | Minus | Star => match (l, r) {
            (I(a), I(b)) => match op {
                Plus => a.checked_add(b),
                Minus => a.checked_sub(b),
                _ => a.checked_mul(b),
            }
            .map(I)
            .ok_or(()),
            (l, r) => {
                let (a, b) = (float_of(&l)?, float_of(&r)?);
                let value = match op {
                    Plus => a + b,
                    Minus => a - b,
                    _ => a * b,
                };
                if value.is_finite() {
                    Ok(F(value))
                } else {
                    Err(())
                }
            }
        },
        Slash => {
            let (a, b) = (float_of(&l)?, float_of(&r)?);
            if b == 0.0 {
                Err(())
            } else {
                Ok(F(a / b))
            }
        }
        Div | Rem | Band | Bor | Bxor | Bsl | Bsr => {
            let (I(a), I(b)) = (l, r) else { return Err(()) };
            match op {
                // Erlang's div and rem truncate toward zero, like Rust's.
                Div => a.checked_div(b),
                Rem => a.checked_rem(b),
                Band => Some(a & b),
                Bor => Some(a | b),
                Bxor => Some(a ^ b),
                Bsl => shift_left(a, b),
                _ => shift_left(a, b.checked_neg().ok_or(())?),
            }
            .map(I)
            .ok_or(())
        }
        PlusPlus => match (l, r) {
            (Value::List(mut a), Value::List(b)) => {
                a.extend(b);
                Ok(Value::List(a))
            }
            _ => Err(()),
        },
        MinusMinus => match (l, r) {
            (Value::List(mut a), Value::List(b)) => {
                for item in &b {
                    if let Some(at) = a.iter().position(|x| x == item) {
                        a.remove(at);
                    }
                }
                Ok(Value::List(a))
            }
            _ => Err(()),
        },
        _ => Err(()),
    }
}

fn shift_left(a: i128, by: i128) -> Option<i128> {
    if by >= 0 {
        let by = u32::try_from(by).ok().filter(|b| *b < 127)?;
        let shifted = a.checked_shl(by)?;
        (shifted >> by == a).then_some(shifted)
    } else {
        let by = u32::try_from(-by).unwrap_or(127).min(127);
        Some(a >> by)
    }
}

/// Erlang's term order: number < atom < tuple < list; numbers by value,
/// tuples by size then elements, lists element-wise.
fn compare(l: &Value, r: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Int(_) | Value::Float(_) => 0,
            Value::Atom(_) => 1,
            Value::Tuple(_) => 2,
            Value::List(_) => 3,
        }
    }
    match (l, r) {
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            let (a, b) = (float_of(l).unwrap_or(0.0), float_of(r).unwrap_or(0.0));
            a.partial_cmp(&b).unwrap_or(Ordering::Equal)
        }
        (Value::Atom(a), Value::Atom(b)) => a.cmp(b),
        (Value::Tuple(a), Value::Tuple(b)) => a.len().cmp(&b.len()).then_with(|| compare_seq(a, b)),
        (Value::List(a), Value::List(b)) => compare_seq(a, b),
        _ => rank(l).cmp(&rank(r)),
    }
}

fn compare_seq(a: &[Value], b: &[Value]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = compare(x, y);
        if o != Ordering::Equal {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// The guard BIFs on the values above; anything else fails evaluation, as
/// a call to an unknown function does in epp.
fn call(name: &str, args: &[Value]) -> Eval {
    use Value::*;
    let type_test = |test: fn(&Value) -> bool| match args {
        [v] => Ok(boolean(test(v))),
        _ => Err(()),
    };
    match name {
        "is_atom" => type_test(|v| matches!(v, Atom(_))),
        "is_boolean" => type_test(|v| matches!(v, Atom(a) if a == "true" || a == "false")),
        "is_integer" => type_test(|v| matches!(v, Int(_))),
        "is_float" => type_test(|v| matches!(v, Float(_))),
        "is_number" => type_test(|v| matches!(v, Int(_) | Float(_))),
        "is_list" => type_test(|v| matches!(v, List(_))),
        "is_tuple" => type_test(|v| matches!(v, Tuple(_))),
        "is_binary" | "is_bitstring" | "is_map" | "is_pid" | "is_port" | "is_reference" | "is_function" => {
            type_test(|_| false)
        }
        _ => match (name, args) {
            ("is_function", [_, Int(_)]) => Ok(boolean(false)),
            ("abs", [Int(i)]) => i.checked_abs().map(Int).ok_or(()),
            ("abs", [Float(f)]) => Ok(Float(f.abs())),
            ("float", [v]) => Ok(Float(float_of(v)?)),
            ("trunc" | "round" | "ceil" | "floor", [Int(i)]) => Ok(Int(*i)),
            ("trunc" | "round" | "ceil" | "floor", [Float(f)]) => {
                let r = match name {
                    "trunc" => f.trunc(),
                    "round" => f.round(),
                    "ceil" => f.ceil(),
                    _ => f.floor(),
                };
                if r.abs() < 1e30 {
                    Ok(Int(r as i128))
                } else {
                    Err(())
                }
            }
            ("length", [List(items)]) => Ok(Int(items.len() as i128)),
            ("hd", [List(items)]) => items.first().cloned().ok_or(()),
            ("tl", [List(items)]) if !items.is_empty() => Ok(List(items[1..].to_vec())),
            ("tuple_size" | "size", [Tuple(items)]) => Ok(Int(items.len() as i128)),
            ("element", [Int(n), Tuple(items)]) => {
                usize::try_from(*n).ok().filter(|n| *n >= 1).and_then(|n| items.get(n - 1)).cloned().ok_or(())
            }
            _ => Err(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;
    use crate::span::FileId;

    fn cond(src: &str) -> Result<bool, String> {
        let tokens = lex(FileId(0), src).unwrap();
        evaluate(&tokens, Span::default(), &|m| m == "DEBUG").map_err(|d| d.message)
    }

    #[test]
    fn arithmetic_and_comparison() {
        assert_eq!(cond("(1 + 2 * 3 == 7)"), Ok(true));
        assert_eq!(cond("(25 >= 23)"), Ok(true));
        assert_eq!(cond("(10 div 3 =:= 3 andalso 10 rem 3 == 1)"), Ok(true));
        assert_eq!(cond("(7 / 2 == 3.5)"), Ok(true));
        assert_eq!(cond("(1 == 1.0)"), Ok(true));
        assert_eq!(cond("(1 =:= 1.0)"), Ok(false));
        assert_eq!(cond("(1 bsl 4 bor 1 == 17)"), Ok(true));
        assert_eq!(cond("(-(3) + 5 == 2)"), Ok(true));
        assert_eq!(cond("(bnot 0 == -1)"), Ok(true));
        assert_eq!(cond("(16#FF band 2#1010 == 10)"), Ok(true));
        assert_eq!(cond("(5 - 3 - 1 == 1)"), Ok(true));
    }

    #[test]
    fn atoms_terms_and_booleans() {
        assert_eq!(cond("(true)"), Ok(true));
        assert_eq!(cond("(false)"), Ok(false));
        assert_eq!(cond("(yes)"), Ok(false));
        assert_eq!(cond("(1)"), Ok(false));
        assert_eq!(cond("(foo < bar)"), Ok(false));
        assert_eq!(cond("(1 < a andalso a < {} andalso {} < [])"), Ok(true));
        assert_eq!(cond("({a, 1} == {a, 1})"), Ok(true));
        assert_eq!(cond("(\"ab\" == [$a, $b])"), Ok(true));
        assert_eq!(cond("([1|[2]] ++ [3] == [1,2,3])"), Ok(true));
        assert_eq!(cond("(not false and true)"), Ok(true));
        assert_eq!(cond("(true xor true)"), Ok(false));
        assert_eq!(cond("(false orelse 1 == 1)"), Ok(true));
        assert_eq!(cond("(true orelse bad + 1)"), Ok(true));
    }

    #[test]
    fn guard_bifs_and_defined() {
        assert_eq!(cond("(is_integer(3) and is_atom(a) and is_float(1.0))"), Ok(true));
        assert_eq!(cond("(erlang:is_list([]))"), Ok(true));
        assert_eq!(cond("(length([a, b]) == 2)"), Ok(true));
        assert_eq!(cond("(element(2, {a, b}) == b)"), Ok(true));
        assert_eq!(cond("(abs(-3) == 3 andalso tuple_size({}) == 0)"), Ok(true));
        assert_eq!(cond("(defined(DEBUG))"), Ok(true));
        assert_eq!(cond("(not defined(NDEBUG))"), Ok(true));
        assert_eq!(cond("(defined('DEBUG'))"), Ok(true));
    }

    #[test]
    fn evaluation_errors_are_false() {
        assert_eq!(cond("(X == 1)"), Ok(false));
        assert_eq!(cond("(unknown_function(1))"), Ok(false));
        assert_eq!(cond("(a + 1 == 2)"), Ok(false));
        assert_eq!(cond("(1 div 0 == 0)"), Ok(false));
        assert_eq!(cond("(hd([]))"), Ok(false));
        assert_eq!(cond("(not 1)"), Ok(false));
        assert_eq!(cond("(100000000000000000000000000000000000000000 > 1)"), Ok(false));
    }

    #[test]
    fn rejected_like_epp() {
        assert_eq!(cond("(min(1, 2) == 1)"), Err("badly formed 'if'".to_string()));
        assert_eq!(cond("(X = 1)"), Err("badly formed 'if'".to_string()));
        assert_eq!(cond("(case 1 of _ -> true end)"), Err("badly formed 'if'".to_string()));
        assert_eq!(cond("(lists:member(a, [a]))"), Err("badly formed 'if'".to_string()));
        assert_eq!(cond("(defined(1))"), Err("badly formed 'if'".to_string()));
        assert_eq!(cond("(<<1>> == <<1>>)"), Err("badly formed 'if'".to_string()));
        assert_eq!(cond("(1, 2)"), Err("syntax error in condition before `,`".to_string()));
        assert_eq!(cond("(1 < 2 < 3)"), Err("syntax error in condition before `<`".to_string()));
        assert_eq!(cond("(1 +"), Err("syntax error in condition: unexpected end of form".to_string()));
        assert_eq!(cond("(true) true"), Err("syntax error in condition before atom `true`".to_string()));
    }
}
