//! The `atomics` module (OTP's `atomics.erl` is part of ERTS, so every
//! function is a BIF here), and the array of 64-bit atomics that it and
//! [`super::counters`] hand out behind a reference.
//!
//! # The array reference (a "magic" reference)
//!
//! `atomics:new/2` answers a reference that must keep its array alive for
//! as long as any process (or message, or `persistent_term` entry) holds
//! it, from any scheduler thread. kiln already has exactly that lifetime
//! machinery for large binaries: a heap object holding a pointer to a
//! reference-counted [`OffHeapBin`] at word 2 is listed on its memory's
//! off-heap list; copying it (a send, a spawn argument) takes a reference
//! of its own; the collector and the end of a process release dead ones.
//! An array reference is a `REF` object that carries such a pointer, so it
//! is an ordinary reference to every other part of the runtime (it prints,
//! compares, hashes and encodes by its number) while `binary::
//! off_heap_word` makes the copier and collector count it:
//!
//! ```text
//! header(REF, 4) | number | *OffHeapBin | *AtomicU64 (first slot) | len << 2 | counters << 1 | signed
//! ```
//!
//! The `OffHeapBin`'s byte buffer is the array's storage (8 × len bytes
//! plus 7 for alignment; it is never resized or read as bytes). The data
//! pointer is taken once, from the unique buffer, when the array is made;
//! afterwards the memory is only ever accessed through `AtomicU64`, so
//! every scheduler thread may use it at once without a lock.
//!
//! `term_to_binary/1` of an array reference encodes only the reference;
//! decoding it gives a plain reference that compares equal to the original
//! but is not an array (the `atomics` BIFs answer `badarg` for it), where
//! OTP would find the array again in a table of live arrays.
//!
//! # Semantics (OTP 25)
//!
//! Indices are 1-based; a bad index, a value outside the array's range
//! (`i64`, or `u64` with `{signed, false}`) or a reference that is not an
//! array is `badarg`. Increments may be anything from `-2^63` to
//! `2^64 - 1` for either kind of array, and arithmetic wraps. `sub/3` and
//! `sub_get/3` are `add(Ref, Ix, -Decr)` as in OTP's Erlang code, so a
//! non-numeric `Decr` is `badarith`.

use std::sync::atomic::{AtomicU64, Ordering};

use num_traits::ToPrimitive;

use crate::abi::{header, tag, ProcessHeader, Term};
use crate::atom;
use crate::binary::OffHeapBin;
use crate::process::signals::next_ref;
use crate::process::Process;
use crate::term::{
    atoms, bif_return, make_i128, make_map_sorted, to_bigint, view, BifResult, Error, TermAlloc, TermView,
};

const SIGNED: u64 = 1;
const COUNTERS: u64 = 2;

/// An array behind a reference: valid while the reference term is.
#[derive(Clone, Copy)]
pub struct ArrayRef {
    data: *const AtomicU64,
    len: usize,
    pub signed: bool,
    bin: *const OffHeapBin,
}

impl ArrayRef {
    /// Number of slots.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Always false: arrays have at least one slot.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slot at 1-based index `ix`.
    pub fn slot<'a>(&self, ix: Term) -> Result<&'a AtomicU64, Error> {
        let i = match view(ix) {
            TermView::Small(i) if i >= 1 && (i as u64) <= self.len as u64 => (i - 1) as usize,
            _ => return Err(Error::Badarg),
        };
        // SAFETY: `data` points at `len` initialised `AtomicU64`s inside
        // the buffer the reference keeps alive (module docs), and `i < len`.
        Ok(unsafe { &*self.data.add(i) })
    }

    /// Bytes the array occupies (its buffer and buffer header).
    pub fn memory(&self) -> usize {
        // SAFETY: the reference keeps `bin` alive; only its length is read.
        let bytes = unsafe { OffHeapBin::bytes(self.bin).len() };
        std::mem::size_of::<OffHeapBin>() + bytes
    }

    /// The value of a slot's bits as an Erlang integer.
    pub fn value(&self, bits: u64) -> i128 {
        if self.signed {
            i128::from(bits as i64)
        } else {
            i128::from(bits)
        }
    }

    /// The bits of `t` if it is in the array's range.
    pub fn bits_of(&self, t: Term) -> Result<u64, Error> {
        let v = integer(t)?;
        let ok = if self.signed { i64::try_from(v).map(|v| v as u64).ok() } else { u64::try_from(v).ok() };
        ok.ok_or(Error::Badarg)
    }
}

