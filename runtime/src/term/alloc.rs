//! Term constructors over any [`TermAlloc`].

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::ToPrimitive;

use super::{view, BifResult, BigView, Error, Term, TermView};
use crate::abi::{header, tag};

/// Memory that terms are built in: words that stay valid and in place at
/// least until the next garbage collection.
pub trait TermAlloc {
    /// `words` fresh, 8-aligned, uninitialized words (never collects).
    fn alloc_words(&mut self, words: usize) -> *mut Term;

    /// Records that the object at `obj`, just built in this memory, holds
    /// a reference to the off-heap buffer `bin` (see [`crate::binary`]).
    /// Memory that is never freed (test heaps) keeps the reference forever.
    fn register_off_heap(&mut self, obj: *mut Term, bin: *const crate::binary::OffHeapBin) {
        let _ = (obj, bin);
    }
}

/// A fragment sized in advance for one message built off any process heap
/// (a port's or a Wasm guest's data, from threads that are not processes);
/// the receiver adopts it like any message's fragment.
impl TermAlloc for crate::heap::Fragment {
    fn alloc_words(&mut self, words: usize) -> *mut Term {
        match self.bump(words) {
            Some(p) => p,
            None => unreachable!("a message fragment was sized too small for its term"),
        }
    }

    fn register_off_heap(&mut self, obj: *mut Term, bin: *const crate::binary::OffHeapBin) {
        self.off_heap.push(obj, bin);
    }
}

impl TermAlloc for crate::process::Process {
    fn alloc_words(&mut self, words: usize) -> *mut Term {
        self.alloc(words)
    }

    fn register_off_heap(&mut self, obj: *mut Term, bin: *const crate::binary::OffHeapBin) {
        self.heap.off_heap.push(obj, bin);
    }
}

/// OTP's limit on the size of a bignum: 2^19 - 1 limbs of 64 bits.
pub const MAX_BIG_LIMBS: usize = (1 << 19) - 1;
/// The largest magnitude of an integer, in bits.
pub const MAX_INT_BITS: u64 = MAX_BIG_LIMBS as u64 * 64;

/// Allocates a boxed object with `arity` words after its header; returns the
/// term and a pointer to the first word after the header.
fn alloc_boxed<H: TermAlloc + ?Sized>(h: &mut H, subtag: u64, arity: usize) -> (Term, *mut Term) {
    let p = h.alloc_words(arity + 1);
    // SAFETY: `p` points at `arity + 1` fresh words.
    unsafe {
        *p = header::make(subtag, arity as u64);
        (tag::boxed(p), p.add(1))
    }
}

/// A tuple of `elems`.
pub fn make_tuple<H: TermAlloc + ?Sized>(h: &mut H, elems: &[Term]) -> Term {
    let (t, body) = alloc_boxed(h, header::TUPLE, elems.len());
    // SAFETY: `body` has room for `elems.len()` words.
    unsafe { std::ptr::copy_nonoverlapping(elems.as_ptr(), body, elems.len()) };
    t
}

/// A tuple of `n` copies of `value`.
pub fn make_tuple_filled<H: TermAlloc + ?Sized>(h: &mut H, n: usize, value: Term) -> Term {
    let (t, body) = alloc_boxed(h, header::TUPLE, n);
    for i in 0..n {
        // SAFETY: `body` has room for `n` words.
        unsafe { *body.add(i) = value };
    }
    t
}

/// The cons cell `[head | tail]`.
pub fn cons<H: TermAlloc + ?Sized>(h: &mut H, head: Term, tail: Term) -> Term {
    let p = h.alloc_words(2);
    // SAFETY: `p` points at two fresh words.
    unsafe {
        *p = head;
        *p.add(1) = tail;
    }
    tag::list(p)
}

/// The list of `elems` ending in `tail` (`[e1, e2, ... | tail]`).
pub fn make_list_with_tail<H: TermAlloc + ?Sized>(h: &mut H, elems: &[Term], tail: Term) -> Term {
    if elems.is_empty() {
        return tail;
    }
    let p = h.alloc_words(2 * elems.len());
    let mut acc = tail;
    for (i, &e) in elems.iter().enumerate().rev() {
        // SAFETY: cell `i` is words `2i, 2i+1` of the fresh block.
        unsafe {
            let cell = p.add(2 * i);
            *cell = e;
            *cell.add(1) = acc;
            acc = tag::list(cell);
        }
    }
    acc
}

/// The proper list of `elems`.
pub fn make_list<H: TermAlloc + ?Sized>(h: &mut H, elems: &[Term]) -> Term {
    make_list_with_tail(h, elems, tag::NIL)
}

/// The proper list of the iterator's terms.
pub fn make_list_from_iter<H: TermAlloc + ?Sized, I: IntoIterator<Item = Term>>(h: &mut H, it: I) -> Term {
    let v: Vec<Term> = it.into_iter().collect();
    make_list(h, &v)
}

