//! Macros: the definition table (`-define`, `-undef`, `-D`, the predefined
//! macros) and expansion of `?NAME` / `?NAME(Args)` in a form.
//!
//! Expansion follows epp: a macro body takes the location of the call (so
//! `?LINE` and stack traces report the line of the outermost use), arguments
//! keep their own locations, `??Arg` stringifies the argument as written,
//! and a macro defined without parentheses may be followed by an argument
//! list that stays in the output (`-define(F, io:format). ?F("x")`).
//!
//! Unlike epp, which substitutes raw argument tokens and rescans, arguments
//! are expanded before substitution. The results agree for every argument
//! that is a complete token sequence (all real code); the gain is that the
//! "circular macro" check can be a simple stack of macros being expanded
//! without tripping over `?max(?max(A, B), C)`.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::stringify::stringify;
use crate::diagnostic::Diagnostic;
use crate::span::{SourceMap, Span};
use crate::token::{Token, TokenKind};

/// The OTP release whose behaviour kiln follows (`?OTP_RELEASE`).
pub const OTP_RELEASE: u32 = 25;

/// Deeper nesting than this is surely runaway (each level is a distinct
/// macro, so only a very long chain of definitions gets here).
const MAX_EXPANSION_DEPTH: usize = 256;

/// One definition: `-define(NAME, Body)` has no parameter list,
/// `-define(NAME(A, B), Body)` has one (possibly empty).
#[derive(Debug, Clone)]
pub struct Definition {
    pub params: Option<Vec<String>>,
    pub body: Vec<Token>,
}

impl Definition {
    fn arity(&self) -> Option<usize> {
        self.params.as_ref().map(Vec::len)
    }
}

#[derive(Debug, Clone)]
enum Entry {
    /// A predefined name without a value yet (`MODULE` before `-module`):
    /// `-ifdef` says no, but it cannot be `-define`d.
    Undefined,
    /// A predefined macro: one definition, no overloading, no redefinition.
    Builtin(Builtin),
    /// User definitions, at most one per arity (`None` = no parentheses).
    User(Vec<Definition>),
}

#[derive(Debug, Clone)]
enum Builtin {
    /// `?FILE`: the name of the file the use is in.
    File,
    Fixed(Definition),
}

/// The macros defined at some point of preprocessing.
#[derive(Debug, Clone)]
pub struct MacroTable {
    entries: HashMap<String, Entry>,
}

/// A token list with dummy spans (expansion gives body tokens the call's span).
fn body(kinds: Vec<TokenKind>) -> Vec<Token> {
    kinds.into_iter().map(|kind| Token { kind, span: Span::default() }).collect()
}

fn fixed(kinds: Vec<TokenKind>) -> Entry {
    Entry::Builtin(Builtin::Fixed(Definition { params: None, body: body(kinds) }))
}

/// `?FEATURE_AVAILABLE(X)` / `?FEATURE_ENABLED(X)`: `((X) == maybe_expr)`.
/// The lexer always reserves `maybe` and `else`, i.e. kiln behaves as if the
/// `maybe_expr` feature were enabled, so both report it.
fn feature_macro() -> Entry {
    use TokenKind::*;
    let kinds = vec![
        LParen, LParen, Var("X".into()), RParen, EqEq, Atom("maybe_expr".into()), RParen,
    ];
    Entry::Builtin(Builtin::Fixed(Definition { params: Some(vec!["X".into()]), body: body(kinds) }))
}

