//! The `unicode` module (conversions between chardata and encodings,
//! normalization, byte order marks) and the hidden `unicode_util` module
//! that `stdlib/string.erl` is written on (code points, extended grapheme
//! clusters, case mapping), with OTP 25's results.
//!
//! Chardata is a binary, or a possibly nested list of code points and
//! binaries (a binary may also end a list). Both modules walk it with a
//! [`Cursor`]: a stack of the lists and binaries being read, so nested data
//! is read lazily and what is left can be rebuilt as a term sharing the
//! input's cells and binaries.
//!
//! Shapes: `unicode_util:cp/1` and `gc/1` return `[First | Rest]` where
//! `Rest` is the unread input, rebuilt like OTP does: the input's own tail
//! when reading a flat list or a binary; for nested input, up to three more
//! code points flattened in front of the remaining pieces. `unicode`'s
//! `{error, Converted, Rest}` and `{incomplete, Converted, Rest}` tuples
//! rebuild `Rest` from the offending element outwards, each enclosing list
//! contributing its remaining tail.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::binary::{make_binary_from_vec, sub_bitstring};
use crate::term::{
    bif_return, cons, make_char_list, make_tuple, tuple_elements, view, BifResult, Error, TermAlloc, TermView,
};

// ---------------------------------------------------------------------------
// Encodings.

/// A character encoding argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Latin1,
    Utf8,
    Utf16 { little: bool },
    Utf32 { little: bool },
}

fn endian(t: Term) -> Result<bool, Error> {
    match atom::try_name(t) {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        _ => Err(Error::Badarg),
    }
}

/// Parses `latin1 | unicode | utf8 | utf16 | utf32 | {utf16|utf32, big|little}`.
pub fn parse_encoding(t: Term) -> Result<Encoding, Error> {
    if let Some(name) = atom::try_name(t) {
        return match name {
            "latin1" => Ok(Encoding::Latin1),
            "unicode" | "utf8" => Ok(Encoding::Utf8),
            "utf16" => Ok(Encoding::Utf16 { little: false }),
            "utf32" => Ok(Encoding::Utf32 { little: false }),
            _ => Err(Error::Badarg),
        };
    }
    match tuple_elements(t) {
        Some(&[name, e]) => match atom::try_name(name) {
            Some("utf16") => Ok(Encoding::Utf16 { little: endian(e)? }),
            Some("utf32") => Ok(Encoding::Utf32 { little: endian(e)? }),
            _ => Err(Error::Badarg),
        },
        _ => Err(Error::Badarg),
    }
}

/// The result of decoding one character at the start of some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoded {
    Char(u32, usize),
    /// A valid beginning of a character that needs more bytes.
    Incomplete,
    Invalid,
}

fn is_valid_cp(c: u32) -> bool {
    c < 0xD800 || (0xE000..=0x10FFFF).contains(&c)
}

/// Strict UTF-8 (no overlong forms, surrogates or code points past 10FFFF).
fn decode_utf8(b: &[u8]) -> Decoded {
    let b0 = b[0];
    let (len, lo, hi) = match b0 {
        0x00..=0x7F => return Decoded::Char(u32::from(b0), 1),
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return Decoded::Invalid,
    };
    let mut c = u32::from(b0) & (0x7F >> len);
    for i in 1..len {
        let Some(&x) = b.get(i) else { return Decoded::Incomplete };
        let (l, h) = if i == 1 { (lo, hi) } else { (0x80, 0xBF) };
        if x < l || x > h {
            return Decoded::Invalid;
        }
        c = (c << 6) | u32::from(x & 0x3F);
    }
    Decoded::Char(c, len)
}

fn decode(enc: Encoding, b: &[u8]) -> Decoded {
    match enc {
        Encoding::Latin1 => Decoded::Char(u32::from(b[0]), 1),
        Encoding::Utf8 => decode_utf8(b),
        Encoding::Utf16 { little } => {
            let unit = |i: usize| -> Option<u32> {
                let (x, y) = (*b.get(i)?, *b.get(i + 1)?);
                Some(if little { u32::from(y) << 8 | u32::from(x) } else { u32::from(x) << 8 | u32::from(y) })
            };
            let Some(u) = unit(0) else { return Decoded::Incomplete };
            match u {
                0xD800..=0xDBFF => match unit(2) {
                    None => Decoded::Incomplete,
                    Some(l @ 0xDC00..=0xDFFF) => Decoded::Char(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00), 4),
                    Some(_) => Decoded::Invalid,
                },
                0xDC00..=0xDFFF => Decoded::Invalid,
                _ => Decoded::Char(u, 2),
            }
        }
        Encoding::Utf32 { little } => {
            if b.len() < 4 {
                return Decoded::Incomplete;
            }
            let w = [b[0], b[1], b[2], b[3]];
            let c = if little { u32::from_le_bytes(w) } else { u32::from_be_bytes(w) };
            if is_valid_cp(c) {
                Decoded::Char(c, 4)
            } else {
                Decoded::Invalid
            }
        }
    }
}

