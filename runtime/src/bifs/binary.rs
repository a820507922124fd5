//! The `erlang` BIFs over binaries and bitstrings: sizes, parts, iolists,
//! and conversions between binaries and lists, atoms, integers and floats
//! (OTP 25 semantics; every bad argument raises `badarg`).
//!
//! Results that are parts of an argument (`binary_part`, `split_binary`)
//! are sub-binaries sharing its storage; see [`crate::binary`].

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::binary::bits::BitWriter;
use crate::binary::{binary_bytes, bits_of, make_binary_from_vec, make_bitstring_from_vec, sub_bitstring};
use crate::term::{
    bif_return, bif_return_pure, make_bigint, make_byte_list, make_float, make_list_with_tail, make_tuple,
    tuple_elements, view, BifResult, Error, TermAlloc, TermView,
};

/// `byte_size(Bitstring)`: whole bytes, rounded up.
pub fn byte_size(t: Term) -> BifResult {
    let b = bits_of(t).ok_or(Error::Badarg)?;
    Ok(tag::small(b.bit_size.div_ceil(8) as i64))
}

/// `bit_size(Bitstring)`.
pub fn bit_size(t: Term) -> BifResult {
    let b = bits_of(t).ok_or(Error::Badarg)?;
    Ok(tag::small(b.bit_size as i64))
}

fn small_arg(t: Term) -> Result<i64, Error> {
    if tag::is_small(t) {
        Ok(tag::small_value(t))
    } else {
        Err(Error::Badarg)
    }
}

/// `binary_part(Binary, Start, Length)`: a negative length counts back
/// from `Start`.
pub fn binary_part<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, start: Term, len: Term) -> BifResult {
    // Bitstrings are allowed: the part must lie within the whole bytes.
    let whole = bits_of(bin).ok_or(Error::Badarg)?.bit_size / 8;
    let (s, l) = (small_arg(start)?, small_arg(len)?);
    let (from, to) = if l >= 0 { (s, s.checked_add(l).ok_or(Error::Badarg)?) } else { (s + l, s) };
    if from < 0 || to > whole as i64 {
        return Err(Error::Badarg);
    }
    sub_bitstring(h, bin, from as usize * 8, (to - from) as usize * 8).ok_or(Error::Badarg)
}

/// `binary_part(Binary, {Start, Length})`.
pub fn binary_part_2<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, pos_len: Term) -> BifResult {
    match tuple_elements(pos_len) {
        Some(&[s, l]) => binary_part(h, bin, s, l),
        _ => Err(Error::Badarg),
    }
}

/// `split_binary(Bin, Pos)`.
pub fn split_binary<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, pos: Term) -> BifResult {
    let b = bits_of(bin).ok_or(Error::Badarg)?;
    let p = small_arg(pos)?;
    if p < 0 || p as usize * 8 > b.bit_size {
        return Err(Error::Badarg);
    }
    let at = p as usize * 8;
    let left = sub_bitstring(h, bin, 0, at).ok_or(Error::Badarg)?;
    let right = sub_bitstring(h, bin, at, b.bit_size - at).ok_or(Error::Badarg)?;
    Ok(make_tuple(h, &[left, right]))
}

/// Appends the bytes of an iolist (or, with `bits`, a bitstring list) to
/// `w`; `None` if it is not one. Iterative: deep lists cannot overflow.
fn collect_iolist(t: Term, bits: bool, w: &mut BitWriter<'_>) -> Option<()> {
    let mut pending = vec![t];
    while let Some(t) = pending.pop() {
        match view(t) {
            TermView::Nil => {}
            TermView::Cons(head, tail) => {
                pending.push(tail);
                match view(head) {
                    TermView::Small(c) if (0..=255).contains(&c) => w.push_bits(&[c as u8], 0, 8),
                    TermView::Cons(..) | TermView::Nil => pending.push(head),
                    TermView::Binary(b) => w.push_bits(b, 0, b.len() * 8),
                    TermView::Bitstring(b) if bits => w.push_bits(b.bytes, 0, b.bit_size),
                    _ => return None,
                }
            }
            TermView::Binary(b) => w.push_bits(b, 0, b.len() * 8),
            TermView::Bitstring(b) if bits => w.push_bits(b.bytes, 0, b.bit_size),
            _ => return None,
        }
    }
    Some(())
}

/// The bytes of an iolist (a binary, or a list of bytes, binaries and
/// iolists, possibly ending in a binary).
pub fn iolist_bytes(t: Term) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut w = BitWriter { buf: &mut buf, bit_len: 0 };
    collect_iolist(t, false, &mut w)?;
    Some(buf)
}

/// `list_to_binary(IoList)`.
pub fn list_to_binary<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    if !matches!(view(l), TermView::Cons(..) | TermView::Nil) {
        return Err(Error::Badarg);
    }
    iolist_to_binary(h, l)
}

