//! Bitstring matching: the `'$bs_start_match'` and `'$bs_get_*'` guard
//! BIFs that compiled binary patterns call.
//!
//! A match context (`MATCH_CTX`) holds the current and end bit positions
//! within its original binary (a `HEAP_BIN` or `REFC_BIN`, which it keeps
//! alive). Each get reads one segment at the current position and advances
//! it in place. The compiler starts a fresh context for every clause it
//! tries, so no position is ever restored.
//!
//! A mismatch (too few bits left, a bad size, an invalid float or UTF
//! encoding) returns `NON_VALUE` without raising anything: these are guard
//! BIFs and a failed match just tries the next clause.

use num_bigint::BigInt;

use super::bits::{extract, read_u8_at, read_uint_be};
use super::build::{atom_all, bigint_from_le, f16_to_f64, size_in_bits, SegmentFlags};
use super::{binary_bytes, make_bitstring_from, storage_of};
use crate::abi::{header, tag, ProcessHeader, Term};
use crate::term::{atoms, make_bigint, make_float, make_int, process, TermAlloc};

/// A match context's fields.
struct Ctx {
    obj: *mut Term,
    pos: usize,
    end: usize,
    orig: Term,
}

impl Ctx {
    fn of(t: Term) -> Option<Ctx> {
        if !tag::is_boxed(t) {
            return None;
        }
        let p = tag::boxed_ptr(t);
        // SAFETY: a boxed term points at its header; a MATCH_CTX has three
        // words after it (position, end, original binary).
        unsafe {
            let h = *p;
            if h & tag::MASK != tag::HEADER || header::subtag(h) != header::MATCH_CTX {
                return None;
            }
            Some(Ctx { obj: p, pos: *p.add(1) as usize, end: *p.add(2) as usize, orig: *p.add(3) })
        }
    }

    fn bytes<'a>(&self) -> &'a [u8] {
        binary_bytes(self.orig).unwrap_or(&[])
    }

    fn remaining(&self) -> usize {
        self.end - self.pos
    }

    /// Moves the position to `pos`.
    fn advance_to(&mut self, pos: usize) {
        self.pos = pos;
        // SAFETY: `obj` is the live context this was read from.
        unsafe { *self.obj.add(1) = pos as u64 };
    }

    /// Claims the next `n` bits: their start, or `None` if fewer remain.
    fn take(&mut self, n: usize) -> Option<usize> {
        if n > self.remaining() {
            return None;
        }
        let start = self.pos;
        self.advance_to(start + n);
        Some(start)
    }
}

/// `'$bs_start_match'(Term)`: a fresh context at the start of a bitstring.
pub fn start_match<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> Option<Term> {
    let (orig, pos, end) = match Ctx::of(t) {
        Some(c) => (c.orig, c.pos, c.end),
        None => {
            let b = super::bits_of(t)?;
            let (orig, byte_offset) = storage_of(t)?;
            (orig, byte_offset * 8, byte_offset * 8 + b.bit_size)
        }
    };
    let p = h.alloc_words(4);
    // SAFETY: four fresh words: header, position, end, original binary.
    unsafe {
        *p = header::make(header::MATCH_CTX, 3);
        *p.add(1) = pos as u64;
        *p.add(2) = end as u64;
        *p.add(3) = orig;
    }
    Some(tag::boxed(p))
}

/// The integer in `n` bits at bit `pos` of `src`.
fn read_integer<H: TermAlloc + ?Sized>(h: &mut H, src: &[u8], pos: usize, n: usize, f: SegmentFlags) -> Option<Term> {
    if n <= 64 {
        let raw: u64 = if !f.little || n <= 8 {
            read_uint_be(src, pos, n)
        } else {
            // Whole bytes are the low bytes; a short last "byte" holds the
            // top bits.
            let whole = n / 8;
            let mut v: u64 = 0;
            for i in 0..whole {
                v |= u64::from(read_u8_at(src, pos + 8 * i)) << (8 * i);
            }
            let rest = n % 8;
            if rest > 0 {
                v |= read_uint_be(src, pos + 8 * whole, rest) << (8 * whole);
            }
            v
        };
        let value =
            if f.signed && n > 0 && raw >> (n - 1) & 1 == 1 { i128::from(raw) - (1i128 << n) } else { i128::from(raw) };
        return Some(match i64::try_from(value) {
            Ok(v) => make_int(h, v),
            Err(_) => make_bigint(h, &BigInt::from(value)).ok()?,
        });
    }
    let buf = extract(src, pos, n);
    let whole = n / 8;
    let rest = n % 8;
    let le: Vec<u8> = if f.little {
        let mut le = buf[..whole].to_vec();
        if rest > 0 {
            le.push(buf[whole] >> (8 - rest));
        }
        le
    } else {
        // Big endian: shift the left-aligned bits right into place.
        let mut be = Vec::with_capacity(buf.len());
        if rest == 0 {
            be.extend_from_slice(&buf);
        } else {
            let mut carry = 0u8;
            for &b in &buf {
                be.push(carry | (b >> (8 - rest)));
                carry = b << rest;
            }
        }
        be.reverse();
        be
    };
    make_bigint(h, &bigint_from_le(&le, f.signed, n)).ok()
}