fn encode_into(enc: Encoding, c: u32, out: &mut Vec<u8>) {
    match enc {
        Encoding::Latin1 => out.push(c as u8),
        Encoding::Utf8 => {
            let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
        Encoding::Utf16 { little } => {
            let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
            let mut buf = [0u16; 2];
            for u in ch.encode_utf16(&mut buf) {
                out.extend_from_slice(&if little { u.to_le_bytes() } else { u.to_be_bytes() });
            }
        }
        Encoding::Utf32 { little } => out.extend_from_slice(&if little { c.to_le_bytes() } else { c.to_be_bytes() }),
    }
}

fn encode(enc: Encoding, cps: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        encode_into(enc, c, &mut out);
    }
    out
}

// ---------------------------------------------------------------------------
// Reading chardata.

/// One level of the chardata being read.
#[derive(Debug, Clone, Copy)]
enum Frame<'a> {
    /// The unread part of a list (a cons cell, `[]`, or a binary tail).
    List(Term),
    /// A binary and the offset of its first unread byte.
    Bin { term: Term, bytes: &'a [u8], off: usize },
}

/// What [`Cursor::next`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// An integer element (not checked to be a code point) or a decoded
    /// character.
    Cp(i64),
    /// The end of the data.
    End,
    /// An integer element that is not a small integer (a bignum).
    BadInt,
    /// Bytes that cannot start a character (the cursor stays before them).
    BadBytes,
    /// A binary that ends inside a character (the cursor stays before it).
    Incomplete,
    /// Not chardata.
    NotChardata,
}

#[derive(Debug, Clone)]
struct Cursor<'a> {
    frames: Vec<Frame<'a>>,
    enc: Encoding,
    /// Whether the last character read came from a binary.
    last_from_bin: bool,
}

impl<'a> Cursor<'a> {
    fn new(t: Term, enc: Encoding) -> Cursor<'a> {
        let mut c = Cursor { frames: Vec::with_capacity(4), enc, last_from_bin: false };
        c.push(t);
        c
    }

    fn push(&mut self, t: Term) {
        match view(t) {
            TermView::Binary(bytes) => self.frames.push(Frame::Bin { term: t, bytes, off: 0 }),
            _ => self.frames.push(Frame::List(t)),
        }
    }

    /// Reads the next item, advancing past it when it is a character.
    fn next(&mut self) -> Item {
        loop {
            let Some(top) = self.frames.last_mut() else { return Item::End };
            match top {
                Frame::List(t) => match view(*t) {
                    TermView::Nil => {
                        self.frames.pop();
                    }
                    TermView::Cons(h, tl) => match view(h) {
                        TermView::Small(c) => {
                            *t = tl;
                            self.last_from_bin = false;
                            return Item::Cp(c);
                        }
                        TermView::Big(_) => return Item::BadInt,
                        TermView::Nil => *t = tl,
                        TermView::Cons(..) | TermView::Binary(_) => {
                            *t = tl;
                            self.push(h);
                        }
                        _ => return Item::NotChardata,
                    },
                    TermView::Binary(bytes) => {
                        *top = Frame::Bin { term: *t, bytes, off: 0 };
                    }
                    _ => return Item::NotChardata,
                },
                Frame::Bin { bytes, off, .. } => {
                    if *off >= bytes.len() {
                        self.frames.pop();
                        continue;
                    }
                    return match decode(self.enc, &bytes[*off..]) {
                        Decoded::Char(c, n) => {
                            *off += n;
                            self.last_from_bin = true;
                            Item::Cp(i64::from(c))
                        }
                        Decoded::Incomplete => Item::Incomplete,
                        Decoded::Invalid => Item::BadBytes,
                    };
                }
            }
        }
    }

    /// Whether nothing but empty lists and binaries is left.
    fn at_end(&self) -> bool {
        let mut c = self.clone();
        c.next() == Item::End
    }
}

