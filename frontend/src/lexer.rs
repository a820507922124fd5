//! Lexer: source text to [`Token`]s, following OTP 25's `erl_scan`.
//!
//! The bulk of the work is a logos DFA over [`Raw`] tokens. The parts a
//! regular expression cannot express well (escape sequences, `Base#Digits`
//! with a base-dependent digit set, the context-sensitive end-of-form dot)
//! are callbacks or a small post-pass, with the literal decoding in
//! [`literals`].
//!
//! Two entry points: [`lex`] stops at the first error, which is what most
//! callers want; [`lex_recovering`] keeps going and reports every error
//! together with where it falls in the token stream, so the preprocessor can
//! ignore errors inside skipped `-ifdef` regions the way `epp` does.

mod literals;
#[cfg(test)]
pub(crate) mod tests;

use logos::Logos;

use crate::diagnostic::Diagnostic;
use crate::span::{FileId, Span};
use crate::token::{Token, TokenKind};

use literals::LexError;

/// Longest atom `erl_scan` accepts, in characters.
const MAX_ATOM_LEN: usize = 255;

/// Tokenizes `text` (the contents of file `file`), stopping at the first
/// error.
pub fn lex(file: FileId, text: &str) -> Result<Vec<Token>, Diagnostic> {
    let (tokens, mut errors) = lex_recovering(file, text);
    if errors.is_empty() {
        Ok(tokens)
    } else {
        Err(errors.swap_remove(0).diagnostic)
    }
}

/// A lexical error and its position in the token stream.
#[derive(Debug, Clone, PartialEq)]
pub struct LexDiagnostic {
    /// Index in the returned token vector of the first token after the
    /// erroneous text (equal to its length if the error is at the end).
    pub token_index: usize,
    pub diagnostic: Diagnostic,
}

/// Tokenizes all of `text`, skipping over erroneous text and recording
/// every error. Errors are in source order.
pub fn lex_recovering(file: FileId, text: &str) -> (Vec<Token>, Vec<LexDiagnostic>) {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut lexer = Raw::lexer(text);
    while let Some(result) = lexer.next() {
        let range = lexer.span();
        let span = Span::new(file, range.start, range.end);
        match result {
            Ok(raw) => match convert(raw, lexer.slice(), text, range.end, span) {
                Ok(kind) => tokens.push(Token { kind, span }),
                Err(diagnostic) => errors.push(LexDiagnostic { token_index: tokens.len(), diagnostic }),
            },
            Err(error) => {
                let diagnostic = error.into_diagnostic(file, range, text);
                errors.push(LexDiagnostic { token_index: tokens.len(), diagnostic });
            }
        }
    }
    (tokens, errors)
}

/// The tokens as logos sees them. Names, numbers and `.` are classified
/// further by [`convert`].
#[derive(Logos, Debug, Clone, PartialEq)]
#[logos(error = LexError)]
// erl_scan's white space: every character up to and including space, and
// the Latin-1 range 0x80..=0xA0 (C1 controls and no-break space).
#[logos(skip r"[\x00-\x20\u{80}-\u{A0}]+")]
#[logos(skip(r"%[^\n]*", allow_greedy = true))]
enum Raw {
    /// Unquoted atom or reserved word. Latin-1 lower-case letters start
    /// atoms, as in erl_scan (ß-ÿ except ÷).
    #[regex(r"[a-zß-öø-ÿ][A-Za-z0-9_@À-ÖØ-Þß-öø-ÿ]*")]
    Name,
    /// Variables start with an upper-case letter (Latin-1 À-Þ except ×) or `_`.
    #[regex(r"[A-Z_À-ÖØ-Þ][A-Za-z0-9_@À-ÖØ-Þß-öø-ÿ]*")]
    Var,
    /// Decimal integer; `_` only between digits (`1_a` is `1` then `_a`).
    #[regex(r"[0-9]+(_[0-9]+)*")]
    Integer,
    /// `Base#Digits`: the callback reads the digits, whose set depends on the base.
    #[regex(r"[0-9]+(_[0-9]+)*#", literals::based_integer)]
    Based(String),
    #[regex(r"[0-9]+(_[0-9]+)*\.[0-9]+(_[0-9]+)*([eE][+-]?[0-9]+(_[0-9]+)*)?")]
    Float,
    /// `1.0e` / `1.0e+` without exponent digits: erl_scan rejects the whole
    /// thing rather than splitting it.
    #[regex(r"[0-9]+(_[0-9]+)*\.[0-9]+(_[0-9]+)*[eE][+-]?", literals::missing_exponent)]
    BadFloat,
    #[token("$", literals::char_literal)]
    Char(u32),
    #[token("\"", literals::string_literal)]
    String(String),
    #[token("'", literals::quoted_atom)]
    QuotedAtom(String),

