//! The `binary` module's BIFs (OTP 25 semantics; bad arguments raise
//! `badarg`). Parts of a binary are sub-binaries sharing its storage.

use num_bigint::{BigInt, Sign};

use super::binary::{binary_part, binary_part_2};
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::binary::{binary_bytes, bits_of, make_binary, make_binary_from_vec, storage_of};
use crate::term::{
    bif_return, bif_return_pure, list_iter, make_bigint, make_byte_list, to_bigint, tuple_elements, BifResult,
    Error, TermAlloc,
};

fn bytes_of<'a>(t: Term) -> Result<&'a [u8], Error> {
    binary_bytes(t).ok_or(Error::Badarg)
}

fn small_arg(t: Term) -> Result<i64, Error> {
    if tag::is_small(t) {
        Ok(tag::small_value(t))
    } else {
        Err(Error::Badarg)
    }
}

/// `binary:at(Subject, Pos)`.
pub fn at(bin: Term, pos: Term) -> BifResult {
    let b = bytes_of(bin)?;
    let i = usize::try_from(small_arg(pos)?).map_err(|_| Error::Badarg)?;
    b.get(i).map(|&x| tag::small(i64::from(x))).ok_or(Error::Badarg)
}

/// `binary:first(Subject)`.
pub fn first(bin: Term) -> BifResult {
    bytes_of(bin)?.first().map(|&x| tag::small(i64::from(x))).ok_or(Error::Badarg)
}

/// `binary:last(Subject)`.
pub fn last(bin: Term) -> BifResult {
    bytes_of(bin)?.last().map(|&x| tag::small(i64::from(x))).ok_or(Error::Badarg)
}

/// The byte range of a `{Start, Length}` part of `b` (negative lengths
/// count back).
fn part_range(len: usize, start: Term, length: Term) -> Result<(usize, usize), Error> {
    let (s, l) = (small_arg(start)?, small_arg(length)?);
    let (from, to) = if l >= 0 { (s, s.checked_add(l).ok_or(Error::Badarg)?) } else { (s + l, s) };
    if from < 0 || to > len as i64 {
        return Err(Error::Badarg);
    }
    Ok((from as usize, to as usize))
}

/// `binary:bin_to_list(Subject, {Start, Length})`.
pub fn bin_to_list_2<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, pos_len: Term) -> BifResult {
    match tuple_elements(pos_len) {
        Some(&[s, l]) => bin_to_list_3(h, bin, s, l),
        _ => Err(Error::Badarg),
    }
}

/// `binary:bin_to_list(Subject, Start, Length)`.
pub fn bin_to_list_3<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, start: Term, length: Term) -> BifResult {
    let b = bytes_of(bin)?;
    let (from, to) = part_range(b.len(), start, length)?;
    Ok(make_byte_list(h, &b[from..to]))
}

/// `binary:list_to_bin(IoList)`: a list only.
pub fn list_to_bin<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    super::binary::list_to_binary(h, l)
}

/// `binary:copy(Subject, N)`: `N` copies, in fresh storage.
pub fn copy<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, n: Term) -> BifResult {
    bits_of(bin).ok_or(Error::Badarg)?;
    let n = usize::try_from(small_arg(n)?).map_err(|_| Error::Badarg)?;
    if n == 0 {
        // Zero copies of any bitstring is empty (OTP).
        return Ok(make_binary(h, &[]));
    }
    let b = bytes_of(bin)?;
    let total = b.len().checked_mul(n).ok_or(Error::SystemLimit)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(b);
    }
    Ok(make_binary_from_vec(h, out))
}

fn is_little(endian: Term) -> Result<bool, Error> {
    match atom::try_name(endian) {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        _ => Err(Error::Badarg),
    }
}

/// `binary:decode_unsigned(Subject, Endianness)`.
pub fn decode_unsigned<H: TermAlloc + ?Sized>(h: &mut H, bin: Term, endian: Term) -> BifResult {
    let b = bytes_of(bin)?;
    let v = if is_little(endian)? { BigInt::from_bytes_le(Sign::Plus, b) } else { BigInt::from_bytes_be(Sign::Plus, b) };
    make_bigint(h, &v)
}

/// `binary:encode_unsigned(Unsigned, Endianness)`.
pub fn encode_unsigned<H: TermAlloc + ?Sized>(h: &mut H, n: Term, endian: Term) -> BifResult {
    let little = is_little(endian)?;
    let v = to_bigint(n).ok_or(Error::Badarg)?;
    if v.sign() == Sign::Minus {
        return Err(Error::Badarg);
    }
    let (_, bytes) = if little { v.to_bytes_le() } else { v.to_bytes_be() };
    Ok(make_binary(h, &bytes))
}

