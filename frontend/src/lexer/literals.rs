//! Literal decoding for the lexer: numbers in any base (to decimal digit
//! strings, arbitrarily large), escape sequences, and the logos callbacks for
//! `$c`, strings, quoted atoms and `Base#Digits`.
//!
//! Callbacks consume their own input with `Lexer::bump`, because what
//! follows a quote or `$` is not regular (escapes, and erl_scan's rule that
//! an unterminated string is reported at its opening quote).

use std::ops::Range;

use logos::Lexer;

use super::Raw;
use crate::diagnostic::Diagnostic;
use crate::span::{FileId, Span};

/// The logos error type: what went wrong and, when narrower or wider than
/// the token logos reports, the exact byte range to blame.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct LexError {
    kind: ErrorKind,
    range: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
enum ErrorKind {
    /// No token starts with this character (logos' default error).
    #[default]
    IllegalCharacter,
    UnterminatedString,
    UnterminatedAtom,
    /// `$` (or `$\`) at the end of the input.
    UnterminatedChar,
    /// A malformed `\x` escape.
    BadHexEscape,
    /// An escape naming a code point that is not a Unicode scalar value.
    BadCodePoint,
    /// `Base#` with a base outside 2..=36.
    BadBase(String),
    /// `Base#` not followed by a digit of that base.
    MissingDigits,
    /// `1.0e` without exponent digits.
    MissingExponent,
}

impl LexError {
    fn new(kind: ErrorKind, range: Range<usize>) -> LexError {
        LexError { kind, range: Some(range) }
    }

    /// The diagnostic for this error; `token` is the range logos reports.
    pub(super) fn into_diagnostic(self, file: FileId, token: Range<usize>, text: &str) -> Diagnostic {
        let range = self.range.unwrap_or(token);
        let span = Span::new(file, range.start, range.end);
        let snippet = text.get(range.clone()).unwrap_or("");
        match self.kind {
            ErrorKind::IllegalCharacter => {
                let c = text.get(range.start..).and_then(|s| s.chars().next()).unwrap_or('\u{FFFD}');
                // Only the one character is to blame.
                let span = Span::new(file, range.start, range.start + c.len_utf8());
                let shown =
                    if c.is_control() || c.is_whitespace() { format!("{}", c.escape_unicode()) } else { c.to_string() };
                Diagnostic::error(span, format!("illegal character `{shown}`")).with_label("not valid in Erlang source")
            }
            ErrorKind::UnterminatedString => Diagnostic::error(span, "unterminated string starting here")
                .with_label("no closing `\"` before the end of the file"),
            ErrorKind::UnterminatedAtom => Diagnostic::error(span, "unterminated quoted atom starting here")
                .with_label("no closing `'` before the end of the file"),
            ErrorKind::UnterminatedChar => {
                Diagnostic::error(span, "unterminated character literal").with_label("expected a character after this")
            }
            ErrorKind::BadHexEscape => Diagnostic::error(span, format!("invalid hexadecimal escape `{snippet}`"))
                .with_note("write `\\xHH` (two hex digits) or `\\x{H...}`"),
            ErrorKind::BadCodePoint => Diagnostic::error(span, format!("escape `{snippet}` is not a valid character"))
                .with_label("not a Unicode scalar value"),
            ErrorKind::BadBase(base) => Diagnostic::error(span, format!("invalid base {base} in integer literal"))
                .with_note("the base of `Base#Digits` must be between 2 and 36"),
            ErrorKind::MissingDigits => Diagnostic::error(span, format!("missing digits after `{snippet}`"))
                .with_label("expected a digit of this base"),
            ErrorKind::MissingExponent => {
                Diagnostic::error(span, format!("invalid float literal `{snippet}`: missing exponent digits"))
            }
        }
    }
}

/// Why an escape sequence is bad; `len` is how many bytes after the
/// backslash belong to it.
struct EscapeError {
    kind: ErrorKind,
    len: usize,
}