/// An integer term's value, if it fits 128 bits (`badarg` otherwise).
fn integer(t: Term) -> Result<i128, Error> {
    match view(t) {
        TermView::Small(v) => Ok(i128::from(v)),
        TermView::Big(_) => to_bigint(t).and_then(|b| b.to_i128()).ok_or(Error::Badarg),
        _ => Err(Error::Badarg),
    }
}

/// The bits of an increment: any integer from `-2^63` to `2^64 - 1`.
pub fn increment_bits(t: Term) -> Result<u64, Error> {
    let v = integer(t)?;
    if let Ok(i) = i64::try_from(v) {
        return Ok(i as u64);
    }
    u64::try_from(v).map_err(|_| Error::Badarg)
}

/// The bits of `-Decr` (see the module docs: `badarith` for non-numbers,
/// as Erlang's unary minus).
pub fn negated_bits(decr: Term) -> Result<u64, Error> {
    match view(decr) {
        TermView::Small(_) | TermView::Big(_) => {}
        TermView::Float(_) => return Err(Error::Badarg),
        _ => return Err(Error::Badarith),
    }
    let v = integer(decr)?.checked_neg().ok_or(Error::Badarg)?;
    if let Ok(i) = i64::try_from(v) {
        return Ok(i as u64);
    }
    u64::try_from(v).map_err(|_| Error::Badarg)
}

/// A new zeroed array of `len` slots behind a new reference on `h`.
/// `len` must be a positive integer (`badarg`); too large is
/// `system_limit`.
pub fn new_array<H: TermAlloc + ?Sized>(h: &mut H, len: Term, signed: bool, counters: bool) -> BifResult {
    let len = match view(len) {
        TermView::Small(n) if n > 0 => n as u64,
        TermView::Big(b) if !b.negative => return Err(Error::SystemLimit),
        _ => return Err(Error::Badarg),
    };
    // OTP's limit (a machine word's worth of doubled slots).
    if len > u64::MAX / 16 {
        return Err(Error::SystemLimit);
    }
    let n = usize::try_from(len).map_err(|_| Error::SystemLimit)?;
    let bytes = n.checked_mul(8).and_then(|b| b.checked_add(7)).ok_or(Error::SystemLimit)?;
    let mut buf: Vec<u8> = Vec::new();
    buf.try_reserve_exact(bytes).map_err(|_| Error::SystemLimit)?;
    buf.resize(bytes, 0);
    let bin = OffHeapBin::new(buf);
    // SAFETY: `bin` was just made, so the caller's reference is the only
    // one and nothing borrows its bytes; the raw pointer outlives the
    // borrow but the buffer is never resized, so it stays valid as long as
    // `bin` lives.
    let data = unsafe {
        let base = OffHeapBin::bytes_mut(bin).as_mut_ptr();
        base.add(base.align_offset(8)) as *const AtomicU64
    };
    let meta = (len << 2) | if signed { SIGNED } else { 0 } | if counters { COUNTERS } else { 0 };
    let p = h.alloc_words(5);
    // SAFETY: five fresh words: the header and the four raw words of an
    // array reference (module docs).
    unsafe {
        p.write(header::make(header::REF, 4));
        p.add(1).write(next_ref());
        p.add(2).write(bin as usize as u64);
        p.add(3).write(data as usize as u64);
        p.add(4).write(meta);
    }
    h.register_off_heap(p, bin);
    Ok(tag::boxed(p))
}

/// The array behind `t`, if `t` is an array reference of the given kind
/// (`atomics` or `counters`).
pub fn array_of(t: Term, counters: bool) -> Result<ArrayRef, Error> {
    if !tag::is_boxed(t) {
        return Err(Error::Badarg);
    }
    let p = tag::boxed_ptr(t);
    // SAFETY: a boxed term points at its header; an array reference has
    // the four raw words after it that the module docs describe.
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER || header::subtag(h) != header::REF || header::arity(h) != 4 {
            return Err(Error::Badarg);
        }
        let meta = *p.add(4);
        if (meta & COUNTERS != 0) != counters {
            return Err(Error::Badarg);
        }
        Ok(ArrayRef {
            bin: *p.add(2) as usize as *const OffHeapBin,
            data: *p.add(3) as usize as *const AtomicU64,
            len: (meta >> 2) as usize,
            signed: meta & SIGNED != 0,
        })
    }
}

