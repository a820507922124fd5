//! Macro expansion in a form: `?NAME`, `?NAME(Args)`, `??Arg`, and the
//! special macros `?LINE`, `?FUNCTION_NAME` and `?FUNCTION_ARITY`.
//!
//! This follows epp step by step, because programs observe the details
//! (`??Arg` text, line numbers in stack traces):
//!
//! - A parameterless macro's body is expanded on its own, then emitted. It
//!   may be followed by an argument list that stays in the output
//!   (`-define(F, io:format). ?F("x")`).
//! - A macro with parameters has its *unexpanded* arguments substituted
//!   into the body, and the result is rescanned together with the rest of
//!   the input. So `??Arg` always shows the argument as written, even
//!   through several macros, and `?max(?max(A, B), C)` works.
//! - Body tokens take the location of the call; arguments keep their own;
//!   body tokens after an argument take the location of its last token
//!   ("simulated textual expansion").
//! - Circular definitions are found, as in epp, by following the macro
//!   uses written in the bodies before expanding; an expansion budget stops
//!   the rare non-terminating case the static check cannot see
//!   (`-define(F(X), ?X(X)). ?F(F)`).

use std::cell::{OnceCell, RefCell};
use std::collections::{HashSet, VecDeque};
use std::ops::Range;

use super::macros::{MacroTable, Resolved};
use super::stringify::stringify;
use crate::diagnostic::Diagnostic;
use crate::span::{SourceMap, Span};
use crate::token::{Token, TokenKind};

/// Nested expansion of parameterless macros deeper than this is surely
/// runaway (only a very long chain of definitions gets here).
const MAX_DEPTH: usize = 200;
/// Macro expansions allowed in one form.
const MAX_EXPANSIONS: usize = 200_000;
/// Tokens a form may grow to.
const MAX_TOKENS: usize = 4_000_000;

/// A macro use as epp's circularity check sees it: the name and the
/// number of arguments (`None`: no argument list).
type UseKey = (String, Option<usize>);

/// Expands macros in one form (or in a directive's arguments).
pub struct Expander<'a> {
    macros: &'a MacroTable,
    sources: &'a SourceMap,
    /// `?FILE`: the name of the file being read.
    file_name: &'a str,
    /// The whole form, from which `?FUNCTION_NAME`/`?FUNCTION_ARITY` are
    /// worked out on first use.
    form: &'a [Token],
    /// False while working out the function name itself: the two macros are
    /// then left in place, as epp does.
    function_macros: bool,
    function: OnceCell<Option<(String, usize)>>,
    /// Macro uses already known not to lead back to themselves.
    acyclic: RefCell<HashSet<UseKey>>,
    expansions: RefCell<usize>,
}

impl<'a> Expander<'a> {
    pub fn new(macros: &'a MacroTable, sources: &'a SourceMap, file_name: &'a str, form: &'a [Token]) -> Self {
        Expander {
            macros,
            sources,
            file_name,
            form,
            function_macros: true,
            function: OnceCell::new(),
            acyclic: RefCell::new(HashSet::new()),
            expansions: RefCell::new(0),
        }
    }

    /// Expands every macro use in `tokens`.
    pub fn expand(&self, tokens: &[Token]) -> Result<Vec<Token>, Diagnostic> {
        self.expand_list(tokens.to_vec(), 0)
    }

