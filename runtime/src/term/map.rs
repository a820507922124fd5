//! Maps: the one view every reader uses ([`MapView`]), and building and
//! updating maps whatever their layout.
//!
//! # Layouts
//!
//! As in OTP 25, the layout is a function of the size:
//!
//! - Up to [`FLATMAP_MAX`] (32) keys, the `MAP` object ("flatmap"): a
//!   header of arity `1 + n`, a pointer to a tuple of the `n` keys, then the
//!   `n` values at the same indices. Keys are sorted by [`compare_exact`]
//!   (integers before equal floats) and unique under `=:=`. Iteration order
//!   is key order. Lookups are a binary search; an update copies the object
//!   (replacing a value shares the keys tuple).
//! - Above 32 keys, a `MAP_TRIE`: OTP's hash array mapped trie, same hash,
//!   same shape, so the same iteration order (see [`super::map_trie`] and
//!   [`super::map_hash`]). Lookups, inserts and removes are O(log n) and
//!   share every node off the changed path.
//!
//! A put that grows a flatmap past 32 keys builds a trie; a remove that
//! shrinks a trie to 32 keys builds a flatmap (as OTP does); bulk builders
//! (`from_list`, `merge`, the term decoder, ...) pick the layout by size.
//!
//! # Orders
//!
//! - [`MapView::iter`]: OTP's iteration order (`maps:fold/3`,
//!   `maps:iterator/1`, `~p`/`~w` printing).
//! - [`MapView::list_pairs`]: the order of `maps:to_list/1`, `keys/1`,
//!   `values/1` and `term_to_binary/1`: iteration order for a flatmap, its
//!   reverse for a trie.
//! - [`MapView::sorted`]: map key order, for term comparison and
//!   `term_to_binary(_, [deterministic])`.
//!
//! The functions here never collect; like every constructor they take a
//! [`TermAlloc`].

use std::borrow::Cow;
use std::cmp::Ordering;

use super::map_trie::{build_trie, trie_put, trie_remove, TrieIter, TrieView};
use super::{make_tuple, view, Term, TermAlloc, TermView};
use crate::abi::{header, tag};
use crate::compare::{compare_exact, exact_eq};

/// The most keys a flatmap holds; larger maps are tries.
pub const FLATMAP_MAX: usize = 32;

/// A map, whatever its layout.
#[derive(Clone, Copy, Debug)]
pub enum MapView<'a> {
    /// At most 32 keys, sorted in map key order, and their values.
    Flat { keys: &'a [Term], values: &'a [Term] },
    /// More than 32 keys.
    Trie(TrieView<'a>),
}

/// Iterator over a map's pairs in OTP's iteration order.
#[derive(Clone, Debug)]
pub enum MapIter<'a> {
    Flat(std::iter::Zip<std::slice::Iter<'a, Term>, std::slice::Iter<'a, Term>>),
    Trie(TrieIter<'a>),
}

impl Iterator for MapIter<'_> {
    type Item = (Term, Term);

    fn next(&mut self) -> Option<(Term, Term)> {
        match self {
            MapIter::Flat(it) => it.next().map(|(&k, &v)| (k, v)),
            MapIter::Trie(it) => it.next(),
        }
    }
}

