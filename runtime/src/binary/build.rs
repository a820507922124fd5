//! Bitstring construction: the `'$bs_init'`, `'$bs_put_*'` and
//! `'$bs_finish'` BIFs that compiled `<<...>>` expressions call.
//!
//! `'$bs_init'()` returns a builder (`BIN_BUILDER`: a bit length and an
//! off-heap growable buffer), each put appends one segment to it in place
//! and returns it, and `'$bs_finish'` turns it into a bitstring: a heap
//! binary when it fits, else a `REFC_BIN` sharing the builder's buffer (no
//! copy), wrapped in a `SUB_BIN` when it is not a whole number of bytes.
//! The buffer grows geometrically, so building is amortised O(bits). A put
//! on a builder whose buffer is already shared (finished, or copied into
//! a message) copies the buffer first, so a finished bitstring never
//! changes.
//!
//! Failures raise `error:badarg`, as OTP 25 does for every construction
//! error.

use num_bigint::{BigInt, Sign};

use super::bits::BitWriter;
use super::{bits_of, make_bitstring_from_vec, make_refc_object, make_sub_binary, OffHeapBin, HEAP_BIN_MAX};
use crate::abi::{bits, header, tag, ProcessHeader, Term};
use crate::term::{bif_return, view, BifResult, Error, TermAlloc, TermView};

/// The decoded `Flags` argument of the segment BIFs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentFlags {
    pub little: bool,
    pub signed: bool,
    pub unit: usize,
}

impl SegmentFlags {
    /// Decodes a flags term (a small integer, laid out as `abi::bits`);
    /// `None` if it is not one.
    pub fn decode(t: Term) -> Option<SegmentFlags> {
        if !tag::is_small(t) {
            return None;
        }
        let v = u32::try_from(tag::small_value(t)).ok()?;
        Some(SegmentFlags {
            little: v & (bits::LITTLE | bits::NATIVE) != 0,
            signed: v & bits::SIGNED != 0,
            unit: (bits::unit(v) as usize).max(1),
        })
    }

    /// The flags term for these settings (for tests).
    pub fn encode(little: bool, signed: bool, unit: usize) -> Term {
        tag::small(i64::from(bits::flags(unit as u32, little, signed, false)))
    }
}

/// The atom `all`.
pub fn atom_all() -> Term {
    crate::atom::intern("all")
}

/// A `Size` term times the unit, in bits; `None` unless it is a
/// non-negative integer whose bit count fits a `usize`.
pub fn size_in_bits(size: Term, unit: usize) -> Option<usize> {
    if !tag::is_small(size) {
        return None;
    }
    let n = usize::try_from(tag::small_value(size)).ok()?;
    n.checked_mul(unit)
}

/// Marks a builder (in its bit-length word) that appends in place to a
/// buffer a finished binary also uses; see [`append_to`].
const ADOPTED: u64 = 1 << 63;

/// The builder object behind a term: its address and buffer.
fn builder_parts(b: Term) -> Option<(*mut Term, *const OffHeapBin)> {
    if !tag::is_boxed(b) {
        return None;
    }
    let p = tag::boxed_ptr(b);
    // SAFETY: a boxed term points at its header; a BIN_BUILDER has two
    // words after it (bit length, buffer).
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER || header::subtag(h) != header::BIN_BUILDER {
            return None;
        }
        Some((p, *p.add(2) as usize as *const OffHeapBin))
    }
}

/// A new, empty builder.
pub fn init<H: TermAlloc + ?Sized>(h: &mut H) -> Term {
    let bin = OffHeapBin::new(Vec::with_capacity(HEAP_BIN_MAX));
    let p = h.alloc_words(3);
    // SAFETY: three fresh words: header, bit length, buffer.
    unsafe {
        *p = header::make(header::BIN_BUILDER, 2);
        *p.add(1) = 0;
        *p.add(2) = bin as usize as u64;
    }
    h.register_off_heap(p, bin);
    tag::boxed(p)
}