    /// `.`: end of form or `Period`, depending on what follows.
    #[token(".")]
    Dot,
    #[token("..")]
    DotDot,
    #[token("...")]
    Ellipsis,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("<<")]
    LDoubleAngle,
    #[token(">>")]
    RDoubleAngle,
    #[token(",")]
    Comma,
    #[token(";")]
    Semicolon,
    #[token(":")]
    Colon,
    #[token("::")]
    ColonColon,
    #[token("|")]
    Pipe,
    #[token("||")]
    DoublePipe,
    #[token("->")]
    Arrow,
    #[token("=>")]
    FatArrow,
    #[token(":=")]
    ColonEq,
    #[token("<-")]
    LeftArrow,
    #[token("<=")]
    LeftDoubleArrow,
    #[token("?=")]
    MaybeMatch,
    #[token("#")]
    Hash,
    #[token("?")]
    Question,
    #[token("??")]
    DoubleQuestion,
    #[token("!")]
    Bang,
    #[token("=")]
    Eq,
    #[token("==")]
    EqEq,
    #[token("/=")]
    SlashEq,
    #[token("=<")]
    EqLt,
    #[token("<")]
    Lt,
    #[token(">=")]
    GtEq,
    #[token(">")]
    Gt,
    #[token("=:=")]
    EqColonEq,
    #[token("=/=")]
    EqSlashEq,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("++")]
    PlusPlus,
    #[token("--")]
    MinusMinus,
}

/// erl_scan's white-space test, also used for the end-of-form rule.
pub(crate) fn is_erlang_whitespace(c: char) -> bool {
    c <= ' ' || ('\u{80}'..='\u{A0}').contains(&c)
}

/// Turns a raw token into a [`TokenKind`]; `end` is the byte offset just
/// past it in `text` (the end-of-form rule looks at the next character).
fn convert(raw: Raw, slice: &str, text: &str, end: usize, span: Span) -> Result<TokenKind, Diagnostic> {
    use TokenKind as K;
    Ok(match raw {
        Raw::Name => match TokenKind::keyword(slice) {
            Some(keyword) => keyword,
            None => K::Atom(checked_atom(slice.to_string(), span)?),
        },
        Raw::Var => K::Var(slice.to_string()),
        Raw::Integer => K::Integer(literals::decimal_digits(slice)),
        Raw::Based(digits) => K::Integer(digits),
        Raw::Float => K::Float(literals::float_value(slice).ok_or_else(|| {
            Diagnostic::error(span, format!("float literal `{slice}` is out of range"))
                .with_label("too large for a 64-bit float")
        })?),
        // The callback always fails, so this arm is never reached; keep a
        // sensible error anyway rather than a panic.
        Raw::BadFloat => return Err(Diagnostic::error(span, "invalid float literal: missing exponent digits")),
        Raw::Char(c) => K::Char(c),
        Raw::String(s) => K::String(s),
        Raw::QuotedAtom(s) => K::Atom(checked_atom(s, span)?),
        Raw::Dot => {
            let next = text[end..].chars().next();
            match next {
                None => K::Dot,
                Some(c) if c == '%' || is_erlang_whitespace(c) => K::Dot,
                Some(_) => K::Period,
            }
        }
        Raw::DotDot => K::DotDot,
        Raw::Ellipsis => K::Ellipsis,
        Raw::LParen => K::LParen,
        Raw::RParen => K::RParen,
        Raw::LBrace => K::LBrace,
        Raw::RBrace => K::RBrace,
        Raw::LBracket => K::LBracket,
        Raw::RBracket => K::RBracket,
        Raw::LDoubleAngle => K::LDoubleAngle,
        Raw::RDoubleAngle => K::RDoubleAngle,
        Raw::Comma => K::Comma,
        Raw::Semicolon => K::Semicolon,
        Raw::Colon => K::Colon,
        Raw::ColonColon => K::ColonColon,
        Raw::Pipe => K::Pipe,
        Raw::DoublePipe => K::DoublePipe,
        Raw::Arrow => K::Arrow,
        Raw::FatArrow => K::FatArrow,
        Raw::ColonEq => K::ColonEq,
        Raw::LeftArrow => K::LeftArrow,
        Raw::LeftDoubleArrow => K::LeftDoubleArrow,
        Raw::MaybeMatch => K::MaybeMatch,
        Raw::Hash => K::Hash,
        Raw::Question => K::Question,
        Raw::DoubleQuestion => K::DoubleQuestion,
        Raw::Bang => K::Bang,
        Raw::Eq => K::Eq,
        Raw::EqEq => K::EqEq,
        Raw::SlashEq => K::SlashEq,
        Raw::EqLt => K::EqLt,
        Raw::Lt => K::Lt,
        Raw::GtEq => K::GtEq,
        Raw::Gt => K::Gt,
        Raw::EqColonEq => K::EqColonEq,
        Raw::EqSlashEq => K::EqSlashEq,
        Raw::Plus => K::Plus,
        Raw::Minus => K::Minus,
        Raw::Star => K::Star,
        Raw::Slash => K::Slash,
        Raw::PlusPlus => K::PlusPlus,
        Raw::MinusMinus => K::MinusMinus,
    })
}

/// The runtime's atom table (like BEAM's) holds atoms of at most 255
/// characters; erl_scan rejects longer ones at compile time.
fn checked_atom(name: String, span: Span) -> Result<String, Diagnostic> {
    let len = name.chars().count();
    if len > MAX_ATOM_LEN {
        Err(Diagnostic::error(span, "atom is too long")
            .with_label(format!("{len} characters"))
            .with_note(format!("atoms may have at most {MAX_ATOM_LEN} characters")))
    } else {
        Ok(name)
    }
}
