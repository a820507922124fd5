//! Term order and equality (`==`, `/=`, `<`, `=<`, `>`, `>=`, `=:=`, `=/=`).
//!
//! The standard order is
//! `number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring`.
//! Numbers compare by value, exactly (a float and an integer are compared
//! mathematically, never through a lossy conversion), so `1 == 1.0`; `=:=`
//! also requires the same type. Atoms compare by name (code point order),
//! tuples by size then elements, maps by size, then keys, then values (keys
//! in map key order, where every integer sorts before every float, at any
//! depth: see [`compare_exact`]), lists element-wise, and
//! bitstrings bytewise. Local funs order before `fun M:F/A`.
//!
//! Traversal uses an explicit stack, so deeply nested terms cannot overflow
//! the native stack.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::term::{big_to_bigint, boolean, view, BigView, TermView, TypeClass};

/// Compares `a` and `b` in the standard term order (`1` and `1.0` are equal).
pub fn compare(a: Term, b: Term) -> Ordering {
    compare_with(a, b, false)
}

/// The order of map keys (OTP's): the standard order, except that numbers
/// order by type first, every integer before every float (`2` before
/// `1.0`), at any depth. A total order; `compare_exact(a, b) == Equal`
/// exactly when `a =:= b`.
pub fn compare_exact(a: Term, b: Term) -> Ordering {
    compare_with(a, b, true)
}

/// `a == b`.
pub fn eq(a: Term, b: Term) -> bool {
    a == b || compare(a, b) == Ordering::Equal
}

/// `a =:= b`.
pub fn exact_eq(a: Term, b: Term) -> bool {
    a == b || compare_exact(a, b) == Ordering::Equal
}

fn compare_with(a: Term, b: Term, exact: bool) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    if tag::is_small(a) && tag::is_small(b) {
        return tag::small_value(a).cmp(&tag::small_value(b));
    }
    // Pending pairs, compared after the current one; the flag says whether
    // the pair is compared exactly (map keys are, at any depth).
    let mut stack: Vec<(Term, Term, bool)> = Vec::new();
    let (mut x, mut y, mut ex) = (a, b, exact);
    loop {
        let o = step(x, y, ex, &mut stack);
        if o != Ordering::Equal {
            return o;
        }
        match stack.pop() {
            Some((nx, ny, ne)) => {
                x = nx;
                y = ny;
                ex = ne;
            }
            None => return Ordering::Equal,
        }
    }
}

/// Compares one pair; pushes the sub-pairs still to compare (in reverse
/// order) when the pair is equal so far.
fn step(x: Term, y: Term, exact: bool, stack: &mut Vec<(Term, Term, bool)>) -> Ordering {
    if x == y {
        return Ordering::Equal;
    }
    let (vx, vy) = (view(x), view(y));
    let (cx, cy) = (vx.class(), vy.class());
    if cx != cy {
        return cx.cmp(&cy);
    }
    match (vx, vy) {
        (TermView::Atom(a), TermView::Atom(b)) => atom::name(a).cmp(atom::name(b)),
        (TermView::Ref(a), TermView::Ref(b)) => a.cmp(&b),
        (TermView::Port(a), TermView::Port(b)) => a.cmp(&b),
        (TermView::Pid(a), TermView::Pid(b)) => a.cmp(&b),
        (TermView::Nil, TermView::Nil) => Ordering::Equal,
        (TermView::Binary(a), TermView::Binary(b)) => a.cmp(b),
        (a @ (TermView::Binary(_) | TermView::Bitstring(_)), b @ (TermView::Binary(_) | TermView::Bitstring(_))) => {
            match (crate::binary::bits_of_view(&a), crate::binary::bits_of_view(&b)) {
                (Some(a), Some(b)) => crate::binary::compare_bits(a, b),
                _ => x.cmp(&y),
            }
        }
        (TermView::Tuple(a), TermView::Tuple(b)) => a.len().cmp(&b.len()).then_with(|| {
            push_pairs(stack, a, b, exact);
            Ordering::Equal
        }),
        (TermView::Cons(ha, ta), TermView::Cons(hb, tb)) => {
            stack.push((ta, tb, exact));
            stack.push((ha, hb, exact));
            Ordering::Equal
        }
        // Maps: by size, then keys in map key order, then values in that
        // order, whatever the layout (a trie is sorted here).
        (TermView::Map(a), TermView::Map(b)) => a.len().cmp(&b.len()).then_with(|| {
            let ((ka, va), (kb, vb)) = (a.sorted(), b.sorted());
            push_pairs(stack, &va, &vb, exact);
            push_pairs(stack, &ka, &kb, true);
            Ordering::Equal
        }),
        (TermView::Fun(a), TermView::Fun(b)) => atom::name(a.module())
            .cmp(atom::name(b.module()))
            .then(a.info.index.cmp(&b.info.index))
            .then(a.info.uniq.cmp(&b.info.uniq))
            .then(a.env.len().cmp(&b.env.len()))
            .then_with(|| {
                push_pairs(stack, a.env, b.env, exact);
                Ordering::Equal
            }),
        (TermView::Fun(_), TermView::Export { .. }) => Ordering::Less,
        (TermView::Export { .. }, TermView::Fun(_)) => Ordering::Greater,
        (
            TermView::Export { module: ma, function: fa, arity: aa },
            TermView::Export { module: mb, function: fb, arity: ab },
        ) => atom::name(ma).cmp(atom::name(mb)).then(atom::name(fa).cmp(atom::name(fb))).then(aa.cmp(&ab)),
        (a, b) if cx == TypeClass::Number => compare_numbers(&a, &b, exact),
        // Invalid words: order by the raw word so the order stays total.
        _ => x.cmp(&y),
    }
}

