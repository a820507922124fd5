//! A table's contents: one of the two storage kinds behind a common
//! interface, plus the keys deleted while the table is fixed.
//!
//! `safe_fixtable/2` promises that `first/next` visit every object once
//! even if objects are deleted meanwhile, and that `next/2` of a deleted
//! key still works. The hash order of [`super::hash_store`] gives every key
//! a successor, so kiln only needs to remember which deleted keys `next/2`
//! must accept ([`Data::ghosts`]) until the last fixation is released.

use std::collections::BTreeSet;

use super::hash_store::{HashKind, HashStore};
use super::key::{key_of, HKey};
use super::stored::Stored;
use super::tree_store::TreeStore;
use crate::abi::Term;

/// The contents of a table.
pub enum Store {
    Hash(HashStore),
    Tree(TreeStore),
}

/// The contents and the keys deleted while fixed, behind the table lock.
pub struct Data {
    pub store: Store,
    /// `Some` while the table is fixed (hash tables only).
    ghosts: Option<Ghosts>,
    keypos: usize,
}

/// Keys deleted while the table is fixed: copies, and entry keys pointing
/// into them.
#[derive(Default)]
struct Ghosts {
    keys: Vec<Stored>,
    set: BTreeSet<HKey>,
}

impl Data {
    pub fn new(store: Store, keypos: usize) -> Data {
        Data { store, ghosts: None, keypos }
    }

    /// Starts or stops remembering deleted keys.
    pub fn set_fixed(&mut self, fixed: bool) {
        if !fixed {
            self.ghosts = None;
        } else if self.ghosts.is_none() && matches!(self.store, Store::Hash(_)) {
            self.ghosts = Some(Ghosts::default());
        }
    }

    /// Whether `next/2` accepts `key`: present, or deleted while fixed.
    pub fn knows_key(&self, key: Term) -> bool {
        self.store.contains(key) || self.ghosts.as_ref().is_some_and(|g| g.set.contains(&HKey::of(key)))
    }

    fn note_gone(&mut self, key: Term) {
        let Some(g) = self.ghosts.as_mut() else {
            return;
        };
        if self.store.contains(key) || g.set.contains(&HKey::of(key)) {
            return;
        }
        let copy = Stored::copy_of(key);
        g.set.insert(HKey::of(copy.term()));
        g.keys.push(copy);
    }

    /// Removes the objects with key `key`; returns them.
    pub fn remove_key(&mut self, key: Term) -> Vec<Stored> {
        let removed = self.store.remove_key(key);
        if !removed.is_empty() {
            self.note_gone(key);
        }
        removed
    }

    /// Removes the objects `=:=` to `obj`; returns how many.
    pub fn delete_object(&mut self, obj: Term) -> usize {
        let n = self.store.delete_object(obj);
        if n > 0 {
            if let Some(key) = key_of(obj, self.keypos) {
                self.note_gone(key);
            }
        }
        n
    }

    /// Keeps the objects for which `keep` is true; returns how many were
    /// removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&Stored) -> bool) -> usize {
        if self.ghosts.is_none() {
            return self.store.retain(keep);
        }
        let keypos = self.keypos;
        let mut gone = Vec::new();
        let n = self.store.retain(|s| {
            let k = keep(s);
            if !k {
                gone.push(Stored::copy_of(key_of(s.term(), keypos).expect("stored objects hold their key")));
            }
            k
        });
        for key in gone {
            self.note_gone(key.term());
        }
        n
    }

    /// Removes every object; returns how many there were.
    pub fn clear(&mut self) -> usize {
        if self.ghosts.is_some() {
            return self.retain(|_| false);
        }
        self.store.clear()
    }
}

impl Store {
    /// An empty store of the given kind.
    pub fn new(kind: super::table::Kind, keypos: usize) -> Store {
        use super::table::Kind;
        match kind {
            Kind::Set => Store::Hash(HashStore::new(HashKind::Set, keypos)),
            Kind::Bag => Store::Hash(HashStore::new(HashKind::Bag, keypos)),
            Kind::DuplicateBag => Store::Hash(HashStore::new(HashKind::DuplicateBag, keypos)),
            Kind::OrderedSet => Store::Tree(TreeStore::new(keypos)),
        }
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        match self {
            Store::Hash(h) => h.len(),
            Store::Tree(t) => t.len(),
        }
    }

    /// Whether the table has no object.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The objects with key `key`.
    pub fn lookup(&self, key: Term) -> &[Stored] {
        match self {
            Store::Hash(h) => h.lookup(key),
            Store::Tree(t) => t.lookup(key).map_or(&[], std::slice::from_ref),
        }
    }

    /// Whether an object has key `key`.
    pub fn contains(&self, key: Term) -> bool {
        match self {
            Store::Hash(h) => h.contains(key),
            Store::Tree(t) => t.lookup(key).is_some(),
        }
    }

    /// The single object with key `key` (`set`, `ordered_set`), mutable.
    pub fn single_mut(&mut self, key: Term) -> Option<&mut Stored> {
        match self {
            Store::Hash(h) => h.single_mut(key),
            Store::Tree(t) => t.lookup_mut(key),
        }
    }

    /// Inserts one object (a tuple holding its key).
    pub fn insert(&mut self, obj: Stored) {
        match self {
            Store::Hash(h) => h.insert(obj),
            Store::Tree(t) => t.insert(obj),
        }
    }

    fn remove_key(&mut self, key: Term) -> Vec<Stored> {
        match self {
            Store::Hash(h) => h.remove_key(key),
            Store::Tree(t) => t.remove_key(key).into_iter().collect(),
        }
    }

    fn delete_object(&mut self, obj: Term) -> usize {
        match self {
            Store::Hash(h) => h.delete_object(obj),
            Store::Tree(t) => t.delete_object(obj),
        }
    }

    fn retain(&mut self, keep: impl FnMut(&Stored) -> bool) -> usize {
        match self {
            Store::Hash(h) => h.retain(keep),
            Store::Tree(t) => t.retain(keep),
        }
    }

    fn clear(&mut self) -> usize {
        match self {
            Store::Hash(h) => h.clear(),
            Store::Tree(t) => t.clear(),
        }
    }

    /// The first key (`last/1` of a hash table is the same).
    pub fn first(&self) -> Option<Term> {
        match self {
            Store::Hash(h) => h.first(),
            Store::Tree(t) => t.first(),
        }
    }

    /// The last key in traversal order (the first one for hash tables, as
    /// in OTP).
    pub fn last(&self) -> Option<Term> {
        match self {
            Store::Hash(h) => h.first(),
            Store::Tree(t) => t.last(),
        }
    }

    /// The key after `key` (`prev/2` of a hash table is the same).
    pub fn next(&self, key: Term) -> Option<Term> {
        match self {
            Store::Hash(h) => h.next(key),
            Store::Tree(t) => t.next(key),
        }
    }

    /// The key before `key` (after it, for hash tables, as in OTP).
    pub fn prev(&self, key: Term) -> Option<Term> {
        match self {
            Store::Hash(h) => h.next(key),
            Store::Tree(t) => t.prev(key),
        }
    }

    /// Every object in traversal order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = &Stored> + '_> {
        match self {
            Store::Hash(h) => Box::new(h.iter()),
            Store::Tree(t) => Box::new(t.iter()),
        }
    }

    /// Words used by the objects.
    pub fn words(&self) -> usize {
        match self {
            Store::Hash(h) => h.words(),
            Store::Tree(t) => t.words(),
        }
    }
}