impl MacroTable {
    /// The table epp starts with. `LINE`, `FUNCTION_NAME` and
    /// `FUNCTION_ARITY` are also handled before any lookup (as in epp), so
    /// they work even after `-undef`.
    pub fn predefined() -> MacroTable {
        use TokenKind::*;
        let mut entries = HashMap::new();
        entries.insert("FILE".to_string(), Entry::Builtin(Builtin::File));
        entries.insert("LINE".to_string(), fixed(vec![Integer("1".into())]));
        for name in ["FUNCTION_NAME", "FUNCTION_ARITY", "MODULE", "MODULE_STRING", "BASE_MODULE", "BASE_MODULE_STRING"] {
            entries.insert(name.to_string(), Entry::Undefined);
        }
        entries.insert("MACHINE".to_string(), fixed(vec![Atom("BEAM".into())]));
        entries.insert("BEAM".to_string(), fixed(vec![Atom("true".into())]));
        entries.insert("OTP_RELEASE".to_string(), fixed(vec![Integer(OTP_RELEASE.to_string())]));
        entries.insert("FEATURE_AVAILABLE".to_string(), feature_macro());
        entries.insert("FEATURE_ENABLED".to_string(), feature_macro());
        MacroTable { entries }
    }

    /// What `-ifdef(NAME)` tests.
    pub fn is_defined(&self, name: &str) -> bool {
        matches!(self.entries.get(name), Some(Entry::Builtin(_) | Entry::User(_)))
    }

    /// What `defined(NAME)` in `-if` tests: epp looks the name up in its
    /// table, where the not-yet-defined predefined macros also live.
    pub fn has_entry(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// Adds a definition; `span` (the macro name) is where errors point.
    pub fn define(&mut self, name: &str, def: Definition, span: Span) -> Result<(), Diagnostic> {
        match self.entries.get_mut(name) {
            None => {
                self.entries.insert(name.to_string(), Entry::User(vec![def]));
                Ok(())
            }
            Some(Entry::User(defs)) => {
                if defs.iter().any(|d| d.arity() == def.arity()) {
                    Err(Diagnostic::error(span, format!("redefining macro '{name}'"))
                        .with_label("already defined with this number of arguments"))
                } else {
                    defs.push(def);
                    Ok(())
                }
            }
            Some(Entry::Undefined | Entry::Builtin(_)) => {
                Err(Diagnostic::error(span, format!("redefining predefined macro '{name}'")))
            }
        }
    }

    /// `-undef(NAME)`: forgets every definition of the name, predefined or not.
    pub fn undefine(&mut self, name: &str) {
        self.entries.remove(name);
    }

    /// Records `-module(Name)`: defines `?MODULE` and `?MODULE_STRING`.
    pub fn set_module(&mut self, name: &str) {
        self.entries.insert("MODULE".to_string(), fixed(vec![TokenKind::Atom(name.to_string())]));
        self.entries.insert("MODULE_STRING".to_string(), fixed(vec![TokenKind::String(name.to_string())]));
    }

    /// Finds the definition a use with `arity` arguments (`None`: no
    /// parentheses follow) refers to, with epp's rules: a macro with a
    /// single parameterless definition accepts any use, and the arguments
    /// then stay in the output.
    fn lookup(&self, name: &str, arity: Option<usize>, span: Span) -> Result<Resolved<'_>, Diagnostic> {
        let undefined = || {
            let shown = match arity {
                Some(n) => format!("{name}/{n}"),
                None => name.to_string(),
            };
            Diagnostic::error(span, format!("undefined macro '{shown}'"))
        };
        match self.entries.get(name) {
            None | Some(Entry::Undefined) => Err(undefined()),
            Some(Entry::Builtin(Builtin::File)) => Ok(Resolved::File),
            Some(Entry::Builtin(Builtin::Fixed(def))) => Ok(Resolved::Def(def)),
            Some(Entry::User(defs)) => {
                if let [only] = defs.as_slice() {
                    if only.params.is_none() {
                        return Ok(Resolved::Def(only));
                    }
                }
                match defs.iter().find(|d| d.arity() == arity) {
                    Some(def) => Ok(Resolved::Def(def)),
                    None => Err(mismatch(name, span, defs)),
                }
            }
        }
    }
}

fn mismatch(name: &str, span: Span, defs: &[Definition]) -> Diagnostic {
    let mut arities: Vec<String> = defs
        .iter()
        .map(|d| match d.arity() {
            Some(n) => format!("{n} argument{}", if n == 1 { "" } else { "s" }),
            None => "no argument list".to_string(),
        })
        .collect();
    arities.sort();
    Diagnostic::error(span, format!("argument mismatch for macro '{name}'"))
        .with_note(format!("'{name}' is defined with {}", arities.join(", ")))
}

