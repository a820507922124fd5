//! The parser's view of a token, and how syntax errors print tokens.

use crate::token::TokenKind;

/// A token as the generated parser sees it: the lexer's token, or one of the
/// two attribute keywords that `erl_parse` recognises only right after the
/// `-` that starts a form (`-spec`, `-callback`), where their type-language
/// syntax would otherwise clash with ordinary attributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tok<'t> {
    Kind(&'t TokenKind),
    Spec,
    Callback,
}

/// A token written the way OTP's `syntax error before: ...` message writes it:
/// atoms quoted only when needed, strings and characters in Erlang syntax,
/// keywords and punctuation as quoted atoms (`'->'`, `'end'`, `'.'`).
pub fn otp_text(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Atom(a) => write_atom(a),
        TokenKind::Var(v) => v.clone(),
        TokenKind::Integer(i) => i.clone(),
        TokenKind::Float(f) => format!("{f:?}"),
        TokenKind::Char(c) => format!("${}", escape_char(*c, '$')),
        TokenKind::String(s) => {
            let body: String = s.chars().map(|c| escape_char(c as u32, '"')).collect();
            format!("\"{body}\"")
        }
        other => format!("'{}'", other.text()),
    }
}

/// An atom as `io_lib:write_atom/1` writes it.
pub fn write_atom(a: &str) -> String {
    let mut chars = a.chars();
    let plain = match chars.next() {
        Some(c) if c.is_ascii_lowercase() => chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@'),
        _ => false,
    };
    if plain && TokenKind::keyword(a).is_none() {
        a.to_string()
    } else {
        let body: String = a.chars().map(|c| escape_char(c as u32, '\'')).collect();
        format!("'{body}'")
    }
}

fn escape_char(c: u32, quote: char) -> String {
    match char::from_u32(c) {
        Some('\n') => "\\n".into(),
        Some('\t') => "\\t".into(),
        Some('\r') => "\\r".into(),
        Some('\\') => "\\\\".into(),
        Some(ch) if ch == quote && quote != '$' => format!("\\{ch}"),
        Some(ch) if (ch as u32) < 0x20 || ch as u32 == 0x7f => format!("\\{:o}", ch as u32),
        Some(ch) => ch.to_string(),
        None => format!("\\x{{{c:X}}}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_tokens_like_otp() {
        assert_eq!(otp_text(&TokenKind::Arrow), "'->'");
        assert_eq!(otp_text(&TokenKind::End), "'end'");
        assert_eq!(otp_text(&TokenKind::Dot), "'.'");
        assert_eq!(otp_text(&TokenKind::Atom("foo".into())), "foo");
        assert_eq!(otp_text(&TokenKind::Atom("hello world".into())), "'hello world'");
        assert_eq!(otp_text(&TokenKind::Atom("case".into())), "'case'");
        assert_eq!(otp_text(&TokenKind::Atom("Foo".into())), "'Foo'");
        assert_eq!(otp_text(&TokenKind::Var("X".into())), "X");
        assert_eq!(otp_text(&TokenKind::String("a\"b\n".into())), "\"a\\\"b\\n\"");
        assert_eq!(otp_text(&TokenKind::Char('a' as u32)), "$a");
        assert_eq!(otp_text(&TokenKind::Integer("42".into())), "42");
        assert_eq!(otp_text(&TokenKind::Float(1.5)), "1.5");
    }
}
