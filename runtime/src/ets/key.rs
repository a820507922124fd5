//! Keys as the two kinds of table order them.
//!
//! - `set`, `bag`, `duplicate_bag` (hash tables in OTP) match keys exactly
//!   (`=:=`: `1` and `1.0` are different keys). kiln keeps them in a
//!   B-tree ordered by [`HKey`]: OTP's internal hash of the key first, then
//!   the exact term order. So the traversal order is fixed and looks
//!   arbitrary, like OTP's, and every position (even of a deleted key) has
//!   a well-defined successor, which `next/2` on a fixed table and select
//!   continuations need.
//! - `ordered_set` orders keys by the standard term order, where `1 == 1.0`
//!   ([`OKey`]).
//!
//! A key term points into the stored object it belongs to (or is a probe
//! from the caller's heap, used only during one call).

use std::cmp::Ordering;

use crate::abi::{tag, Term};
use crate::compare::{compare, compare_exact};

/// The key of a hash-ordered table entry.
#[derive(Clone, Copy, Debug)]
pub struct HKey {
    pub hash: u32,
    /// The key; `NON_VALUE` is a probe that orders before every key with
    /// the same hash (the start of a "slot").
    pub key: Term,
}

impl HKey {
    /// The entry key for `key`.
    pub fn of(key: Term) -> HKey {
        HKey { hash: key_hash(key), key }
    }

    /// The position before every key whose hash is at least `hash`.
    pub fn slot_start(hash: u32) -> HKey {
        HKey { hash, key: tag::NON_VALUE }
    }
}

/// OTP's internal term hash, equal for `=:=` terms.
pub fn key_hash(key: Term) -> u32 {
    crate::term::map_hash::internal_hash(key, 0)
}

impl Ord for HKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.hash.cmp(&other.hash).then_with(|| match (self.key, other.key) {
            (a, b) if a == b => Ordering::Equal,
            (tag::NON_VALUE, _) => Ordering::Less,
            (_, tag::NON_VALUE) => Ordering::Greater,
            (a, b) => compare_exact(a, b),
        })
    }
}

impl PartialOrd for HKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for HKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for HKey {}

/// The key of an `ordered_set` entry: standard term order.
#[derive(Clone, Copy, Debug)]
pub struct OKey(pub Term);

impl Ord for OKey {
    fn cmp(&self, other: &Self) -> Ordering {
        compare(self.0, other.0)
    }
}

impl PartialOrd for OKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for OKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for OKey {}

/// Element `keypos` (1-based) of the tuple `obj`: its key; `None` when
/// `obj` is not a tuple of at least `keypos` elements.
pub fn key_of(obj: Term, keypos: usize) -> Option<Term> {
    let elems = crate::term::tuple_elements(obj)?;
    keypos.checked_sub(1).and_then(|i| elems.get(i)).copied()
}