enum Resolved<'a> {
    File,
    Def(&'a Definition),
}

/// Parses the tokens of a `-define` form (`- define ( ... ) .`).
/// Returns the name, its span and the definition.
pub fn parse_define(form: &[Token]) -> Result<(String, Span, Definition), Diagnostic> {
    use TokenKind::*;
    let define = &form[1];
    let bad = |at: Option<&Token>| {
        let span = at.map_or(define.span, |t| t.span);
        Diagnostic::error(span, "badly formed 'define'")
            .with_note("expected `-define(Name, Body).` or `-define(Name(Var, ...), Body).`")
    };
    let rest = &form[2..];
    if !matches!(rest.first().map(|t| &t.kind), Some(LParen)) {
        return Err(bad(rest.first()));
    }
    let (name, name_span) = match rest.get(1) {
        Some(Token { kind: Atom(n) | Var(n), span }) => (n.clone(), *span),
        other => return Err(bad(other)),
    };
    let (params, body_start) = match rest.get(2).map(|t| &t.kind) {
        Some(Comma) => (None, 3),
        Some(LParen) => {
            let (params, next) = parse_params(rest, 3)?;
            match rest.get(next) {
                Some(Token { kind: Comma, .. }) => (Some(params), next + 1),
                other => {
                    let span = other.map_or(define.span, |t| t.span);
                    return Err(Diagnostic::error(span, "badly formed define: missing comma")
                        .with_label("expected `,` before the macro body"));
                }
            }
        }
        _ => return Err(bad(rest.get(2))),
    };
    // The body runs up to the `)` that closes the directive, right before its dot.
    let end = rest.len().saturating_sub(2);
    let closes = end >= body_start && matches!(rest.get(end).map(|t| &t.kind), Some(RParen));
    if !closes {
        let span = rest.last().map_or(define.span, |t| t.span);
        return Err(Diagnostic::error(span, "badly formed define: missing closing right parenthesis")
            .with_label("expected `)` before the end of the form"));
    }
    let body = rest[body_start..end].to_vec();
    Ok((name, name_span, Definition { params, body }))
}

/// Parameter list starting at `rest[at]` (just after `(`). Returns the
/// names and the index after the closing `)`.
fn parse_params(rest: &[Token], mut at: usize) -> Result<(Vec<String>, usize), Diagnostic> {
    use TokenKind::*;
    let mut params: Vec<std::string::String> = Vec::new();
    let bad = |t: Option<&Token>, fallback: Span| {
        Diagnostic::error(t.map_or(fallback, |t| t.span), "badly formed 'define'")
            .with_label("expected a variable as macro parameter")
    };
    let fallback = rest[at - 1].span;
    if matches!(rest.get(at).map(|t| &t.kind), Some(RParen)) {
        return Ok((params, at + 1));
    }
    loop {
        match rest.get(at) {
            Some(Token { kind: Var(v), span }) => {
                if params.contains(v) {
                    return Err(Diagnostic::error(*span, format!("argument '{v}' already used")));
                }
                params.push(v.clone());
            }
            other => return Err(bad(other, fallback)),
        }
        match rest.get(at + 1).map(|t| &t.kind) {
            Some(Comma) => at += 2,
            Some(RParen) => return Ok((params, at + 2)),
            _ => return Err(bad(rest.get(at + 1), fallback)),
        }
    }
}

/// Expands macros in one form (or in a directive's arguments).
pub struct Expander<'a> {
    pub macros: &'a MacroTable,
    pub sources: &'a SourceMap,
    /// `?FILE`: the name of the file being read.
    pub file_name: &'a str,
    /// The whole form, from which `?FUNCTION_NAME`/`?FUNCTION_ARITY` are
    /// worked out on first use.
    pub form: &'a [Token],
    /// False while working out the function name itself: the two macros are
    /// then left in place, as epp does.
    function_macros: bool,
    function: OnceCell<Option<(String, usize)>>,
}