/// `binary:referenced_byte_size(Binary)`: the size of the storage a
/// binary (or part of one) keeps alive.
pub fn referenced_byte_size(bin: Term) -> BifResult {
    bits_of(bin).ok_or(Error::Badarg)?;
    let (orig, _) = storage_of(bin).ok_or(Error::Badarg)?;
    Ok(tag::small(bytes_of(orig)?.len() as i64))
}

/// The binaries of a non-empty proper list.
fn binary_list<'a>(l: Term) -> Result<Vec<&'a [u8]>, Error> {
    let mut out = Vec::new();
    for item in list_iter(l) {
        out.push(bytes_of(item.map_err(|_| Error::Badarg)?)?);
    }
    if out.is_empty() {
        return Err(Error::Badarg);
    }
    Ok(out)
}

/// `binary:longest_common_prefix(Binaries)`.
pub fn longest_common_prefix(l: Term) -> BifResult {
    let bins = binary_list(l)?;
    let first = bins[0];
    let n = bins[1..].iter().fold(first.len(), |n, b| first[..n].iter().zip(b.iter()).take_while(|(x, y)| x == y).count());
    Ok(tag::small(n as i64))
}

/// `binary:longest_common_suffix(Binaries)`.
pub fn longest_common_suffix(l: Term) -> BifResult {
    let bins = binary_list(l)?;
    let first = bins[0];
    let n = bins[1..].iter().fold(first.len(), |n, b| {
        first[first.len() - n..].iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
    });
    Ok(tag::small(n as i64))
}

fn atom_big() -> Term {
    atom::intern("big")
}

/// Test dispatcher: calls `binary:name(args)`, `None` if not implemented.
#[cfg(test)]
pub(crate) fn call(p: &mut crate::process::Process, name: &str, a: &[Term]) -> Option<BifResult> {
    Some(match (name, a) {
        ("at", &[x, y]) => at(x, y),
        ("first", &[x]) => first(x),
        ("last", &[x]) => last(x),
        ("part", &[x, y]) => binary_part_2(p, x, y),
        ("part", &[x, y, z]) => binary_part(p, x, y, z),
        ("bin_to_list", &[x]) => bytes_of(x).map(|b| make_byte_list(p, b)),
        ("bin_to_list", &[x, y]) => bin_to_list_2(p, x, y),
        ("bin_to_list", &[x, y, z]) => bin_to_list_3(p, x, y, z),
        ("list_to_bin", &[x]) => list_to_bin(p, x),
        ("copy", &[x]) => copy(p, x, tag::small(1)),
        ("copy", &[x, n]) => copy(p, x, n),
        ("decode_unsigned", &[x]) => decode_unsigned(p, x, atom_big()),
        ("decode_unsigned", &[x, e]) => decode_unsigned(p, x, e),
        ("encode_unsigned", &[x]) => encode_unsigned(p, x, atom_big()),
        ("encode_unsigned", &[x, e]) => encode_unsigned(p, x, e),
        ("referenced_byte_size", &[x]) => referenced_byte_size(x),
        ("longest_common_prefix", &[x]) => longest_common_prefix(x),
        ("longest_common_suffix", &[x]) => longest_common_suffix(x),
        _ => return None,
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_binary_at(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return_pure(p, at(a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_first(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, first(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_last(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, last(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_part_m2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| binary_part_2(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_part_m3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| binary_part(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_bin_to_list(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| Ok(make_byte_list(h, bytes_of(a)?)))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_bin_to_list_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| bin_to_list_2(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_bin_to_list_3(p: *mut ProcessHeader, a: Term, b: Term, c: Term) -> Term {
    bif_return(p, |h| bin_to_list_3(h, a, b, c))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_list_to_bin(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| list_to_bin(h, a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_copy(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| copy(h, a, tag::small(1)))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_copy_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| copy(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_decode_unsigned(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| decode_unsigned(h, a, atom_big()))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_decode_unsigned_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| decode_unsigned(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_encode_unsigned(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |h| encode_unsigned(h, a, atom_big()))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_encode_unsigned_2(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return(p, |h| encode_unsigned(h, a, b))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_referenced_byte_size(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, referenced_byte_size(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_longest_common_prefix(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, longest_common_prefix(a))
}
#[no_mangle]
pub extern "C" fn kiln_bif_binary_longest_common_suffix(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, longest_common_suffix(a))
}