/// Runs `f` on the builder's buffer (copied first if it is shared);
/// returns the builder.
fn append<H: TermAlloc + ?Sized>(
    h: &mut H,
    builder: Term,
    f: impl FnOnce(&mut BitWriter<'_>) -> Result<(), Error>,
) -> BifResult {
    let (p, mut bin) = builder_parts(builder).ok_or(Error::Badarg)?;
    // SAFETY: `p` is a live builder holding a reference to `bin`; the
    // buffer is only mutated when that reference is the only one.
    unsafe {
        let adopted = *p.add(1) & ADOPTED;
        let bit_len = (*p.add(1) & !ADOPTED) as usize;
        if !writable(bin, adopted != 0) {
            let copy = OffHeapBin::bytes(bin)[..bit_len.div_ceil(8)].to_vec();
            bin = OffHeapBin::new(copy);
            *p.add(2) = bin as usize as u64;
            h.register_off_heap(p, bin);
        }
        let buf = OffHeapBin::bytes_mut(bin);
        buf.truncate(bit_len.div_ceil(8));
        let mut w = BitWriter { buf, bit_len };
        let r = f(&mut w);
        *p.add(1) = w.bit_len as u64 | adopted;
        r?;
    }
    Ok(builder)
}

/// Whether a builder may write to `bin`: its own unshared buffer, or (an
/// adopted builder) a buffer no other process can see, where only bytes
/// past every existing binary's end change.
///
/// # Safety
/// `bin` must be live.
unsafe fn writable(bin: *const OffHeapBin, adopted: bool) -> bool {
    // SAFETY: per the caller.
    unsafe { OffHeapBin::is_unique(bin) || (adopted && !OffHeapBin::is_shared(bin)) }
}

/// `'$bs_append'(Bin, Flags)`: a builder holding `Bin` (its first
/// segment, `Bin/binary` or `Bin/bits`). When `Bin` is an off-heap binary
/// that ends where its buffer ends and no other process holds it, the
/// builder appends to that same buffer instead of copying it, so a loop
/// `Acc1 = <<Acc/binary, X>>` is linear, as in BEAM. Readers of `Bin` and
/// of earlier results are unaffected: they only read bytes before their
/// own end, and the buffer is never visible to another thread while it is
/// appended to (a message marks it shared first).
pub fn append_to<H: TermAlloc + ?Sized>(h: &mut H, bin_term: Term, unit: usize) -> BifResult {
    let b = bits_of(bin_term).ok_or(Error::Badarg)?;
    if b.bit_size % unit != 0 {
        return Err(Error::Badarg);
    }
    if let Some((size, bin)) = super::refc_parts(bin_term) {
        // SAFETY: `bin` is live: the `REFC_BIN` object holds a reference.
        unsafe {
            if OffHeapBin::bytes(bin).len() == size && !OffHeapBin::is_shared(bin) {
                OffHeapBin::retain(bin);
                let p = h.alloc_words(3);
                *p = header::make(header::BIN_BUILDER, 2);
                *p.add(1) = (size as u64 * 8) | ADOPTED;
                *p.add(2) = bin as usize as u64;
                h.register_off_heap(p, bin);
                return Ok(tag::boxed(p));
            }
        }
    }
    let builder = init(h);
    append(h, builder, |w| put_binary(w, bin_term, None, unit))
}

/// The low `bits` bits of an integer as two's complement bytes, little
/// endian (`ceil(bits / 8)` bytes; the last one holds the top `bits % 8`).
fn twos_complement_le(value: Term, bits: usize) -> Option<Vec<u8>> {
    let n = bits.div_ceil(8);
    let (mut le, negative) = match view(value) {
        TermView::Small(v) => (v.to_le_bytes()[..n.min(8)].to_vec(), v < 0),
        TermView::Big(b) => {
            let v = crate::term::big_to_bigint(b);
            let mut bytes = v.to_signed_bytes_le();
            bytes.truncate(n);
            (bytes, v.sign() == Sign::Minus)
        }
        _ => return None,
    };
    le.resize(n, if negative { 0xFF } else { 0 });
    Some(le)
}

/// Appends an integer segment.
pub fn put_integer(w: &mut BitWriter<'_>, value: Term, bits: usize, little: bool) -> Result<(), Error> {
    let le = twos_complement_le(value, bits).ok_or(Error::Badarg)?;
    let rest = bits % 8;
    if little {
        let whole = bits / 8;
        w.push_bits(&le, 0, whole * 8);
        if rest > 0 {
            // The top bits of the value, as a short last "byte".
            w.push_bits(&[le[whole]], 8 - rest, rest);
        }
    } else {
        let be: Vec<u8> = le.into_iter().rev().collect();
        w.push_bits(&be, (8 - rest) % 8, bits);
    }
    Ok(())
}

/// The value of a number term as a float (`badarg` if not a number or
/// too large).
fn number_as_f64(value: Term) -> Option<f64> {
    match view(value) {
        TermView::Float(f) => Some(f),
        TermView::Small(v) => Some(v as f64),
        TermView::Big(b) => {
            let f = num_traits::ToPrimitive::to_f64(&crate::term::big_to_bigint(b))?;
            f.is_finite().then_some(f)
        }
        _ => None,
    }
}

/// IEEE half precision bits of `f`, rounded to nearest even; `None` when
/// it overflows.
pub fn f64_to_f16(f: f64) -> Option<u16> {
    let bits = f.to_bits();
    let sign = ((bits >> 48) & 0x8000) as u16;
    let a = f.abs();
    if a == 0.0 {
        return Some(sign);
    }
    // The smallest normal half is 2^-14; below it, multiples of 2^-24.
    if a < 2f64.powi(-14) {
        let q = a / 2f64.powi(-24);
        let r = round_half_even(q);
        return Some(sign | r as u16); // r == 1024 is the smallest normal
    }
    let exp = ((bits >> 52) & 0x7FF) as i32 - 1023;
    let mant = bits & ((1 << 52) - 1);
    // 10 mantissa bits: round the 52-bit mantissa to 10.
    let full = (1u64 << 52) | mant;
    let shifted = full >> 42;
    let rem = full & ((1 << 42) - 1);
    let half = 1u64 << 41;
    let mut m = shifted;
    if rem > half || (rem == half && m & 1 == 1) {
        m += 1;
    }
    let mut e = exp;
    if m == 1 << 11 {
        m >>= 1;
        e += 1;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | (m as u16 & 0x3FF))
}

fn round_half_even(q: f64) -> u64 {
    let fl = q.floor();
    let diff = q - fl;
    let base = fl as u64;
    if diff > 0.5 || (diff == 0.5 && base & 1 == 1) {
        base + 1
    } else {
        base
    }
}

/// The value of IEEE half precision bits.
pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = i32::from((h >> 10) & 0x1F);
    let m = f64::from(h & 0x3FF);
    match e {
        0 => sign * m * 2f64.powi(-24),
        31 if m == 0.0 => sign * f64::INFINITY,
        31 => f64::NAN,
        _ => sign * (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    }
}

/// Appends a float segment of 16, 32 or 64 bits.
pub fn put_float(w: &mut BitWriter<'_>, value: Term, bits: usize, little: bool) -> Result<(), Error> {
    let f = number_as_f64(value).ok_or(Error::Badarg)?;
    let mut be: Vec<u8> = match bits {
        64 => f.to_be_bytes().to_vec(),
        // Out of range becomes an infinity, as in OTP.
        32 => (f as f32).to_be_bytes().to_vec(),
        16 => f64_to_f16(f).unwrap_or(if f < 0.0 { 0xFC00 } else { 0x7C00 }).to_be_bytes().to_vec(),
        _ => return Err(Error::Badarg),
    };
    if little {
        be.reverse();
    }
    w.push_bits(&be, 0, bits);
    Ok(())
}

/// Appends a binary segment: the whole of `value` (`size` = `None`), which
/// must be a multiple of `unit` bits, or its first `size` bits.
pub fn put_binary(w: &mut BitWriter<'_>, value: Term, size: Option<usize>, unit: usize) -> Result<(), Error> {
    let b = bits_of(value).ok_or(Error::Badarg)?;
    let n = match size {
        None if b.bit_size % unit == 0 => b.bit_size,
        Some(n) if n <= b.bit_size => n,
        _ => return Err(Error::Badarg),
    };
    w.push_bits(b.bytes, 0, n);
    Ok(())
}

/// A code point that UTF encodings accept.
fn code_point(value: Term) -> Option<u32> {
    if !tag::is_small(value) {
        return None;
    }
    let v = tag::small_value(value);
    let c = u32::try_from(v).ok()?;
    (c <= 0x10FFFF && !(0xD800..=0xDFFF).contains(&c)).then_some(c)
}

/// Appends a UTF-8 segment.
pub fn put_utf8(w: &mut BitWriter<'_>, value: Term) -> Result<(), Error> {
    let c = code_point(value).and_then(char::from_u32).ok_or(Error::Badarg)?;
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    w.push_bits(s.as_bytes(), 0, s.len() * 8);
    Ok(())
}

/// Appends a UTF-16 segment.
pub fn put_utf16(w: &mut BitWriter<'_>, value: Term, little: bool) -> Result<(), Error> {
    let c = code_point(value).and_then(char::from_u32).ok_or(Error::Badarg)?;
    let mut units = [0u16; 2];
    for u in c.encode_utf16(&mut units).iter() {
        let b = if little { u.to_le_bytes() } else { u.to_be_bytes() };
        w.push_bits(&b, 0, 16);
    }
    Ok(())
}

/// Appends a UTF-32 segment.
pub fn put_utf32(w: &mut BitWriter<'_>, value: Term, little: bool) -> Result<(), Error> {
    let c = code_point(value).ok_or(Error::Badarg)?;
    let b = if little { c.to_le_bytes() } else { c.to_be_bytes() };
    w.push_bits(&b, 0, 32);
    Ok(())
}

/// `'$bs_finish'`: the bitstring built so far.
pub fn finish<H: TermAlloc + ?Sized>(h: &mut H, builder: Term) -> BifResult {
    let (p, bin) = builder_parts(builder).ok_or(Error::Badarg)?;
    // SAFETY: `p` is a live builder holding a reference to `bin`.
    unsafe {
        let adopted = *p.add(1) & ADOPTED != 0;
        let bit_len = (*p.add(1) & !ADOPTED) as usize;
        let nbytes = bit_len.div_ceil(8);
        if nbytes <= HEAP_BIN_MAX {
            let bytes = OffHeapBin::bytes(bin)[..nbytes].to_vec();
            return Ok(make_bitstring_from_vec(h, bytes, bit_len));
        }
        if writable(bin, adopted) {
            let buf = OffHeapBin::bytes_mut(bin);
            buf.truncate(nbytes);
            // Mask the unused bits so equal bitstrings have equal bytes.
            if bit_len % 8 != 0 {
                buf[nbytes - 1] &= !(0xFFu8 >> (bit_len % 8));
            }
            // An adopted buffer keeps its spare room for the next append.
            if !adopted && buf.capacity() > nbytes + nbytes / 4 {
                buf.shrink_to_fit();
            }
        }
        OffHeapBin::retain(bin);
        let whole = make_refc_object(h, bin, nbytes);
        if bit_len % 8 == 0 {
            Ok(whole)
        } else {
            Ok(make_sub_binary(h, whole, 0, bit_len))
        }
    }
}

/// A segment's size: `all` (`None`) or a count of units.
fn segment_size(size: Term, unit: usize, allow_all: bool) -> Result<Option<usize>, Error> {
    if allow_all && size == atom_all() {
        return Ok(None);
    }
    size_in_bits(size, unit).map(Some).ok_or(Error::Badarg)
}

fn flags_of(flags: Term) -> Result<SegmentFlags, Error> {
    SegmentFlags::decode(flags).ok_or(Error::Badarg)
}

/// `'$bs_init'/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_init(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(init(proc)))
}