type Active = Vec<(String, Option<usize>)>;

impl<'a> Expander<'a> {
    pub fn new(macros: &'a MacroTable, sources: &'a SourceMap, file_name: &'a str, form: &'a [Token]) -> Self {
        Expander { macros, sources, file_name, form, function_macros: true, function: OnceCell::new() }
    }

    /// Expands every macro use in `tokens`.
    pub fn expand(&self, tokens: &[Token]) -> Result<Vec<Token>, Diagnostic> {
        let mut out = Vec::with_capacity(tokens.len());
        self.expand_into(tokens, &mut Vec::new(), &mut out)?;
        Ok(out)
    }

    fn expand_into(&self, tokens: &[Token], active: &mut Active, out: &mut Vec<Token>) -> Result<(), Diagnostic> {
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            match token.kind {
                TokenKind::Question => {
                    let Some(name_token) = tokens.get(i + 1) else {
                        return Err(Diagnostic::error(token.span, "illegal macro call '?'")
                            .with_label("expected a macro name after `?`"));
                    };
                    let call_span = token.span.to(name_token.span);
                    let name = match &name_token.kind {
                        TokenKind::Atom(n) => n,
                        TokenKind::Var(n) => {
                            if let Some(special) = self.special(n, name_token, call_span)? {
                                match special {
                                    Some(kind) => out.push(Token { kind, span: call_span }),
                                    None => out.extend_from_slice(&tokens[i..i + 2]),
                                }
                                i += 2;
                                continue;
                            }
                            n
                        }
                        other => {
                            let shown = source_text(other);
                            return Err(Diagnostic::error(call_span, format!("illegal macro call '?{shown}'"))
                                .with_label("expected a macro name after `?`"));
                        }
                    };
                    i += 2 + self.call(name, call_span, &tokens[i + 2..], active, out)?;
                }
                TokenKind::DoubleQuestion => {
                    return Err(Diagnostic::error(token.span, "illegal macro call '??'")
                        .with_note("`??Arg` is only meaningful in the body of a macro with parameter `Arg`"));
                }
                _ => {
                    out.push(token.clone());
                    i += 1;
                }
            }
        }
        Ok(())
    }

    /// `?LINE`, `?FUNCTION_NAME` and `?FUNCTION_ARITY`, which epp handles
    /// before looking at the macro table. `Ok(None)`: not one of them;
    /// `Ok(Some(None))`: leave the use as it is.
    fn special(&self, name: &str, token: &Token, call_span: Span) -> Result<Option<Option<TokenKind>>, Diagnostic> {
        match name {
            "LINE" => {
                let line = self.sources.line(token.span);
                Ok(Some(Some(TokenKind::Integer(line.to_string()))))
            }
            "FUNCTION_NAME" | "FUNCTION_ARITY" => {
                if !self.function_macros {
                    return Ok(Some(None));
                }
                let (function, arity) = self.function(name, call_span)?;
                Ok(Some(Some(if name == "FUNCTION_NAME" {
                    TokenKind::Atom(function)
                } else {
                    TokenKind::Integer(arity.to_string())
                })))
            }
            _ => Ok(None),
        }
    }

    /// The name and arity of the function the form defines, worked out as
    /// epp does: expand the form's other macros, then read `name(` and count
    /// the arguments up to the matching `)`.
    fn function(&self, macro_name: &str, span: Span) -> Result<(String, usize), Diagnostic> {
        let found = self.function.get_or_init(|| {
            let inner = Expander {
                function_macros: false,
                function: OnceCell::new(),
                ..Expander::new(self.macros, self.sources, self.file_name, self.form)
            };
            match inner.expand(self.form) {
                // A broken form is reported where it is expanded for real.
                Err(_) => Some(("_".to_string(), 0)),
                Ok(tokens) => match tokens.as_slice() {
                    [Token { kind: TokenKind::Atom(name), .. }, Token { kind: TokenKind::LParen, .. }, rest @ ..] => {
                        Some((name.clone(), epp_arity(rest)))
                    }
                    _ => None,
                },
            }
        });
        match found {
            Some(found) => Ok(found.clone()),
            None if matches!(self.form.first().map(|t| &t.kind), Some(TokenKind::Question)) => {
                Err(Diagnostic::error(span, format!("?{macro_name} must not begin a form")))
            }
            None => Err(Diagnostic::error(span, format!("?{macro_name} can only be used within a function"))),
        }
    }

    /// Expands a use of macro `name`; `rest` are the tokens after the name.
    /// Returns how many of them the use consumed (its argument list).
    fn call(&self, name: &str, span: Span, rest: &[Token], active: &mut Active, out: &mut Vec<Token>) -> Result<usize, Diagnostic> {
        let args = macro_args(rest).map_err(|()| {
            Diagnostic::error(span, format!("badly formed argument for macro '{name}'"))
                .with_label("the argument list is not closed properly")
        })?;
        let arity = args.as_ref().map(|(a, _)| a.len());
        let def = match self.macros.lookup(name, arity, span)? {
            Resolved::File => {
                out.push(Token { kind: TokenKind::String(self.file_name.to_string()), span });
                return Ok(0);
            }
            Resolved::Def(def) => def,
        };
        let (args, consumed) = match (&def.params, args) {
            (None, _) => (Vec::new(), 0),
            (Some(params), Some((args, consumed))) if args.len() == params.len() => (args, consumed),
            (Some(_), _) => {
                return Err(Diagnostic::error(span, format!("argument mismatch for macro '{name}'")));
            }
        };
        let key = (name.to_string(), def.arity());
        if active.contains(&key) {
            let shown = match key.1 {
                Some(n) => format!("{name}/{n}"),
                None => name.to_string(),
            };
            return Err(Diagnostic::error(span, format!("circular macro '{shown}'"))
                .with_label("this macro's expansion uses the macro itself"));
        }
        if active.len() >= MAX_EXPANSION_DEPTH {
            return Err(Diagnostic::error(span, "macro expansion too deep")
                .with_note(format!("more than {MAX_EXPANSION_DEPTH} nested macro expansions")));
        }
        let body = self.substitute(def, &args, span, active)?;
        active.push(key);
        let result = self.expand_into(&body, active, out);
        active.pop();
        result.map(|()| consumed)
    }

    /// The body of `def` with parameters replaced by the (expanded)
    /// arguments and `??Param` by the argument's text.
    fn substitute(&self, def: &Definition, args: &[&[Token]], span: Span, active: &mut Active) -> Result<Vec<Token>, Diagnostic> {
        let params = def.params.as_deref().unwrap_or(&[]);
        let param_index = |kind: &TokenKind| match kind {
            TokenKind::Var(v) => params.iter().position(|p| p == v),
            _ => None,
        };
        let mut expanded: Vec<Option<Vec<Token>>> = vec![None; args.len()];
        let mut out = Vec::with_capacity(def.body.len());
        let body = &def.body;
        let mut j = 0;
        while j < body.len() {
            // `??Var`, written `??` or `? ?`.
            let stringify_len = match (&body[j].kind, body.get(j + 1).map(|t| &t.kind)) {
                (TokenKind::DoubleQuestion, Some(TokenKind::Var(_))) => Some(1),
                (TokenKind::Question, Some(TokenKind::Question))
                    if matches!(body.get(j + 2).map(|t| &t.kind), Some(TokenKind::Var(_))) =>
                {
                    Some(2)
                }
                _ => None,
            };
            if let Some(len) = stringify_len {
                let var = &body[j + len];
                match param_index(&var.kind) {
                    Some(k) => out.push(Token { kind: TokenKind::String(stringify(args[k])), span }),
                    // epp drops the `??` before a variable that is not a parameter.
                    None => out.push(Token { kind: var.kind.clone(), span }),
                }
                j += len + 1;
                continue;
            }
            match param_index(&body[j].kind) {
                Some(k) => {
                    if expanded[k].is_none() {
                        let mut tokens = Vec::with_capacity(args[k].len());
                        self.expand_into(args[k], active, &mut tokens)?;
                        expanded[k] = Some(tokens);
                    }
                    out.extend(expanded[k].iter().flatten().cloned());
                }
                None => out.push(Token { kind: body[j].kind.clone(), span }),
            }
            j += 1;
        }
        Ok(out)
    }
}

