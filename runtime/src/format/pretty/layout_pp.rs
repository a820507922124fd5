//! The multi-line layout of `io_lib_pretty` (`pp`) and its trial run that
//! picks the indentation of tagged tuples (`cind`).
//!
//! Arguments follow OTP's names: `col` is the current 1-based column,
//! `ind` the indentation (spaces) of continuation lines, `tind` the
//! indentation of a tagged tuple's elements (or -1: after the tag), `ld`
//! the number of closing characters that must still fit after the current
//! element ("last depth"), and `w` the characters already used on the line
//! for the budget `m`.

use super::{last_depth, write_node, End, Kind, NoGood, Node, Pp, Seq};
use crate::format::chars::{Chars, Indent, Push};
use crate::format::deep;

impl Pp {
    /// Whether an element fits after the previous one on the same line.
    fn fits_inline(&self, ld1: i64, elen: i64, col: i64, w: i64) -> bool {
        (ld1 == 0 && elen < self.ll - col - 1 && w + elen < self.m)
            || (ld1 > 0 && elen < self.ll - col - ld1 && w + elen + ld1 <= self.m)
    }

    /// Whether a node fits on the rest of the line.
    fn fits(&self, n: &Node, col: i64, ld: i64, w: i64) -> bool {
        n.len < self.ll - col - ld && n.len + w + ld <= self.m
    }

