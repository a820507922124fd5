//! Data access BIFs: tuples, list length and ends, `max`/`min`.

use std::cmp::Ordering;

use crate::abi::{tag, ProcessHeader, Term};
use crate::compare::compare;
use crate::term::{
    bif_return, bif_return_pure, list_length, list_to_vec, make_list, make_tuple, make_tuple_filled, view, BifResult,
    Error, TermAlloc, TermView,
};

/// OTP's largest tuple.
pub const MAX_TUPLE_SIZE: i64 = (1 << 24) - 1;

fn tuple<'a>(t: Term) -> Result<&'a [Term], Error> {
    match view(t) {
        TermView::Tuple(es) => Ok(es),
        _ => Err(Error::Badarg),
    }
}

/// A 1-based index into a tuple of `len` elements.
fn index(n: Term, len: usize) -> Result<usize, Error> {
    match view(n) {
        TermView::Small(i) if i >= 1 && (i as u64) <= len as u64 => Ok(i as usize - 1),
        _ => Err(Error::Badarg),
    }
}

/// `element(N, Tuple)`.
pub fn element(n: Term, t: Term) -> BifResult {
    let es = tuple(t)?;
    Ok(es[index(n, es.len())?])
}

/// `setelement(N, Tuple, Value)`: a copy with element `N` replaced.
pub fn setelement<H: TermAlloc + ?Sized>(h: &mut H, n: Term, t: Term, value: Term) -> BifResult {
    let es = tuple(t)?;
    let i = index(n, es.len())?;
    let mut copy = es.to_vec();
    copy[i] = value;
    Ok(make_tuple(h, &copy))
}

/// `tuple_size(Tuple)`.
pub fn tuple_size(t: Term) -> BifResult {
    Ok(tag::small(tuple(t)?.len() as i64))
}

/// `size(Tuple | Binary)`.
pub fn size(t: Term) -> BifResult {
    match view(t) {
        TermView::Tuple(es) => Ok(tag::small(es.len() as i64)),
        TermView::Binary(b) => Ok(tag::small(b.len() as i64)),
        // The whole bytes only, as OTP.
        TermView::Bitstring(b) => Ok(tag::small((b.bit_size / 8) as i64)),
        _ => Err(Error::Badarg),
    }
}

/// `length(List)`.
pub fn length(l: Term) -> BifResult {
    list_length(l).map(|n| tag::small(n as i64)).ok_or(Error::Badarg)
}

/// `hd(List)`.
pub fn hd(l: Term) -> BifResult {
    match view(l) {
        TermView::Cons(h, _) => Ok(h),
        _ => Err(Error::Badarg),
    }
}

/// `tl(List)`.
pub fn tl(l: Term) -> BifResult {
    match view(l) {
        TermView::Cons(_, t) => Ok(t),
        _ => Err(Error::Badarg),
    }
}

/// `max(A, B)`: `A` when they compare equal.
pub fn max(a: Term, b: Term) -> Term {
    if compare(a, b) == Ordering::Less {
        b
    } else {
        a
    }
}

/// `min(A, B)`: `A` when they compare equal.
pub fn min(a: Term, b: Term) -> Term {
    if compare(a, b) == Ordering::Greater {
        b
    } else {
        a
    }
}

/// `erlang:make_tuple(N, Value)`.
pub fn make_tuple_bif<H: TermAlloc + ?Sized>(h: &mut H, n: Term, value: Term) -> BifResult {
    match view(n) {
        TermView::Small(k) if (0..=MAX_TUPLE_SIZE).contains(&k) => Ok(make_tuple_filled(h, k as usize, value)),
        _ => Err(Error::Badarg),
    }
}

/// `erlang:make_tuple(N, Default, [{Position, Value}])`: later positions
/// in the list win, as in OTP.
pub fn make_tuple_3<H: TermAlloc + ?Sized>(h: &mut H, n: Term, default: Term, init: Term) -> BifResult {
    let TermView::Small(k) = view(n) else { return Err(Error::Badarg) };
    if !(0..=MAX_TUPLE_SIZE).contains(&k) {
        return Err(Error::Badarg);
    }
    let mut es = vec![default; k as usize];
    for pair in list_to_vec(init).ok_or(Error::Badarg)? {
        match tuple(pair)? {
            [i, v] => {
                let i = index(*i, es.len())?;
                es[i] = *v;
            }
            _ => return Err(Error::Badarg),
        }
    }
    Ok(make_tuple(h, &es))
}

/// `erlang:insert_element(Index, Tuple, Value)`: 1 ≤ Index ≤ size + 1.
pub fn insert_element<H: TermAlloc + ?Sized>(h: &mut H, n: Term, t: Term, value: Term) -> BifResult {
    let es = tuple(t)?;
    let i = index(n, es.len() + 1)?;
    let mut copy = Vec::with_capacity(es.len() + 1);
    copy.extend_from_slice(&es[..i]);
    copy.push(value);
    copy.extend_from_slice(&es[i..]);
    Ok(make_tuple(h, &copy))
}