impl<'a> MapView<'a> {
    /// The number of keys.
    pub fn len(&self) -> usize {
        match self {
            MapView::Flat { keys, .. } => keys.len(),
            MapView::Trie(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value stored under `key` (compared with `=:=`).
    pub fn get(&self, key: Term) -> Option<Term> {
        match self {
            MapView::Flat { keys, values } => flat_search(keys, key).ok().map(|i| values[i]),
            MapView::Trie(t) => t.get(key),
        }
    }

    /// The pairs in OTP's iteration order.
    pub fn iter(&self) -> MapIter<'a> {
        match *self {
            MapView::Flat { keys, values } => MapIter::Flat(keys.iter().zip(values.iter())),
            MapView::Trie(t) => MapIter::Trie(t.iter()),
        }
    }

    /// The pairs in the order of `maps:to_list/1` and `term_to_binary/1`.
    pub fn list_pairs(&self) -> Vec<(Term, Term)> {
        let mut v: Vec<(Term, Term)> = self.iter().collect();
        if matches!(self, MapView::Trie(_)) {
            v.reverse();
        }
        v
    }

    /// The keys in map key order and the values at the same indices.
    pub fn sorted(&self) -> (Cow<'a, [Term]>, Cow<'a, [Term]>) {
        match *self {
            MapView::Flat { keys, values } => (Cow::Borrowed(keys), Cow::Borrowed(values)),
            MapView::Trie(t) => {
                let mut pairs: Vec<(Term, Term)> = t.iter().collect();
                pairs.sort_by(|a, b| compare_exact(a.0, b.0));
                let (k, v) = pairs.into_iter().unzip();
                (Cow::Owned(k), Cow::Owned(v))
            }
        }
    }
}

/// The map `t` as a view, or `None` when `t` is not a map.
pub fn map_view<'a>(t: Term) -> Option<MapView<'a>> {
    match view(t) {
        TermView::Map(m) => Some(m),
        _ => None,
    }
}

/// The index of `key` in a flatmap's sorted keys: `Ok(i)` when present,
/// `Err(i)` with the index it would be inserted at.
fn flat_search(keys: &[Term], key: Term) -> Result<usize, usize> {
    keys.binary_search_by(|&k| compare_exact(k, key))
}

/// The value stored under `key`, or `None`.
pub fn map_lookup(m: &MapView<'_>, key: Term) -> Option<Term> {
    m.get(key)
}

/// The number of keys of a map view.
pub fn map_len(m: &MapView<'_>) -> usize {
    m.len()
}

/// Allocates a `MAP` object of `n` keys whose keys tuple is `keys_tuple`;
/// returns the term and a pointer to its first value slot.
fn alloc_flat<H: TermAlloc + ?Sized>(h: &mut H, keys_tuple: Term, n: usize) -> (Term, *mut Term) {
    let p = h.alloc_words(n + 2);
    // SAFETY: `p` points at `n + 2` fresh words: the header, the keys
    // tuple, then `n` value slots the caller fills.
    unsafe {
        *p = header::make(header::MAP, 1 + n as u64);
        *p.add(1) = keys_tuple;
        (tag::boxed(p), p.add(2))
    }
}

/// A flatmap sharing `keys_tuple` (a tuple of `values.len()` sorted keys).
fn make_flat_with_keys<H: TermAlloc + ?Sized>(h: &mut H, keys_tuple: Term, values: &[Term]) -> Term {
    let (t, slots) = alloc_flat(h, keys_tuple, values.len());
    // SAFETY: `slots` has room for `values.len()` words.
    unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), slots, values.len()) };
    t
}

/// The keys tuple of the flatmap `t`.
fn keys_tuple_of(t: Term) -> Term {
    debug_assert!(matches!(map_view(t), Some(MapView::Flat { .. })));
    // SAFETY: `t` is a flatmap (checked by every caller through its view),
    // so word 1 of its object is the keys tuple.
    unsafe { *tag::boxed_ptr(t).add(1) }
}

/// A map of `keys` (sorted by [`compare_exact`], unique) and `values`.
pub fn make_map_sorted<H: TermAlloc + ?Sized>(h: &mut H, keys: &[Term], values: &[Term]) -> Term {
    debug_assert_eq!(keys.len(), values.len());
    debug_assert!(keys.windows(2).all(|w| compare_exact(w[0], w[1]) == Ordering::Less));
    if keys.len() > FLATMAP_MAX {
        let pairs: Vec<(Term, Term)> = keys.iter().copied().zip(values.iter().copied()).collect();
        return build_trie(h, &pairs);
    }
    let kt = make_tuple(h, keys);
    make_flat_with_keys(h, kt, values)
}