/// The unread part of frame `f` as a term (`None` for an exhausted list).
fn frame_term<H: TermAlloc + ?Sized>(h: &mut H, f: &Frame<'_>, keep_empty_bin: bool) -> Option<Term> {
    match *f {
        Frame::List(t) => (t != tag::NIL).then_some(t),
        Frame::Bin { term, bytes, off } => {
            if off == 0 {
                Some(term)
            } else if off >= bytes.len() && !keep_empty_bin {
                None
            } else {
                sub_bitstring(h, term, off * 8, (bytes.len() - off) * 8)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// unicode_util: code points, grapheme clusters, case.

/// A grapheme cluster or single code point read from the front of chardata.
struct Front<'a> {
    cps: Vec<i64>,
    /// The cursor just after the last code point of `cps`.
    after: Cursor<'a>,
}

/// The rest of the data after `front`, shaped like OTP's `unicode_util`.
fn rest_term<H: TermAlloc + ?Sized>(h: &mut H, after: &Cursor<'_>) -> Term {
    let frames = &after.frames;
    if frames.is_empty() {
        return tag::NIL;
    }
    if frames.len() == 1 {
        // Reading the input list or binary itself: its own tail.
        return frame_term(h, &frames[0], true).unwrap_or(tag::NIL);
    }
    // Nested input: flatten up to three code points from lists.
    let mut cur = after.clone();
    let mut flat: Vec<i64> = Vec::new();
    while flat.len() < 3 {
        let Some(top) = cur.frames.last_mut() else { break };
        let Frame::List(t) = top else { break };
        match view(*t) {
            TermView::Nil => {
                cur.frames.pop();
            }
            TermView::Cons(hd, tl) => match view(hd) {
                TermView::Small(c) => {
                    *t = tl;
                    flat.push(c);
                }
                TermView::Nil => *t = tl,
                TermView::Cons(..) => {
                    *t = tl;
                    cur.frames.push(Frame::List(hd));
                }
                _ => break,
            },
            _ => break,
        }
    }
    let keep_top_bin = flat.is_empty();
    let n = cur.frames.len();
    let mut pieces: Vec<Term> = Vec::new();
    for (i, f) in cur.frames.iter().enumerate().rev() {
        if let Some(t) = frame_term(h, f, keep_top_bin && i + 1 == n) {
            pieces.push(t);
        }
    }
    let mut rest = match pieces.len() {
        0 => tag::NIL,
        1 => match view(pieces[0]) {
            // A lone `[Binary]` is unwrapped, unless three code points were
            // flattened in front of it.
            TermView::Cons(x, tag::NIL) if flat.len() < 3 && matches!(view(x), TermView::Binary(_)) => x,
            _ => pieces[0],
        },
        _ => {
            let last = pieces.pop().unwrap_or(tag::NIL);
            crate::term::make_list_with_tail(h, &pieces, last)
        }
    };
    for &c in flat.iter().rev() {
        rest = cons(h, tag::small(c), rest);
    }
    rest
}

/// `{error, Rest}` for chardata whose next bytes are not UTF-8.
fn cp_error<H: TermAlloc + ?Sized>(h: &mut H, at: &Cursor<'_>) -> Term {
    let rest = cp_error_rest(h, at);
    make_tuple(h, &[atom::intern("error"), rest])
}

/// The unread data from the bad bytes at `at` on.
fn cp_error_rest<H: TermAlloc + ?Sized>(h: &mut H, at: &Cursor<'_>) -> Term {
    let mut pieces: Vec<Term> = Vec::new();
    for f in at.frames.iter().rev() {
        if let Some(t) = frame_term(h, f, false) {
            pieces.push(t);
        }
    }
    match pieces.len() {
        0 => tag::NIL,
        1 => pieces[0],
        _ => {
            let last = pieces.pop().unwrap_or(tag::NIL);
            crate::term::make_list_with_tail(h, &pieces, last)
        }
    }
}

enum FrontResult<'a> {
    Empty,
    Front(Front<'a>),
    /// `{error, Rest}` already built.
    Error(Term),
}

/// Whether there is a grapheme cluster boundary between `cps` and `next`.
fn boundary_after(cps: &[i64], next: i64) -> bool {
    let to_char = |c: i64| u32::try_from(c).ok().and_then(char::from_u32);
    let Some(nc) = to_char(next) else { return true };
    let mut s = String::new();
    for &c in cps {
        match to_char(c) {
            Some(ch) => s.push(ch),
            None => return true,
        }
    }
    let first_len = s.len();
    s.push(nc);
    s.graphemes(true).next().map(str::len) == Some(first_len)
}

fn read_front<'a, H: TermAlloc + ?Sized>(h: &mut H, t: Term, cluster: bool) -> Result<FrontResult<'a>, Error> {
    // Fast path: a list starting with an integer, for cp/1.
    let mut cur = Cursor::new(t, Encoding::Utf8);
    let first = match cur.next() {
        Item::End => return Ok(FrontResult::Empty),
        Item::Cp(c) => c,
        Item::BadBytes | Item::Incomplete => {
            let mut at = Cursor::new(t, Encoding::Utf8);
            // Re-read up to the bad binary to get its frames.
            while let Item::Cp(_) = at.next() {}
            return Ok(FrontResult::Error(cp_error(h, &at)));
        }
        Item::BadInt | Item::NotChardata => return Err(Error::Badarg),
    };
    let mut cps = vec![first];
    if cluster {
        loop {
            let mut peek = cur.clone();
            match peek.next() {
                Item::Cp(c) if !boundary_after(&cps, c) => {
                    cps.push(c);
                    cur = peek;
                }
                _ => break,
            }
        }
    }
    Ok(FrontResult::Front(Front { cps, after: cur }))
}

/// `[First | Rest]` where `First` is `gc` (one code point as an integer,
/// several as a list).
fn front_term<H: TermAlloc + ?Sized>(h: &mut H, first: &[i64], after: &Cursor<'_>) -> Term {
    let rest = rest_term(h, after);
    let head = if first.len() == 1 {
        tag::small(first[0])
    } else {
        let v: Vec<Term> = first.iter().map(|&c| tag::small(c)).collect();
        crate::term::make_list(h, &v)
    };
    cons(h, head, rest)
}

/// `unicode_util:cp(Chardata)`.
pub fn util_cp<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    if let TermView::Cons(hd, _) = view(t) {
        if tag::is_small(hd) {
            return Ok(t);
        }
    }
    match read_front(h, t, false)? {
        FrontResult::Empty => Ok(tag::NIL),
        FrontResult::Error(e) => Ok(e),
        FrontResult::Front(f) => Ok(front_term(h, &f.cps, &f.after)),
    }
}

/// `unicode_util:gc(Chardata)`: the first extended grapheme cluster.
pub fn util_gc<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    match read_front(h, t, true)? {
        FrontResult::Empty => Ok(tag::NIL),
        FrontResult::Error(e) => Ok(e),
        FrontResult::Front(f) => Ok(front_term(h, &f.cps, &f.after)),
    }
}

/// Case mappings of one code point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Upper,
    Lower,
    Title,
    Fold,
}