    fn expand_list(&self, tokens: Vec<Token>, depth: usize) -> Result<Vec<Token>, Diagnostic> {
        let mut input: VecDeque<Token> = tokens.into();
        let mut out = Vec::with_capacity(input.len());
        while let Some(token) = input.pop_front() {
            match token.kind {
                TokenKind::Question => {
                    // A lone `?` at the very end stays: epp rescans it with
                    // whatever follows the macro use it came from.
                    let Some(name_token) = input.front().cloned() else {
                        out.push(token);
                        continue;
                    };
                    let call_span = token.span.to(name_token.span);
                    let (name, is_var) = match name_token.kind.clone() {
                        TokenKind::Atom(name) => (name, false),
                        TokenKind::Var(name) => (name, true),
                        other => {
                            return Err(Diagnostic::error(
                                call_span,
                                format!("illegal macro call '?{}'", source_text(&other)),
                            )
                            .with_label("expected a macro name after `?`"));
                        }
                    };
                    input.pop_front();
                    if is_var {
                        if let Some(special) = self.special(&name, &name_token, call_span)? {
                            match special {
                                Some(kind) => out.push(Token { kind, span: call_span }),
                                None => out.extend([token, name_token]),
                            }
                            continue;
                        }
                    }
                    self.call(&name, call_span, &mut input, &mut out, depth)?;
                    if input.len() + out.len() > MAX_TOKENS {
                        return Err(Diagnostic::error(call_span, "macro expansion is too large")
                            .with_note(format!("the form grew beyond {MAX_TOKENS} tokens")));
                    }
                }
                TokenKind::DoubleQuestion => {
                    return Err(Diagnostic::error(token.span, "illegal macro call '??'")
                        .with_note("`??Arg` is only meaningful in the body of a macro with parameter `Arg`"));
                }
                _ => out.push(token),
            }
        }
        Ok(out)
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

    /// Expands a use of macro `name`, whose following tokens are at the
    /// front of `input`.
    fn call(
        &self,
        name: &str,
        span: Span,
        input: &mut VecDeque<Token>,
        out: &mut Vec<Token>,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let rest = input.make_contiguous();
        let args = macro_args(rest).map_err(|()| {
            Diagnostic::error(span, format!("badly formed argument for macro '{name}'"))
                .with_label("the argument list is not closed properly")
        })?;
        let arity = args.as_ref().map(|(a, _)| a.len());
        let def = match self.macros.lookup(name, arity, span)? {
            Resolved::File => {
                out.push(Token { kind: TokenKind::String(self.file_name.to_string()), span });
                return Ok(());
            }
            Resolved::Def(def) => def,
        };
        {
            let mut expansions = self.expansions.borrow_mut();
            *expansions += 1;
            if *expansions > MAX_EXPANSIONS || depth > MAX_DEPTH {
                return Err(Diagnostic::error(span, "macro expansion does not terminate")
                    .with_note(format!("gave up after {} nested or {MAX_EXPANSIONS} total expansions", MAX_DEPTH)));
            }
        }
        match (&def.params, args) {
            (None, _) => {
                self.check_circular(name, None, span)?;
                let body = def.body.iter().map(|t| Token { kind: t.kind.clone(), span }).collect();
                let mut expanded = self.expand_list(body, depth + 1)?;
                if matches!(expanded.last(), Some(Token { kind: TokenKind::Question, .. })) {
                    if let Some(question) = expanded.pop() {
                        input.push_front(question);
                    }
                }
                out.extend(expanded);
            }
            (Some(params), Some((ranges, consumed))) if ranges.len() == params.len() => {
                self.check_circular(name, Some(params.len()), span)?;
                let args: Vec<&[Token]> = ranges.iter().map(|r| &rest[r.clone()]).collect();
                let body = substitute(params, &def.body, &args, span);
                input.drain(..consumed);
                // Rescanned together with the rest of the input.
                for token in body.into_iter().rev() {
                    input.push_front(token);
                }
            }
            (Some(_), _) => {
                return Err(Diagnostic::error(span, format!("argument mismatch for macro '{name}'")));
            }
        }
        Ok(())
    }

    /// epp's check that expanding `(name, arity)` cannot lead back to a
    /// macro already on the way, following the uses written in the bodies.
    fn check_circular(&self, name: &str, arity: Option<usize>, span: Span) -> Result<(), Diagnostic> {
        let key = (name.to_string(), arity);
        if self.acyclic.borrow().contains(&key) {
            return Ok(());
        }
        match self.find_cycle(key, &mut Vec::new()) {
            None => Ok(()),
            Some((name, arity)) => {
                let shown = match arity {
                    Some(n) => format!("{name}/{n}"),
                    None => name,
                };
                Err(Diagnostic::error(span, format!("circular macro '{shown}'"))
                    .with_label("expanding this would never end"))
            }
        }
    }

    /// Depth-first search for a use that repeats one on the path.
    fn find_cycle(&self, key: UseKey, path: &mut Vec<UseKey>) -> Option<UseKey> {
        if path.contains(&key) {
            return Some(key);
        }
        // Very long chains are left to the expansion limits.
        if path.len() > MAX_DEPTH || self.acyclic.borrow().contains(&key) {
            return None;
        }
        let uses = match self.macros.definition_for_uses(&key.0, key.1) {
            Some(def) => body_uses(&def.body),
            None => Vec::new(),
        };
        path.push(key);
        for used in uses {
            if let Some(repeated) = self.find_cycle(used, path) {
                return Some(repeated);
            }
        }
        let key = path.pop()?;
        self.acyclic.borrow_mut().insert(key);
        None
    }
}

/// The macro uses written in a body: `?NAME` with its argument count.
fn body_uses(body: &[Token]) -> Vec<UseKey> {
    let mut uses = Vec::new();
    let mut i = 0;
    while i < body.len() {
        match (&body[i].kind, body.get(i + 1).map(|t| &t.kind)) {
            (TokenKind::Question, Some(TokenKind::Question)) => i += 2,
            (TokenKind::Question, Some(TokenKind::Atom(name) | TokenKind::Var(name))) => {
                let arity = macro_args(&body[i + 2..]).ok().flatten().map(|(args, _)| args.len());
                uses.push((name.clone(), arity));
                i += 2;
            }
            _ => i += 1,
        }
    }
    uses
}

/// The body of a macro with its parameters replaced by the argument tokens
/// and `??Param` by the argument's text (see the module docs for spans).
fn substitute(params: &[String], body: &[Token], args: &[&[Token]], call: Span) -> Vec<Token> {
    let param_index = |kind: &TokenKind| match kind {
        TokenKind::Var(v) => params.iter().position(|p| p == v),
        _ => None,
    };
    let mut out = Vec::with_capacity(body.len());
    let mut span = call;
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
                out.extend_from_slice(args[k]);
                if let Some(last) = args[k].last() {
                    span = last.span;
                }
            }
            None => out.push(Token { kind: body[j].kind.clone(), span }),
        }
        j += 1;
    }
    out
}

/// How the token after `?` is written back in messages.
fn source_text(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Integer(_) | TokenKind::Float(_) | TokenKind::Char(_) | TokenKind::String(_) => {
            stringify(&[Token { kind: kind.clone(), span: Span::default() }])
        }
        other => other.text().to_string(),
    }
}

/// The arguments of a macro use, if `rest` starts with `(`: the range of
/// each argument in `rest`, and the number of tokens up to and including
/// the `)`. `Err` if the list is malformed (`(,`, `(a,)` or not closed).
fn macro_args(rest: &[Token]) -> Result<Option<(Vec<Range<usize>>, usize)>, ()> {
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
        args.push(i..i + len);
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