/// `erlang:delete_element(Index, Tuple)`.
pub fn delete_element<H: TermAlloc + ?Sized>(h: &mut H, n: Term, t: Term) -> BifResult {
    let es = tuple(t)?;
    let i = index(n, es.len())?;
    let mut copy = es.to_vec();
    copy.remove(i);
    Ok(make_tuple(h, &copy))
}

/// `erlang:append_element(Tuple, Value)`.
pub fn append_element<H: TermAlloc + ?Sized>(h: &mut H, t: Term, value: Term) -> BifResult {
    let es = tuple(t)?;
    if es.len() as i64 >= MAX_TUPLE_SIZE {
        return Err(Error::SystemLimit);
    }
    let mut copy = es.to_vec();
    copy.push(value);
    Ok(make_tuple(h, &copy))
}

/// `tuple_to_list(Tuple)`.
pub fn tuple_to_list<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    let es = tuple(t)?;
    Ok(make_list(h, es))
}

/// `list_to_tuple(List)`.
pub fn list_to_tuple<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    let es = list_to_vec(l).ok_or(Error::Badarg)?;
    if es.len() as i64 > MAX_TUPLE_SIZE {
        return Err(Error::SystemLimit);
    }
    Ok(make_tuple(h, &es))
}

#[no_mangle]
pub extern "C" fn kiln_bif_element(p: *mut ProcessHeader, n: Term, t: Term) -> Term {
    bif_return_pure(p, element(n, t))
}

#[no_mangle]
pub extern "C" fn kiln_bif_setelement(p: *mut ProcessHeader, n: Term, t: Term, v: Term) -> Term {
    bif_return(p, |proc| setelement(proc, n, t, v))
}

#[no_mangle]
pub extern "C" fn kiln_bif_tuple_size(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return_pure(p, tuple_size(t))
}

#[no_mangle]
pub extern "C" fn kiln_bif_size(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return_pure(p, size(t))
}

#[no_mangle]
pub extern "C" fn kiln_bif_length(p: *mut ProcessHeader, l: Term) -> Term {
    let r = bif_return_pure(p, length(l));
    // Reductions for the cells walked (see `proc_bifs::CELLS_PER_RED`).
    if tag::is_small(r) {
        crate::proc_bifs::charge_cells(p, tag::small_value(r) as usize);
    }
    r
}

#[no_mangle]
pub extern "C" fn kiln_bif_hd(p: *mut ProcessHeader, l: Term) -> Term {
    bif_return_pure(p, hd(l))
}

#[no_mangle]
pub extern "C" fn kiln_bif_tl(p: *mut ProcessHeader, l: Term) -> Term {
    bif_return_pure(p, tl(l))
}

#[no_mangle]
pub extern "C" fn kiln_bif_max(_p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    max(a, b)
}

#[no_mangle]
pub extern "C" fn kiln_bif_min(_p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    min(a, b)
}

#[no_mangle]
pub extern "C" fn kiln_bif_make_tuple(p: *mut ProcessHeader, n: Term, v: Term) -> Term {
    bif_return(p, |proc| make_tuple_bif(proc, n, v))
}

#[no_mangle]
pub extern "C" fn kiln_bif_make_tuple_3(p: *mut ProcessHeader, n: Term, v: Term, init: Term) -> Term {
    bif_return(p, |proc| make_tuple_3(proc, n, v, init))
}

#[no_mangle]
pub extern "C" fn kiln_bif_insert_element(p: *mut ProcessHeader, n: Term, t: Term, v: Term) -> Term {
    bif_return(p, |proc| insert_element(proc, n, t, v))
}

#[no_mangle]
pub extern "C" fn kiln_bif_delete_element(p: *mut ProcessHeader, n: Term, t: Term) -> Term {
    bif_return(p, |proc| delete_element(proc, n, t))
}

#[no_mangle]
pub extern "C" fn kiln_bif_append_element(p: *mut ProcessHeader, t: Term, v: Term) -> Term {
    bif_return(p, |proc| append_element(proc, t, v))
}

#[no_mangle]
pub extern "C" fn kiln_bif_tuple_to_list(p: *mut ProcessHeader, t: Term) -> Term {
    crate::proc_bifs::charging_alloc(p, || bif_return(p, |proc| tuple_to_list(proc, t)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_list_to_tuple(p: *mut ProcessHeader, l: Term) -> Term {
    crate::proc_bifs::charging_alloc(p, || bif_return(p, |proc| list_to_tuple(proc, l)))
}