/// Titlecase mappings that differ from the uppercase ones (UnicodeData and
/// SpecialCasing); code points not listed title-case like they upper-case.
fn titlecase_special(c: char) -> Option<&'static [u32]> {
    Some(match c as u32 {
        0x01C4..=0x01C6 => &[0x01C5],
        0x01C7..=0x01C9 => &[0x01C8],
        0x01CA..=0x01CC => &[0x01CB],
        0x01F1..=0x01F3 => &[0x01F2],
        0x00DF => &[0x0053, 0x0073],
        0xFB00 => &[0x0046, 0x0066],
        0xFB01 => &[0x0046, 0x0069],
        0xFB02 => &[0x0046, 0x006C],
        0xFB03 => &[0x0046, 0x0066, 0x0069],
        0xFB04 => &[0x0046, 0x0066, 0x006C],
        0xFB05 | 0xFB06 => &[0x0053, 0x0074],
        0x0587 => &[0x0535, 0x0582],
        0xFB13 => &[0x0544, 0x0576],
        0xFB14 => &[0x0544, 0x0565],
        0xFB15 => &[0x0544, 0x056B],
        0xFB16 => &[0x054E, 0x0576],
        0xFB17 => &[0x0544, 0x056D],
        0x1FB2 => &[0x1FBA, 0x0345],
        0x1FB4 => &[0x0386, 0x0345],
        0x1FB7 => &[0x0391, 0x0342, 0x0345],
        0x1FC2 => &[0x1FCA, 0x0345],
        0x1FC4 => &[0x0389, 0x0345],
        0x1FC7 => &[0x0397, 0x0342, 0x0345],
        0x1FF2 => &[0x1FFA, 0x0345],
        0x1FF4 => &[0x038F, 0x0345],
        0x1FF7 => &[0x03A9, 0x0342, 0x0345],
        _ => return None,
    })
}

/// The titlecase form of a Greek letter with ypogegrammeni (one code point).
fn titlecase_iota(c: u32) -> Option<u32> {
    match c {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => Some(c + 8),
        0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC => Some(c),
        0x1FB3 => Some(0x1FBC),
        0x1FC3 => Some(0x1FCC),
        0x1FF3 => Some(0x1FFC),
        // Georgian Mkhedruli letters have uppercase (Mtavruli) forms but are
        // their own titlecase.
        0x10D0..=0x10FA | 0x10FD..=0x10FF => Some(c),
        _ => None,
    }
}

