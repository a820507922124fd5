//! Storage of `set`, `bag` and `duplicate_bag` tables.
//!
//! Objects are grouped by key (exact equality) in a B-tree ordered by
//! [`HKey`] (hash, then exact term order): lookups and updates are
//! O(log n), and traversal has a fixed order in which every key, present or
//! not, has a successor. The entry key points into the first object of its
//! group, so whenever that object goes away the group is re-inserted under
//! the key of its new first object (see [`HashStore::rekey`]).
//!
//! A `set` group holds one object; a `bag` group never holds two objects
//! that are `=:=`; a `duplicate_bag` group holds anything. Objects of a
//! group keep their insertion order, as in OTP.

use std::collections::BTreeMap;
use std::ops::Bound;

use super::key::{key_of, HKey};
use super::stored::Stored;
use crate::abi::Term;
use crate::compare::exact_eq;

/// The objects with one key.
pub enum Group {
    One(Stored),
    Many(Vec<Stored>),
}

impl Group {
    /// The objects, oldest first.
    pub fn objs(&self) -> &[Stored] {
        match self {
            Group::One(s) => std::slice::from_ref(s),
            Group::Many(v) => v,
        }
    }

    fn into_vec(self) -> Vec<Stored> {
        match self {
            Group::One(s) => vec![s],
            Group::Many(v) => v,
        }
    }
}

/// How a hash table treats a second object with an existing key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashKind {
    Set,
    Bag,
    DuplicateBag,
}

/// A `set`, `bag` or `duplicate_bag`.
pub struct HashStore {
    kind: HashKind,
    keypos: usize,
    map: BTreeMap<HKey, Group>,
    size: usize,
}

impl HashStore {
    pub fn new(kind: HashKind, keypos: usize) -> HashStore {
        HashStore { kind, keypos, map: BTreeMap::new(), size: 0 }
    }

    /// Number of objects.
    pub fn len(&self) -> usize {
        self.size
    }

    /// Whether the table has no object.
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    fn key(&self, s: &Stored) -> Term {
        key_of(s.term(), self.keypos).expect("stored objects are tuples holding their key")
    }

    /// The objects with key `key` (exactly).
    pub fn lookup(&self, key: Term) -> &[Stored] {
        self.map.get(&HKey::of(key)).map_or(&[], Group::objs)
    }

    /// The object of a `set` with key `key`, for an in-place update.
    pub fn single_mut(&mut self, key: Term) -> Option<&mut Stored> {
        match self.map.get_mut(&HKey::of(key))? {
            Group::One(s) => Some(s),
            Group::Many(_) => None,
        }
    }

    /// Inserts `obj`, a tuple holding its key (see the module doc for what
    /// each kind does with an existing key).
    pub fn insert(&mut self, obj: Stored) {
        let hk = HKey::of(self.key(&obj));
        if self.kind == HashKind::Set {
            // Remove first: the old entry key points into the old object.
            if self.map.remove(&hk).is_none() {
                self.size += 1;
            }
            self.map.insert(hk, Group::One(obj));
            return;
        }
        let Some(group) = self.map.get_mut(&hk) else {
            self.map.insert(hk, Group::One(obj));
            self.size += 1;
            return;
        };
        if self.kind == HashKind::Bag && group.objs().iter().any(|s| exact_eq(s.term(), obj.term())) {
            return;
        }
        // The entry key keeps pointing into the group's first object.
        match group {
            Group::One(_) => {
                let Group::One(first) = std::mem::replace(group, Group::Many(Vec::new())) else { unreachable!() };
                *group = Group::Many(vec![first, obj]);
            }
            Group::Many(v) => v.push(obj),
        }
        self.size += 1;
    }

    /// Removes and returns every object with key `key`.
    pub fn remove_key(&mut self, key: Term) -> Vec<Stored> {
        match self.map.remove(&HKey::of(key)) {
            Some(g) => {
                let v = g.into_vec();
                self.size -= v.len();
                v
            }
            None => Vec::new(),
        }
    }

    /// Removes the objects `=:=` to `obj` (a tuple holding its key);
    /// returns how many.
    pub fn delete_object(&mut self, obj: Term) -> usize {
        let Some(key) = key_of(obj, self.keypos) else {
            return 0;
        };
        let Some((_, group)) = self.map.remove_entry(&HKey::of(key)) else {
            return 0;
        };
        let mut objs = group.into_vec();
        let before = objs.len();
        objs.retain(|s| !exact_eq(s.term(), obj));
        let removed = before - objs.len();
        self.size -= removed;
        self.rekey(objs);
        removed
    }

    /// Puts back a group whose objects changed, under the key of its (new)
    /// first object; nothing when it is empty.
    fn rekey(&mut self, mut objs: Vec<Stored>) {
        let Some(first) = objs.first() else { return };
        let hk = HKey::of(self.key(first));
        let group = if objs.len() == 1 { Group::One(objs.pop().expect("one object")) } else { Group::Many(objs) };
        self.map.insert(hk, group);
    }

    /// Keeps only the objects for which `keep` is true; returns how many
    /// were removed.
    pub fn retain(&mut self, mut keep: impl FnMut(&Stored) -> bool) -> usize {
        let old = std::mem::take(&mut self.map);
        let before = self.size;
        self.size = 0;
        for (_, group) in old {
            let mut objs = group.into_vec();
            objs.retain(&mut keep);
            self.size += objs.len();
            self.rekey(objs);
        }
        before - self.size
    }

    /// Replaces each object for which `f` gives a new one (with the same
    /// key) in place, keeping the order of the group; returns how many.
    pub fn replace_each(&mut self, mut f: impl FnMut(&Stored) -> Option<Stored>) -> usize {
        let old = std::mem::take(&mut self.map);
        let mut n = 0;
        for (_, group) in old {
            let objs: Vec<Stored> = group
                .into_vec()
                .into_iter()
                .map(|s| match f(&s) {
                    Some(new) => {
                        n += 1;
                        new
                    }
                    None => s,
                })
                .collect();
            self.rekey(objs);
        }
        n
    }

    /// Removes every object; returns how many there were.
    pub fn clear(&mut self) -> usize {
        self.map.clear();
        std::mem::take(&mut self.size)
    }

    /// The first key in traversal order.
    pub fn first(&self) -> Option<Term> {
        self.map.keys().next().map(|k| k.key)
    }

    /// The key after `key`'s position, present or not.
    pub fn next(&self, key: Term) -> Option<Term> {
        self.map.range((Bound::Excluded(HKey::of(key)), Bound::Unbounded)).next().map(|(k, _)| k.key)
    }

    /// Whether some object has key `key`.
    pub fn contains(&self, key: Term) -> bool {
        self.map.contains_key(&HKey::of(key))
    }

    /// The objects of group number `i` in traversal order (OTP's slot);
    /// `Err(groups)` when there are fewer.
    pub fn slot(&self, i: usize) -> Result<&[Stored], usize> {
        self.map.values().nth(i).map(Group::objs).ok_or(self.map.len())
    }

    /// The groups whose hash is at least `hash`, in traversal order.
    pub fn groups_from(&self, hash: u32) -> impl Iterator<Item = (u32, &[Stored])> {
        self.map.range(HKey::slot_start(hash)..).map(|(k, g)| (k.hash, g.objs()))
    }

    /// Every object, in traversal order.
    pub fn iter(&self) -> impl Iterator<Item = &Stored> {
        self.map.values().flat_map(Group::objs)
    }

    /// Words used by the objects.
    pub fn words(&self) -> usize {
        self.iter().map(Stored::words).sum()
    }
}