/// A map of sorted, unique `(key, value)` pairs.
pub fn make_map_from_sorted_pairs<H: TermAlloc + ?Sized>(h: &mut H, pairs: &[(Term, Term)]) -> Term {
    if pairs.len() > FLATMAP_MAX {
        return build_trie(h, pairs);
    }
    let keys: Vec<Term> = pairs.iter().map(|p| p.0).collect();
    let values: Vec<Term> = pairs.iter().map(|p| p.1).collect();
    make_map_sorted(h, &keys, &values)
}

/// The empty map `#{}`.
pub fn make_empty_map<H: TermAlloc + ?Sized>(h: &mut H) -> Term {
    make_map_sorted(h, &[], &[])
}

/// Sorts `pairs` by key and keeps the last of equal keys (`=:=`).
fn sort_unique(mut pairs: Vec<(Term, Term)>) -> Vec<(Term, Term)> {
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
    unique
}

/// A map of `pairs` in any order; of equal keys (`=:=`) the last wins, as
/// in `maps:from_list/1`.
pub fn make_map_from_pairs<H: TermAlloc + ?Sized>(h: &mut H, pairs: Vec<(Term, Term)>) -> Term {
    let unique = sort_unique(pairs);
    make_map_from_sorted_pairs(h, &unique)
}

/// `map` with `key` associated with `value` (added or replaced); `map`
/// itself when the key already holds that very term. `m` is `map`'s view.
pub fn map_insert<H: TermAlloc + ?Sized>(h: &mut H, map: Term, m: &MapView<'_>, key: Term, value: Term) -> Term {
    match *m {
        MapView::Flat { keys, values } => match flat_search(keys, key) {
            Ok(i) => flat_replace_at(h, map, values, i, value),
            Err(i) => {
                let n = keys.len();
                let mut ks = Vec::with_capacity(n + 1);
                ks.extend_from_slice(&keys[..i]);
                ks.push(key);
                ks.extend_from_slice(&keys[i..]);
                let mut vs = Vec::with_capacity(n + 1);
                vs.extend_from_slice(&values[..i]);
                vs.push(value);
                vs.extend_from_slice(&values[i..]);
                make_map_sorted(h, &ks, &vs)
            }
        },
        MapView::Trie(t) => trie_put(h, map, &t, key, value).0,
    }
}

/// `map` with the existing `key` set to `value` (`M#{K := V}`), or `None`
/// when the key is absent.
pub fn map_update_existing<H: TermAlloc + ?Sized>(
    h: &mut H,
    map: Term,
    m: &MapView<'_>,
    key: Term,
    value: Term,
) -> Option<Term> {
    match *m {
        MapView::Flat { keys, values } => {
            let i = flat_search(keys, key).ok()?;
            Some(flat_replace_at(h, map, values, i, value))
        }
        MapView::Trie(t) => {
            t.get(key)?;
            Some(trie_put(h, map, &t, key, value).0)
        }
    }
}

/// The flatmap `map` (values `values`) with the value at index `i`
/// replaced; shares the keys. `map` itself when the value is the same term.
fn flat_replace_at<H: TermAlloc + ?Sized>(h: &mut H, map: Term, values: &[Term], i: usize, value: Term) -> Term {
    if values[i] == value {
        return map;
    }
    let mut vs = values.to_vec();
    vs[i] = value;
    make_flat_with_keys(h, keys_tuple_of(map), &vs)
}

/// `map` without `key`; `map` itself when the key is absent.
pub fn map_delete<H: TermAlloc + ?Sized>(h: &mut H, map: Term, m: &MapView<'_>, key: Term) -> Term {
    map_take(h, m, key).map_or(map, |(_, rest)| rest)
}

/// The value of `key` and the map without it, or `None` when absent.
pub fn map_take<H: TermAlloc + ?Sized>(h: &mut H, m: &MapView<'_>, key: Term) -> Option<(Term, Term)> {
    match *m {
        MapView::Flat { keys, values } => {
            let i = flat_search(keys, key).ok()?;
            let mut ks = keys.to_vec();
            let mut vs = values.to_vec();
            ks.remove(i);
            vs.remove(i);
            Some((values[i], make_map_sorted(h, &ks, &vs)))
        }
        MapView::Trie(t) => {
            let value = t.get(key)?;
            if t.len() - 1 <= FLATMAP_MAX {
                // Back to a flatmap, as OTP does.
                let pairs: Vec<(Term, Term)> = t.iter().filter(|&(k, _)| !exact_eq(k, key)).collect();
                return Some((value, make_map_from_pairs(h, pairs)));
            }
            Some((value, trie_remove(h, &t, key)?))
        }
    }
}

