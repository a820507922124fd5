//! A compact `~p`-style printer for crash reports (stderr only).
//!
//! The full formatter (`io:format`, line breaking, `~p` widths) lives in
//! `format`; reports only need a faithful one-line rendering, which this
//! provides without depending on the formatter's interface.

use std::fmt::Write as _;

use crate::abi::Term;
use crate::term::{big_to_bigint, view, TermView};

/// Appends `t`, printed like `~p` on one line, to `out`.
pub fn write_term(out: &mut String, t: Term) {
    // Explicit work list: a deep term cannot overflow the native stack.
    enum Item {
        Term(Term),
        Text(&'static str),
    }
    let mut work = vec![Item::Term(t)];
    while let Some(item) = work.pop() {
        let t = match item {
            Item::Text(s) => {
                out.push_str(s);
                continue;
            }
            Item::Term(t) => t,
        };
        match view(t) {
            TermView::Small(v) => {
                let _ = write!(out, "{v}");
            }
            TermView::Big(b) => {
                let _ = write!(out, "{}", big_to_bigint(b));
            }
            TermView::Float(f) => write_float(out, f),
            TermView::Atom(a) => write_atom(out, crate::atom::name(a)),
            TermView::Nil => out.push_str("[]"),
            TermView::Cons(..) => {
                if let Some(s) = printable_string(t) {
                    let _ = write!(out, "{s:?}");
                    continue;
                }
                let mut elems = Vec::new();
                let mut rest = t;
                while let TermView::Cons(h, tl) = view(rest) {
                    elems.push(h);
                    rest = tl;
                }
                work.push(Item::Text("]"));
                if rest != crate::abi::tag::NIL {
                    work.push(Item::Term(rest));
                    work.push(Item::Text("|"));
                }
                push_seq(&mut work, &elems, |t| Item::Term(t), || Item::Text(","));
                out.push('[');
            }
            TermView::Tuple(es) => {
                work.push(Item::Text("}"));
                push_seq(&mut work, es, |t| Item::Term(t), || Item::Text(","));
                out.push('{');
            }
            TermView::Map(m) => {
                work.push(Item::Text("}"));
                for (i, (&k, &v)) in m.keys.iter().zip(m.values).enumerate().rev() {
                    work.push(Item::Term(v));
                    work.push(Item::Text(" => "));
                    work.push(Item::Term(k));
                    if i > 0 {
                        work.push(Item::Text(","));
                    }
                }
                out.push_str("#{");
            }
            TermView::Fun(f) => {
                let module = crate::atom::try_name(f.module()).unwrap_or("?");
                let _ = write!(out, "#Fun<{module}.{}.{}>", f.info.index, f.info.uniq);
            }
            TermView::Export { module, function, arity } => {
                out.push_str("fun ");
                write_atom(out, crate::atom::name(module));
                out.push(':');
                write_atom(out, crate::atom::name(function));
                let _ = write!(out, "/{arity}");
            }
            TermView::Binary(bytes) => {
                out.push_str("<<");
                if !bytes.is_empty() && bytes.iter().all(|&b| (32..127).contains(&b)) {
                    let _ = write!(out, "{:?}", String::from_utf8_lossy(bytes));
                } else {
                    let parts: Vec<String> = bytes.iter().map(|b| b.to_string()).collect();
                    out.push_str(&parts.join(","));
                }
                out.push_str(">>");
            }
            TermView::Pid(n) => {
                let _ = write!(out, "<0.{n}.0>");
            }
            TermView::Port(n) => {
                let _ = write!(out, "#Port<0.{n}>");
            }
            TermView::Ref(n) => {
                let _ = write!(out, "#Ref<0.0.0.{n}>");
            }
            TermView::Invalid(w) => {
                let _ = write!(out, "#Invalid<{w:#x}>");
            }
        }
    }
}

/// Pushes `items` separated by `sep` so that they pop in order.
fn push_seq<I, T: Copy>(work: &mut Vec<I>, items: &[T], item: impl Fn(T) -> I, sep: impl Fn() -> I) {
    for (i, &t) in items.iter().enumerate().rev() {
        work.push(item(t));
        if i > 0 {
            work.push(sep());
        }
    }
}

fn printable_string(t: Term) -> Option<String> {
    let mut s = String::new();
    let mut rest = t;
    while let TermView::Cons(h, tl) = view(rest) {
        let c = match view(h) {
            TermView::Small(c) if (32..127).contains(&c) || c == 10 || c == 9 => char::from(c as u8),
            _ => return None,
        };
        s.push(c);
        rest = tl;
    }
    matches!(view(rest), TermView::Nil).then_some(s)
}

fn write_float(out: &mut String, f: f64) {
    let s = format!("{f:?}");
    out.push_str(&s);
}

fn write_atom(out: &mut String, name: &str) {
    const RESERVED: &[&str] = &[
        "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond",
        "div", "else", "end", "fun", "if", "let", "maybe", "not", "of", "or", "orelse", "receive", "rem", "try",
        "when", "xor",
    ];
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
        && !RESERVED.contains(&name);
    if plain {
        out.push_str(name);
    } else {
        out.push('\'');
        for c in name.chars() {
            match c {
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c => out.push(c),
            }
        }
        out.push('\'');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;
    use crate::process::Process;

    #[test]
    fn prints_common_terms() {
        let mut p = Process::new(0);
        let s = p.list(&[tag::small(104), tag::small(105)]);
        let l = p.list_with_tail(&[tag::small(1)], tag::small(2));
        let t = p.tuple(&[crate::atom::intern("badarg"), s, l, crate::atom::intern("EXIT"), tag::NIL]);
        let mut out = String::new();
        write_term(&mut out, t);
        assert_eq!(out, "{badarg,\"hi\",[1|2],'EXIT',[]}");
    }
}