/// The case mapping of `c` (one or more code points).
pub fn map_case(c: i64, case: Case) -> Vec<u32> {
    let Some(ch) = u32::try_from(c).ok().and_then(char::from_u32) else {
        return vec![c as u32];
    };
    match case {
        Case::Upper => ch.to_uppercase().map(u32::from).collect(),
        Case::Lower => ch.to_lowercase().map(u32::from).collect(),
        Case::Title => {
            if let Some(t) = titlecase_iota(ch as u32) {
                vec![t]
            } else if let Some(s) = titlecase_special(ch) {
                s.to_vec()
            } else {
                ch.to_uppercase().map(u32::from).collect()
            }
        }
        Case::Fold => {
            let u = ch as u32;
            // Cherokee folds to its uppercase letters.
            match u {
                0x13A0..=0x13F5 => return vec![u],
                0x13F8..=0x13FD => return vec![u - 8],
                0xAB70..=0xABBF => return vec![u - 0xAB70 + 0x13A0],
                _ => {}
            }
            let mut out = Vec::new();
            for l in ch.to_lowercase() {
                for up in l.to_uppercase() {
                    out.extend(up.to_lowercase().map(u32::from));
                }
            }
            out
        }
    }
}

/// `unicode_util:uppercase/lowercase/titlecase/casefold(Chardata)`: the
/// first code point mapped, then the rest.
pub fn util_case<H: TermAlloc + ?Sized>(h: &mut H, t: Term, case: Case) -> BifResult {
    let (first, rest) = match view(t) {
        TermView::Cons(hd, tl) if tag::is_small(hd) => (tag::small_value(hd), tl),
        _ => match read_front(h, t, false)? {
            FrontResult::Empty => return Ok(tag::NIL),
            FrontResult::Error(_) => return Err(Error::Badarg),
            FrontResult::Front(f) => (f.cps[0], rest_term(h, &f.after)),
        },
    };
    let m = map_case(first, case);
    let head = if m.len() == 1 { tag::small(i64::from(m[0])) } else { make_char_list(h, &m) };
    Ok(cons(h, head, rest))
}

// ---------------------------------------------------------------------------
// unicode: conversions.

/// How a conversion stopped.
enum Stop {
    /// Everything converted.
    Done,
    /// `{error, _, Rest}` or `{incomplete, _, Rest}`, with `Rest`'s term.
    Error { incomplete: bool, rest: Term },
}

