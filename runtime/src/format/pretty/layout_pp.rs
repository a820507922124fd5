//! The multi-line layout of `io_lib_pretty` (`pp`) and its trial run that
//! picks the indentation of tagged tuples (`cind`).
//!
//! Arguments follow OTP's names: `col` is the current 1-based column,
//! `ind` the indentation (spaces) of continuation lines, `tind` the
//! indentation of a tagged tuple's elements (or -1: after the tag), `ld`
//! the number of closing characters that must still fit after the current
//! element ("last depth"), and `w` the characters already used on the line
//! for the budget `m`.

use super::{indent, last_depth, write_node, End, Kind, NoGood, Node, Pp, Seq};
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

    #[allow(clippy::too_many_arguments)]
    pub(super) fn pp(&self, out: &mut String, n: &Node, col: i64, tind: i64, ind: i64, ld: i64, w: i64) {
        let Some(_level) = deep::enter() else { return };
        if self.fits(n, col, ld, w) {
            write_node(out, n);
            return;
        }
        match &n.kind {
            Kind::List(seq) => {
                out.push('[');
                self.pp_list(out, seq, 0, col + 1, tind, ind + 1, ld, '|', w + 1);
                out.push(']');
            }
            Kind::Tuple { tagged: true, seq } => {
                out.push('{');
                self.pp_tag_tuple(out, seq, col, tind, ind, ld, w + 1);
                out.push('}');
            }
            Kind::Tuple { tagged: false, seq } => {
                out.push('{');
                self.pp_list(out, seq, 0, col + 1, tind, ind + 1, ld, ',', w + 1);
                out.push('}');
            }
            Kind::Map(seq) => {
                out.push_str("#{");
                self.pp_map(out, seq, col + 2, tind, ind + 2, ld, w + 1);
                out.push('}');
            }
            Kind::Bin(pieces) => self.pp_binary(out, pieces, col + 2, ind + 2, ld, w),
            Kind::Leaf(_) | Kind::Pair(..) => write_node(out, n),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tag_tuple(&self, out: &mut String, seq: &Seq, col: i64, tind: i64, ind: i64, ld: i64, w: i64) {
        let tag = &seq.elems[0];
        let tlen = tag.len;
        let tag_ind = tlen + 2;
        let tcol = col + tag_ind;
        write_node(out, tag);
        if tind > 0 && tag_ind > tind {
            self.pp_tail(out, seq, 1, col + tind, tcol, tind, ind + tind, ld, ',', w + tlen);
        } else {
            out.push(',');
            self.pp_list(out, seq, 1, tcol, tind, ind + tag_ind, ld, ',', w + tlen + 1);
        }
    }

    /// `pp_list` on the elements of `seq` from `start` on.
    #[allow(clippy::too_many_arguments)]
    fn pp_list(&self, out: &mut String, seq: &Seq, start: usize, col0: i64, tind: i64, ind: i64, ld: i64, sep: char, w: i64) {
        if start >= seq.elems.len() {
            if let End::Dots = seq.end {
                out.push_str("...");
            }
            return;
        }
        let we = self.pp_element(out, &seq.elems[start], col0, tind, ind, last_depth(seq, start, ld), w);
        self.pp_tail(out, seq, start + 1, col0, col0 + we, tind, ind, ld, sep, w + we);
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_tail(
        &self,
        out: &mut String,
        seq: &Seq,
        mut i: usize,
        col0: i64,
        mut col: i64,
        tind: i64,
        ind: i64,
        ld: i64,
        sep: char,
        mut w: i64,
    ) {
        while i < seq.elems.len() {
            let e = &seq.elems[i];
            let ld1 = last_depth(seq, i, ld);
            let elen = 1 + e.len;
            if e.is_atomic() && self.fits_inline(ld1, elen, col, w) {
                out.push(',');
                write_node(out, e);
                col += elen;
                w += elen;
            } else {
                out.push_str(",\n");
                indent(out, ind);
                let we = self.pp_element(out, e, col0, tind, ind, ld1, 0);
                col = col0 + we;
                w = we;
            }
            i += 1;
        }
        match &seq.end {
            End::Nil => {}
            End::Dots => {
                out.push(sep);
                out.push_str("...");
            }
            End::Tail(e) => {
                out.push(sep);
                if e.is_atomic() && e.len + 1 < self.ll - col - (ld + 1) && e.len + 1 + w + (ld + 1) <= self.m {
                    write_node(out, e);
                } else {
                    out.push('\n');
                    indent(out, ind);
                    self.pp(out, e, col0, tind, ind, ld + 1, 0);
                }
            }
        }
    }

    /// Prints one element; returns its width, or `ll` to force the next
    /// element onto a new line.
    #[allow(clippy::too_many_arguments)]
    fn pp_element(&self, out: &mut String, e: &Node, col: i64, tind: i64, ind: i64, ld: i64, w: i64) -> i64 {
        if e.is_atomic() && self.fits(e, col, ld, w) {
            write_node(out, e);
            e.len
        } else {
            self.pp(out, e, col, tind, ind, ld, w);
            self.ll
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_map(&self, out: &mut String, seq: &Seq, col: i64, tind: i64, ind: i64, ld: i64, w: i64) {
        if seq.elems.is_empty() {
            if let End::Dots = seq.end {
                out.push_str("...");
            }
            return;
        }
        let mut pw = self.pp_pair(out, &seq.elems[0], col, tind, ind, last_depth(seq, 0, ld), w);
        let col0 = col;
        let mut c = col + pw;
        let mut ww = pw;
        for i in 1..seq.elems.len() {
            let p = &seq.elems[i];
            let ld1 = last_depth(seq, i, ld);
            let elen = 1 + p.len;
            if p.is_atomic_pair() && self.fits_inline(ld1, elen, c, ww) {
                out.push(',');
                write_node(out, p);
                c += elen;
                ww += elen;
            } else {
                out.push_str(",\n");
                indent(out, ind);
                pw = self.pp_pair(out, p, col0, tind, ind, ld1, 0);
                c = col0 + pw;
                ww = pw;
            }
        }
        if let End::Dots = seq.end {
            out.push_str(",...");
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pp_pair(&self, out: &mut String, p: &Node, col: i64, tind: i64, ind: i64, ld: i64, w: i64) -> i64 {
        if self.fits(p, col, ld, w) {
            write_node(out, p);
            return if p.is_atomic_pair() { p.len } else { self.ll };
        }
        if let Kind::Pair(k, v) = &p.kind {
            let i = map_value_indent(tind);
            self.pp(out, k, col, tind, ind, ld, w);
            out.push_str(" =>\n");
            indent(out, ind + i);
            self.pp(out, v, col + i, tind, ind + i, ld, 0);
        } else {
            write_node(out, p);
        }
        self.ll
    }

    fn pp_binary(&self, out: &mut String, pieces: &[String], col: i64, ind: i64, ld: i64, w: i64) {
        let n0 = 8i64.max((self.ll - col).min(self.m - 4 - w) - ld);
        let mut n = n0;
        out.push_str("<<");
        let last = pieces.len().saturating_sub(1);
        for (i, piece) in pieces.iter().enumerate() {
            let plen = piece.chars().count() as i64;
            if i < last {
                let len = plen + 1;
                if n - len < 0 {
                    out.push('\n');
                    indent(out, ind);
                    n = n0 - len;
                } else {
                    n -= len;
                }
                out.push_str(piece);
                out.push(',');
            } else {
                if plen > n {
                    out.push('\n');
                    indent(out, ind);
                }
                out.push_str(piece);
            }
        }
        out.push_str(">>");
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