/// `'$bs_get_integer'(Ctx, Size, Flags)`.
pub fn get_integer<H: TermAlloc + ?Sized>(h: &mut H, ctx: Term, size: Term, flags: Term) -> Option<Term> {
    let f = SegmentFlags::decode(flags)?;
    let n = size_in_bits(size, f.unit)?;
    let mut c = Ctx::of(ctx)?;
    if n > c.remaining() {
        return None;
    }
    let v = read_integer(h, c.bytes(), c.pos, n, f)?;
    c.take(n);
    Some(v)
}

/// `'$bs_get_float'(Ctx, Size, Flags)`: 16, 32 or 64 bits; NaN and
/// infinities do not match.
pub fn get_float<H: TermAlloc + ?Sized>(h: &mut H, ctx: Term, size: Term, flags: Term) -> Option<Term> {
    let f = SegmentFlags::decode(flags)?;
    let n = size_in_bits(size, f.unit)?;
    if !matches!(n, 16 | 32 | 64) {
        return None;
    }
    let mut c = Ctx::of(ctx)?;
    if n > c.remaining() {
        return None;
    }
    let mut raw = read_uint_be(c.bytes(), c.pos, n);
    if f.little {
        raw = raw.swap_bytes() >> (64 - n);
    }
    let value = match n {
        64 => f64::from_bits(raw),
        32 => f64::from(f32::from_bits(raw as u32)),
        _ => f16_to_f64(raw as u16),
    };
    if !value.is_finite() {
        return None;
    }
    c.take(n);
    Some(make_float(h, value))
}

/// `'$bs_get_binary'(Ctx, Size | all, Flags)`: a sub-binary (shared when
/// byte-aligned).
pub fn get_binary<H: TermAlloc + ?Sized>(h: &mut H, ctx: Term, size: Term, flags: Term) -> Option<Term> {
    let f = SegmentFlags::decode(flags)?;
    let mut c = Ctx::of(ctx)?;
    let n = if size == atom_all() {
        let rest = c.remaining();
        if rest % f.unit != 0 {
            return None;
        }
        rest
    } else {
        size_in_bits(size, f.unit)?
    };
    let start = c.take(n)?;
    Some(make_bitstring_from(h, c.orig, c.bytes(), start, n))
}

/// `'$bs_get_tail'(Ctx, Flags)`: the rest of the bitstring (a multiple of
/// the unit), ending the match. The context is consumed: when the rest
/// starts on a byte boundary the context object itself becomes the
/// `SUB_BIN` (both are a header, two raw words and the storage binary), so
/// a loop over `<<X, Rest/binary>>` allocates nothing for `Rest`.
pub fn get_tail<H: TermAlloc + ?Sized>(h: &mut H, ctx: Term, flags: Term) -> Option<Term> {
    let f = SegmentFlags::decode(flags)?;
    let c = Ctx::of(ctx)?;
    let rest = c.remaining();
    if rest % f.unit != 0 {
        return None;
    }
    if c.pos % 8 == 0 {
        if c.pos == 0 && rest == c.bytes().len() * 8 {
            return Some(c.orig);
        }
        // SAFETY: `c.obj` is the live MATCH_CTX read above (header and
        // three words); the compiler never uses a context after this call.
        unsafe {
            *c.obj = header::make(header::SUB_BIN, 3);
            *c.obj.add(1) = rest as u64;
            *c.obj.add(2) = (c.pos / 8) as u64;
        }
        return Some(ctx);
    }
    Some(make_bitstring_from(h, c.orig, c.bytes(), c.pos, rest))
}

/// `'$bs_get_utf8'(Ctx)`.
pub fn get_utf8(ctx: Term) -> Option<Term> {
    let mut c = Ctx::of(ctx)?;
    let src = c.bytes();
    let byte = |i: usize| -> Option<u8> { (c.remaining() >= 8 * (i + 1)).then(|| read_u8_at(src, c.pos + 8 * i)) };
    let b0 = byte(0)?;
    let (len, init) = match b0 {
        0x00..=0x7F => (1, u32::from(b0)),
        0xC2..=0xDF => (2, u32::from(b0 & 0x1F)),
        0xE0..=0xEF => (3, u32::from(b0 & 0x0F)),
        0xF0..=0xF4 => (4, u32::from(b0 & 0x07)),
        _ => return None,
    };
    let mut cp = init;
    for i in 1..len {
        let b = byte(i)?;
        if b & 0xC0 != 0x80 {
            return None;
        }
        cp = (cp << 6) | u32::from(b & 0x3F);
    }
    let min = [0, 0, 0x80, 0x800, 0x10000][len];
    if cp < min || cp > 0x10FFFF || (0xD800..=0xDFFF).contains(&cp) {
        return None;
    }
    c.take(8 * len);
    Some(tag::small(i64::from(cp)))
}

