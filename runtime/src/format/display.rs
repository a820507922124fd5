//! `erlang:display/1`: the emulator's own term printer.
//!
//! It differs from `~w`: atoms are quoted by simpler rules (`'a@b'`, but
//! reserved words are left bare) and their names are written as UTF-8;
//! lists of printable characters print as strings (`"abc"`, characters
//! 160..255 as raw bytes); binaries of printable ASCII print as
//! `<<"abc">>`; floats print as C's `%e` (`1.500000e+00`); maps as
//! `#{k=>v}`. The result is bytes, written as they are.

use std::io::Write as _;

use super::write::{push_export, push_fun, push_pid, push_ref};
use super::{deep, float};
use crate::abi::Term;
use crate::atom;
use crate::term::{big_to_bigint, view, TermView};

/// The bytes `erlang:display/1` prints for `t` (without the line end).
pub fn display(t: Term) -> Vec<u8> {
    deep::on_big_stack(|| {
        let mut out = Vec::new();
        display_into(&mut out, t);
        out
    })
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(s.as_bytes());
}

fn display_into(out: &mut Vec<u8>, t: Term) {
    let Some(_level) = deep::enter() else { return };
    match view(t) {
        TermView::Small(v) => {
            let _ = write!(out, "{v}");
        }
        TermView::Big(b) => {
            let _ = write!(out, "{}", big_to_bigint(b));
        }
        TermView::Float(f) => push_str(out, &float::display(f)),
        TermView::Atom(a) => push_atom(out, atom::name(a)),
        TermView::Nil => push_str(out, "[]"),
        TermView::Cons(..) => {
            if let Some(bytes) = printable_string(t) {
                out.push(b'"');
                for b in bytes {
                    match b {
                        b'\n' => push_str(out, "\\n"),
                        b'"' => push_str(out, "\\\""),
                        _ => out.push(b),
                    }
                }
                out.push(b'"');
                return;
            }
            out.push(b'[');
            let mut cur = t;
            let mut first = true;
            loop {
                match view(cur) {
                    TermView::Cons(h, tl) => {
                        if !first {
                            out.push(b',');
                        }
                        first = false;
                        display_into(out, h);
                        cur = tl;
                    }
                    TermView::Nil => break,
                    _ => {
                        out.push(b'|');
                        display_into(out, cur);
                        break;
                    }
                }
            }
            out.push(b']');
        }
        TermView::Tuple(es) => {
            out.push(b'{');
            for (i, &e) in es.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                display_into(out, e);
            }
            out.push(b'}');
        }
        TermView::Map(m) => {
            push_str(out, "#{");
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                display_into(out, k);
                push_str(out, "=>");
                display_into(out, v);
            }
            out.push(b'}');
        }
        TermView::Binary(b) => {
            push_str(out, "<<");
            if !b.is_empty() && b.iter().all(|&x| (0x20..=0x7E).contains(&x)) {
                out.push(b'"');
                for &x in b {
                    if x == b'"' {
                        out.push(b'\\');
                    }
                    out.push(x);
                }
                out.push(b'"');
            } else {
                let texts: Vec<String> = b.iter().map(|x| x.to_string()).collect();
                push_str(out, &texts.join(","));
            }
            push_str(out, ">>");
        }
        TermView::Bitstring(b) => {
            // Bytes as numbers, never as a string, then `Value:Bits`.
            let whole = b.whole_bytes();
            push_str(out, "<<");
            for x in whole {
                let _ = write!(out, "{x},");
            }
            let (value, n) = b.tail();
            let _ = write!(out, "{value}:{n}>>");
        }
        TermView::Fun(f) => {
            let mut s = String::new();
            push_fun(&mut s, &f);
            push_str(out, &s);
        }
        TermView::Export { module, function, arity } => {
            let mut s = String::new();
            push_export(&mut s, module, function, arity);
            push_str(out, &s);
        }
        TermView::Pid(n) => {
            let mut s = String::new();
            push_pid(&mut s, n);
            push_str(out, &s);
        }
        TermView::Port(n) => {
            let _ = write!(out, "#Port<0.{n}>");
        }
        TermView::Ref(n) => {
            let mut s = String::new();
            push_ref(&mut s, n);
            push_str(out, &s);
        }
        TermView::Invalid(w) => {
            let _ = write!(out, "#Invalid<{w:#x}>");
        }
    }
}

/// The emulator's printable string: a non-empty proper list of bytes that
/// are graphic latin-1 characters, space, `\t`, `\n` or `\r`.
fn printable_string(t: Term) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = t;
    loop {
        match view(cur) {
            TermView::Cons(h, tl) => {
                let TermView::Small(c) = view(h) else { return None };
                let c = u8::try_from(c).ok()?;
                let ok = matches!(c, 0x20..=0x7E | 0xA0..=0xFF | b'\t' | b'\n' | b'\r');
                if !ok {
                    return None;
                }
                out.push(c);
                cur = tl;
            }
            TermView::Nil => return Some(out),
            _ => return None,
        }
    }
}

fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase() || (('\u{DF}'..='\u{FF}').contains(&c) && c != '\u{F7}')
}

fn is_alnum(c: char) -> bool {
    is_lower(c) || c.is_ascii_uppercase() || c.is_ascii_digit() || (('\u{C0}'..='\u{DE}').contains(&c) && c != '\u{D7}')
}

/// An atom as the emulator prints it: quoted unless it is a lower-case
/// letter followed by letters, digits and `_`; escapes inside quotes.
fn push_atom(out: &mut Vec<u8>, name: &str) {
    let mut cs = name.chars();
    let quote = match cs.next() {
        Some(c) if is_lower(c) => !cs.all(|c| is_alnum(c) || c == '_'),
        _ => true,
    };
    if quote {
        out.push(b'\'');
    }
    for c in name.chars() {
        match c {
            '\'' => push_str(out, "\\'"),
            '\\' => push_str(out, "\\\\"),
            '\n' => push_str(out, "\\n"),
            '\t' => push_str(out, "\\t"),
            '\r' => push_str(out, "\\r"),
            '\u{8}' => push_str(out, "\\b"),
            '\u{B}' => push_str(out, "\\v"),
            '\u{C}' => push_str(out, "\\f"),
            '\u{0}'..='\u{1F}' | '\u{80}'..='\u{9F}' => {
                let _ = write!(out, "\\{:03o}", c as u32);
            }
            _ => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    if quote {
        out.push(b'\'');
    }
}
