//! The list operators `++` and `--`.

use std::cmp::Ordering;

use crate::abi::{tag, ProcessHeader, Term};
use crate::compare::{compare_exact, exact_eq};
use crate::term::{bif_return, list_to_vec, make_list, make_list_with_tail, BifResult, Error, TermAlloc};

/// `A ++ B`: copies `A` (which must be a proper list) in front of `B` (any
/// term; the result is improper when `B` is not a list).
pub fn append<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if a == tag::NIL {
        return Ok(b);
    }
    let es = list_to_vec(a).ok_or(Error::Badarg)?;
    Ok(make_list_with_tail(h, &es, b))
}

/// Below this many elements on the right, `--` scans linearly.
const LINEAR_SUBTRACT: usize = 16;

/// `A -- B`: `A` without the first occurrence (by `=:=`) of each element
/// of `B`. Both must be proper lists.
pub fn subtract<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    let xs = list_to_vec(a).ok_or(Error::Badarg)?;
    let ys = list_to_vec(b).ok_or(Error::Badarg)?;
    if ys.is_empty() || xs.is_empty() {
        return Ok(a);
    }
    let kept: Vec<Term> = if ys.len() <= LINEAR_SUBTRACT {
        let mut kept = xs;
        for y in ys {
            if let Some(i) = kept.iter().position(|&x| exact_eq(x, y)) {
                kept.remove(i);
            }
        }
        kept
    } else {
        // A multiset of B, sorted in the exact term order: removing the
        // first k occurrences of each value while scanning A left to right
        // is the same as removing one occurrence per element of B.
        let mut sorted = ys;
        sorted.sort_by(|&p, &q| compare_exact(p, q));
        let mut bag: Vec<(Term, usize)> = Vec::new();
        for y in sorted {
            match bag.last_mut() {
                Some((t, n)) if compare_exact(*t, y) == Ordering::Equal => *n += 1,
                _ => bag.push((y, 1)),
            }
        }
        let mut kept = Vec::with_capacity(xs.len());
        for x in xs {
            match bag.binary_search_by(|(t, _)| compare_exact(*t, x)) {
                Ok(i) if bag[i].1 > 0 => bag[i].1 -= 1,
                _ => kept.push(x),
            }
        }
        kept
    };
    Ok(make_list(h, &kept))
}

#[no_mangle]
pub extern "C" fn kiln_bif_append(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    // Reductions for the cells copied (see `proc_bifs::CELLS_PER_RED`).
    crate::proc_bifs::charging_alloc(p, || bif_return(p, |proc| append(proc, a, b)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_subtract(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    // Reductions for both lists' cells (times the right one's length, up
    // to LINEAR_SUBTRACT, when scanned linearly) and the cells built.
    let (la, lb) = (crate::proc_bifs::list_cells(a), crate::proc_bifs::list_cells(b));
    let scans =
        if lb <= LINEAR_SUBTRACT { la.saturating_mul(lb.max(1)) } else { la.saturating_add(lb).saturating_mul(2) };
    crate::proc_bifs::charge_cells(p, scans);
    crate::proc_bifs::charging_alloc(p, || bif_return(p, |proc| subtract(proc, a, b)))
}
