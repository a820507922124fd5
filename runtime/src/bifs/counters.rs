//! The `counters` module (part of ERTS in OTP, so BIFs here): arrays of
//! signed 64-bit counters, in OTP's representation `{atomics, Ref}` (an
//! `atomics` array, made with `{signed, true}`) or `{write_concurrency,
//! Ref}` (a counters array).
//!
//! Both kinds are the same lock-free array of [`super::atomics`] in kiln
//! (the reference keeps it alive the same way). OTP gives
//! `write_concurrency` counters one copy per scheduler to make concurrent
//! updates cheaper at the expense of reads; the values every operation
//! observes are the same, so kiln keeps one copy, and only `counters:info/1`
//! tells the kinds apart (`#{size, memory}` for `write_concurrency`, the
//! full `atomics:info/1` map for `atomics`). A `{write_concurrency, R}`
//! whose `R` is an `atomics` array (or the other way round) is `badarg`,
//! as in OTP.
//!
//! `counters:sub/3` computes `-Decr` first, as OTP's Erlang code does, so
//! a non-numeric `Decr` is `badarith`.

use std::sync::atomic::Ordering;

use super::atomics::{array_of, increment_bits, negated_bits, new_array, ArrayRef};
use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::term::{
    atoms, bif_return, make_i128, make_map_sorted, make_tuple, tuple_elements, BifResult, Error, TermAlloc,
};

/// The array of a counters reference.
fn counters_array(r: Term) -> Result<ArrayRef, Error> {
    match tuple_elements(r) {
        Some([kind, inner]) => match atom::try_name(*kind) {
            Some("atomics") => array_of(*inner, false),
            Some("write_concurrency") => array_of(*inner, true),
            _ => Err(Error::Badarg),
        },
        _ => Err(Error::Badarg),
    }
}

/// `counters:new(Size, Opts)`: `Opts` is `[]`, `[atomics]` or
/// `[write_concurrency]`.
pub fn new<H: TermAlloc + ?Sized>(h: &mut H, size: Term, opts: Term) -> BifResult {
    let write_concurrency = match crate::term::list_to_vec(opts).as_deref() {
        Some([]) => false,
        Some([o]) if atom::try_name(*o) == Some("atomics") => false,
        Some([o]) if atom::try_name(*o) == Some("write_concurrency") => true,
        _ => return Err(Error::Badarg),
    };
    let array = new_array(h, size, true, write_concurrency)?;
    let kind = atom::intern(if write_concurrency { "write_concurrency" } else { "atomics" });
    Ok(make_tuple(h, &[kind, array]))
}

/// `counters:info(Ref)`.
pub fn info<H: TermAlloc + ?Sized>(h: &mut H, r: Term) -> BifResult {
    let a = counters_array(r)?;
    match tuple_elements(r).map(|es| atom::try_name(es[0])) {
        Some(Some("atomics")) => super::atomics::info(h, tuple_elements(r).ok_or(Error::Badarg)?[1]),
        _ => {
            let keys = [atom::intern("memory"), atom::intern("size")];
            let values = [make_i128(h, a.memory() as i128), make_i128(h, a.len() as i128)];
            Ok(make_map_sorted(h, &keys, &values))
        }
    }
}

/// `counters:put(Ref, Ix, Value)`: `Value` in the array's range.
pub fn put(r: Term, ix: Term, value: Term) -> BifResult {
    let a = counters_array(r)?;
    let slot = a.slot(ix)?;
    slot.store(a.bits_of(value)?, Ordering::SeqCst);
    Ok(atoms::OK)
}

/// `counters:add/3` and (with the increment negated) `sub/3`.
fn add_bits(r: Term, ix: Term, incr: Result<u64, Error>) -> BifResult {
    let incr = incr?;
    let a = counters_array(r)?;
    a.slot(ix)?.fetch_add(incr, Ordering::SeqCst);
    Ok(atoms::OK)
}

#[no_mangle]
pub extern "C" fn kiln_bif_counters_new(p: *mut ProcessHeader, size: Term, opts: Term) -> Term {
    bif_return(p, |proc| new(proc, size, opts))
}

#[no_mangle]
pub extern "C" fn kiln_bif_counters_get(p: *mut ProcessHeader, r: Term, ix: Term) -> Term {
    bif_return(p, |proc| {
        let a = counters_array(r)?;
        let bits = a.slot(ix)?.load(Ordering::SeqCst);
        Ok(make_i128(proc, a.value(bits)))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_counters_add(p: *mut ProcessHeader, r: Term, ix: Term, incr: Term) -> Term {
    bif_return(p, |_| add_bits(r, ix, increment_bits(incr)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_counters_sub(p: *mut ProcessHeader, r: Term, ix: Term, decr: Term) -> Term {
    bif_return(p, |_| add_bits(r, ix, negated_bits(decr)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_counters_put(p: *mut ProcessHeader, r: Term, ix: Term, value: Term) -> Term {
    bif_return(p, |_| put(r, ix, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_counters_info(p: *mut ProcessHeader, r: Term) -> Term {
    bif_return(p, |proc| info(proc, r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;
    use crate::term::make_list;
    use crate::term::testing::TestHeap;

    #[test]
    fn both_kinds_count_and_wrap() {
        let mut h = TestHeap::new();
        let wc = make_list(&mut h, &[atom::intern("write_concurrency")]);
        for opts in [tag::NIL, wc] {
            let c = new(&mut h, tag::small(3), opts).unwrap();
            assert_eq!(add_bits(c, tag::small(1), increment_bits(tag::small(5))), Ok(atoms::OK));
            assert_eq!(add_bits(c, tag::small(1), negated_bits(tag::small(7))), Ok(atoms::OK));
            let a = counters_array(c).unwrap();
            assert_eq!(a.value(a.slot(tag::small(1)).unwrap().load(Ordering::SeqCst)), -2);
            let max = make_i128(&mut h, i128::from(i64::MAX));
            assert_eq!(put(c, tag::small(2), max), Ok(atoms::OK));
            add_bits(c, tag::small(2), increment_bits(tag::small(1))).unwrap();
            assert_eq!(a.value(a.slot(tag::small(2)).unwrap().load(Ordering::SeqCst)), i128::from(i64::MIN));
            assert_eq!(put(c, tag::small(4), tag::small(0)), Err(Error::Badarg));
        }
    }

    #[test]
    fn options_and_kinds_are_checked() {
        let mut h = TestHeap::new();
        let both = make_list(&mut h, &[atom::intern("atomics"), atom::intern("write_concurrency")]);
        assert_eq!(new(&mut h, tag::small(3), both), Err(Error::Badarg));
        assert_eq!(new(&mut h, tag::small(3), atom::intern("atomics")), Err(Error::Badarg));
        let wc = make_list(&mut h, &[atom::intern("write_concurrency")]);
        let c = new(&mut h, tag::small(3), wc).unwrap();
        let inner = tuple_elements(c).unwrap()[1];
        let swapped = make_tuple(&mut h, &[atom::intern("atomics"), inner]);
        assert_eq!(counters_array(swapped).err(), Some(Error::Badarg));
        assert_eq!(counters_array(atom::intern("foo")).err(), Some(Error::Badarg));
    }
}
