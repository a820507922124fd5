//! Language features (`-feature(maybe_expr, enable).`), as OTP 25 has them.
//!
//! The only OTP 25 feature is `maybe_expr`, off by default: `maybe` and
//! `else` are then ordinary atoms (17 OTP 25 source files use `maybe` as
//! an atom). The lexer always produces the reserved-word tokens (see
//! [`TokenKind::keyword`]), so this module turns them back into atoms in
//! every form read while the feature is off, which is what erl_scan does
//! with epp's feature-aware reserved-word function.

use std::borrow::Cow;

use crate::diagnostic::Diagnostic;
use crate::token::{Token, TokenKind};

pub const MAYBE_EXPR: &str = "maybe_expr";

#[derive(Debug)]
pub struct Features {
    maybe_expr: bool,
    /// Still in the module prefix, where `-feature` is allowed.
    in_prefix: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features { maybe_expr: false, in_prefix: true }
    }
}

impl Features {
    pub fn maybe_expr_enabled(&self) -> bool {
        self.maybe_expr
    }

    /// Called for every form that ends the prefix (anything but `-module`,
    /// `-feature`, conditionals, `-define` and includes, as in epp).
    pub fn leave_prefix(&mut self) {
        self.in_prefix = false;
    }

    /// `-feature(Name, enable | disable).`
    pub fn directive(&mut self, form: &[Token]) -> Result<(), Diagnostic> {
        use TokenKind::*;
        let (name, switch) = match form {
            [_, _, Token { kind: LParen, .. }, name @ Token { kind: Atom(_), .. }, Token { kind: Comma, .. }, Token { kind: Atom(switch), .. }, Token { kind: RParen, .. }, Token { kind: Dot, .. }]
                if switch == "enable" || switch == "disable" =>
            {
                (name, switch)
            }
            _ => {
                return Err(Diagnostic::error(form.get(2).unwrap_or(&form[1]).span, "badly formed 'feature'")
                    .with_note("expected `-feature(Name, enable).` or `-feature(Name, disable).`"));
            }
        };
        if !self.in_prefix {
            return Err(Diagnostic::error(
                form[1].span,
                "feature directive not allowed after exports or record definitions",
            ));
        }
        match &name.kind {
            Atom(n) if n == MAYBE_EXPR => {
                self.maybe_expr = switch == "enable";
                Ok(())
            }
            Atom(n) => Err(Diagnostic::error(name.span, format!("the feature '{n}' does not exist"))
                .with_note(format!("the only feature in OTP 25 is '{MAYBE_EXPR}'"))),
            _ => Ok(()),
        }
    }

    /// The form as erl_scan would have read it with the current features.
    pub fn read<'t>(&self, form: &'t [Token]) -> Cow<'t, [Token]> {
        let is_feature_word = |t: &Token| matches!(t.kind, TokenKind::Maybe | TokenKind::Else);
        if self.maybe_expr || !form.iter().any(is_feature_word) {
            return Cow::Borrowed(form);
        }
        Cow::Owned(
            form.iter()
                .map(|t| match t.kind {
                    TokenKind::Maybe => Token { kind: TokenKind::Atom("maybe".into()), span: t.span },
                    TokenKind::Else => Token { kind: TokenKind::Atom("else".into()), span: t.span },
                    _ => t.clone(),
                })
                .collect(),
        )
    }
}
