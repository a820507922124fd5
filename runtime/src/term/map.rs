//! Maps: building and searching the `MAP` object.
//!
//! # Layout
//!
//! A map is one boxed object, `MAP` header of arity `1 + n`, then a pointer
//! to a tuple of the `n` keys, then the `n` values at the same indices (see
//! `abi::header`). The keys are sorted by [`compare_exact`] (integers before
//! equal floats) and unique under `=:=`. This is OTP's "flatmap", which OTP
//! uses up to 32 keys, so for those sizes iteration order (`maps:to_list/1`,
//! `~p` printing, `maps:next/1`) is exactly OTP's.
//!
//! kiln keeps the same layout at every size (OTP switches to a hash trie
//! above 32 keys, whose iteration order follows key hashes): lookups are a
//! binary search, so they stay O(log n), and an update copies the object.
//! Replacing the value of an existing key shares the keys tuple and copies
//! only the values (n + 2 words); adding or removing a key copies both
//! (2n + 3 words). Bulk operations (`from_list`, `merge`, `with`, ...) sort
//! or merge once, so they are O(n log n) or O(n), never one copy per key.
//! Why not a trie: every part of the runtime that reads a map (printing,
//! term order, the collector, the message copier, the code generator's map
//! matching) reads one flat, sorted object, and correctness comes first.
//!
//! The functions here never collect; like every constructor they take a
//! [`TermAlloc`].

use std::cmp::Ordering;

use super::{make_tuple, view, MapView, Term, TermAlloc, TermView};
use crate::abi::{header, tag};
use crate::compare::{compare_exact, exact_eq};

/// The map `t` as a view, or `None` when `t` is not a map.
pub fn map_view<'a>(t: Term) -> Option<MapView<'a>> {
    match view(t) {
        TermView::Map(m) => Some(m),
        _ => None,
    }
}

/// The index of `key` in the map's sorted keys: `Ok(i)` when present,
/// `Err(i)` with the index it would be inserted at.
pub fn map_search(m: &MapView<'_>, key: Term) -> Result<usize, usize> {
    m.keys.binary_search_by(|&k| compare_exact(k, key))
}

/// The value stored under `key`, or `None`.
pub fn map_lookup(m: &MapView<'_>, key: Term) -> Option<Term> {
    map_search(m, key).ok().map(|i| m.values[i])
}

/// The number of keys of a map view.
pub fn map_len(m: &MapView<'_>) -> usize {
    m.keys.len()
}

/// Allocates a `MAP` object of `n` keys whose keys tuple is `keys_tuple`;
/// returns the term and a pointer to its first value slot.
fn alloc_map<H: TermAlloc + ?Sized>(h: &mut H, keys_tuple: Term, n: usize) -> (Term, *mut Term) {
    let p = h.alloc_words(n + 2);
    // SAFETY: `p` points at `n + 2` fresh words: the header, the keys
    // tuple, then `n` value slots the caller fills.
    unsafe {
        *p = header::make(header::MAP, 1 + n as u64);
        *p.add(1) = keys_tuple;
        (tag::boxed(p), p.add(2))
    }
}

/// A map sharing `keys_tuple` (a tuple of `values.len()` sorted keys).
fn make_map_with_keys<H: TermAlloc + ?Sized>(h: &mut H, keys_tuple: Term, values: &[Term]) -> Term {
    let (t, slots) = alloc_map(h, keys_tuple, values.len());
    // SAFETY: `slots` has room for `values.len()` words.
    unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), slots, values.len()) };
    t
}

/// The keys tuple of the map `t` (which must be a map).
fn keys_tuple_of(t: Term) -> Term {
    debug_assert!(map_view(t).is_some());
    // SAFETY: `t` is a map (checked by every caller through `map_view`), so
    // word 1 of its object is the keys tuple.
    unsafe { *tag::boxed_ptr(t).add(1) }
}

/// A map of `keys` (sorted by [`compare_exact`], unique) and `values`.
pub fn make_map_sorted<H: TermAlloc + ?Sized>(h: &mut H, keys: &[Term], values: &[Term]) -> Term {
    debug_assert_eq!(keys.len(), values.len());
    debug_assert!(keys.windows(2).all(|w| compare_exact(w[0], w[1]) == Ordering::Less));
    let kt = make_tuple(h, keys);
    make_map_with_keys(h, kt, values)
}

/// A map of sorted, unique `(key, value)` pairs.
pub fn make_map_from_sorted_pairs<H: TermAlloc + ?Sized>(h: &mut H, pairs: &[(Term, Term)]) -> Term {
    let keys: Vec<Term> = pairs.iter().map(|p| p.0).collect();
    let values: Vec<Term> = pairs.iter().map(|p| p.1).collect();
    make_map_sorted(h, &keys, &values)
}

/// The empty map `#{}`.
pub fn make_empty_map<H: TermAlloc + ?Sized>(h: &mut H) -> Term {
    make_map_sorted(h, &[], &[])
}