/// How `?NAME` is written back in messages.
fn source_text(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Atom(_) | TokenKind::Var(_) | TokenKind::Integer(_) | TokenKind::Float(_)
        | TokenKind::Char(_) | TokenKind::String(_) => stringify(&[Token { kind: kind.clone(), span: Span::default() }]),
        other => other.text().to_string(),
    }
}

/// The arguments of a macro use, if `rest` starts with `(`: the argument
/// token slices and the number of tokens up to and including the `)`.
/// `Err` if the list is malformed (`(,`, `(a,)` or not closed).
fn macro_args(rest: &[Token]) -> Result<Option<(Vec<&[Token]>, usize)>, ()> {
    use TokenKind::*;
    if !matches!(rest.first().map(|t| &t.kind), Some(LParen)) {
        return Ok(None);
    }
    if matches!(rest.get(1).map(|t| &t.kind), Some(RParen)) {
        return Ok(Some((Vec::new(), 2)));
    }
    let mut args = Vec::new();
    let mut i = 1;
    loop {
        let len = macro_arg_len(&rest[i..]);
        if len == 0 {
            // `(,`, `(a,)` or `(a,,b)`.
            return Err(());
        }
        args.push(&rest[i..i + len]);
        i += len;
        match rest.get(i).map(|t| &t.kind) {
            Some(Comma) => i += 1,
            Some(RParen) => return Ok(Some((args, i + 1))),
            _ => return Err(()),
        }
    }
}