/// The union of two maps; on equal keys the value of `b` wins
/// (`maps:merge/2`). Two flatmaps merge their sorted keys in one pass; a
/// small map merges into a large trie by single inserts (sharing the
/// trie); otherwise the union is built afresh.
pub fn map_union<H: TermAlloc + ?Sized>(h: &mut H, a: Term, ma: &MapView<'_>, b: Term, mb: &MapView<'_>) -> Term {
    if ma.is_empty() {
        return b;
    }
    if mb.is_empty() {
        return a;
    }
    if let (MapView::Trie(_), true) = (ma, mb.len() * 8 <= ma.len()) {
        let mut acc = a;
        for (k, v) in mb.iter() {
            if let Some(m) = map_view(acc) {
                acc = map_insert(h, acc, &m, k, v);
            }
        }
        return acc;
    }
    if let (MapView::Trie(_), true) = (mb, ma.len() * 8 <= mb.len()) {
        let mut acc = b;
        for (k, v) in ma.iter() {
            if mb.get(k).is_none() {
                if let Some(m) = map_view(acc) {
                    acc = map_insert(h, acc, &m, k, v);
                }
            }
        }
        return acc;
    }
    let (ka, va) = ma.sorted();
    let (kb, vb) = mb.sorted();
    let mut keys = Vec::with_capacity(ka.len() + kb.len());
    let mut values = Vec::with_capacity(keys.capacity());
    let (mut i, mut j) = (0, 0);
    while i < ka.len() && j < kb.len() {
        match compare_exact(ka[i], kb[j]) {
            Ordering::Less => {
                keys.push(ka[i]);
                values.push(va[i]);
                i += 1;
            }
            Ordering::Greater => {
                keys.push(kb[j]);
                values.push(vb[j]);
                j += 1;
            }
            Ordering::Equal => {
                keys.push(kb[j]);
                values.push(vb[j]);
                i += 1;
                j += 1;
            }
        }
    }
    keys.extend_from_slice(&ka[i..]);
    values.extend_from_slice(&va[i..]);
    keys.extend_from_slice(&kb[j..]);
    values.extend_from_slice(&vb[j..]);
    if keys.len() == kb.len() {
        // Every key of `a` is in `b`: the union is `b` (same keys, b's values).
        return b;
    }
    make_map_sorted(h, &keys, &values)
}

/// The map of `m`'s pairs that `keep` accepts, or `map` itself when it
/// accepts them all.
pub fn map_retain<H: TermAlloc + ?Sized>(
    h: &mut H,
    map: Term,
    m: &MapView<'_>,
    mut keep: impl FnMut(Term, Term) -> bool,
) -> Term {
    let kept: Vec<(Term, Term)> = m.iter().filter(|&(k, v)| keep(k, v)).collect();
    if kept.len() == m.len() {
        return map;
    }
    make_map_from_pairs(h, kept)
}

/// Whether `t` is a well-formed map: a flatmap of at most 32 keys strictly
/// increasing under [`compare_exact`], or a trie of more than 32 keys whose
/// size word is right and where every key is found. (Used by tests and
/// debug checks.)
pub fn map_is_well_formed(t: Term) -> bool {
    match map_view(t) {
        Some(MapView::Flat { keys, .. }) => {
            keys.len() <= FLATMAP_MAX && keys.windows(2).all(|w| compare_exact(w[0], w[1]) == Ordering::Less)
        }
        Some(MapView::Trie(tv)) => {
            tv.len() > FLATMAP_MAX && tv.iter().count() == tv.len() && tv.iter().all(|(k, v)| tv.get(k) == Some(v))
        }
        None => false,
    }
}