/// `iolist_to_binary(IoListOrBinary)`.
pub fn iolist_to_binary<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    if let TermView::Binary(_) = view(l) {
        return Ok(l);
    }
    let bytes = iolist_bytes(l).ok_or(Error::Badarg)?;
    Ok(make_binary_from_vec(h, bytes))
}

/// `iolist_size(IoListOrBinary)`.
pub fn iolist_size<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    let bytes = iolist_bytes(l).ok_or(Error::Badarg)?;
    Ok(crate::term::make_int(h, bytes.len() as i64))
}

/// `iolist_to_iovec(IoListOrBinary)`: the bytes as a list of binaries
/// (one, or none when empty).
pub fn iolist_to_iovec<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    if let TermView::Binary(b) = view(l) {
        return Ok(if b.is_empty() { tag::NIL } else { make_list_with_tail(h, &[l], tag::NIL) });
    }
    let bytes = iolist_bytes(l).ok_or(Error::Badarg)?;
    if bytes.is_empty() {
        return Ok(tag::NIL);
    }
    let bin = make_binary_from_vec(h, bytes);
    Ok(make_list_with_tail(h, &[bin], tag::NIL))
}

/// `list_to_bitstring(BitstringList)`.
pub fn list_to_bitstring<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    if !matches!(view(l), TermView::Cons(..) | TermView::Nil) {
        return Err(Error::Badarg);
    }
    let mut buf = Vec::new();
    let mut w = BitWriter { buf: &mut buf, bit_len: 0 };
    collect_iolist(l, true, &mut w).ok_or(Error::Badarg)?;
    let n = w.bit_len;
    Ok(make_bitstring_from_vec(h, buf, n))
}

/// `binary_to_list(Binary)`.
pub fn binary_to_list<H: TermAlloc + ?Sized>(h: &mut H, bin: Term) -> BifResult {
    let b = binary_bytes(bin).ok_or(Error::Badarg)?;
    Ok(make_byte_list(h, b))
}

/// `binary_to_list(Binary, Start, Stop)`: bytes `Start..=Stop`, 1-based.
pub fn binary_to_list_3<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, start: Term, stop: Term) -> BifResult {
    let b = binary_bytes(bin).ok_or(Error::Badarg)?;
    let (s, e) = (small_arg(start)?, small_arg(stop)?);
    if s < 1 || e < s || e as usize > b.len() {
        return Err(Error::Badarg);
    }
    Ok(make_byte_list(h, &b[s as usize - 1..e as usize]))
}

/// `bitstring_to_list(Bitstring)`: the bytes, then the trailing bits as a
/// bitstring.
pub fn bitstring_to_list<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    let b = bits_of(t).ok_or(Error::Badarg)?;
    let whole = b.whole_bytes();
    let tail = if b.is_binary() {
        tag::NIL
    } else {
        let last = sub_bitstring(h, t, whole.len() * 8, b.bit_size % 8).ok_or(Error::Badarg)?;
        make_list_with_tail(h, &[last], tag::NIL)
    };
    let elems: Vec<Term> = whole.iter().map(|&x| tag::small(i64::from(x))).collect();
    Ok(make_list_with_tail(h, &elems, tail))
}

/// The encoding argument of the atom conversions: `true` for latin1.
fn encoding_is_latin1(enc: Term) -> Result<bool, Error> {
    match atom::try_name(enc) {
        Some("latin1") => Ok(true),
        Some("unicode" | "utf8") => Ok(false),
        _ => Err(Error::Badarg),
    }
}

/// `atom_to_binary(Atom, Encoding)`.
pub fn atom_to_binary<H: TermAlloc + ?Sized>(h: &mut H, a: Term, enc: Term) -> BifResult {
    let latin1 = encoding_is_latin1(enc)?;
    let name = atom::try_name(a).ok_or(Error::Badarg)?;
    if latin1 {
        let bytes: Option<Vec<u8>> = name.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect();
        return Ok(make_binary_from_vec(h, bytes.ok_or(Error::Badarg)?));
    }
    Ok(crate::binary::make_binary(h, name.as_bytes()))
}

/// The atom name in a binary of the given encoding.
fn atom_name_of(bin: Term, enc: Term) -> Result<String, Error> {
    let latin1 = encoding_is_latin1(enc)?;
    let b = binary_bytes(bin).ok_or(Error::Badarg)?;
    if latin1 {
        Ok(b.iter().map(|&x| char::from(x)).collect())
    } else {
        std::str::from_utf8(b).map(str::to_owned).map_err(|_| Error::Badarg)
    }
}

/// `binary_to_atom(Binary, Encoding)`: `system_limit` over 255 characters.
pub fn binary_to_atom(bin: Term, enc: Term) -> BifResult {
    let name = atom_name_of(bin, enc)?;
    atom::try_intern(&name).map_err(|_| Error::SystemLimit)
}

