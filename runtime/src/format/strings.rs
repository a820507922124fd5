//! Character data in printed terms: which lists print as strings, and how
//! characters are escaped inside `"..."` and `'...'`.

use super::Encoding;
use crate::abi::{tag, Term};
use crate::term::{list_iter, view, TermView};

/// `io_lib:printable_latin1_list/1` on one character: ISO 8859-1 graphic
/// characters and the escapable control characters `\n \r \t \v \b \f \e`.
pub fn is_printable_latin1(c: i64) -> bool {
    matches!(c, 0x20..=0x7E | 0xA0..=0xFF | 8..=13 | 27)
}

/// Whether `t` is a non-empty proper list of printable latin-1 characters
/// (the default printable range, so `~p` and `~tp` agree), returning the
/// characters.
pub fn printable_latin1_list(t: Term) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for item in list_iter(t) {
        let c = item.ok()?;
        if !tag::is_small(c) || !is_printable_latin1(tag::small_value(c)) {
            return None;
        }
        out.push(tag::small_value(c) as u32);
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// Appends `c` escaped as `io_lib:write_string/2` does inside quotes `q`.
pub fn push_escaped(out: &mut String, c: u32, q: char, enc: Encoding) {
    let ch = char::from_u32(c);
    match c {
        _ if Some(q) == ch => {
            out.push('\\');
            out.push(q);
        }
        0x5C => out.push_str("\\\\"),
        0x20..=0x7E => out.push(c as u8 as char),
        0xA0..=0xFF => out.push(char::from(c as u8)),
        0x0A => out.push_str("\\n"),
        0x0D => out.push_str("\\r"),
        0x09 => out.push_str("\\t"),
        0x0B => out.push_str("\\v"),
        0x08 => out.push_str("\\b"),
        0x0C => out.push_str("\\f"),
        0x1B => out.push_str("\\e"),
        0x7F => out.push_str("\\d"),
        0..=0x9F => {
            out.push('\\');
            out.push(char::from(b'0' + ((c >> 6) & 7) as u8));
            out.push(char::from(b'0' + ((c >> 3) & 7) as u8));
            out.push(char::from(b'0' + (c & 7) as u8));
        }
        _ => match (enc, ch) {
            (Encoding::Unicode, Some(ch)) => out.push(ch),
            _ => {
                out.push_str("\\x{");
                out.push_str(&format!("{c:X}"));
                out.push('}');
            }
        },
    }
}

/// `"chars"` with escapes.
pub fn quoted_string(chars: &[u32], enc: Encoding) -> String {
    let mut s = String::with_capacity(chars.len() + 2);
    s.push('"');
    for &c in chars {
        push_escaped(&mut s, c, '"', enc);
    }
    s.push('"');
    s
}

/// Characters of a deep list of characters and binaries (`iolist_to_chars`
/// for `latin1`, `cdata_to_chars` for `unicode`): `None` when the term is
/// not such data (or, for `latin1`, holds a character above 255).
pub fn chardata_chars(t: Term, enc: Encoding, out: &mut Vec<u32>) -> Option<()> {
    // An explicit stack of list remainders keeps deep lists off the native stack.
    let mut stack = vec![t];
    while let Some(cur) = stack.pop() {
        match view(cur) {
            TermView::Nil => {}
            TermView::Cons(h, tl) => {
                stack.push(tl);
                match view(h) {
                    TermView::Small(c) => {
                        let max = if enc == Encoding::Latin1 { 0xFF } else { 0x10_FFFF };
                        if !(0..=max).contains(&c) {
                            return None;
                        }
                        out.push(c as u32);
                    }
                    TermView::Cons(..) | TermView::Nil | TermView::Binary(_) => stack.push(h),
                    _ => return None,
                }
            }
            TermView::Binary(b) => push_binary_chars(b, enc, out),
            _ => return None,
        }
    }
    Some(())
}

/// A binary's characters: bytes for `latin1`; for `unicode`, UTF-8 when the
/// binary is valid UTF-8, else its bytes.
fn push_binary_chars(b: &[u8], enc: Encoding, out: &mut Vec<u32>) {
    if enc == Encoding::Unicode {
        if let Ok(s) = std::str::from_utf8(b) {
            out.extend(s.chars().map(|c| c as u32));
            return;
        }
    }
    out.extend(b.iter().map(|&x| u32::from(x)));
}

/// Characters of unicode chardata for `io:put_chars` and `~ts`-like
/// output: binaries must be valid UTF-8.
pub fn unicode_chardata(t: Term) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut stack = vec![t];
    while let Some(cur) = stack.pop() {
        match view(cur) {
            TermView::Nil => {}
            TermView::Cons(h, tl) => {
                stack.push(tl);
                match view(h) {
                    TermView::Small(c) if (0..=0x10_FFFF).contains(&c) => out.push(c as u32),
                    TermView::Cons(..) | TermView::Nil | TermView::Binary(_) => stack.push(h),
                    _ => return None,
                }
            }
            TermView::Binary(b) => out.extend(std::str::from_utf8(b).ok()?.chars().map(|c| c as u32)),
            _ => return None,
        }
    }
    Some(out)
}