    /// `pp`: the multi-line form of `n` as one list value.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn pp(&self, n: &Node, col: i64, tind: i64, ind: &Indent, ld: i64, w: i64) -> Chars {
        let Some(_level) = deep::enter() else { return Chars::nil() };
        if self.fits(n, col, ld, w) {
            return write_node(n);
        }
        match &n.kind {
            Kind::List(seq) => {
                let body = self.pp_list(seq, 0, col + 1, tind, &ind.more(1), ld, '|', w + 1);
                Chars::L(vec![Chars::C(91), body, Chars::C(93)])
            }
            Kind::Tuple { tagged: true, seq } => {
                let body = self.pp_tag_tuple(seq, col, tind, ind, ld, w + 1);
                Chars::L(vec![Chars::C(123), body, Chars::C(125)])
            }
            Kind::Tuple { tagged: false, seq } => {
                let body = self.pp_list(seq, 0, col + 1, tind, &ind.more(1), ld, ',', w + 1);
                Chars::L(vec![Chars::C(123), body, Chars::C(125)])
            }
            Kind::Map(seq) => {
                let body = self.pp_map(seq, col + 2, tind, &ind.more(2), ld, w + 1);
                Chars::L(vec![Chars::C(35), Chars::C(123), body, Chars::C(125)])
            }
            Kind::Bin(pieces) => self.pp_binary(pieces, col + 2, &ind.more(2), ld, w),
            Kind::Leaf(_) | Kind::Pair(..) => write_node(n),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tag_tuple(&self, seq: &Seq, col: i64, tind: i64, ind: &Indent, ld: i64, w: i64) -> Chars {
        let tag = &seq.elems[0];
        let tlen = tag.len;
        let tag_ind = tlen + 2;
        let tcol = col + tag_ind;
        let mut out = vec![write_node(tag)];
        if tind > 0 && tag_ind > tind {
            self.pp_tail(&mut out, seq, 1, col + tind, tcol, tind, &ind.more(tind), ld, ',', w + tlen);
        } else {
            out.ch(',');
            out.append_list(self.pp_list(seq, 1, tcol, tind, &ind.more(tag_ind), ld, ',', w + tlen + 1));
        }
        Chars::L(out)
    }

    /// `pp_list` on the elements of `seq` from `start` on.
    #[allow(clippy::too_many_arguments)]
    fn pp_list(
        &self,
        seq: &Seq,
        start: usize,
        col0: i64,
        tind: i64,
        ind: &Indent,
        ld: i64,
        sep: char,
        w: i64,
    ) -> Chars {
        if start >= seq.elems.len() {
            return match seq.end {
                End::Dots => Chars::str("..."),
                _ => Chars::nil(),
            };
        }
        let (es, we) = self.pp_element(&seq.elems[start], col0, tind, ind, last_depth(seq, start, ld), w);
        let mut out = vec![es];
        self.pp_tail(&mut out, seq, start + 1, col0, col0 + we, tind, ind, ld, sep, w + we);
        Chars::L(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tail(
        &self,
        out: &mut Vec<Chars>,
        seq: &Seq,
        mut i: usize,
        col0: i64,
        mut col: i64,
        tind: i64,
        ind: &Indent,
        ld: i64,
        sep: char,
        mut w: i64,
    ) {
        while i < seq.elems.len() {
            let e = &seq.elems[i];
            let ld1 = last_depth(seq, i, ld);
            let elen = 1 + e.len;
            if e.is_atomic() && self.fits_inline(ld1, elen, col, w) {
                out.ch(',');
                out.push(write_node(e));
                col += elen;
                w += elen;
            } else {
                out.ch(',');
                out.ch('\n');
                out.push(ind.chars.clone());
                let (es, we) = self.pp_element(e, col0, tind, ind, ld1, 0);
                out.push(es);
                col = col0 + we;
                w = we;
            }
            i += 1;
        }
        match &seq.end {
            End::Nil => {}
            End::Dots => {
                out.ch(sep);
                out.text("...");
            }
            End::Tail(e) => {
                out.ch(sep);
                if e.is_atomic() && e.len + 1 < self.ll - col - (ld + 1) && e.len + 1 + w + (ld + 1) <= self.m {
                    out.append_list(write_node(e));
                } else {
                    out.ch('\n');
                    out.push(ind.chars.clone());
                    out.append_list(self.pp(e, col0, tind, ind, ld + 1, 0));
                }
            }
        }
    }

    /// Prints one element; returns it and its width, or `ll` to force the
    /// next element onto a new line.
    #[allow(clippy::too_many_arguments)]
    fn pp_element(&self, e: &Node, col: i64, tind: i64, ind: &Indent, ld: i64, w: i64) -> (Chars, i64) {
        if e.is_atomic() && self.fits(e, col, ld, w) {
            (write_node(e), e.len)
        } else {
            (self.pp(e, col, tind, ind, ld, w), self.ll)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_map(&self, seq: &Seq, col: i64, tind: i64, ind: &Indent, ld: i64, w: i64) -> Chars {
        if seq.elems.is_empty() {
            return match seq.end {
                End::Dots => Chars::str("..."),
                _ => Chars::nil(),
            };
        }
        let (ps, mut pw) = self.pp_pair(&seq.elems[0], col, tind, ind, last_depth(seq, 0, ld), w);
        let mut out = vec![ps];
        let col0 = col;
        let mut c = col + pw;
        let mut ww = pw;
        for i in 1..seq.elems.len() {
            let p = &seq.elems[i];
            let ld1 = last_depth(seq, i, ld);
            let elen = 1 + p.len;
            if p.is_atomic_pair() && self.fits_inline(ld1, elen, c, ww) {
                out.ch(',');
                out.push(write_node(p));
                c += elen;
                ww += elen;
            } else {
                out.ch(',');
                out.ch('\n');
                out.push(ind.chars.clone());
                let (ps, w2) = self.pp_pair(p, col0, tind, ind, ld1, 0);
                out.push(ps);
                pw = w2;
                c = col0 + pw;
                ww = pw;
            }
        }
        if let End::Dots = seq.end {
            out.text(",...");
        }
        Chars::L(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_pair(&self, p: &Node, col: i64, tind: i64, ind: &Indent, ld: i64, w: i64) -> (Chars, i64) {
        if self.fits(p, col, ld, w) {
            let width = if p.is_atomic_pair() { p.len } else { self.ll };
            return (write_node(p), width);
        }
        if let Kind::Pair(k, v) = &p.kind {
            let i = map_value_indent(tind);
            let vind = ind.more(i);
            let mut out = vec![self.pp(k, col, tind, ind, ld, w), Chars::str(" =>\n"), vind.chars.clone()];
            out.append_list(self.pp(v, col + i, tind, &vind, ld, 0));
            (Chars::L(out), self.ll)
        } else {
            (write_node(p), self.ll)
        }
    }

    /// `[$<,$<,Body,$>,$>]` with the body's lines broken at the line length.
    fn pp_binary(&self, pieces: &[String], col: i64, ind: &Indent, ld: i64, w: i64) -> Chars {
        let n0 = 8i64.max((self.ll - col).min(self.m - 4 - w) - ld);
        let mut n = n0;
        let mut body: Vec<Chars> = Vec::new();
        let last = pieces.len().saturating_sub(1);
        for (i, piece) in pieces.iter().enumerate() {
            let plen = piece.chars().count() as i64;
            if i < last {
                let len = plen + 1;
                if n - len < 0 {
                    body.ch('\n');
                    body.push(ind.chars.clone());
                    n = n0 - len;
                } else {
                    n -= len;
                }
                body.push(Chars::str(piece));
                body.ch(',');
            } else if plen > n {
                body.ch('\n');
                body.push(ind.chars.clone());
                body.push(Chars::L(crate::format::write::bin_piece(piece)));
            } else {
                body.extend(crate::format::write::bin_piece(piece));
            }
        }
        Chars::L(vec![Chars::C(60), Chars::C(60), Chars::L(body), Chars::C(62), Chars::C(62)])
    }

    // --- cind: does indentation `ind` for tagged tuples work? ---

    pub(super) fn cind(&self, n: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let Some(_level) = deep::enter() else { return Ok(()) };
        if self.fits(n, col, ld, w) {
            return Ok(());
        }
        match &n.kind {
            Kind::List(seq) | Kind::Tuple { tagged: false, seq } => self.cind_list(seq, 0, col + 1, ind, ld, w + 1),
            Kind::Tuple { tagged: true, seq } => self.cind_tag_tuple(seq, col, ind, ld, w + 1),
            Kind::Map(seq) => self.cind_map(seq, col + 2, ind, ld, w + 2),
            Kind::Leaf(_) | Kind::Bin(_) | Kind::Pair(..) => Ok(()),
        }
    }

    fn cind_tag_tuple(&self, seq: &Seq, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let tlen = seq.elems[0].len;
        let tag_ind = tlen + 2;
        let tcol = col + tag_ind;
        if ind > 0 && tag_ind > ind {
            let col1 = col + ind;
            if self.m + col1 <= self.ll || col1 <= self.ll / 2 {
                self.cind_tail(seq, 1, col1, tcol, ind, ld, w + tlen)
            } else {
                Err(NoGood)
            }
        } else if self.m + tcol < self.ll || tcol < self.ll / 2 {
            self.cind_list(seq, 1, tcol, ind, ld, w + tlen + 1)
        } else {
            Err(NoGood)
        }
    }

    fn cind_map(&self, seq: &Seq, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        if seq.elems.is_empty() {
            return Ok(());
        }
        let pw = self.cind_pair(&seq.elems[0], col, ind, last_depth(seq, 0, ld), w)?;
        let (col0, mut c, mut ww) = (col, col + pw, w + pw);
        for i in 1..seq.elems.len() {
            let p = &seq.elems[i];
            let ld1 = last_depth(seq, i, ld);
            let elen = 1 + p.len;
            if p.is_atomic_pair() && self.fits_inline(ld1, elen, c, ww) {
                c += elen;
                ww += elen;
            } else {
                let pw = self.cind_pair(p, col0, ind, ld1, 0)?;
                c = col0 + pw;
                ww = pw;
            }
        }
        Ok(())
    }

    fn cind_pair(&self, p: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<i64, NoGood> {
        if self.fits(p, col, ld, w) {
            return Ok(if p.is_atomic_pair() { p.len } else { self.ll });
        }
        if let Kind::Pair(k, v) = &p.kind {
            self.cind(k, col, ind, ld, w)?;
            let i = map_value_indent(ind);
            self.cind(v, col + i, ind, ld, 0)?;
        }
        Ok(self.ll)
    }

    fn cind_list(&self, seq: &Seq, start: usize, col0: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        if start >= seq.elems.len() {
            return Ok(());
        }
        let we = self.cind_element(&seq.elems[start], col0, ind, last_depth(seq, start, ld), w)?;
        self.cind_tail(seq, start + 1, col0, col0 + we, ind, ld, w + we)
    }

    #[allow(clippy::too_many_arguments)]
    fn cind_tail(&self, seq: &Seq, start: usize, col0: i64, col: i64, ind: i64, ld: i64, w: i64) -> Result<(), NoGood> {
        let (mut c, mut ww) = (col, w);
        for i in start..seq.elems.len() {
            let e = &seq.elems[i];
            let ld1 = last_depth(seq, i, ld);
            let elen = 1 + e.len;
            if e.is_atomic() && self.fits_inline(ld1, elen, c, ww) {
                c += elen;
                ww += elen;
            } else {
                let we = self.cind_element(e, col0, ind, ld1, 0)?;
                c = col0 + we;
                ww = we;
            }
        }
        match &seq.end {
            End::Tail(e) => {
                if e.is_atomic() && e.len + 1 < self.ll - c - (ld + 1) && e.len + 1 + ww + (ld + 1) <= self.m {
                    Ok(())
                } else {
                    self.cind(e, c, ind, ld + 1, 0)
                }
            }
            End::Nil | End::Dots => Ok(()),
        }
    }

    fn cind_element(&self, e: &Node, col: i64, ind: i64, ld: i64, w: i64) -> Result<i64, NoGood> {
        if e.is_atomic() && self.fits(e, col, ld, w) {
            Ok(e.len)
        } else {
            self.cind(e, col, ind, ld, w)?;
            Ok(self.ll)
        }
    }
}

/// The indentation of a map value printed below its key.
fn map_value_indent(tind: i64) -> i64 {
    if tind > 0 {
        tind
    } else {
        4
    }
}
