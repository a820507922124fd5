//! lalrpop's parse errors as diagnostics, worded like OTP's
//! (`syntax error before: '->'`).

use lalrpop_util::ParseError;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::token::Token;

use super::tok::{otp_text, Tok};

/// At most this many expected tokens are listed in a note.
const MAX_EXPECTED: usize = 8;

pub fn to_diagnostic(tokens: &[Token], err: ParseError<usize, Tok<'_>, Diagnostic>) -> Diagnostic {
    match err {
        ParseError::User { error } => error,
        ParseError::UnrecognizedToken { token: (at, _, _), expected } => {
            with_expected(syntax_error_at(tokens, at), &expected)
        }
        ParseError::ExtraToken { token: (at, _, _) } => syntax_error_at(tokens, at),
        ParseError::InvalidToken { location } => syntax_error_at(tokens, location),
        ParseError::UnrecognizedEof { expected, .. } => {
            let span = tokens.last().map(|t| Span { start: t.span.end, ..t.span }).unwrap_or_default();
            let d = Diagnostic::error(span, "unexpected end of input").with_label("the form ends here");
            if expected.iter().any(|e| e == "\"dot\"") {
                d.with_note("help: is the `.` at the end of the form missing?")
            } else {
                with_expected(d, &expected)
            }
        }
    }
}

fn syntax_error_at(tokens: &[Token], at: usize) -> Diagnostic {
    match tokens.get(at) {
        Some(t) => Diagnostic::error(t.span, format!("syntax error before: {}", otp_text(&t.kind))),
        None => Diagnostic::error(tokens.last().map(|t| t.span).unwrap_or_default(), "syntax error"),
    }
}

fn with_expected(d: Diagnostic, expected: &[String]) -> Diagnostic {
    if expected.is_empty() || expected.len() > MAX_EXPECTED {
        return d;
    }
    let names: Vec<String> = expected.iter().map(|e| terminal_name(e)).collect();
    d.with_note(format!("expected {}", names.join(", ")))
}

/// The grammar's name of a terminal as users know it: `"->"` is `'->'`,
/// `atom` is `an atom`, ...
fn terminal_name(e: &str) -> String {
    match e {
        "atom" => "an atom".into(),
        "var" => "a variable".into(),
        "integer" => "an integer".into(),
        "float" => "a float".into(),
        "char" => "a character".into(),
        "string" => "a string".into(),
        "\"dot\"" => "'.' (end of form)".into(),
        "\"spec\"" => "spec".into(),
        "\"callback\"" => "callback".into(),
        quoted => match quoted.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Some(text) => format!("'{text}'"),
            None => quoted.to_string(),
        },
    }
}
