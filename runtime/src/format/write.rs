//! `io_lib:write/2`: the `~w`/`~W` form of a term, on one line, limited to
//! a depth (`-1`: unlimited). Beyond the depth, elements print as `...`
//! (`[1,2|...]`, `{a,...}`, `<<1,...>>`, `#{a => 1,...}`).

use std::fmt::Write as _;

use super::chars::{Chars, Push};
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
            // Pairs in OTP's iteration order (see `term::map`).
            let mut pairs = m.iter();
            let Some((k0, v0)) = pairs.next().filter(|_| d != 1) else {
                out.push_str("#{}");
                return;
            };
            let d0 = d - 1;
            out.push_str("#{");
            write_assoc(out, k0, v0, d0, enc);
            let mut dd = d0;
            loop {
                if dd == 1 {
                    out.push_str(",...");
                    break;
                }
                let Some((k, v)) = pairs.next() else { break };
                out.push(',');
                write_assoc(out, k, v, d0, enc);
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

/// `io_lib:write/2` as the deep list OTP returns (`write1/3` there):
/// `[$[, [H | Tail], $]]` for lists, `[${, [E1 | Rest], $}]` for tuples,
/// `[$#, ${, [Pair | Rest], $}]` for maps, `[$<,$<, Body, $>,$>]` for
/// binaries; atoms, numbers and other atomic terms are flat strings.
pub fn write_chars(t: Term, depth: i64, enc: Encoding) -> Chars {
    deep::on_big_stack(|| write_chars_here(t, depth, enc))
}

fn write_chars_here(t: Term, d: i64, enc: Encoding) -> Chars {
    let Some(_level) = deep::enter() else { return Chars::nil() };
    if d == 0 {
        return Chars::str("...");
    }
    let c = |ch: char| Chars::C(ch as u32);
    match view(t) {
        TermView::Cons(h, tl) => {
            if d == 1 {
                return Chars::str("[...]");
            }
            let mut body = vec![write_chars_here(h, d - 1, enc)];
            let mut t = tl;
            let mut dd = d - 1;
            loop {
                match view(t) {
                    TermView::Nil => break,
                    _ if dd == 1 => {
                        body.ch('|');
                        body.text("...");
                        break;
                    }
                    TermView::Cons(h, tl) => {
                        body.ch(',');
                        body.push(write_chars_here(h, dd - 1, enc));
                        t = tl;
                        dd -= 1;
                    }
                    _ => {
                        body.ch('|');
                        body.push(write_chars_here(t, dd - 1, enc));
                        break;
                    }
                }
            }
            Chars::L(vec![c('['), Chars::L(body), c(']')])
        }
        TermView::Tuple(es) if !es.is_empty() => {
            if d == 1 {
                return Chars::str("{...}");
            }
            let mut body = vec![write_chars_here(es[0], d - 1, enc)];
            let mut dd = d - 1;
            for &e in &es[1..] {
                if dd == 1 {
                    body.ch(',');
                    body.text("...");
                    break;
                }
                body.ch(',');
                body.push(write_chars_here(e, dd - 1, enc));
                dd -= 1;
            }
            Chars::L(vec![c('{'), Chars::L(body), c('}')])
        }
        TermView::Map(m) => {
            let mut pairs = m.iter();
            let Some((k0, v0)) = pairs.next().filter(|_| d != 1) else {
                return Chars::str("#{}");
            };
            let d0 = d - 1;
            let assoc = |k: Term, v: Term| {
                Chars::L(vec![write_chars_here(k, d0, enc), Chars::str(" => "), write_chars_here(v, d0, enc)])
            };
            let mut body = vec![assoc(k0, v0)];
            let mut dd = d0;
            loop {
                if dd == 1 {
                    body.text(",...");
                    break;
                }
                let Some((k, v)) = pairs.next() else { break };
                body.ch(',');
                body.push(assoc(k, v));
                dd -= 1;
            }
            Chars::L(vec![c('#'), c('{'), Chars::L(body), c('}')])
        }
        TermView::Binary(b) => bin_chars(&binary_pieces(b, d)),
        TermView::Bitstring(b) => bin_chars(&bitstring_pieces(b, d)),
        _ => {
            let mut s = String::new();
            write_into(&mut s, t, d, enc);
            Chars::str(&s)
        }
    }
}

/// `io_lib:write_binary/3`'s list: `[$<,$<,Body,$>,$>]`, the body the
/// byte texts separated by commas, a trailing `Value:Bits` spliced in as
/// three elements.
pub(crate) fn bin_chars(pieces: &[String]) -> Chars {
    let mut body = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 {
            body.ch(',');
        }
        body.extend(bin_piece(p));
    }
    Chars::L(vec![Chars::C(60), Chars::C(60), Chars::L(body), Chars::C(62), Chars::C(62)])
}

/// One piece of a binary's body as elements: `"97"`, or `"5", $:, "3"`.
pub(crate) fn bin_piece(p: &str) -> Vec<Chars> {
    match p.split_once(':') {
        Some((v, n)) => vec![Chars::str(v), Chars::C(58), Chars::str(n)],
        None => vec![Chars::str(p)],
    }
}
