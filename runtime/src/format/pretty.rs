//! `io_lib_pretty`: the `~p`/`~P` form of a term.
//!
//! Printing happens in two passes, as in OTP. [`layout`] turns the term
//! into a tree of [`Node`]s that knows the one-line length of every
//! subterm (strings and atoms are leaves; depth limits become `...`). Then,
//! if the whole term does not fit on the rest of the line, the tree is laid
//! out over several lines ([`Pp`]): elements that fit follow each other,
//! others start a new line indented under the first element; tuples whose
//! first element is an atom ("tagged" tuples) keep the tag on the first
//! line; map values that do not fit go on their own line.

use super::chars::{Chars, Indent, Push};
use super::strings::{is_printable_latin1, printable_latin1_list, quoted_string};
use super::write::binary_pieces;
use super::{atoms, deep, Encoding};
use crate::abi::{tag, Term};
use crate::atom;
use crate::term::{view, TermView};

/// Options of `io_lib_pretty:print/2`.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    /// 1-based column the term starts in.
    pub column: i64,
    /// Line length (`0`: never break lines).
    pub line_length: i64,
    /// Depth limit (`-1`: none).
    pub depth: i64,
    pub encoding: Encoding,
    /// Detect printable lists (`false` with the `l` modifier).
    pub strings: bool,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions { column: 1, line_length: 80, depth: -1, encoding: Encoding::Latin1, strings: true }
    }
}

/// The `~P` text of `t`.
pub fn print(t: Term, o: &PrintOptions) -> String {
    print_chars(t, o).into_string()
}

/// `io_lib_pretty:print/2`: the deep character list OTP returns.
pub fn print_chars(t: Term, o: &PrintOptions) -> Chars {
    deep::on_big_stack(|| print_here(t, o))
}

fn print_here(t: Term, o: &PrintOptions) -> Chars {
    if o.depth == 0 {
        return Chars::str("...");
    }
    let col = o.column.max(1);
    match view(t) {
        TermView::Atom(a) => Chars::str(&atoms::atom_text(atom::name(a), o.encoding)),
        TermView::Tuple(_)
        | TermView::Cons(..)
        | TermView::Nil
        | TermView::Map(_)
        | TermView::Binary(_)
        | TermView::Bitstring(_) => {
            let node = layout(t, o.depth, o);
            let m = node.len;
            if o.line_length == 0 || (node.len < o.line_length - col && node.len <= m) {
                write_node(&node)
            } else {
                let pp = Pp { ll: o.line_length, m };
                let tind = [-1, 4].into_iter().find(|&i| pp.cind(&node, col, i, 0, 0).is_ok()).unwrap_or(1);
                pp.pp(&node, col, tind, &Indent::start(col), 0, 0)
            }
        }
        _ => super::write::write_chars(t, -1, Encoding::Latin1),
    }
}

/// A subterm with its one-line length.
#[derive(Debug)]
pub struct Node {
    len: i64,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// Text printed as is, never broken ("atomic": atoms, numbers,
    /// strings, printable binaries, `...`).
    Leaf(Chars),
    List(Seq),
    Tuple {
        tagged: bool,
        seq: Seq,
    },
    Map(Seq),
    Pair(Box<Node>, Box<Node>),
    /// A binary printed as bytes: one text per byte.
    Bin(Vec<String>),
}

/// The elements of a list, tuple or map, and how the sequence ends.
#[derive(Debug)]
struct Seq {
    elems: Vec<Node>,
    end: End,
}

#[derive(Debug)]
enum End {
    Nil,
    /// Cut by the depth limit: `|...` (lists) or `,...`.
    Dots,
    /// The tail of an improper list.
    Tail(Box<Node>),
}

impl Node {
    fn leaf(s: String) -> Node {
        Node { len: s.chars().count() as i64, kind: Kind::Leaf(Chars::str(&s)) }
    }

    fn leaf_chars(c: Chars) -> Node {
        Node { len: c.char_count() as i64, kind: Kind::Leaf(c) }
    }

    fn is_atomic(&self) -> bool {
        matches!(self.kind, Kind::Leaf(_))
    }

    /// A map pair whose key and value are both atomic.
    fn is_atomic_pair(&self) -> bool {
        matches!(&self.kind, Kind::Pair(k, v) if k.is_atomic() && v.is_atomic())
    }
}

/// The one-line length of a sequence: `open_close` plus the elements,
/// separators and end.
fn seq_len(seq: &Seq, open_close: i64) -> i64 {
    let mut len = open_close;
    for (i, e) in seq.elems.iter().enumerate() {
        len += e.len + i64::from(i > 0);
    }
    let sep = i64::from(!seq.elems.is_empty());
    match &seq.end {
        End::Nil => {}
        End::Dots => len += 3 + sep,
        End::Tail(t) => len += t.len + sep,
    }
    len
}

