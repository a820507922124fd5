//! Hash and checksum BIFs: `erlang:phash2/1,2` and `erlang:phash/2` (the
//! same values as OTP 25 on a 64-bit machine), `md5/1`, `crc32/1,2` and
//! `adler32/1,2`.
//!
//! # phash2 (OTP's "hash2")
//!
//! A Bob Jenkins style 32-bit mix over the term, walked depth first with an
//! explicit stack. Each kind of term feeds its words into the mix with its
//! own constant (a multiple of the golden ratio). Atoms contribute OTP's
//! per-atom hash (hashpjw of the name, see [`atom_hash`]); integers that fit
//! 28 bits are mixed as signed 32-bit values, larger ones as their 64-bit
//! magnitude limbs (so a small and a bignum of equal value agree, as in
//! OTP); `-0.0` hashes as `0.0`; runs of bytes in a list are packed four to
//! a word; a map hashes each key/value pair from scratch and combines the
//! pair hashes with xor, so the result does not depend on the key order.
//!
//! Pids, ports and references hash by the number their encoding carries
//! (see `etf::encode`): the same value OTP computes for the term that
//! `binary_to_term` makes of kiln's `term_to_binary` output. Local funs
//! hash by kiln's index and uniq, which are not OTP's (OTP hashes the
//! fun's code MD5-derived uniq): these values differ from OTP's.
//!
//! # phash (the older "hash")
//!
//! A multiplicative hash over the bytes of each number, with different
//! prime multipliers per kind of term; maps use hash2.

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::binary::make_binary;
use crate::term::{bif_return, bif_return_pure, view, BifResult, Error, TermView};

/// OTP's per-atom hash: hashpjw over the name's UTF-8 bytes, where a
/// two-byte sequence for a latin-1 character counts as that character.
pub fn atom_hash(a: Term) -> u32 {
    let b = atom::name(a).as_bytes();
    let mut h: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        let mut v = b[i];
        i += 1;
        if i < b.len() && (v & 0xFE) == 0xC2 && (b[i] & 0xC0) == 0x80 {
            v = (v << 6) | (b[i] & 0x3F);
            i += 1;
        }
        h = (h << 4).wrapping_add(u32::from(v));
        let g = h & 0xF000_0000;
        if g != 0 {
            h ^= g >> 24;
            h ^= g;
        }
    }
    h
}

const GOLDEN: u32 = 0x9e37_79b9;
pub(crate) const fn hc(n: u32) -> u32 {
    GOLDEN.wrapping_mul(n)
}

/// Jenkins' mix of three 32-bit words; returns the new `c`.
fn mix(mut a: u32, mut b: u32, mut c: u32) -> u32 {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15)
}

/// Mixes two words with constant `k` into `h`.
pub(crate) fn mix2(h: u32, x: u32, y: u32, k: u32) -> u32 {
    mix(k.wrapping_add(x), k.wrapping_add(y), h)
}

fn mix1(h: u32, x: u32, k: u32) -> u32 {
    mix2(h, x, 0, k)
}

/// Jenkins' hash of a byte block, chained from `init`.
fn block_hash(k: &[u8], init: u32) -> u32 {
    let word =
        |s: &[u8]| -> u32 { s.iter().enumerate().fold(0u32, |acc, (i, &b)| acc.wrapping_add(u32::from(b) << (8 * i))) };
    let (mut a, mut b, mut c) = (GOLDEN, GOLDEN, init);
    let mut chunks = k.chunks_exact(12);
    for ch in &mut chunks {
        a = a.wrapping_add(word(&ch[0..4]));
        b = b.wrapping_add(word(&ch[4..8]));
        c = c.wrapping_add(word(&ch[8..12]));
        let (na, nb, nc) = mix3(a, b, c);
        a = na;
        b = nb;
        c = nc;
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(k.len() as u32);
    // The first byte of `c` is reserved for the length.
    if rest.len() > 8 {
        c = c.wrapping_add(word(&rest[8..]) << 8);
    }
    if rest.len() > 4 {
        b = b.wrapping_add(word(&rest[4..rest.len().min(8)]));
    }
    a = a.wrapping_add(word(&rest[..rest.len().min(4)]));
    mix3(a, b, c).2
}

/// [`mix`] returning all three words.
fn mix3(mut a: u32, mut b: u32, mut c: u32) -> (u32, u32, u32) {
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 13);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 8);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 13);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 12);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 16);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 5);
    a = a.wrapping_sub(b).wrapping_sub(c) ^ (c >> 3);
    b = b.wrapping_sub(c).wrapping_sub(a) ^ (a << 10);
    c = c.wrapping_sub(a).wrapping_sub(b) ^ (b >> 15);
    (a, b, c)
}