/// `'$bs_get_utf16'(Ctx, Flags)`.
pub fn get_utf16(ctx: Term, flags: Term) -> Option<Term> {
    let f = SegmentFlags::decode(flags)?;
    let mut c = Ctx::of(ctx)?;
    let src = c.bytes();
    let unit = |i: usize| -> Option<u32> {
        if c.remaining() < 16 * (i + 1) {
            return None;
        }
        let v = read_uint_be(src, c.pos + 16 * i, 16) as u16;
        Some(u32::from(if f.little { v.swap_bytes() } else { v }))
    };
    let u0 = unit(0)?;
    let (cp, bits) = match u0 {
        0xD800..=0xDBFF => {
            let u1 = unit(1)?;
            if !(0xDC00..=0xDFFF).contains(&u1) {
                return None;
            }
            (0x10000 + ((u0 - 0xD800) << 10) + (u1 - 0xDC00), 32)
        }
        0xDC00..=0xDFFF => return None,
        _ => (u0, 16),
    };
    c.take(bits);
    Some(tag::small(i64::from(cp)))
}

/// `'$bs_get_utf32'(Ctx, Flags)`.
pub fn get_utf32(ctx: Term, flags: Term) -> Option<Term> {
    let f = SegmentFlags::decode(flags)?;
    let mut c = Ctx::of(ctx)?;
    if c.remaining() < 32 {
        return None;
    }
    let mut v = read_uint_be(c.bytes(), c.pos, 32) as u32;
    if f.little {
        v = v.swap_bytes();
    }
    if v > 0x10FFFF || (0xD800..=0xDFFF).contains(&v) {
        return None;
    }
    c.take(32);
    Some(tag::small(i64::from(v)))
}

/// `'$bs_test_tail'(Ctx)`: whether every bit has been matched.
pub fn test_tail(ctx: Term) -> Option<Term> {
    let c = Ctx::of(ctx)?;
    (c.remaining() == 0).then_some(atoms::TRUE)
}

fn or_non_value(r: Option<Term>) -> Term {
    r.unwrap_or(tag::NON_VALUE)
}

/// `'$bs_start_match'/1`.
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn kiln_bif_bs_start_match(p: *mut ProcessHeader, t: Term) -> Term {
    // SAFETY: BIF entry points get the running process (see `bif_table`).
    let proc = unsafe { process(p) };
    or_non_value(start_match(proc, t))
}

/// `'$bs_get_integer'/3`.
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn kiln_bif_bs_get_integer(p: *mut ProcessHeader, ctx: Term, size: Term, flags: Term) -> Term {
    // SAFETY: as in `kiln_bif_bs_start_match`.
    let proc = unsafe { process(p) };
    or_non_value(get_integer(proc, ctx, size, flags))
}

/// `'$bs_get_float'/3`.
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn kiln_bif_bs_get_float(p: *mut ProcessHeader, ctx: Term, size: Term, flags: Term) -> Term {
    // SAFETY: as in `kiln_bif_bs_start_match`.
    let proc = unsafe { process(p) };
    or_non_value(get_float(proc, ctx, size, flags))
}

/// `'$bs_get_binary'/3`.
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn kiln_bif_bs_get_binary(p: *mut ProcessHeader, ctx: Term, size: Term, flags: Term) -> Term {
    // SAFETY: as in `kiln_bif_bs_start_match`.
    let proc = unsafe { process(p) };
    or_non_value(get_binary(proc, ctx, size, flags))
}

/// `'$bs_get_tail'/2`.
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn kiln_bif_bs_get_tail(p: *mut ProcessHeader, ctx: Term, flags: Term) -> Term {
    // SAFETY: as in `kiln_bif_bs_start_match`.
    let proc = unsafe { process(p) };
    or_non_value(get_tail(proc, ctx, flags))
}

/// `'$bs_get_utf8'/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_get_utf8(_p: *mut ProcessHeader, ctx: Term) -> Term {
    or_non_value(get_utf8(ctx))
}

/// `'$bs_get_utf16'/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_get_utf16(_p: *mut ProcessHeader, ctx: Term, flags: Term) -> Term {
    or_non_value(get_utf16(ctx, flags))
}

/// `'$bs_get_utf32'/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_get_utf32(_p: *mut ProcessHeader, ctx: Term, flags: Term) -> Term {
    or_non_value(get_utf32(ctx, flags))
}

/// `'$bs_test_tail'/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_test_tail(_p: *mut ProcessHeader, ctx: Term) -> Term {
    or_non_value(test_tail(ctx))
}