/// `'$bs_append'(Bin, Flags)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_append(p: *mut ProcessHeader, bin: Term, flags: Term) -> Term {
    bif_return(p, |proc| {
        let f = flags_of(flags)?;
        append_to(proc, bin, f.unit)
    })
}

/// `'$bs_put_integer'(Builder, Value, Size, Flags)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_put_integer(
    p: *mut ProcessHeader,
    b: Term,
    value: Term,
    size: Term,
    flags: Term,
) -> Term {
    bif_return(p, |proc| {
        let f = flags_of(flags)?;
        let bits = segment_size(size, f.unit, false)?.ok_or(Error::Badarg)?;
        append(proc, b, |w| put_integer(w, value, bits, f.little))
    })
}

/// `'$bs_put_float'(Builder, Value, Size, Flags)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_put_float(p: *mut ProcessHeader, b: Term, value: Term, size: Term, flags: Term) -> Term {
    bif_return(p, |proc| {
        let f = flags_of(flags)?;
        let bits = segment_size(size, f.unit, false)?.ok_or(Error::Badarg)?;
        append(proc, b, |w| put_float(w, value, bits, f.little))
    })
}

/// `'$bs_put_binary'(Builder, Value, Size | all, Flags)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_put_binary(p: *mut ProcessHeader, b: Term, value: Term, size: Term, flags: Term) -> Term {
    bif_return(p, |proc| {
        let f = flags_of(flags)?;
        let bits = segment_size(size, f.unit, true)?;
        append(proc, b, |w| put_binary(w, value, bits, f.unit))
    })
}