/// Pending work of [`hash2`].
enum H2 {
    Term(Term),
    /// End of a map: restore the outer hash and pair accumulator.
    MapTail {
        outer: u32,
        outer_xor: u32,
    },
    /// End of one key/value pair.
    Pair,
}

fn is_byte(t: Term) -> Option<u32> {
    match view(t) {
        TermView::Small(v @ 0..=255) => Some(v as u32),
        _ => None,
    }
}

/// Hash of a big magnitude (64-bit limbs) for hash2.
fn hash2_limbs(mut h: u32, negative: bool, limbs: &[u64]) -> u32 {
    let k = if negative { hc(10) } else { hc(11) };
    for &l in limbs {
        h = mix2(h, l as u32, (l >> 32) as u32, k);
    }
    h
}

/// OTP's hash2 of `t` (the full 32 bits).
pub fn hash2(t: Term) -> u32 {
    let mut h: u32 = 0;
    let mut xor: u32 = 0;
    let mut stack = vec![H2::Term(t)];
    while let Some(w) = stack.pop() {
        let mut t = match w {
            H2::Term(t) => t,
            H2::MapTail { outer, outer_xor } => {
                h = mix1(outer, xor, hc(19));
                xor = outer_xor;
                continue;
            }
            H2::Pair => {
                xor ^= h;
                h = 0;
                continue;
            }
        };
        match view(t) {
            TermView::Cons(..) => {
                let mut count = 0;
                let mut packed: u32 = 0;
                while let TermView::Cons(hd, tl) = view(t) {
                    let Some(b) = is_byte(hd) else { break };
                    packed = (packed << 8).wrapping_add(b);
                    if count == 3 {
                        h = mix1(h, packed, hc(4));
                        count = 0;
                        packed = 0;
                    } else {
                        count += 1;
                    }
                    t = tl;
                }
                if count > 0 {
                    h = mix1(h, packed, hc(4));
                }
                match view(t) {
                    TermView::Cons(hd, tl) => {
                        stack.push(H2::Term(tl));
                        stack.push(H2::Term(hd));
                    }
                    _ => stack.push(H2::Term(t)),
                }
            }
            TermView::Tuple(es) => {
                h = mix1(h, es.len() as u32, hc(9));
                stack.extend(es.iter().rev().map(|&e| H2::Term(e)));
            }
            TermView::Map(m) => {
                h = mix1(h, m.len() as u32, hc(16));
                if !m.is_empty() {
                    stack.push(H2::MapTail { outer: h, outer_xor: xor });
                    h = 0;
                    xor = 0;
                    // Pair hashes combine by xor: any order gives the same.
                    for (k, v) in m.iter() {
                        stack.push(H2::Pair);
                        stack.push(H2::Term(v));
                        stack.push(H2::Term(k));
                    }
                }
            }
            TermView::Export { module, function, arity } => {
                h = mix2(h, arity, atom_hash(module), GOLDEN);
                h = mix1(h, atom_hash(function), hc(14));
            }
            TermView::Fun(f) => {
                h = mix2(h, f.env.len() as u32, atom_hash(f.module()), GOLDEN);
                h = mix2(h, f.info.index, f.info.uniq, GOLDEN);
                stack.extend(f.env.iter().rev().map(|&e| H2::Term(e)));
            }
            TermView::Binary(b) => h = hash2_bytes(h, b, 0, 0),
            TermView::Bitstring(b) => {
                let (v, n) = b.tail();
                h = hash2_bytes(h, b.whole_bytes(), v, n);
            }
            TermView::Big(b) => h = hash2_limbs(h, b.negative, b.limbs),
            TermView::Ref(n) => h = mix1(h, n as u32, hc(7)),
            TermView::Pid(n) => h = mix1(h, n as u32, hc(5)),
            TermView::Port(n) => h = mix1(h, n as u32, hc(6)),
            TermView::Float(f) => {
                let bits = if f == 0.0 { 0 } else { f.to_bits() };
                h = mix2(h, (bits >> 32) as u32, bits as u32, hc(12));
            }
            TermView::Atom(a) => {
                h = if h == 0 { atom_hash(a) } else { mix1(h, atom_hash(a), hc(3)) };
            }
            TermView::Nil => {
                // OTP mixes in its internal tag number for nil (2).
                h = if h == 0 { 3_468_870_702 } else { mix1(h, 2, hc(2)) };
            }
            TermView::Small(x) => {
                if (-(1 << 27)..(1 << 27)).contains(&x) {
                    let y = x as i32;
                    if y < 0 {
                        h = mix1(h, y.wrapping_neg() as u32, GOLDEN);
                    }
                    h = mix1(h, y as u32, GOLDEN);
                } else {
                    h = hash2_limbs(h, x < 0, &[x.unsigned_abs()]);
                }
            }
            TermView::Invalid(_) => {}
        }
    }
    h
}