/// A map of `pairs` in any order; of equal keys (`=:=`) the last wins, as
/// in `maps:from_list/1`.
pub fn make_map_from_pairs<H: TermAlloc + ?Sized>(h: &mut H, mut pairs: Vec<(Term, Term)>) -> Term {
    // A stable sort keeps equal keys in input order, so the last of each
    // run is the one to keep.
    pairs.sort_by(|a, b| compare_exact(a.0, b.0));
    let mut unique: Vec<(Term, Term)> = Vec::with_capacity(pairs.len());
    for pair in pairs {
        match unique.last_mut() {
            Some(last) if exact_eq(last.0, pair.0) => *last = pair,
            _ => unique.push(pair),
        }
    }
    make_map_from_sorted_pairs(h, &unique)
}

/// `map` with `key` associated with `value` (added or replaced). `map` must
/// be a map term and `m` its view.
pub fn map_insert<H: TermAlloc + ?Sized>(h: &mut H, map: Term, m: &MapView<'_>, key: Term, value: Term) -> Term {
    match map_search(m, key) {
        Ok(i) => map_replace_at(h, map, m, i, value),
        Err(i) => {
            let n = m.keys.len();
            let mut keys = Vec::with_capacity(n + 1);
            keys.extend_from_slice(&m.keys[..i]);
            keys.push(key);
            keys.extend_from_slice(&m.keys[i..]);
            let mut values = Vec::with_capacity(n + 1);
            values.extend_from_slice(&m.values[..i]);
            values.push(value);
            values.extend_from_slice(&m.values[i..]);
            make_map_sorted(h, &keys, &values)
        }
    }
}

/// `map` with the value at index `i` replaced by `value`; shares the keys.
/// Returns `map` itself when the value is the very same term.
pub fn map_replace_at<H: TermAlloc + ?Sized>(h: &mut H, map: Term, m: &MapView<'_>, i: usize, value: Term) -> Term {
    if m.values[i] == value {
        return map;
    }
    let mut values = m.values.to_vec();
    values[i] = value;
    make_map_with_keys(h, keys_tuple_of(map), &values)
}

/// `map` without `key`; `map` itself when the key is absent.
pub fn map_delete<H: TermAlloc + ?Sized>(h: &mut H, map: Term, m: &MapView<'_>, key: Term) -> Term {
    match map_search(m, key) {
        Ok(i) => map_delete_at(h, m, i),
        Err(_) => map,
    }
}

/// The map of `m` without the pair at index `i`.
pub fn map_delete_at<H: TermAlloc + ?Sized>(h: &mut H, m: &MapView<'_>, i: usize) -> Term {
    let mut keys = m.keys.to_vec();
    let mut values = m.values.to_vec();
    keys.remove(i);
    values.remove(i);
    make_map_sorted(h, &keys, &values)
}

/// The union of two maps; on equal keys the value of `b` wins
/// (`maps:merge/2`). One linear merge of the sorted keys.
pub fn map_union<H: TermAlloc + ?Sized>(h: &mut H, a: Term, ma: &MapView<'_>, b: Term, mb: &MapView<'_>) -> Term {
    if ma.keys.is_empty() {
        return b;
    }
    if mb.keys.is_empty() {
        return a;
    }
    let mut keys = Vec::with_capacity(ma.keys.len() + mb.keys.len());
    let mut values = Vec::with_capacity(keys.capacity());
    let (mut i, mut j) = (0, 0);
    while i < ma.keys.len() && j < mb.keys.len() {
        match compare_exact(ma.keys[i], mb.keys[j]) {
            Ordering::Less => {
                keys.push(ma.keys[i]);
                values.push(ma.values[i]);
                i += 1;
            }
            Ordering::Greater => {
                keys.push(mb.keys[j]);
                values.push(mb.values[j]);
                j += 1;
            }
            Ordering::Equal => {
                keys.push(mb.keys[j]);
                values.push(mb.values[j]);
                i += 1;
                j += 1;
            }
        }
    }
    keys.extend_from_slice(&ma.keys[i..]);
    values.extend_from_slice(&ma.values[i..]);
    keys.extend_from_slice(&mb.keys[j..]);
    values.extend_from_slice(&mb.values[j..]);
    if keys.len() == mb.keys.len() {
        // Every key of `a` is in `b`: the union is `b` (same keys, b's values).
        return b;
    }
    make_map_sorted(h, &keys, &values)
}

/// The map of `m`'s pairs whose index `keep` accepts, or `map` itself when
/// it accepts them all.
pub fn map_retain<H: TermAlloc + ?Sized>(
    h: &mut H,
    map: Term,
    m: &MapView<'_>,
    mut keep: impl FnMut(usize) -> bool,
) -> Term {
    let kept: Vec<usize> = (0..m.keys.len()).filter(|&i| keep(i)).collect();
    if kept.len() == m.keys.len() {
        return map;
    }
    let keys: Vec<Term> = kept.iter().map(|&i| m.keys[i]).collect();
    let values: Vec<Term> = kept.iter().map(|&i| m.values[i]).collect();
    make_map_sorted(h, &keys, &values)
}

/// Whether `t` is a well-formed map: keys strictly increasing under
/// [`compare_exact`]. (Used by tests and debug checks.)
pub fn map_is_well_formed(t: Term) -> bool {
    map_view(t).is_some_and(|m| m.keys.windows(2).all(|w| compare_exact(w[0], w[1]) == Ordering::Less))
}