/// `binary_to_existing_atom(Binary, Encoding)`.
pub fn binary_to_existing_atom(bin: Term, enc: Term) -> BifResult {
    let name = atom_name_of(bin, enc)?;
    atom::lookup(&name).ok_or(Error::Badarg)
}

/// A base argument: 2..=36.
fn base(b: Term) -> Result<u32, Error> {
    match small_arg(b)? {
        v @ 2..=36 => Ok(v as u32),
        _ => Err(Error::Badarg),
    }
}

/// `integer_to_binary(Integer, Base)`.
pub fn integer_to_binary<H: TermAlloc + ?Sized>(h: &mut H, i: Term, b: Term) -> BifResult {
    let radix = base(b)?;
    let s = super::convert::integer_text(i, radix).ok_or(Error::Badarg)?;
    Ok(make_binary_from_vec(h, s.into_bytes()))
}

/// `binary_to_integer(Binary, Base)`.
pub fn binary_to_integer<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, b: Term) -> BifResult {
    let radix = base(b)?;
    let bytes = binary_bytes(bin).ok_or(Error::Badarg)?;
    let s = std::str::from_utf8(bytes).map_err(|_| Error::Badarg)?;
    let v = super::convert::parse_integer(s, radix).ok_or(Error::Badarg)?;
    make_bigint(h, &v)
}

/// `binary_to_float(Binary)`.
pub fn binary_to_float<H: TermAlloc + ?Sized>(h: &mut H, bin: Term) -> BifResult {
    let bytes = binary_bytes(bin).ok_or(Error::Badarg)?;
    // A C string to OTP: the text ends at the first NUL.
    let text = bytes.split(|&b| b == 0).next().unwrap_or(&[]);
    let s = std::str::from_utf8(text).map_err(|_| Error::Badarg)?;
    let f = super::numeric::parse_float(s).ok_or(Error::Badarg)?;
    Ok(make_float(h, f))
}

/// `float_to_list/2`'s and `float_to_binary/2`'s text of `f`.
pub fn float_text(f: f64, options: Term) -> Result<String, Error> {
    enum Style {
        Scientific(usize),
        Decimals(usize),
        Short,
    }
    let mut style = Style::Scientific(20);
    let mut compact = false;
    for item in crate::term::list_iter(options) {
        let o = item.map_err(|_| Error::Badarg)?;
        match (atom::try_name(o), tuple_elements(o)) {
            (Some("compact"), _) => compact = true,
            (Some("short"), _) => style = Style::Short,
            (None, Some(&[k, n])) => {
                let n = small_arg(n)?;
                match atom::try_name(k) {
                    Some("decimals") if (0..=253).contains(&n) => style = Style::Decimals(n as usize),
                    Some("scientific") if (0..=249).contains(&n) => style = Style::Scientific(n as usize),
                    _ => return Err(Error::Badarg),
                }
            }
            _ => return Err(Error::Badarg),
        }
    }
    Ok(match style {
        Style::Short => crate::format::float::shortest(f),
        Style::Scientific(n) => {
            let s = format!("{f:.n$e}");
            let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let exp: i32 = exp.parse().unwrap_or(0);
            let sign = if exp < 0 { '-' } else { '+' };
            format!("{mant}e{sign}{:02}", exp.unsigned_abs())
        }
        Style::Decimals(n) => {
            let mut s = fixed_decimals(f, n);
            if s.len() >= FLOAT_TEXT_MAX {
                return Err(Error::Badarg);
            }
            if compact && s.contains('.') {
                let trimmed = s.trim_end_matches('0');
                let keep = if trimmed.ends_with('.') { trimmed.len() + 1 } else { trimmed.len() };
                s.truncate(keep);
            }
            s
        }
    })
}

/// OTP formats `{decimals, N}` into a fixed buffer; longer text is `badarg`.
const FLOAT_TEXT_MAX: usize = 256;

/// `f` with `n` decimals, rounded as OTP does: for small values and few
/// decimals, the fraction is scaled in floating point and rounded half
/// away from zero (so `0.045` gives `0.05`); otherwise the exact decimal
/// expansion is rounded.
fn fixed_decimals(f: f64, n: usize) -> String {
    const FAST_MAX_DECIMALS: usize = 15;
    let af = f.abs();
    if n > FAST_MAX_DECIMALS || af >= (1u64 << 52) as f64 {
        return format!("{f:.n$}");
    }
    let mult = 10u64.pow(n as u32);
    let mut int_part = af.trunc() as u64;
    let mut frac = ((af - int_part as f64) * mult as f64 + 0.5).floor() as u64;
    if frac >= mult {
        int_part += 1;
        frac -= mult;
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if n == 0 {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part}.{frac:0n$}")
    }
}