/// Decodes one escape sequence; `after` is the text right after the
/// backslash. Returns the code point and the number of bytes used.
///
/// The rules are erl_scan's: up to three octal digits; `\xHH` or
/// `\x{H...}`; `\^C` is `C band 31`; the letters n r t v b f e s d; any
/// other character stands for itself.
fn escape(after: &str) -> Result<(u32, usize), EscapeError> {
    let mut chars = after.chars();
    let Some(first) = chars.next() else {
        return Err(EscapeError { kind: ErrorKind::UnterminatedChar, len: 0 });
    };
    let simple = |value: u32| Ok((value, first.len_utf8()));
    match first {
        '0'..='7' => {
            let digits: String = after.chars().take(3).take_while(|c| ('0'..='7').contains(c)).collect();
            let value = u32::from_str_radix(&digits, 8).unwrap_or(0);
            Ok((value, digits.len()))
        }
        'x' => hex_escape(after),
        '^' => match chars.next() {
            Some(c) => Ok((c as u32 & 31, 1 + c.len_utf8())),
            None => Err(EscapeError { kind: ErrorKind::UnterminatedChar, len: 1 }),
        },
        'n' => simple(10),
        'r' => simple(13),
        't' => simple(9),
        'v' => simple(11),
        'b' => simple(8),
        'f' => simple(12),
        'e' => simple(27),
        's' => simple(32),
        'd' => simple(127),
        other => simple(other as u32),
    }
}

/// `\xHH` or `\x{H...}`; `after` starts with the `x`.
fn hex_escape(after: &str) -> Result<(u32, usize), EscapeError> {
    let body = &after[1..];
    if let Some(braced) = body.strip_prefix('{') {
        let digits: String = braced.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        let after_digits = 2 + digits.len();
        if !braced[digits.len()..].starts_with('}') {
            let bad = blamed_len(&braced[digits.len()..]);
            return Err(EscapeError { kind: ErrorKind::BadHexEscape, len: after_digits + bad });
        }
        let len = after_digits + 1;
        if digits.is_empty() {
            return Err(EscapeError { kind: ErrorKind::BadHexEscape, len });
        }
        match u32::from_str_radix(&digits, 16).ok().filter(|v| char::from_u32(*v).is_some()) {
            Some(value) => Ok((value, len)),
            None => Err(EscapeError { kind: ErrorKind::BadCodePoint, len }),
        }
    } else {
        let digits: String = body.chars().take(2).take_while(|c| c.is_ascii_hexdigit()).collect();
        if digits.len() == 2 {
            Ok((u32::from_str_radix(&digits, 16).unwrap_or(0), 3))
        } else {
            let bad = blamed_len(&body[digits.len()..]);
            Err(EscapeError { kind: ErrorKind::BadHexEscape, len: 1 + digits.len() + bad })
        }
    }
}

/// How many bytes of the character that broke an escape belong to the
/// error. A quote or line break is left alone: it most likely ends the
/// literal, and swallowing it would turn one error into "unterminated".
fn blamed_len(rest: &str) -> usize {
    match rest.chars().next() {
        Some('"' | '\'' | '\n') | None => 0,
        Some(c) => c.len_utf8(),
    }
}

/// `$c`: the callback runs with the `$` matched.
pub(super) fn char_literal(lex: &mut Lexer<Raw>) -> Result<u32, LexError> {
    let start = lex.span().start;
    let rest = lex.remainder();
    match rest.chars().next() {
        None => Err(LexError::new(ErrorKind::UnterminatedChar, start..start + 1)),
        Some('\\') => match escape(&rest[1..]) {
            Ok((value, len)) => {
                lex.bump(1 + len);
                if char::from_u32(value).is_none() {
                    return Err(LexError::new(ErrorKind::BadCodePoint, start + 1..start + 2 + len));
                }
                Ok(value)
            }
            Err(error) => {
                lex.bump(1 + error.len);
                let range = match error.kind {
                    ErrorKind::UnterminatedChar => start..lex.span().end,
                    _ => start + 1..start + 2 + error.len,
                };
                Err(LexError::new(error.kind, range))
            }
        },
        Some(c) => {
            lex.bump(c.len_utf8());
            Ok(c as u32)
        }
    }
}

pub(super) fn string_literal(lex: &mut Lexer<Raw>) -> Result<String, LexError> {
    quoted(lex, '"', ErrorKind::UnterminatedString)
}

