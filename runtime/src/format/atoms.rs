//! Atom texts as `io_lib:write_atom/1` prints them: quoted (`'Foo'`,
//! `'hello world'`, `'and'`, `'[]'`) unless the name is a lower-case
//! letter followed by letters, digits, `_` and `@` (latin-1 letters count),
//! and not a reserved word.

use super::strings::push_escaped;
use super::Encoding;

/// The reserved words of OTP 25 (`erl_scan:reserved_word/1`).
const RESERVED: &[&str] = &[
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div",
    "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
];

fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{DF}'..='\u{FF}').contains(&c) && c != '\u{F7}')
}

fn is_name_char(c: char) -> bool {
    is_lower(c)
        || c.is_ascii_uppercase()
        || (('\u{C0}'..='\u{DE}').contains(&c) && c != '\u{D7}')
        || c.is_ascii_digit()
        || c == '_'
        || c == '@'
}

/// Whether `io_lib` quotes the atom `name`.
pub fn needs_quotes(name: &str) -> bool {
    if RESERVED.contains(&name) {
        return true;
    }
    let mut cs = name.chars();
    match cs.next() {
        Some(c) if is_lower(c) => !cs.all(is_name_char),
        _ => true,
    }
}

/// Appends the atom `name` as `io_lib:write_atom` (`unicode`) or
/// `io_lib:write_atom_as_latin1` (`latin1`: characters above 255 escaped as
/// `\x{...}`) would.
pub fn push_atom(out: &mut String, name: &str, enc: Encoding) {
    if !needs_quotes(name) {
        out.push_str(name);
        return;
    }
    out.push('\'');
    for c in name.chars() {
        push_escaped(out, c as u32, '\'', enc);
    }
    out.push('\'');
}

/// The atom `name` as `io_lib` writes it.
pub fn atom_text(name: &str, enc: Encoding) -> String {
    let mut s = String::with_capacity(name.len() + 2);
    push_atom(&mut s, name, enc);
    s
}