/// `float_to_binary(Float, Options)`.
pub fn float_to_binary<H: TermAlloc + ?Sized>(h: &mut H, f: Term, options: Term) -> BifResult {
    let v = crate::term::float_value(f).ok_or(Error::Badarg)?;
    Ok(make_binary_from_vec(h, float_text(v, options)?.into_bytes()))
}

/// `float_to_list(Float, Options)`.
pub fn float_to_list_2<H: TermAlloc + ?Sized>(h: &mut H, f: Term, options: Term) -> BifResult {
    let v = crate::term::float_value(f).ok_or(Error::Badarg)?;
    Ok(crate::term::make_string(h, &float_text(v, options)?))
}

fn atom_utf8() -> Term {
    atom::intern("utf8")
}

macro_rules! bif1 {
    ($($name:ident => |$h:ident, $a:ident| $body:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, $a: Term) -> Term {
            bif_return(p, |$h| $body)
        }
    )*};
}

macro_rules! bif2 {
    ($($name:ident => |$h:ident, $a:ident, $b:ident| $body:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, $a: Term, $b: Term) -> Term {
            bif_return(p, |$h| $body)
        }
    )*};
}

#[no_mangle]
pub extern "C" fn kiln_bif_byte_size(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, byte_size(a))
}

#[no_mangle]
pub extern "C" fn kiln_bif_bit_size(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, bit_size(a))
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_part_3(p: *mut ProcessHeader, b: Term, s: Term, l: Term) -> Term {
    bif_return(p, |h| binary_part(h, b, s, l))
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_to_list_3(p: *mut ProcessHeader, b: Term, s: Term, e: Term) -> Term {
    bif_return(p, |h| binary_to_list_3(h, b, s, e))
}

/// Like `bif1!`, charging reductions for the bytes of the binary (or byte
/// count) produced (see `proc_bifs::BYTES_PER_RED`).
macro_rules! bif1_bytes {
    ($($name:ident => |$h:ident, $a:ident| $body:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, $a: Term) -> Term {
            let r = bif_return(p, |$h| $body);
            let bytes = if tag::is_small(r) {
                tag::small_value(r).max(0) as usize
            } else {
                crate::term::binary_bytes(r).map_or(0, |b| b.len())
            };
            crate::proc_bifs::charge_bytes(p, bytes);
            r
        }
    )*};
}

bif1_bytes! {
    kiln_bif_list_to_binary => |h, a| list_to_binary(h, a);
    kiln_bif_iolist_to_binary => |h, a| iolist_to_binary(h, a);
    kiln_bif_iolist_size => |h, a| iolist_size(h, a);
    kiln_bif_list_to_bitstring => |h, a| list_to_bitstring(h, a);
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_to_list(p: *mut ProcessHeader, a: Term) -> Term {
    // Reductions for the list cells built.
    crate::proc_bifs::charging_alloc(p, || bif_return(p, |h| binary_to_list(h, a)))
}

bif1! {
    kiln_bif_iolist_to_iovec => |h, a| iolist_to_iovec(h, a);
    kiln_bif_bitstring_to_list => |h, a| bitstring_to_list(h, a);
    kiln_bif_atom_to_binary => |h, a| atom_to_binary(h, a, atom_utf8());
    kiln_bif_binary_to_atom => |_h, a| binary_to_atom(a, atom_utf8());
    kiln_bif_binary_to_existing_atom => |_h, a| binary_to_existing_atom(a, atom_utf8());
    kiln_bif_integer_to_binary => |h, a| integer_to_binary(h, a, tag::small(10));
    kiln_bif_binary_to_integer => |h, a| binary_to_integer(h, a, tag::small(10));
    kiln_bif_binary_to_float => |h, a| binary_to_float(h, a);
    kiln_bif_float_to_binary => |h, a| float_to_binary(h, a, tag::NIL);
}

bif2! {
    kiln_bif_binary_part_2 => |h, a, b| binary_part_2(h, a, b);
    kiln_bif_split_binary => |h, a, b| split_binary(h, a, b);
    kiln_bif_atom_to_binary_2 => |h, a, b| atom_to_binary(h, a, b);
    kiln_bif_binary_to_atom_2 => |_h, a, b| binary_to_atom(a, b);
    kiln_bif_binary_to_existing_atom_2 => |_h, a, b| binary_to_existing_atom(a, b);
    kiln_bif_integer_to_binary_2 => |h, a, b| integer_to_binary(h, a, b);
    kiln_bif_binary_to_integer_2 => |h, a, b| binary_to_integer(h, a, b);
    kiln_bif_float_to_binary_2 => |h, a, b| float_to_binary(h, a, b);
    kiln_bif_float_to_list_2 => |h, a, b| float_to_list_2(h, a, b);
}
