//! `io_lib:write/2`: the `~w`/`~W` form of a term, on one line, limited to
//! a depth (`-1`: unlimited). Beyond the depth, elements print as `...`
//! (`[1,2|...]`, `{a,...}`, `<<1,...>>`, `#{a => 1,...}`).

use std::fmt::Write as _;

use super::{atoms, deep, float, Encoding};
use crate::abi::Term;
use crate::atom;
use crate::term::{big_to_bigint, view, FunView, TermView};

/// The `~W` text of `t` at depth `depth` (`-1`: unlimited).
pub fn write(t: Term, depth: i64, enc: Encoding) -> String {
    deep::on_big_stack(|| {
        let mut out = String::new();
        write_into(&mut out, t, depth, enc);
        out
    })
}

/// Appends the `~W` text of `t`.
pub fn write_into(out: &mut String, t: Term, depth: i64, enc: Encoding) {
    let Some(_level) = deep::enter() else { return };
    if depth == 0 {
        out.push_str("...");
        return;
    }
    let d = depth;
    match view(t) {
        TermView::Small(v) => {
            let _ = write!(out, "{v}");
        }
        TermView::Big(b) => {
            let _ = write!(out, "{}", big_to_bigint(b));
        }
        TermView::Float(f) => out.push_str(&float::shortest(f)),
        TermView::Atom(a) => atoms::push_atom(out, atom::name(a), enc),
        TermView::Nil => out.push_str("[]"),
        TermView::Cons(h, tl) => {
            if d == 1 {
                out.push_str("[...]");
                return;
            }
            out.push('[');
            write_into(out, h, d - 1, enc);
            write_tail(out, tl, d - 1, enc);
            out.push(']');
        }
        TermView::Tuple(es) => {
            if es.is_empty() {
                out.push_str("{}");
                return;
            }
            if d == 1 {
                out.push_str("{...}");
                return;
            }
            out.push('{');
            write_into(out, es[0], d - 1, enc);
            let mut dd = d - 1;
            for &e in &es[1..] {
                if dd == 1 {
                    out.push_str(",...");
                    break;
                }
                out.push(',');
                write_into(out, e, dd - 1, enc);
                dd -= 1;
            }
            out.push('}');
        }
        TermView::Map(m) => {
            if m.keys.is_empty() || d == 1 {
                out.push_str("#{}");
                return;
            }
            let d0 = d - 1;
            out.push_str("#{");
            write_assoc(out, m.keys[0], m.values[0], d0, enc);
            let mut dd = d0;
            let mut i = 1;
            loop {
                if dd == 1 {
                    out.push_str(",...");
                    break;
                }
                if i >= m.keys.len() {
                    break;
                }
                out.push(',');
                write_assoc(out, m.keys[i], m.values[i], d0, enc);
                i += 1;
                dd -= 1;
            }
            out.push('}');
        }
        TermView::Binary(b) => write_binary(out, b, d),
        TermView::Bitstring(b) => {
            out.push_str("<<");
            out.push_str(&bitstring_pieces(b, d).join(","));
            out.push_str(">>");
        }
        TermView::Fun(f) => push_fun(out, &f),
        TermView::Export { module, function, arity } => push_export(out, module, function, arity),
        TermView::Pid(n) => push_pid(out, n),
        TermView::Port(n) => {
            let _ = write!(out, "#Port<0.{n}>");
        }
        TermView::Ref(n) => push_ref(out, n),
        TermView::Invalid(w) => {
            let _ = write!(out, "#Invalid<{w:#x}>");
        }
    }
}

fn write_tail(out: &mut String, mut t: Term, mut d: i64, enc: Encoding) {
    loop {
        match view(t) {
            TermView::Nil => return,
            _ if d == 1 => {
                out.push_str("|...");
                return;
            }
            TermView::Cons(h, tl) => {
                out.push(',');
                write_into(out, h, d - 1, enc);
                t = tl;
                d -= 1;
            }
            _ => {
                out.push('|');
                write_into(out, t, d - 1, enc);
                return;
            }
        }
    }
}

fn write_assoc(out: &mut String, k: Term, v: Term, d: i64, enc: Encoding) {
    write_into(out, k, d, enc);
    out.push_str(" => ");
    write_into(out, v, d, enc);
}

/// The byte texts of a binary written at depth `d`: one per byte, the
/// last `...` when the depth cuts it short.
pub fn binary_pieces(b: &[u8], d: i64) -> Vec<String> {
    let mut pieces = Vec::with_capacity(b.len());
    let mut dd = d;
    for &x in b {
        if dd == 1 {
            pieces.push("...".to_owned());
            return pieces;
        }
        pieces.push(x.to_string());
        dd -= 1;
    }
    pieces
}

/// The pieces of a bitstring written at depth `d`: its whole bytes as
/// [`binary_pieces`], then the trailing bits as `Value:Bits`, which the
/// depth counts as one more element.
pub fn bitstring_pieces(b: crate::binary::Bits<'_>, d: i64) -> Vec<String> {
    let whole = b.whole_bytes();
    let mut pieces = binary_pieces(whole, d);
    if pieces.last().is_some_and(|p| p == "...") {
        return pieces;
    }
    let (value, n) = b.tail();
    if n > 0 {
        if d > 0 && d - whole.len() as i64 == 1 {
            pieces.push("...".to_owned());
        } else {
            pieces.push(format!("{value}:{n}"));
        }
    }
    pieces
}

fn write_binary(out: &mut String, b: &[u8], d: i64) {
    out.push_str("<<");
    out.push_str(&binary_pieces(b, d).join(","));
    out.push_str(">>");
}

/// `<0.N.0>`.
pub fn push_pid(out: &mut String, serial: u64) {
    let _ = write!(out, "<0.{serial}.0>");
}

/// `#Ref<0.A.B.C>` for the reference number `n`.
pub fn push_ref(out: &mut String, n: u64) {
    let _ = write!(out, "#Ref<0.0.{}.{}>", n >> 32, n & 0xFFFF_FFFF);
}

/// `#Fun<Module.Index.Uniq>` (`erlang:fun_to_list/1` of a local fun).
pub fn push_fun(out: &mut String, f: &FunView<'_>) {
    let _ = write!(out, "#Fun<{}.{}.{}>", atom::name(f.module()), f.info.index, f.info.uniq);
}

/// `fun M:F/A`.
pub fn push_export(out: &mut String, module: Term, function: Term, arity: u32) {
    out.push_str("fun ");
    atoms::push_atom(out, atom::name(module), Encoding::Unicode);
    out.push(':');
    atoms::push_atom(out, atom::name(function), Encoding::Unicode);
    let _ = write!(out, "/{arity}");
}
