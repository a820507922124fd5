//! `??Arg`: macro argument tokens back to source text, as epp writes them:
//! each token printed the way `io_lib` prints the term (atoms quoted when
//! needed, floats in shortest form, strings and characters escaped) and the
//! tokens joined by single spaces, e.g. `foo ( 1 , "s" , 'a b' )`.

use crate::token::{Token, TokenKind};

pub fn stringify(tokens: &[Token]) -> String {
    let parts: Vec<String> = tokens.iter().map(|t| token_source(&t.kind)).collect();
    parts.join(" ")
}

fn token_source(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Atom(a) => write_atom(a),
        TokenKind::Var(v) => v.clone(),
        TokenKind::Integer(digits) => digits.clone(),
        TokenKind::Float(f) => write_float(*f),
        TokenKind::Char(c) => write_char(*c),
        TokenKind::String(s) => write_string(s, '"'),
        other => other.text().to_string(),
    }
}

/// An atom as `~w` writes it: bare when it reads back as the same atom,
/// otherwise quoted. Characters above Latin-1 force quoting (`~w` is not
/// Unicode-aware).
pub fn write_atom(name: &str) -> String {
    let mut chars = name.chars();
    let bare = match chars.next() {
        Some(first) => {
            is_latin1_lower(first)
                && chars.all(|c| is_latin1_lower(c) || is_latin1_upper(c) || c.is_ascii_digit() || c == '_' || c == '@')
                && !is_reserved(name)
        }
        None => false,
    };
    if bare {
        name.to_string()
    } else {
        write_string(name, '\'')
    }
}

/// OTP 25's reserved words: `maybe` and `else` only are with the
/// `maybe_expr` feature, and `~w` writes them bare.
fn is_reserved(name: &str) -> bool {
    TokenKind::keyword(name).is_some() && !matches!(name, "maybe" | "else")
}

fn is_latin1_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('ß'..='ÿ').contains(&c) && c != '÷')
}

fn is_latin1_upper(c: char) -> bool {
    c.is_ascii_uppercase() || (('À'..='Þ').contains(&c) && c != '×')
}

/// A quoted string or atom with `io_lib`'s escapes.
fn write_string(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if quote == '\'' && c as u32 > 255 {
            out.push_str(&format!("\\x{{{:X}}}", c as u32));
        } else {
            push_escaped(&mut out, c);
        }
    }
    out.push(quote);
    out
}

/// `$c` as `io_lib:write_char/1` writes it.
fn write_char(code: u32) -> String {
    let Some(c) = char::from_u32(code) else {
        return format!("$\\x{{{code:X}}}");
    };
    let mut out = String::from("$");
    match c {
        ' ' => out.push_str("\\s"),
        '\\' => out.push_str("\\\\"),
        _ => push_escaped(&mut out, c),
    }
    out
}

/// Control characters as the named escapes, else three-digit octal;
/// everything printable as itself.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\u{1b}' => out.push_str("\\e"),
        '\u{7f}' => out.push_str("\\d"),
        c if (c as u32) < 32 || (128..160).contains(&(c as u32)) => out.push_str(&format!("\\{:03o}", c as u32)),
        c => out.push(c),
    }
}

/// A float as `~w` writes it: the shortest digits that read back as the
/// same value, in plain or exponent notation, whichever is shorter (plain
/// on a tie): `100.0`, `1.0e3`, `0.0001`, `1.0e-5`.
pub fn write_float(f: f64) -> String {
    let sign = if f.is_sign_negative() { "-" } else { "" };
    // Rust's `{:e}` gives the shortest round-trip digits: `1.2345e4`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let scientific = format!("{first}.{}e{exponent}", if rest.is_empty() { "0" } else { rest });
    let plain = if exponent >= 0 {
        let int_len = exponent as usize + 1;
        if digits.len() <= int_len {
            format!("{digits}{}.0", "0".repeat(int_len - digits.len()))
        } else {
            format!("{}.{}", &digits[..int_len], &digits[int_len..])
        }
    } else {
        format!("0.{}{digits}", "0".repeat((-exponent - 1) as usize))
    };
    let best = if scientific.len() < plain.len() { scientific } else { plain };
    format!("{sign}{best}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::lex;
    use crate::span::FileId;

    fn roundtrip(src: &str) -> String {
        stringify(&lex(FileId(0), src).unwrap())
    }

    #[test]
    fn floats_like_io_lib() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (12345.0, "12345.0"),
            (1.0e10, "1.0e10"),
            (0.0001, "0.0001"),
            (1.0e-5, "1.0e-5"),
            (0.00123, "0.00123"),
            (120000.0, "1.2e5"),
            (1234567.0, "1234567.0"),
            (123.456, "123.456"),
            (0.0, "0.0"),
            (5.0e-324, "5.0e-324"),
            (1.5e300, "1.5e300"),
            (2.5e-3, "0.0025"),
        ];
        for (f, text) in cases {
            assert_eq!(write_float(f), text, "{f}");
        }
    }

    #[test]
    fn tokens_like_epp() {
        assert_eq!(
            roundtrip(r#"foo(1, "s", 'a b', $\n, 1.0e10, [x|Y])"#),
            r#"foo ( 1 , "s" , 'a b' , $\n , 1.0e10 , [ x | Y ] )"#
        );
        assert_eq!(roundtrip("a  .b"), "a . b");
        assert_eq!(roundtrip("16#FF + $\\s + $a + $\\\\ + $' + $\\177"), "255 + $\\s + $a + $\\\\ + $' + $\\d");
        assert_eq!(
            roundtrip(r#""a\nb\"\\\x01é" 'it\'s' 'case' 'Abc' a@b 'é' ''"#),
            r#""a\nb\"\\\001é" 'it\'s' 'case' 'Abc' a@b é ''"#
        );
        assert_eq!(roundtrip("'\\x{100}' $\\x{100} \"\\x{100}\""), "'\\x{100}' $\u{100} \"\u{100}\"");
        assert_eq!(roundtrip("X == 1 andalso <<1>> =/= #{}"), "X == 1 andalso << 1 >> =/= # { }");
    }
}