/// `atomics:new/2`'s options: `{signed, Bool}` any number of times (the
/// last wins); anything else, or an improper list, is `badarg`.
fn signed_option(opts: Term) -> Result<bool, Error> {
    let mut signed = true;
    for opt in crate::term::list_iter(opts) {
        let opt = opt.map_err(|_| Error::Badarg)?;
        match crate::term::tuple_elements(opt) {
            Some([k, v]) if atom::try_name(*k) == Some("signed") && (*v == atoms::TRUE || *v == atoms::FALSE) => {
                signed = *v == atoms::TRUE
            }
            _ => return Err(Error::Badarg),
        }
    }
    Ok(signed)
}

/// `atomics:new(Arity, Opts)`.
pub fn new<H: TermAlloc + ?Sized>(h: &mut H, arity: Term, opts: Term) -> BifResult {
    let signed = signed_option(opts)?;
    new_array(h, arity, signed, false)
}

/// `atomics:info(Ref)`: `#{size, max, min, memory}`.
pub fn info<H: TermAlloc + ?Sized>(h: &mut H, r: Term) -> BifResult {
    let a = array_of(r, false)?;
    let (min, max) = if a.signed { (i128::from(i64::MIN), i128::from(i64::MAX)) } else { (0, i128::from(u64::MAX)) };
    let keys = ["max", "memory", "min", "size"].map(atom::intern);
    let values =
        [make_i128(h, max), make_i128(h, a.memory() as i128), make_i128(h, min), make_i128(h, a.len() as i128)];
    Ok(make_map_sorted(h, &keys, &values))
}

/// `add_get`: the new value.
fn add_get<H: TermAlloc + ?Sized>(h: &mut H, a: &ArrayRef, ix: Term, incr: u64) -> BifResult {
    let slot = a.slot(ix)?;
    let new = slot.fetch_add(incr, Ordering::SeqCst).wrapping_add(incr);
    Ok(make_i128(h, a.value(new)))
}