/// The character list (code points) of `s`.
pub fn make_string<H: TermAlloc + ?Sized>(h: &mut H, s: &str) -> Term {
    make_list_from_iter(h, s.chars().map(|c| tag::small(c as i64)))
}

/// The list of code points `chars`.
pub fn make_char_list<H: TermAlloc + ?Sized>(h: &mut H, chars: &[u32]) -> Term {
    make_list_from_iter(h, chars.iter().map(|&c| tag::small(i64::from(c))))
}

/// The list of the bytes (latin-1 characters) of `bytes`.
pub fn make_byte_list<H: TermAlloc + ?Sized>(h: &mut H, bytes: &[u8]) -> Term {
    make_list_from_iter(h, bytes.iter().map(|&b| tag::small(i64::from(b))))
}

/// A heap binary holding `bytes`.
pub fn make_heap_binary<H: TermAlloc + ?Sized>(h: &mut H, bytes: &[u8]) -> Term {
    let words = 1 + bytes.len().div_ceil(8);
    let (t, body) = alloc_boxed(h, header::HEAP_BIN, words);
    // SAFETY: `body` has `words` words: the size, then room for the bytes
    // (the last word is zeroed first so the padding is defined).
    unsafe {
        *body = bytes.len() as u64;
        if words > 1 {
            *body.add(words - 1) = 0;
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), body.add(1) as *mut u8, bytes.len());
    }
    t
}

/// A float term.
pub fn make_float<H: TermAlloc + ?Sized>(h: &mut H, f: f64) -> Term {
    let (t, body) = alloc_boxed(h, header::FLOAT, 1);
    // SAFETY: `body` has one word.
    unsafe { *body = f.to_bits() };
    t
}

/// An integer term: small when it fits, else a bignum.
pub fn make_int<H: TermAlloc + ?Sized>(h: &mut H, v: i64) -> Term {
    if tag::small_fits(v) {
        tag::small(v)
    } else {
        make_big_from_limbs(h, v < 0, &[v.unsigned_abs()])
    }
}

/// An integer term from an `i128`.
pub fn make_i128<H: TermAlloc + ?Sized>(h: &mut H, v: i128) -> Term {
    if let Ok(s) = i64::try_from(v) {
        return make_int(h, s);
    }
    let m = v.unsigned_abs();
    let lo = m as u64;
    let hi = (m >> 64) as u64;
    if hi == 0 {
        make_big_from_limbs(h, v < 0, &[lo])
    } else {
        make_big_from_limbs(h, v < 0, &[lo, hi])
    }
}

/// An integer term from a `BigInt`, normalized to a small integer when it
/// fits; `system_limit` when it exceeds OTP's bignum size.
pub fn make_bigint<H: TermAlloc + ?Sized>(h: &mut H, v: &BigInt) -> BifResult {
    if let Some(s) = v.to_i64() {
        return Ok(make_int(h, s));
    }
    if v.bits() > MAX_INT_BITS {
        return Err(Error::SystemLimit);
    }
    let limbs = v.magnitude().to_u64_digits();
    Ok(make_big_from_limbs(h, v.sign() == Sign::Minus, &limbs))
}

/// A bignum with the given magnitude (which must not fit a small integer,
/// and has no most significant zero limbs).
fn make_big_from_limbs<H: TermAlloc + ?Sized>(h: &mut H, negative: bool, limbs: &[u64]) -> Term {
    let sub = if negative { header::NEG_BIG } else { header::POS_BIG };
    let (t, body) = alloc_boxed(h, sub, limbs.len());
    // SAFETY: `body` has room for the limbs.
    unsafe { std::ptr::copy_nonoverlapping(limbs.as_ptr(), body, limbs.len()) };
    t
}

/// The value of a bignum view.
pub fn big_to_bigint(b: BigView<'_>) -> BigInt {
    let mut digits = Vec::with_capacity(b.limbs.len() * 2);
    for &l in b.limbs {
        digits.push(l as u32);
        digits.push((l >> 32) as u32);
    }
    let mag = BigUint::new(digits);
    BigInt::from_biguint(if b.negative { Sign::Minus } else { Sign::Plus }, mag)
}

/// The value of an integer term (small or big), or `None`.
pub fn to_bigint(t: Term) -> Option<BigInt> {
    match view(t) {
        TermView::Small(v) => Some(BigInt::from(v)),
        TermView::Big(b) => Some(big_to_bigint(b)),
        _ => None,
    }
}

/// The value of an integer term if it fits an `i64`.
pub fn to_i64(t: Term) -> Option<i64> {
    match view(t) {
        TermView::Small(v) => Some(v),
        TermView::Big(b) if b.limbs.len() == 1 => {
            let m = b.limbs[0];
            if b.negative {
                if m <= 1 << 63 {
                    Some((m as i64).wrapping_neg())
                } else {
                    None
                }
            } else {
                i64::try_from(m).ok()
            }
        }
        _ => None,
    }
}