/// The intermediate tree of `t` at depth `d` (`print_length`).
fn layout(t: Term, d: i64, o: &PrintOptions) -> Node {
    let Some(_level) = deep::enter() else { return Node::leaf(String::new()) };
    match view(t) {
        TermView::Nil => Node::leaf("[]".to_owned()),
        TermView::Tuple([]) => Node::leaf("{}".to_owned()),
        TermView::Map(m) if m.is_empty() => Node::leaf("#{}".to_owned()),
        TermView::Atom(a) => Node::leaf(atoms::atom_text(atom::name(a), o.encoding)),
        TermView::Cons(..) => {
            if o.strings && d != 1 {
                if let Some(chars) = printable_latin1_list(t) {
                    return Node::leaf(quoted_string(&chars, o.encoding));
                }
            }
            layout_list(t, d, o)
        }
        TermView::Tuple(es) => {
            if d == 1 {
                return Node::leaf("{...}".to_owned());
            }
            let mut elems = Vec::with_capacity(es.len());
            let mut end = End::Nil;
            let mut dd = d;
            for &e in es {
                if dd == 1 {
                    end = End::Dots;
                    break;
                }
                elems.push(layout(e, dd - 1, o));
                dd -= 1;
            }
            let tagged = tag::is_atom(es[0]) && es.len() > 1;
            let seq = Seq { elems, end };
            Node { len: seq_len(&seq, 2), kind: Kind::Tuple { tagged, seq } }
        }
        TermView::Map(m) => {
            if d == 1 {
                return Node::leaf("#{...}".to_owned());
            }
            let d0 = d - 1;
            let mut elems = Vec::with_capacity(m.len());
            let mut end = End::Nil;
            let mut dd = d;
            // Pairs in OTP's iteration order (see `term::map`).
            for (k, v) in m.iter() {
                if dd == 1 {
                    end = End::Dots;
                    break;
                }
                let kn = layout(k, d0, o);
                let vn = layout(v, d0, o);
                let len = kn.len + 4 + vn.len;
                elems.push(Node { len, kind: Kind::Pair(Box::new(kn), Box::new(vn)) });
                dd -= 1;
            }
            let seq = Seq { elems, end };
            Node { len: seq_len(&seq, 3), kind: Kind::Map(seq) }
        }
        TermView::Binary(b) => layout_binary(b, d, o),
        TermView::Bitstring(b) => {
            // Never printed as a string: bytes, then `Value:Bits`.
            if d == 1 {
                return Node::leaf("<<...>>".to_owned());
            }
            let pieces = super::write::bitstring_pieces(b, d);
            let len = 4 + pieces.iter().map(|p| p.len() as i64).sum::<i64>() + pieces.len() as i64 - 1;
            Node { len, kind: Kind::Bin(pieces) }
        }
        _ => Node::leaf_chars(super::write::write_chars(t, -1, Encoding::Latin1)),
    }
}

fn layout_list(t: Term, d: i64, o: &PrintOptions) -> Node {
    let mut elems = Vec::new();
    let mut cur = t;
    let mut dd = d;
    let end = loop {
        match view(cur) {
            TermView::Nil => break End::Nil,
            _ if dd == 1 => break End::Dots,
            TermView::Cons(h, tl) => {
                elems.push(layout(h, dd - 1, o));
                cur = tl;
                dd -= 1;
            }
            _ => break End::Tail(Box::new(layout(cur, dd - 1, o))),
        }
    };
    let seq = Seq { elems, end };
    Node { len: seq_len(&seq, 2), kind: Kind::List(seq) }
}

/// Characters per depth unit when a depth limit cuts a printable binary.
const CHARS_PER_DEPTH: i64 = 4;

fn layout_binary(b: &[u8], d: i64, o: &PrintOptions) -> Node {
    if b.is_empty() {
        return Node::leaf("<<>>".to_owned());
    }
    if d == 1 {
        return Node::leaf("<<...>>".to_owned());
    }
    if o.strings {
        if let Some(n) = printable_binary(b, d - 1, o.encoding) {
            return n;
        }
    }
    let pieces = binary_pieces(b, d);
    let len = 4 + pieces.iter().map(|p| p.len() as i64).sum::<i64>() + pieces.len() as i64 - 1;
    Node { len, kind: Kind::Bin(pieces) }
}