pub(crate) fn hash2_bytes(h: u32, bytes: &[u8], tail: u8, tail_bits: u32) -> u32 {
    let con = hc(13).wrapping_add(h);
    if bytes.is_empty() && tail_bits == 0 {
        return con;
    }
    let mut h = block_hash(bytes, con);
    if tail_bits > 0 {
        h = mix2(h, tail_bits, u32::from(tail), hc(15));
    }
    h
}

// The older hash (`phash/2`): primes just above 2^28.
const F1: u32 = 268_440_163;
const F2: u32 = 268_439_161;
const F3: u32 = 268_435_459;
const F4: u32 = 268_436_141;
const F5: u32 = 268_438_633;
const F6: u32 = 268_437_017;
const F8: u32 = 268_437_511;
const F9: u32 = 268_439_627;
const F10: u32 = 268_440_479;
const F11: u32 = 268_440_577;
const F12: u32 = 268_440_581;
const F13: u32 = 268_440_593;
const F14: u32 = 268_440_611;

/// Pending work of [`hash1`].
enum H1 {
    Term(Term),
    /// A tuple of this arity is done.
    TupleEnd(u32),
    /// A list's tail is done.
    ListEnd,
    /// The rest of a list after a head that is not a byte.
    Rest(Term),
}

/// Feeds the four bytes of `x`, least significant first.
fn step32(h: u32, x: u32, p: u32) -> u32 {
    x.to_le_bytes().iter().fold(h, |h, &b| h.wrapping_mul(p).wrapping_add(u32::from(b)))
}

fn wrapping(h: u32, m: u32, a: u32) -> u32 {
    h.wrapping_mul(m).wrapping_add(a)
}

