//! Deep character lists: the nested `chars()` values `io_lib:format/2`,
//! `io_lib:write/1,2` and `io_lib:print/1,4` return.
//!
//! OTP returns its output as a deep list whose nesting follows how its
//! Erlang code built it, and programs can see that nesting (`~p` or `~w` of
//! an `io_lib:format` result). The printers here build the same tree, so
//! [`Chars::to_term`] gives the term OTP 25 gives, and [`Chars::flatten`]
//! the text.

use crate::abi::{tag, Term};
use crate::term::{cons, TermAlloc};

/// One element of a deep character list: a character code, or a nested
/// list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chars {
    C(u32),
    L(Vec<Chars>),
}

impl Chars {
    /// The flat list of the characters of `s`.
    pub fn str(s: &str) -> Chars {
        Chars::L(s.chars().map(|c| Chars::C(c as u32)).collect())
    }

    /// The empty list.
    pub fn nil() -> Chars {
        Chars::L(Vec::new())
    }

    /// Appends the characters (depth first) to `out`.
    pub fn flatten_into(&self, out: &mut String) {
        let mut stack = vec![self];
        while let Some(c) = stack.pop() {
            match c {
                Chars::C(v) => out.push(char::from_u32(*v).unwrap_or(char::REPLACEMENT_CHARACTER)),
                Chars::L(es) => stack.extend(es.iter().rev()),
            }
        }
    }

    /// The characters as a string.
    pub fn flatten(&self) -> String {
        let mut s = String::new();
        self.flatten_into(&mut s);
        s
    }

    /// The number of characters.
    pub fn char_count(&self) -> usize {
        let mut n = 0;
        let mut stack = vec![self];
        while let Some(c) = stack.pop() {
            match c {
                Chars::C(_) => n += 1,
                Chars::L(es) => stack.extend(es.iter()),
            }
        }
        n
    }

    /// Builds the term, then frees the tree without recursion.
    pub fn into_term<H: TermAlloc + ?Sized>(self, h: &mut H) -> Term {
        let t = self.to_term(h);
        self.dispose();
        t
    }

    /// The characters as a string; frees the tree without recursion.
    pub fn into_string(self) -> String {
        let s = self.flatten();
        self.dispose();
        s
    }

    /// Drops a tree of any depth without recursing on the native stack
    /// (the derived drop would recurse once per level).
    pub fn dispose(self) {
        let mut stack = vec![self];
        while let Some(c) = stack.pop() {
            if let Chars::L(es) = c {
                stack.extend(es);
            }
        }
    }

    /// Builds the term (without recursion on the native stack).
    pub fn to_term<H: TermAlloc + ?Sized>(&self, h: &mut H) -> Term {
        // Each frame: a list being built, its next index from the end, and
        // the tail built so far.
        enum Frame<'a> {
            List { es: &'a [Chars], i: usize, tail: Term },
        }
        let es = match self {
            Chars::C(v) => return tag::small(i64::from(*v)),
            Chars::L(es) => es,
        };
        let mut stack = vec![Frame::List { es, i: es.len(), tail: tag::NIL }];
        let mut done: Option<Term> = None;
        loop {
            let Some(Frame::List { es, i, tail }) = stack.last_mut() else { break };
            if let Some(elem) = done.take() {
                *tail = cons(h, elem, *tail);
            }
            if *i == 0 {
                let t = *tail;
                stack.pop();
                if stack.is_empty() {
                    return t;
                }
                done = Some(t);
                continue;
            }
            *i -= 1;
            match &es[*i] {
                Chars::C(v) => {
                    let v = tag::small(i64::from(*v));
                    *tail = cons(h, v, *tail);
                }
                Chars::L(inner) => stack.push(Frame::List { es: inner, i: inner.len(), tail: tag::NIL }),
            }
        }
        tag::NIL
    }
}

/// A list under construction: elements pushed one by one, or spliced in
/// from a list value (Erlang's `[X | Tail]` with `Tail` another list).
pub trait Push {
    fn ch(&mut self, c: char);
    fn text(&mut self, s: &str);
    fn append_list(&mut self, c: Chars);
}

impl Push for Vec<Chars> {
    fn ch(&mut self, c: char) {
        self.push(Chars::C(c as u32));
    }

    fn text(&mut self, s: &str) {
        self.extend(s.chars().map(|c| Chars::C(c as u32)));
    }

    fn append_list(&mut self, c: Chars) {
        match c {
            Chars::L(es) => self.extend(es),
            other => self.push(other),
        }
    }
}

/// `io_lib_pretty`'s spaces: `N` spaces as a deep list (`chars/2` there).
pub fn pretty_spaces(n: i64) -> Chars {
    match n {
        i64::MIN..=0 => Chars::nil(),
        2 => Chars::str("  "),
        3 => Chars::str("   "),
        _ if n & 1 == 0 => {
            let half = pretty_spaces(n >> 1);
            let mut v = vec![half.clone()];
            v.append_list(half);
            Chars::L(v)
        }
        _ => {
            let half = pretty_spaces(n >> 1);
            let mut v = vec![Chars::C(32), half.clone()];
            v.append_list(half);
            Chars::L(v)
        }
    }
}

/// `io_lib_format`'s padding: `N` copies of `c` as a deep list.
pub fn format_chars(c: char, n: i64) -> Chars {
    let ch = Chars::C(c as u32);
    match n {
        i64::MIN..=0 => Chars::nil(),
        1 => Chars::L(vec![ch]),
        2 => Chars::L(vec![ch.clone(), ch]),
        3 => Chars::L(vec![ch.clone(), ch.clone(), ch]),
        _ if n & 1 == 0 => {
            let half = format_chars(c, n >> 1);
            let mut v = vec![half.clone()];
            v.append_list(half);
            Chars::L(v)
        }
        _ => {
            let half = format_chars(c, n >> 1);
            let mut v = vec![ch, half.clone()];
            v.append_list(half);
            Chars::L(v)
        }
    }
}

/// An `io_lib_pretty` indentation: its width and its deep-list form.
#[derive(Debug, Clone)]
pub struct Indent {
    pub n: i64,
    pub chars: Chars,
}

impl Indent {
    /// `indent(Col)`: the indentation of a term starting in column `col`.
    pub fn start(col: i64) -> Indent {
        Indent { n: (col - 1).max(0), chars: pretty_spaces(col - 1) }
    }

    /// `indent(N, Ind)`: `n` more spaces in front.
    pub fn more(&self, n: i64) -> Indent {
        let mut v = Vec::new();
        match n {
            1 => v.push(Chars::C(32)),
            4 => {
                let s2 = Chars::str("  ");
                v.push(s2.clone());
                v.push(s2);
            }
            _ => v.push(pretty_spaces(n)),
        }
        v.append_list(self.chars.clone());
        Indent { n: self.n + n, chars: Chars::L(v) }
    }
}
