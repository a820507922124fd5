//! Helpers the grammar's actions call: spans from token ranges, node
//! constructors, list building, and the checks `erl_parse` makes while it
//! builds a node (clauses of one function agree, record fields are named by
//! atoms, arities fit).

use lalrpop_util::ParseError;

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::token::Token;

use super::tok::write_atom;

/// The span of tokens `l..r` (token indices). An empty range (an empty
/// production) gets the span of the token at `l`, or of the last token.
pub fn sp(toks: &[Token], l: usize, r: usize) -> Span {
    if l < r && r <= toks.len() {
        toks[l].span.to(toks[r - 1].span)
    } else {
        toks.get(l).or_else(|| toks.last()).map(|t| t.span).unwrap_or_default()
    }
}

pub fn mk(toks: &[Token], l: usize, r: usize, kind: ExprKind) -> Expr {
    Expr { kind, span: sp(toks, l, r) }
}

pub fn ty(toks: &[Token], l: usize, r: usize, kind: TypeKind) -> TypeExpr {
    TypeExpr { kind, span: sp(toks, l, r) }
}

pub fn binop(toks: &[Token], l: usize, r: usize, op: BinOp, a: Expr, b: Expr) -> Expr {
    mk(toks, l, r, ExprKind::BinOp(op, Box::new(a), Box::new(b)))
}

/// Turns a check's error into the parser's error type (`=>?` actions).
pub fn lift<T, Tk>(r: Result<T, Diagnostic>) -> Result<T, ParseError<usize, Tk, Diagnostic>> {
    r.map_err(|error| ParseError::User { error })
}

pub fn push<T>(mut v: Vec<T>, t: T) -> Vec<T> {
    v.push(t);
    v
}

pub fn prepend<T>(t: T, mut v: Vec<T>) -> Vec<T> {
    v.insert(0, t);
    v
}

pub fn reversed<T>(mut v: Vec<T>) -> Vec<T> {
    v.reverse();
    v
}

/// Adjacent string literals are one string.
pub fn concat(parts: Vec<&String>) -> String {
    parts.into_iter().map(String::as_str).collect()
}

/// A function or fun clause before the clauses are checked against each
/// other: `name` is the function's atom, a named fun's variable, or `None`
/// for an anonymous fun clause.
pub struct NamedClause {
    pub name: Option<String>,
    /// Where the clause starts (its name, or its `(`): where "head mismatch"
    /// points.
    pub head: Span,
    pub clause: Clause,
}

impl NamedClause {
    pub fn new(
        name: Option<String>,
        head: Span,
        patterns: Vec<Expr>,
        guards: Vec<Vec<Expr>>,
        body: Vec<Expr>,
        span: Span,
    ) -> NamedClause {
        NamedClause { name, head, clause: Clause { patterns, guards, body, span } }
    }
}

/// Checks that every clause has the first clause's name and arity.
fn check_clauses(clauses: Vec<NamedClause>) -> Result<(Option<String>, u32, Vec<Clause>), Diagnostic> {
    let Some(first) = clauses.first() else {
        return Err(Diagnostic::error(Span::default(), "function without clauses"));
    };
    let name = first.name.clone();
    let arity = first.clause.patterns.len();
    let mut out = Vec::with_capacity(clauses.len());
    for c in clauses {
        if c.name != name || c.clause.patterns.len() != arity {
            return Err(Diagnostic::error(c.head, "head mismatch"));
        }
        out.push(c.clause);
    }
    Ok((name, arity as u32, out))
}

pub fn build_function(clauses: Vec<NamedClause>) -> Result<Function, Diagnostic> {
    let span = match (clauses.first(), clauses.last()) {
        (Some(a), Some(b)) => a.clause.span.to(b.clause.span),
        _ => Span::default(),
    };
    let (name, arity, clauses) = check_clauses(clauses)?;
    Ok(Function { name: name.unwrap_or_default(), arity, clauses, span })
}

/// `fun (...) -> ... end` or the named `fun Name(...) -> ... end`.
pub fn build_lambda(clauses: Vec<NamedClause>, span: Span) -> Result<Expr, Diagnostic> {
    let (name, _, clauses) = check_clauses(clauses)?;
    Ok(Expr { kind: ExprKind::Lambda { name, clauses }, span })
}

/// Parses the decimal digits of an arity or other small count.
fn small_int<T: std::str::FromStr>(digits: &str, span: Span, what: &str) -> Result<T, Diagnostic> {
    digits.parse().map_err(|_| Diagnostic::error(span, format!("{what} out of range: {digits}")))
}

/// `fun name/Arity`.
pub fn fun_ref(name: &str, arity: &str, arity_span: Span, span: Span) -> Result<Expr, Diagnostic> {
    let arity = small_int(arity, arity_span, "arity")?;
    Ok(Expr { kind: ExprKind::FunRef { name: name.to_string(), arity }, span })
}

/// A `unit:N` style binary type specifier.
pub fn bit_type_unit(name: &str, value: &str, value_span: Span, span: Span) -> Result<BinTypeSpec, Diagnostic> {
    let value = small_int(value, value_span, "type specifier value")?;
    Ok(BinTypeSpec { name: name.to_string(), value: Some(value), span })
}

/// A record field as written, before we know whether its name is allowed:
/// `Var = Expr` is only meaningful for `_ = Expr`.
pub struct FieldSyntax {
    pub field: RecordField,
    pub is_var: bool,
}

/// `#name{...}` or `Base#name{...}`.
pub fn record(span: Span, base: Option<Expr>, name: &str, fields: Vec<FieldSyntax>) -> Result<Expr, Diagnostic> {
    let mut out = Vec::with_capacity(fields.len());
    for f in fields {
        if f.is_var && f.field.name != "_" {
            let msg = format!("field {} is not an atom or _ in record {}", write_atom(&f.field.name), write_atom(name));
            return Err(Diagnostic::error(f.field.span, msg));
        }
        out.push(f.field);
    }
    Ok(Expr { kind: ExprKind::Record { base: base.map(Box::new), name: name.to_string(), fields: out }, span })
}