/// OTP's older hash of `t` (the full 32 bits).
pub fn hash1(t: Term) -> u32 {
    let mut h: u32 = 0;
    let mut stack = vec![H1::Term(t)];
    while let Some(w) = stack.pop() {
        let mut t = match w {
            H1::Term(t) => t,
            H1::TupleEnd(n) => {
                h = wrapping(h, F9, n);
                continue;
            }
            H1::ListEnd => {
                h = h.wrapping_mul(F8);
                continue;
            }
            H1::Rest(t) => {
                if !crate::abi::tag::is_list(t) {
                    stack.push(H1::ListEnd);
                    stack.push(H1::Term(t));
                    continue;
                }
                t
            }
        };
        match view(t) {
            TermView::Nil => h = wrapping(h, F3, 1),
            TermView::Atom(a) => h = wrapping(h, F1, atom_hash(a)),
            TermView::Small(v) => {
                let m = v.unsigned_abs();
                h = step32(h, m as u32, F2);
                if m >> 32 != 0 {
                    h = step32(h, (m >> 32) as u32, F2);
                }
                h = h.wrapping_mul(if v < 0 { F4 } else { F3 });
            }
            TermView::Big(b) => {
                let n = b.limbs.len();
                for (i, &l) in b.limbs.iter().enumerate() {
                    let bytes = if i + 1 == n && l >> 32 == 0 { 4 } else { 8 };
                    for byte in &l.to_le_bytes()[..bytes] {
                        h = wrapping(h, F2, u32::from(*byte));
                    }
                }
                h = h.wrapping_mul(if b.negative { F4 } else { F3 });
            }
            TermView::Binary(b) => {
                h = b.iter().fold(h, |h, &x| wrapping(h, F1, u32::from(x)));
                h = wrapping(h, F4, b.len() as u32);
            }
            TermView::Bitstring(b) => {
                let whole = b.whole_bytes();
                h = whole.iter().fold(h, |h, &x| wrapping(h, F1, u32::from(x)));
                let (v, n) = b.tail();
                h = wrapping(wrapping(h, F1, u32::from(v)), F12, n);
                h = wrapping(h, F4, whole.len() as u32);
            }
            TermView::Export { module, function, arity } => {
                h = wrapping(h, F11, arity);
                h = wrapping(h, F1, atom_hash(module));
                h = wrapping(h, F1, atom_hash(function));
            }
            TermView::Fun(f) => {
                h = wrapping(h, F10, f.env.len() as u32);
                h = wrapping(h, F1, atom_hash(f.module()));
                h = wrapping(h, F2, f.info.index);
                h = wrapping(h, F2, f.info.uniq);
                stack.extend(f.env.iter().rev().map(|&e| H1::Term(e)));
            }
            TermView::Pid(n) => h = step32(h, n as u32, F5).wrapping_mul(F6),
            TermView::Port(n) => h = step32(h, n as u32, F9).wrapping_mul(F10),
            TermView::Ref(n) => h = step32(h, n as u32, F9).wrapping_mul(F10),
            TermView::Float(f) => {
                let bits = if f == 0.0 { 0 } else { f.to_bits() };
                h = wrapping(h, F6, (bits as u32) ^ ((bits >> 32) as u32));
            }
            TermView::Cons(..) => {
                // Leading bytes hash inline; the first other head is
                // hashed as a term, then the rest of the list goes on.
                loop {
                    match view(t) {
                        TermView::Cons(hd, tl) => match is_byte(hd) {
                            Some(b) => {
                                h = wrapping(h, F2, b);
                                t = tl;
                            }
                            None => {
                                stack.push(H1::Rest(tl));
                                stack.push(H1::Term(hd));
                                break;
                            }
                        },
                        _ => {
                            stack.push(H1::ListEnd);
                            stack.push(H1::Term(t));
                            break;
                        }
                    }
                }
            }
            TermView::Map(_) => h = wrapping(h, F13, F14).wrapping_add(hash2(t)),
            TermView::Tuple(es) => {
                stack.push(H1::TupleEnd(es.len() as u32));
                stack.extend(es.iter().rev().map(|&e| H1::Term(e)));
            }
            TermView::Invalid(_) => {}
        }
    }
    h
}