/// `'$bs_put_utf8'(Builder, CodePoint)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_put_utf8(p: *mut ProcessHeader, b: Term, value: Term) -> Term {
    bif_return(p, |proc| append(proc, b, |w| put_utf8(w, value)))
}

/// `'$bs_put_utf16'(Builder, CodePoint, Flags)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_put_utf16(p: *mut ProcessHeader, b: Term, value: Term, flags: Term) -> Term {
    bif_return(p, |proc| {
        let f = flags_of(flags)?;
        append(proc, b, |w| put_utf16(w, value, f.little))
    })
}

/// `'$bs_put_utf32'(Builder, CodePoint, Flags)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_put_utf32(p: *mut ProcessHeader, b: Term, value: Term, flags: Term) -> Term {
    bif_return(p, |proc| {
        let f = flags_of(flags)?;
        append(proc, b, |w| put_utf32(w, value, f.little))
    })
}

/// `'$bs_finish'(Builder)`.
#[no_mangle]
pub extern "C" fn kiln_bif_bs_finish(p: *mut ProcessHeader, b: Term) -> Term {
    bif_return(p, |proc| finish(proc, b))
}

/// Test and BIF helper: builds a bitstring from segment closures.
pub fn build_with<H: TermAlloc + ?Sized>(
    h: &mut H,
    f: impl FnOnce(&mut BitWriter<'_>) -> Result<(), Error>,
) -> BifResult {
    let b = init(h);
    append(h, b, f)?;
    finish(h, b)
}

/// The value of a bignum of `bits` bits from its two's complement
/// little-endian bytes (helper shared with matching).
pub(crate) fn bigint_from_le(le: &[u8], signed: bool, bits: usize) -> BigInt {
    let v = BigInt::from_bytes_le(Sign::Plus, le);
    if signed && bits > 0 && v.bit(bits as u64 - 1) {
        v - (BigInt::from(1) << bits)
    } else {
        v
    }
}