/// Wraps `r` in the remaining tails of the list frames `frames` (innermost
/// last): `[r | Tail]` per enclosing list.
fn wrap_in_frames<H: TermAlloc + ?Sized>(h: &mut H, mut r: Term, frames: &[Frame<'_>]) -> Term {
    for f in frames.iter().rev() {
        let tail = match *f {
            Frame::List(t) => t,
            Frame::Bin { .. } => continue,
        };
        r = cons(h, r, tail);
    }
    r
}

/// Converts chardata in encoding `enc` to code points; `out_latin1` makes
/// code points over 255 errors. Bad terms (not chardata) are `badarg`.
fn convert<'a, H: TermAlloc + ?Sized>(
    h: &mut H,
    t: Term,
    enc: Encoding,
    out_latin1: bool,
    cps: &mut Vec<u32>,
) -> Result<Stop, Error> {
    let mut cur: Cursor<'a> = Cursor::new(t, enc);
    // Bytes of a character split across binaries.
    let mut carry: Vec<u8> = Vec::new();
    // The frames just after the binary that ended with `carry`.
    let mut carry_frames: Vec<Frame<'a>> = Vec::new();
    loop {
        if !carry.is_empty() {
            // Complete the split character with the next binary's bytes.
            let mut probe = cur.clone();
            let next_bin = loop {
                match probe.frames.last_mut() {
                    None => break None,
                    Some(Frame::Bin { bytes, off, .. }) if *off < bytes.len() => break Some(&bytes[*off..]),
                    Some(Frame::Bin { .. }) => {
                        probe.frames.pop();
                    }
                    Some(Frame::List(l)) => match view(*l) {
                        TermView::Nil => {
                            probe.frames.pop();
                        }
                        TermView::Cons(hd, tl) => match view(hd) {
                            TermView::Binary(_) | TermView::Nil | TermView::Cons(..) => {
                                *l = tl;
                                probe.push(hd);
                            }
                            _ => break None,
                        },
                        TermView::Binary(bytes) => {
                            let term = *l;
                            *probe.frames.last_mut().unwrap() = Frame::Bin { term, bytes, off: 0 };
                        }
                        _ => break None,
                    },
                }
            };
            match next_bin {
                None if probe.frames.is_empty() => {
                    let rest = make_binary_from_vec(h, std::mem::take(&mut carry));
                    return Ok(Stop::Error { incomplete: true, rest });
                }
                None => {
                    // Something that is not a binary follows: an error.
                    let bin = make_binary_from_vec(h, std::mem::take(&mut carry));
                    let mut r = bin;
                    if let Some((last, outer)) = carry_frames.split_last() {
                        let tail = match *last {
                            Frame::List(t) => t,
                            Frame::Bin { .. } => tag::NIL,
                        };
                        let inner = cons(h, tail, tag::NIL);
                        r = cons(h, bin, inner);
                        r = wrap_in_frames(h, r, outer);
                    }
                    return Ok(Stop::Error { incomplete: false, rest: r });
                }
                Some(bytes) => {
                    let mut joined = carry.clone();
                    joined.extend_from_slice(&bytes[..bytes.len().min(4)]);
                    match decode(enc, &joined) {
                        Decoded::Char(c, n) => {
                            let used = n - carry.len();
                            carry.clear();
                            cur = probe;
                            if let Some(Frame::Bin { off, .. }) = cur.frames.last_mut() {
                                *off += used;
                            }
                            if out_latin1 && c > 255 {
                                let rest = make_char_list(h, &[c]);
                                return Ok(Stop::Error { incomplete: false, rest });
                            }
                            cps.push(c);
                            continue;
                        }
                        Decoded::Incomplete if bytes.len() + carry.len() < 4 => {
                            carry.extend_from_slice(bytes);
                            cur = probe;
                            cur.frames.pop();
                            carry_frames = cur.frames.clone();
                            continue;
                        }
                        _ => {
                            let rest = make_binary_from_vec(h, std::mem::take(&mut carry));
                            return Ok(Stop::Error { incomplete: false, rest });
                        }
                    }
                }
            }
        }
        let before = cur.clone();
        match cur.next() {
            Item::End => return Ok(Stop::Done),
            Item::Cp(c) => {
                let from_list = !cur.last_from_bin;
                let bad_in = match u32::try_from(c) {
                    Ok(v) if is_valid_cp(v) => from_list && enc == Encoding::Latin1 && v > 255,
                    _ => true,
                };
                let bad_out = !bad_in && out_latin1 && c > 255;
                if bad_in || bad_out {
                    let rest = error_rest(h, &before, out_latin1, from_list);
                    return Ok(Stop::Error { incomplete: false, rest });
                }
                cps.push(c as u32);
            }
            Item::BadInt => {
                let rest = error_rest(h, &before, out_latin1, true);
                return Ok(Stop::Error { incomplete: false, rest });
            }
            Item::BadBytes => {
                let rest = error_rest(h, &cur, false, false);
                return Ok(Stop::Error { incomplete: false, rest });
            }
            Item::Incomplete => {
                let n = cur.frames.len();
                let Some(Frame::Bin { bytes, off, .. }) = cur.frames.last().copied() else {
                    return Err(Error::Badarg);
                };
                let mut after = cur.clone();
                after.frames.pop();
                if after.at_end() {
                    let rest = frame_term(h, &cur.frames[n - 1], true).unwrap_or(tag::NIL);
                    return Ok(Stop::Error { incomplete: true, rest });
                }
                carry = bytes[off..].to_vec();
                carry_frames = after.frames.clone();
                cur = after;
            }
            Item::NotChardata => return Err(Error::Badarg),
        }
    }
}

/// `Rest` of an error at the element just read (`before`: the cursor
/// before it).
fn error_rest<H: TermAlloc + ?Sized>(h: &mut H, before: &Cursor<'_>, out_latin1: bool, from_list: bool) -> Term {
    // The innermost frame still holds the offending element at its front
    // in `before` (after skipping empty lists it may need a re-read).
    let mut b = before.clone();
    // Normalize `b` so its top frame starts at the offending element.
    loop {
        let Some(top) = b.frames.last_mut() else { return tag::NIL };
        match top {
            Frame::List(t) => match view(*t) {
                TermView::Nil => {
                    b.frames.pop();
                }
                TermView::Cons(hd, tl) => match view(hd) {
                    TermView::Nil => *t = tl,
                    TermView::Cons(..) | TermView::Binary(_) => {
                        *t = tl;
                        b.push(hd);
                    }
                    _ => break,
                },
                TermView::Binary(bytes) => {
                    let term = *t;
                    *top = Frame::Bin { term, bytes, off: 0 };
                }
                _ => break,
            },
            Frame::Bin { bytes, off, .. } => {
                if *off >= bytes.len() {
                    b.frames.pop();
                } else {
                    break;
                }
            }
        }
    }
    let n = b.frames.len();
    let (enclosing, top) = b.frames.split_at(n - 1);
    let r = match top.first().copied() {
        Some(Frame::List(t)) => {
            if out_latin1 && from_list {
                // `[[Bad] | Tail]`.
                if let TermView::Cons(bad, tl) = view(t) {
                    let single = cons(h, bad, tag::NIL);
                    cons(h, single, tl)
                } else {
                    t
                }
            } else {
                t
            }
        }
        Some(f) => frame_term(h, &f, true).unwrap_or(tag::NIL),
        None => tag::NIL,
    };
    wrap_in_frames(h, r, enclosing)
}

