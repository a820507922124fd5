//! Storage of `ordered_set` tables: a B-tree in standard term order, where
//! keys compare with `==` (`1` and `1.0` are the same key), so every
//! operation is O(log n) and traversal, `next/2` and `prev/2` follow term
//! order (for any key, present or not).
//!
//! The entry key points into its object, so replacing an object removes
//! the old entry before inserting the new one.

use std::collections::BTreeMap;
use std::ops::Bound;

use super::key::{key_of, OKey};
use super::stored::Stored;
use crate::abi::Term;
use crate::compare::exact_eq;

/// An `ordered_set`.
pub struct TreeStore {
    keypos: usize,
    map: BTreeMap<OKey, Stored>,
}

impl TreeStore {
    pub fn new(keypos: usize) -> TreeStore {
        TreeStore { keypos, map: BTreeMap::new() }
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table has no object.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The object whose key is `== key`.
    pub fn lookup(&self, key: Term) -> Option<&Stored> {
        self.map.get(&OKey(key))
    }

    /// The object whose key is `== key`, for an in-place update.
    pub fn lookup_mut(&mut self, key: Term) -> Option<&mut Stored> {
        self.map.get_mut(&OKey(key))
    }

    /// Inserts `obj` (a tuple holding its key), replacing the object with
    /// an equal key.
    pub fn insert(&mut self, obj: Stored) {
        let key = key_of(obj.term(), self.keypos).expect("stored objects are tuples holding their key");
        self.map.remove(&OKey(key));
        self.map.insert(OKey(key), obj);
    }

    /// Removes the object with key `== key`.
    pub fn remove_key(&mut self, key: Term) -> Option<Stored> {
        self.map.remove(&OKey(key))
    }

    /// Removes the object if it is `=:=` to `obj`; returns how many (0 or 1).
    pub fn delete_object(&mut self, obj: Term) -> usize {
        let Some(key) = key_of(obj, self.keypos) else {
            return 0;
        };
        match self.map.get(&OKey(key)) {
            Some(s) if exact_eq(s.term(), obj) => {
                self.map.remove(&OKey(key));
                1
            }
            _ => 0,
        }
    }

    /// Keeps only the objects for which `keep` is true; returns how many
    /// were removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&Stored) -> bool) -> usize {
        let before = self.map.len();
        self.map.retain(|_, s| keep(s));
        before - self.map.len()
    }

    /// Removes every object; returns how many there were.
    pub fn clear(&mut self) -> usize {
        let n = self.map.len();
        self.map.clear();
        n
    }

    /// The smallest key.
    pub fn first(&self) -> Option<Term> {
        self.map.keys().next().map(|k| k.0)
    }

    /// The largest key.
    pub fn last(&self) -> Option<Term> {
        self.map.keys().next_back().map(|k| k.0)
    }

    /// The smallest key greater than `key`.
    pub fn next(&self, key: Term) -> Option<Term> {
        self.map.range((Bound::Excluded(OKey(key)), Bound::Unbounded)).next().map(|(k, _)| k.0)
    }

    /// The largest key smaller than `key`.
    pub fn prev(&self, key: Term) -> Option<Term> {
        self.map.range((Bound::Unbounded, Bound::Excluded(OKey(key)))).next_back().map(|(k, _)| k.0)
    }

    /// Object number `i` in key order.
    pub fn nth(&self, i: usize) -> Option<&Stored> {
        self.map.values().nth(i)
    }

    /// The objects after `after` (all when `None`), ascending, or before it,
    /// descending, when `reverse`.
    pub fn walk(&self, after: Option<Term>, reverse: bool) -> Box<dyn Iterator<Item = &Stored> + '_> {
        let bound = after.map_or(Bound::Unbounded, |k| Bound::Excluded(OKey(k)));
        if reverse {
            Box::new(self.map.range((Bound::Unbounded, bound)).rev().map(|(_, s)| s))
        } else {
            Box::new(self.map.range((bound, Bound::Unbounded)).map(|(_, s)| s))
        }
    }

    /// Every object in key order.
    pub fn iter(&self) -> impl Iterator<Item = &Stored> {
        self.map.values()
    }

    /// Words used by the objects.
    pub fn words(&self) -> usize {
        self.map.values().map(Stored::words).sum()
    }
}