pub(super) fn quoted_atom(lex: &mut Lexer<Raw>) -> Result<String, LexError> {
    quoted(lex, '\'', ErrorKind::UnterminatedAtom)
}

/// Reads up to the closing `quote`, decoding escapes. A bad escape does not
/// stop the scan, so the rest of the literal is not misread as code.
fn quoted(lex: &mut Lexer<Raw>, quote: char, unterminated: ErrorKind) -> Result<String, LexError> {
    let open = lex.span().start;
    let rest = lex.remainder();
    let mut value = String::new();
    let mut first_error = None;
    let mut i = 0;
    while let Some(c) = rest[i..].chars().next() {
        if c == quote {
            lex.bump(i + 1);
            return match first_error {
                Some(error) => Err(error),
                None => Ok(value),
            };
        }
        if c != '\\' {
            value.push(c);
            i += c.len_utf8();
            continue;
        }
        // Offsets of the backslash in the whole text.
        let at = open + 1 + i;
        match escape(&rest[i + 1..]) {
            Ok((code, len)) => {
                match char::from_u32(code) {
                    Some(c) => value.push(c),
                    None => {
                        first_error.get_or_insert(LexError::new(ErrorKind::BadCodePoint, at..at + 1 + len));
                    }
                }
                i += 1 + len;
            }
            Err(EscapeError { kind: ErrorKind::UnterminatedChar, .. }) => break,
            Err(error) => {
                first_error.get_or_insert(LexError::new(error.kind, at..at + 1 + error.len));
                i += 1 + error.len;
            }
        }
    }
    lex.bump(rest.len());
    Err(LexError::new(unterminated, open..open + 1))
}

/// `Base#Digits`: the callback runs with `Base#` matched.
pub(super) fn based_integer(lex: &mut Lexer<Raw>) -> Result<String, LexError> {
    let start = lex.span().start;
    let slice = lex.slice();
    let base_text: String = slice[..slice.len() - 1].chars().filter(|c| *c != '_').collect();
    let base = base_text.parse::<u32>().ok().filter(|b| (2..=36).contains(b));
    let Some(base) = base else {
        // Swallow the digits too, so they are not reported again.
        let junk = lex.remainder().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').count();
        lex.bump(junk);
        let base_end = start + slice.len() - 1;
        return Err(LexError::new(ErrorKind::BadBase(decimal_digits(&base_text)), start..base_end));
    };

    let rest = lex.remainder().as_bytes();
    let digit = |i: usize| rest.get(i).and_then(|b| (*b as char).to_digit(base));
    let mut digits = Vec::new();
    let mut i = 0;
    loop {
        if let Some(d) = digit(i) {
            digits.push(d);
            i += 1;
        } else if rest.get(i) == Some(&b'_') && !digits.is_empty() && digit(i + 1).is_some() {
            i += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        return Err(LexError::new(ErrorKind::MissingDigits, start..start + slice.len()));
    }
    lex.bump(i);
    Ok(digits_to_decimal(&digits, base))
}

pub(super) fn missing_exponent(_lex: &mut Lexer<Raw>) -> Result<(), LexError> {
    Err(LexError { kind: ErrorKind::MissingExponent, range: None })
}

/// A decimal literal (with `_` separators) as canonical decimal digits.
pub(super) fn decimal_digits(text: &str) -> String {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The value of a float literal, or `None` if it overflows (erl_scan
/// rejects those; tiny values round to zero as in erl_scan).
pub(super) fn float_value(text: &str) -> Option<f64> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    cleaned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Converts digits (most significant first) in `base` to decimal, with
/// arbitrary precision: limbs of nine decimal digits, least significant
/// first.
pub(crate) fn digits_to_decimal(digits: &[u32], base: u32) -> String {
    const LIMB: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for &d in digits {
        let mut carry = d as u64;
        for limb in limbs.iter_mut() {
            let v = *limb * base as u64 + carry;
            *limb = v % LIMB;
            carry = v / LIMB;
        }
        while carry > 0 {
            limbs.push(carry % LIMB);
            carry /= LIMB;
        }
    }
    let mut out = String::new();
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        out.push_str(&top.to_string());
    }
    for limb in iter {
        out.push_str(&format!("{limb:09}"));
    }
    out
}