fn conversion_result<H: TermAlloc + ?Sized>(h: &mut H, t: Term, in_enc: Encoding, out: Option<Encoding>) -> BifResult {
    // Valid UTF-8 binaries convert to themselves.
    if in_enc == Encoding::Utf8 && out == Some(Encoding::Utf8) {
        if let TermView::Binary(b) = view(t) {
            if std::str::from_utf8(b).is_ok() {
                return Ok(t);
            }
        }
    }
    let mut cps = Vec::new();
    let stop = convert(h, t, in_enc, out == Some(Encoding::Latin1), &mut cps)?;
    let converted = match out {
        Some(enc) => make_binary_from_vec(h, encode(enc, &cps)),
        None => make_char_list(h, &cps),
    };
    match stop {
        Stop::Done => Ok(converted),
        Stop::Error { incomplete, rest, .. } => {
            let tag_atom = atom::intern(if incomplete { "incomplete" } else { "error" });
            Ok(make_tuple(h, &[tag_atom, converted, rest]))
        }
    }
}

/// `unicode:characters_to_list(Data, InEncoding)`.
pub fn characters_to_list<H: TermAlloc + ?Sized>(h: &mut H, t: Term, in_enc: Term) -> BifResult {
    let enc = parse_encoding(in_enc)?;
    conversion_result(h, t, enc, None)
}

/// `unicode:characters_to_binary(Data, InEncoding, OutEncoding)`.
pub fn characters_to_binary<H: TermAlloc + ?Sized>(h: &mut H, t: Term, in_enc: Term, out_enc: Term) -> BifResult {
    let ie = parse_encoding(in_enc)?;
    let oe = parse_encoding(out_enc)?;
    conversion_result(h, t, ie, Some(oe))
}

/// Unicode normalization forms.
#[derive(Debug, Clone, Copy)]
pub enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

fn normalize(cps: &[u32], form: Form) -> Vec<u32> {
    let s: String = cps.iter().filter_map(|&c| char::from_u32(c)).collect();
    match form {
        Form::Nfc => s.nfc().map(u32::from).collect(),
        Form::Nfd => s.nfd().map(u32::from).collect(),
        Form::Nfkc => s.nfkc().map(u32::from).collect(),
        Form::Nfkd => s.nfkd().map(u32::from).collect(),
    }
}

/// `unicode:characters_to_nf*_list/binary(Data)`.
pub fn characters_to_nf<H: TermAlloc + ?Sized>(h: &mut H, t: Term, form: Form, binary: bool) -> BifResult {
    let mut cps = Vec::new();
    let stop = convert(h, t, Encoding::Utf8, false, &mut cps)?;
    let norm = normalize(&cps, form);
    let converted =
        if binary { make_binary_from_vec(h, encode(Encoding::Utf8, &norm)) } else { make_char_list(h, &norm) };
    match stop {
        Stop::Done => Ok(converted),
        Stop::Error { rest, .. } => {
            // Bad bytes are reported like unicode_util:cp/1 does.
            let mut at = Cursor::new(t, Encoding::Utf8);
            let rest = loop {
                match at.next() {
                    Item::Cp(_) => {}
                    Item::BadBytes | Item::Incomplete => break cp_error_rest(h, &at),
                    _ => break rest,
                }
            };
            Ok(make_tuple(h, &[atom::intern("error"), converted, rest]))
        }
    }
}