fn push_pairs(stack: &mut Vec<(Term, Term, bool)>, a: &[Term], b: &[Term], exact: bool) {
    for (&ea, &eb) in a.iter().zip(b).rev() {
        stack.push((ea, eb, exact));
    }
}

/// Compares two numbers by value; with `exact` (map key order), an integer
/// orders before every float.
pub fn compare_numbers(a: &TermView<'_>, b: &TermView<'_>, exact: bool) -> Ordering {
    match (a, b) {
        (TermView::Small(x), TermView::Small(y)) => x.cmp(y),
        (TermView::Float(x), TermView::Float(y)) => x.partial_cmp(y).unwrap_or(Ordering::Equal),
        (TermView::Small(_), TermView::Big(bv)) => {
            if bv.negative {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        (TermView::Big(_), TermView::Small(_)) => compare_numbers(b, a, exact).reverse(),
        (TermView::Big(x), TermView::Big(y)) => compare_bigs(x, y),
        (TermView::Float(_), _) => compare_numbers(b, a, exact).reverse(),
        // Map key order (OTP): every integer before every float, whatever
        // their values (so `2` sorts before `1.0` as a key).
        (_, TermView::Float(_)) if exact => Ordering::Less,
        (int, TermView::Float(f)) => compare_int_float(int, *f),
        _ => Ordering::Equal,
    }
}

fn compare_bigs(x: &BigView<'_>, y: &BigView<'_>) -> Ordering {
    match (x.negative, y.negative) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (neg, _) => {
            let mag = x.limbs.len().cmp(&y.limbs.len()).then_with(|| x.limbs.iter().rev().cmp(y.limbs.iter().rev()));
            if neg {
                mag.reverse()
            } else {
                mag
            }
        }
    }
}

/// Compares an integer with a (finite) float mathematically.
fn compare_int_float(int: &TermView<'_>, f: f64) -> Ordering {
    if let TermView::Small(i) = int {
        // Integers below 2^53 convert to f64 exactly.
        if i.unsigned_abs() < (1 << 53) {
            return (*i as f64).partial_cmp(&f).unwrap_or(Ordering::Equal);
        }
    }
    let i = match int {
        TermView::Small(i) => BigInt::from(*i),
        TermView::Big(b) => big_to_bigint(*b),
        _ => return Ordering::Equal,
    };
    // floor(f) is an integer-valued float, so its conversion is exact.
    let fl = f.floor();
    let Some(flb) = BigInt::from_f64(fl) else {
        return Ordering::Equal;
    };
    match i.cmp(&flb) {
        Ordering::Less => Ordering::Less,
        Ordering::Greater => Ordering::Greater,
        Ordering::Equal if fl == f => Ordering::Equal,
        Ordering::Equal => Ordering::Less,
    }
}

macro_rules! cmp_bif {
    ($name:ident, $test:expr) => {
        #[no_mangle]
        pub extern "C" fn $name(_p: *mut ProcessHeader, a: Term, b: Term) -> Term {
            let f: fn(Term, Term) -> bool = $test;
            boolean(f(a, b))
        }
    };
}

cmp_bif!(kiln_bif_eq, eq);
cmp_bif!(kiln_bif_ne, |a, b| !eq(a, b));
cmp_bif!(kiln_bif_lt, |a, b| compare(a, b) == Ordering::Less);
cmp_bif!(kiln_bif_le, |a, b| compare(a, b) != Ordering::Greater);
cmp_bif!(kiln_bif_gt, |a, b| compare(a, b) == Ordering::Greater);
cmp_bif!(kiln_bif_ge, |a, b| compare(a, b) != Ordering::Less);
cmp_bif!(kiln_bif_exact_eq, exact_eq);
cmp_bif!(kiln_bif_exact_ne, |a, b| !exact_eq(a, b));

#[cfg(test)]
mod tests;