/// A range argument: an integer in 1..=2^32.
fn range(r: Term) -> Result<u64, Error> {
    match crate::term::to_i64(r) {
        Some(n) if (1..=1 << 32).contains(&n) => Ok(n as u64),
        _ => Err(Error::Badarg),
    }
}

/// `erlang:phash2(T)`: 27 bits.
pub fn phash2(t: Term) -> Term {
    tag::small(i64::from(hash2(t) & ((1 << 27) - 1)))
}

/// `erlang:phash2(T, Range)`: 0..Range-1.
pub fn phash2_range(t: Term, r: Term) -> BifResult {
    let r = range(r)?;
    let h = u64::from(hash2(t));
    let v = if r.is_power_of_two() { h & (r - 1) } else { h % r };
    Ok(tag::small(v as i64))
}

/// `erlang:phash(T, Range)`: 1..Range.
pub fn phash(t: Term, r: Term) -> BifResult {
    let r = range(r)?;
    Ok(tag::small((u64::from(hash1(t)) % r + 1) as i64))
}

fn iodata(t: Term) -> Result<Vec<u8>, Error> {
    if let Some(b) = crate::term::binary_bytes(t) {
        return Ok(b.to_vec());
    }
    super::binary::iolist_bytes(t).ok_or(Error::Badarg)
}

/// A 32-bit checksum seed argument.
fn seed(t: Term) -> Result<u32, Error> {
    match crate::term::to_i64(t) {
        Some(n) => u32::try_from(n).map_err(|_| Error::Badarg),
        None => Err(Error::Badarg),
    }
}

pub fn crc32(old: u32, data: Term) -> BifResult {
    let bytes = iodata(data)?;
    let mut c = crc32fast::Hasher::new_with_initial(old);
    c.update(&bytes);
    Ok(tag::small(i64::from(c.finalize())))
}

pub fn adler32(old: u32, data: Term) -> BifResult {
    let bytes = iodata(data)?;
    let mut a = adler2::Adler32::from_checksum(old);
    a.write_slice(&bytes);
    Ok(tag::small(i64::from(a.checksum())))
}

/// The MD5 digest of iodata.
pub fn md5_bytes(data: Term) -> Result<[u8; 16], Error> {
    use md5::{Digest, Md5};
    let bytes = iodata(data)?;
    Ok(Md5::digest(&bytes).into())
}

#[no_mangle]
pub extern "C" fn kiln_bif_phash2(_p: *mut ProcessHeader, t: Term) -> Term {
    phash2(t)
}

#[no_mangle]
pub extern "C" fn kiln_bif_phash2_2(p: *mut ProcessHeader, t: Term, r: Term) -> Term {
    bif_return_pure(p, phash2_range(t, r))
}

#[no_mangle]
pub extern "C" fn kiln_bif_phash(p: *mut ProcessHeader, t: Term, r: Term) -> Term {
    bif_return_pure(p, phash(t, r))
}

#[no_mangle]
pub extern "C" fn kiln_bif_md5(p: *mut ProcessHeader, data: Term) -> Term {
    bif_return(p, |proc| Ok(make_binary(proc, &md5_bytes(data)?)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_crc32(p: *mut ProcessHeader, data: Term) -> Term {
    bif_return_pure(p, crc32(0, data))
}

#[no_mangle]
pub extern "C" fn kiln_bif_crc32_2(p: *mut ProcessHeader, old: Term, data: Term) -> Term {
    bif_return_pure(p, seed(old).and_then(|o| crc32(o, data)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_adler32(p: *mut ProcessHeader, data: Term) -> Term {
    bif_return_pure(p, adler32(1, data))
}

#[no_mangle]
pub extern "C" fn kiln_bif_adler32_2(p: *mut ProcessHeader, old: Term, data: Term) -> Term {
    bif_return_pure(p, seed(old).and_then(|o| adler32(o, data)))
}

#[cfg(test)]
mod tests;