/// `unicode:bom_to_encoding(Bin)`.
pub fn bom_to_encoding<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    let TermView::Binary(b) = view(t) else { return Err(Error::Badarg) };
    let pair = |h: &mut H, name: &str, e: &str| {
        let enc = [atom::intern(name), atom::intern(e)];
        make_tuple(h, &enc)
    };
    let (enc, n) = if b.starts_with(&[0xEF, 0xBB, 0xBF]) {
        (atom::intern("utf8"), 3)
    } else if b.starts_with(&[0xFE, 0xFF]) {
        (pair(h, "utf16", "big"), 2)
    } else if b.starts_with(&[0xFF, 0xFE, 0, 0]) {
        (pair(h, "utf32", "little"), 4)
    } else if b.starts_with(&[0xFF, 0xFE]) {
        (pair(h, "utf16", "little"), 2)
    } else if b.starts_with(&[0, 0, 0xFE, 0xFF]) {
        (pair(h, "utf32", "big"), 4)
    } else {
        (atom::intern("latin1"), 0)
    };
    Ok(make_tuple(h, &[enc, tag::small(n)]))
}

/// `unicode:encoding_to_bom(Encoding)`.
pub fn encoding_to_bom<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    let bytes: &[u8] = match parse_encoding(t)? {
        Encoding::Latin1 => &[],
        Encoding::Utf8 => &[0xEF, 0xBB, 0xBF],
        Encoding::Utf16 { little: false } => &[0xFE, 0xFF],
        Encoding::Utf16 { little: true } => &[0xFF, 0xFE],
        Encoding::Utf32 { little: false } => &[0, 0, 0xFE, 0xFF],
        Encoding::Utf32 { little: true } => &[0xFF, 0xFE, 0, 0],
    };
    Ok(make_binary_from_vec(h, bytes.to_vec()))
}

// ---------------------------------------------------------------------------
// Entry points.

fn unicode_atom() -> Term {
    atom::intern("unicode")
}

macro_rules! bif1 {
    ($($name:ident => |$h:ident, $a:ident| $body:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, $a: Term) -> Term {
            bif_return(p, |$h| $body)
        }
    )*};
}

bif1! {
    kiln_bif_unicode_characters_to_list_1 => |h, a| characters_to_list(h, a, unicode_atom());
    kiln_bif_unicode_characters_to_binary_1 => |h, a| characters_to_binary(h, a, unicode_atom(), unicode_atom());
    kiln_bif_unicode_characters_to_nfc_list => |h, a| characters_to_nf(h, a, Form::Nfc, false);
    kiln_bif_unicode_characters_to_nfd_list => |h, a| characters_to_nf(h, a, Form::Nfd, false);
    kiln_bif_unicode_characters_to_nfkc_list => |h, a| characters_to_nf(h, a, Form::Nfkc, false);
    kiln_bif_unicode_characters_to_nfkd_list => |h, a| characters_to_nf(h, a, Form::Nfkd, false);
    kiln_bif_unicode_characters_to_nfc_binary => |h, a| characters_to_nf(h, a, Form::Nfc, true);
    kiln_bif_unicode_characters_to_nfd_binary => |h, a| characters_to_nf(h, a, Form::Nfd, true);
    kiln_bif_unicode_characters_to_nfkc_binary => |h, a| characters_to_nf(h, a, Form::Nfkc, true);
    kiln_bif_unicode_characters_to_nfkd_binary => |h, a| characters_to_nf(h, a, Form::Nfkd, true);
    kiln_bif_unicode_bom_to_encoding => |h, a| bom_to_encoding(h, a);
    kiln_bif_unicode_encoding_to_bom => |h, a| encoding_to_bom(h, a);
    kiln_bif_unicode_util_cp => |h, a| util_cp(h, a);
    kiln_bif_unicode_util_gc => |h, a| util_gc(h, a);
    kiln_bif_unicode_util_uppercase => |h, a| util_case(h, a, Case::Upper);
    kiln_bif_unicode_util_lowercase => |h, a| util_case(h, a, Case::Lower);
    kiln_bif_unicode_util_titlecase => |h, a| util_case(h, a, Case::Title);
    kiln_bif_unicode_util_casefold => |h, a| util_case(h, a, Case::Fold);
}

#[no_mangle]
pub extern "C" fn kiln_bif_unicode_characters_to_list_2(p: *mut ProcessHeader, a: Term, e: Term) -> Term {
    bif_return(p, |h| characters_to_list(h, a, e))
}

#[no_mangle]
pub extern "C" fn kiln_bif_unicode_characters_to_binary_2(p: *mut ProcessHeader, a: Term, e: Term) -> Term {
    bif_return(p, |h| characters_to_binary(h, a, e, unicode_atom()))
}

#[no_mangle]
pub extern "C" fn kiln_bif_unicode_characters_to_binary_3(p: *mut ProcessHeader, a: Term, i: Term, o: Term) -> Term {
    bif_return(p, |h| characters_to_binary(h, a, i, o))
}
