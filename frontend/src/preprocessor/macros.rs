//! The macro table: `-define` parsing, `-undef`, `-D` definitions and the
//! predefined macros, and which definition a use refers to. Expansion
//! itself is in [`super::expand`].

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::token::{Token, TokenKind};

/// The OTP release whose behaviour kiln follows (`?OTP_RELEASE`).
pub const OTP_RELEASE: u32 = 25;

/// One definition: `-define(NAME, Body)` has no parameter list,
/// `-define(NAME(A, B), Body)` has one (possibly empty).
#[derive(Debug, Clone)]
pub struct Definition {
    pub params: Option<Vec<String>>,
    pub body: Vec<Token>,
}

impl Definition {
    pub fn arity(&self) -> Option<usize> {
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

/// `?FEATURE_AVAILABLE(X)` / `?FEATURE_ENABLED(X)`: `((X) == feature)`
/// for a single feature, `false` for none (epp's definitions).
fn feature_macro(feature: Option<&str>) -> Entry {
    use TokenKind::*;
    let kinds = match feature {
        Some(feature) => vec![LParen, LParen, Var("X".into()), RParen, EqEq, Atom(feature.into()), RParen],
        None => vec![Atom("false".into())],
    };
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
        for name in ["FUNCTION_NAME", "FUNCTION_ARITY", "MODULE", "MODULE_STRING", "BASE_MODULE", "BASE_MODULE_STRING"]
        {
            entries.insert(name.to_string(), Entry::Undefined);
        }
        entries.insert("MACHINE".to_string(), fixed(vec![Atom("BEAM".into())]));
        entries.insert("BEAM".to_string(), fixed(vec![Atom("true".into())]));
        entries.insert("OTP_RELEASE".to_string(), fixed(vec![Integer(OTP_RELEASE.to_string())]));
        entries.insert("FEATURE_AVAILABLE".to_string(), feature_macro(Some("maybe_expr")));
        entries.insert("FEATURE_ENABLED".to_string(), feature_macro(None));
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

    /// Redefines `?FEATURE_ENABLED` after a `-feature` directive.
    pub fn set_feature_enabled(&mut self, feature: &str, enabled: bool) {
        let entry = feature_macro(enabled.then_some(feature));
        self.entries.insert("FEATURE_ENABLED".to_string(), entry);
    }

    /// Records `-module(Name)`: defines `?MODULE` and `?MODULE_STRING`.
    pub fn set_module(&mut self, name: &str) {
        self.entries.insert("MODULE".to_string(), fixed(vec![TokenKind::Atom(name.to_string())]));
        self.entries.insert("MODULE_STRING".to_string(), fixed(vec![TokenKind::String(name.to_string())]));
    }

    /// The definition whose body epp's circularity check follows from a use
    /// of `name` with `arity`: the one with that arity, else the
    /// parameterless one. Predefined macros use no other macros.
    pub fn definition_for_uses(&self, name: &str, arity: Option<usize>) -> Option<&Definition> {
        match self.entries.get(name) {
            Some(Entry::User(defs)) => {
                defs.iter().find(|d| d.arity() == arity).or_else(|| defs.iter().find(|d| d.params.is_none()))
            }
            _ => None,
        }
    }

    /// Finds the definition a use with `arity` arguments (`None`: no
    /// parentheses follow) refers to, with epp's rules: a macro with a
    /// single parameterless definition accepts any use, and the arguments
    /// then stay in the output.
    pub fn lookup(&self, name: &str, arity: Option<usize>, span: Span) -> Result<Resolved<'_>, Diagnostic> {
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

pub enum Resolved<'a> {
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