/// A binary printed as a string (`<<"abc">>`, `<<"é"/utf8>>`, or cut by
/// the depth, `<<"abc"...>>`), if OTP would (`printable_bin0`).
fn printable_binary(b: &[u8], d: i64, enc: Encoding) -> Option<Node> {
    let size = b.len() as i64;
    let len = if d >= 0 { (CHARS_PER_DEPTH * d).min(size) } else { size };
    if len == 0 {
        return None;
    }
    if enc == Encoding::Unicode {
        if let Ok(s) = std::str::from_utf8(&b[..len as usize]) {
            // Valid UTF-8 (of the part looked at): printable when every
            // character is in the (latin-1) printable range.
            if let Some(n) = utf8_binary(b, s, d) {
                return Some(n);
            }
            if std::str::from_utf8(b).is_ok() || len < size {
                return None;
            }
        }
    }
    let lat = |n: usize| -> Vec<u32> { b[..n].iter().map(|&x| u32::from(x)).collect() };
    let first_bad = b[..len as usize].iter().position(|&x| !is_printable_latin1(i64::from(x)));
    match first_bad {
        None if len == size => Some(string_bin(&lat(size as usize), "", "")),
        None => Some(string_bin(&lat(len as usize), "", "...")),
        Some(k) if d > 0 && k as i64 >= d => Some(string_bin(&lat(k), "", "...")),
        Some(_) => None,
    }
}

fn utf8_binary(b: &[u8], s: &str, d: i64) -> Option<Node> {
    let chars: Vec<u32> = s.chars().map(|c| c as u32).collect();
    let bad = chars.iter().position(|&c| c > 0xFF || !is_printable_latin1(i64::from(c)));
    let ascii = s.len() == chars.len();
    let suffix = if ascii { "" } else { "/utf8" };
    match bad {
        None if s.len() == b.len() => Some(string_bin(&chars, suffix, "")),
        None => Some(string_bin(&chars, suffix, "...")),
        Some(k) if d > 0 && k as i64 >= d => Some(string_bin(&chars[..k], suffix, "...")),
        Some(_) => None,
    }
}

/// `<<"...">>` as OTP builds it: `[$<,$<,S,$>,$>]`, `[$<,$<,S,"/utf8>>"]`,
/// `[$<,$<,S|"...>>"]` or `[$<,$<,S|"/utf8...>>"]`.
fn string_bin(chars: &[u32], suffix: &str, dots: &str) -> Node {
    let s = Chars::str(&quoted_string(chars, Encoding::Unicode));
    let mut v = vec![Chars::C(60), Chars::C(60), s];
    match (suffix.is_empty(), dots.is_empty()) {
        (true, true) => v.text(">>"),
        (false, true) => v.push(Chars::str("/utf8>>")),
        (true, false) => v.text("...>>"),
        (false, false) => v.text("/utf8...>>"),
    }
    Node::leaf_chars(Chars::L(v))
}

/// Writes a node on one line (`write/1` of the intermediate form).
fn write_node(n: &Node) -> Chars {
    let Some(_level) = deep::enter() else { return Chars::nil() };
    match &n.kind {
        Kind::Leaf(s) => s.clone(),
        Kind::List(seq) => Chars::L(vec![Chars::C(91), write_seq(seq, '|'), Chars::C(93)]),
        Kind::Tuple { seq, .. } => Chars::L(vec![Chars::C(123), write_seq(seq, ','), Chars::C(125)]),
        Kind::Map(seq) => Chars::L(vec![Chars::C(35), Chars::C(123), write_seq(seq, ','), Chars::C(125)]),
        Kind::Pair(k, v) => Chars::L(vec![write_node(k), Chars::str(" => "), write_node(v)]),
        Kind::Bin(pieces) => super::write::bin_chars(pieces),
    }
}

fn write_seq(seq: &Seq, sep: char) -> Chars {
    let mut out: Vec<Chars> = Vec::new();
    for (i, e) in seq.elems.iter().enumerate() {
        if i > 0 {
            out.ch(',');
        }
        out.push(write_node(e));
    }
    match &seq.end {
        End::Nil => {}
        End::Dots if seq.elems.is_empty() => return Chars::str("..."),
        End::Dots => {
            out.ch(sep);
            out.text("...");
        }
        End::Tail(t) => {
            out.ch(sep);
            out.append_list(write_node(t));
        }
    }
    Chars::L(out)
}

/// `last_depth`: 0 when another element follows element `i`, else `ld + 1`.
fn last_depth(seq: &Seq, i: usize, ld: i64) -> i64 {
    if i + 1 < seq.elems.len() {
        0
    } else {
        ld + 1
    }
}

/// The multi-line layout (`pp`) and the choice of tag indentation
/// (`cind`), with line length `ll` and character budget `m`.
struct Pp {
    ll: i64,
    m: i64,
}

/// `cind` found that an indentation does not work.
struct NoGood;

mod layout_pp;