/// `atomics:compare_exchange(Ref, Ix, Expected, Desired)`: `ok`, or the
/// value found.
pub fn compare_exchange<H: TermAlloc + ?Sized>(
    h: &mut H,
    r: Term,
    ix: Term,
    expected: Term,
    desired: Term,
) -> BifResult {
    let a = array_of(r, false)?;
    let slot = a.slot(ix)?;
    let (e, d) = (a.bits_of(expected)?, a.bits_of(desired)?);
    match slot.compare_exchange(e, d, Ordering::SeqCst, Ordering::SeqCst) {
        Ok(_) => Ok(atoms::OK),
        Err(found) => Ok(make_i128(h, a.value(found))),
    }
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_new(p: *mut ProcessHeader, arity: Term, opts: Term) -> Term {
    bif_return(p, |proc| new(proc, arity, opts))
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_info(p: *mut ProcessHeader, r: Term) -> Term {
    bif_return(p, |proc| info(proc, r))
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_get(p: *mut ProcessHeader, r: Term, ix: Term) -> Term {
    bif_return(p, |proc: &mut Process| {
        let a = array_of(r, false)?;
        let bits = a.slot(ix)?.load(Ordering::SeqCst);
        Ok(make_i128(proc, a.value(bits)))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_put(p: *mut ProcessHeader, r: Term, ix: Term, v: Term) -> Term {
    bif_return(p, |_| {
        let a = array_of(r, false)?;
        let slot = a.slot(ix)?;
        slot.store(a.bits_of(v)?, Ordering::SeqCst);
        Ok(atoms::OK)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_add(p: *mut ProcessHeader, r: Term, ix: Term, incr: Term) -> Term {
    bif_return(p, |_| {
        let a = array_of(r, false)?;
        let slot = a.slot(ix)?;
        slot.fetch_add(increment_bits(incr)?, Ordering::SeqCst);
        Ok(atoms::OK)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_add_get(p: *mut ProcessHeader, r: Term, ix: Term, incr: Term) -> Term {
    bif_return(p, |proc| {
        let a = array_of(r, false)?;
        add_get(proc, &a, ix, increment_bits(incr)?)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_sub(p: *mut ProcessHeader, r: Term, ix: Term, decr: Term) -> Term {
    bif_return(p, |_| {
        let incr = negated_bits(decr)?;
        let a = array_of(r, false)?;
        a.slot(ix)?.fetch_add(incr, Ordering::SeqCst);
        Ok(atoms::OK)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_sub_get(p: *mut ProcessHeader, r: Term, ix: Term, decr: Term) -> Term {
    bif_return(p, |proc| {
        let incr = negated_bits(decr)?;
        let a = array_of(r, false)?;
        add_get(proc, &a, ix, incr)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_exchange(p: *mut ProcessHeader, r: Term, ix: Term, desired: Term) -> Term {
    bif_return(p, |proc| {
        let a = array_of(r, false)?;
        let slot = a.slot(ix)?;
        let old = slot.swap(a.bits_of(desired)?, Ordering::SeqCst);
        Ok(make_i128(proc, a.value(old)))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_atomics_compare_exchange(
    p: *mut ProcessHeader,
    r: Term,
    ix: Term,
    expected: Term,
    desired: Term,
) -> Term {
    bif_return(p, |proc| compare_exchange(proc, r, ix, expected, desired))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::testing::TestHeap;

    fn big(h: &mut TestHeap, v: i128) -> Term {
        make_i128(h, v)
    }

    #[test]
    fn signed_arrays_wrap_and_check_ranges() {
        let mut h = TestHeap::new();
        let r = new(&mut h, tag::small(10), tag::NIL).unwrap();
        let a = array_of(r, false).unwrap();
        assert_eq!(a.len(), 10);
        assert!(a.slot(tag::small(0)).is_err() && a.slot(tag::small(11)).is_err() && a.slot(tag::small(10)).is_ok());
        let too_big = big(&mut h, 1 << 63);
        assert_eq!(a.bits_of(too_big), Err(Error::Badarg));
        let min = big(&mut h, i128::from(i64::MIN));
        a.slot(tag::small(1)).unwrap().store(a.bits_of(min).unwrap(), Ordering::SeqCst);
        let got = add_get(&mut h, &a, tag::small(1), increment_bits(tag::small(-1)).unwrap()).unwrap();
        assert_eq!(integer(got), Ok(i128::from(i64::MAX)));
        let two63 = big(&mut h, 1 << 63);
        let got = add_get(&mut h, &a, tag::small(3), increment_bits(two63).unwrap()).unwrap();
        assert_eq!(integer(got), Ok(i128::from(i64::MIN)));
        let two64 = big(&mut h, 1 << 64);
        assert_eq!(increment_bits(two64), Err(Error::Badarg));
        assert!(array_of(r, true).is_err(), "an atomics array is not a counters array");
        assert!(array_of(h.reference(5), false).is_err());
    }

    #[test]
    fn unsigned_arrays_and_compare_exchange() {
        let mut h = TestHeap::new();
        let f = crate::term::make_tuple(&mut h, &[atom::intern("signed"), atoms::FALSE]);
        let opts = crate::term::make_list(&mut h, &[f]);
        let r = new(&mut h, tag::small(3), opts).unwrap();
        let a = array_of(r, false).unwrap();
        assert_eq!(a.bits_of(tag::small(-1)), Err(Error::Badarg));
        let got = add_get(&mut h, &a, tag::small(1), increment_bits(tag::small(-1)).unwrap()).unwrap();
        assert_eq!(integer(got), Ok(i128::from(u64::MAX)));
        assert_eq!(compare_exchange(&mut h, r, tag::small(2), tag::small(0), tag::small(5)), Ok(atoms::OK));
        assert_eq!(compare_exchange(&mut h, r, tag::small(2), tag::small(0), tag::small(6)), Ok(tag::small(5)));
        assert_eq!(compare_exchange(&mut h, r, tag::small(2), tag::small(-1), tag::small(6)), Err(Error::Badarg));
    }

    #[test]
    fn new_validates_size_and_options() {
        let mut h = TestHeap::new();
        assert_eq!(new(&mut h, tag::small(0), tag::NIL), Err(Error::Badarg));
        assert_eq!(new(&mut h, atom::intern("a"), tag::NIL), Err(Error::Badarg));
        let huge = big(&mut h, 1 << 64);
        assert_eq!(new(&mut h, huge, tag::NIL), Err(Error::SystemLimit));
        assert_eq!(new(&mut h, tag::small(1), atom::intern("foo")), Err(Error::Badarg));
        assert_eq!(negated_bits(atom::intern("x")), Err(Error::Badarith));
        assert_eq!(negated_bits(tag::small(1)), Ok(u64::MAX));
    }
}