/// Length of one macro argument: tokens up to a `,` or `)` at nesting
/// depth zero, where brackets and `begin`/`case`/`fun (`/... `end` nest.
fn macro_arg_len(tokens: &[Token]) -> usize {
    use TokenKind::*;
    let mut expected: Vec<TokenKind> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let kind = &token.kind;
        if expected.is_empty() && matches!(kind, Comma | RParen) {
            return i;
        }
        let opens = match kind {
            LParen => Some(RParen),
            LBracket => Some(RBracket),
            LBrace => Some(RBrace),
            LDoubleAngle => Some(RDoubleAngle),
            Begin | If | Case | Receive | Try | Cond | Maybe => Some(End),
            // `fun (` and `fun Name (` start a fun expression; `fun f/1` does not.
            Fun => match (tokens.get(i + 1).map(|t| &t.kind), tokens.get(i + 2).map(|t| &t.kind)) {
                (Some(LParen), _) | (Some(Var(_)), Some(LParen)) => Some(End),
                _ => None,
            },
            _ => None,
        };
        if let Some(close) = opens {
            expected.push(close);
        } else if expected.last() == Some(kind) {
            expected.pop();
        }
    }
    tokens.len()
}

/// epp's argument count for `?FUNCTION_ARITY`, including its quirk: a
/// token only counts as "an argument is present" when no bracket precedes
/// it, so `f([])` has arity 0 and `f(<<>>, [x])` arity 1. Reproduced
/// because programs observe the value and kiln must match OTP.
fn epp_arity(tokens: &[Token]) -> usize {
    use TokenKind::*;
    let mut depth = 1;
    let mut arity = 0;
    for token in tokens {
        match token.kind {
            Comma if depth == 1 => arity += 1,
            Comma => {}
            LParen | LBrace | LBracket | LDoubleAngle => depth += 1,
            RParen | RBrace | RBracket | RDoubleAngle if depth == 1 => return arity,
            RParen | RBrace | RBracket | RDoubleAngle => depth -= 1,
            _ if arity == 0 => arity = 1,
            _ => {}
        }
    }
    arity
}
