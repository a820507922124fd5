//! Maps of more than 32 keys: a persistent hash array mapped trie with
//! OTP 25's shape, so iteration order, printing and `term_to_binary` list
//! the pairs as OTP does.
//!
//! # Layout (see `abi::header`)
//!
//! The map term points at a `MAP_TRIE` root: the number of keys, a 16-bit
//! bitmap, then one entry per set bit in ascending bit order. An entry is a
//! leaf, the cons cell `[Key | Value]`, or a boxed pointer to a `MAP_NODE`
//! (bitmap, then entries). Both are ordinary heap objects (raw words, then
//! terms), so the collector and the message copier move them like any
//! other; updates copy the path from the root to the changed entry and
//! share every other node.
//!
//! # Shape
//!
//! Level `L` (the root is level 0) indexes its bitmap by bits `4L..4L+4`
//! of the key's hash (`map_hash::internal_hash`, salt `L / 8`: after 32
//! bits the key is hashed again with the next salt). A node holds a leaf
//! where one key alone has that prefix; two or more keys with a common
//! prefix get a node one level down. So the trie is a function of its key
//! set, whatever the order of inserts and removes. Keys that still share a
//! prefix after [`MAX_LEVEL`] levels (128 hash bits: practically never)
//! share a collision node (bitmap 0) listing them in map key order.
//!
//! # Order
//!
//! OTP's iteration order (`maps:fold/3`, `maps:iterator/1`, `~p`/`~w`) is
//! depth first, entries in ascending bit order ([`TrieView::iter`]);
//! `maps:to_list/1`, `keys/1`, `values/1` and `term_to_binary/1` list the
//! pairs in the reverse of that order (OTP builds those lists by consing
//! while iterating).

use std::cmp::Ordering;

use super::map_hash::level_index;
use super::{cons, Term, TermAlloc};
use crate::abi::{header, tag};
use crate::compare::{compare_exact, exact_eq};

/// Levels of 4 hash bits before keys share a collision node.
pub const MAX_LEVEL: usize = 32;

/// The root of a trie map.
#[derive(Clone, Copy, Debug)]
pub struct TrieView<'a> {
    size: usize,
    bitmap: u32,
    entries: &'a [Term],
}

/// One entry of a trie node.
#[derive(Clone, Copy, Debug)]
pub enum TrieEntry {
    /// A key and its value.
    Leaf(Term, Term),
    /// An inner node (a `MAP_NODE` object).
    Node(Term),
}

impl TrieEntry {
    /// Classifies a node entry.
    pub fn of(e: Term) -> TrieEntry {
        if tag::is_list(e) {
            let p = tag::list_ptr(e);
            // SAFETY: a list-tagged trie entry points at a two-word cons
            // cell `[Key | Value]` (layout of `abi::header::MAP_TRIE`).
            unsafe { TrieEntry::Leaf(*p, *p.add(1)) }
        } else {
            TrieEntry::Node(e)
        }
    }
}

/// The bitmap and entries of the `MAP_NODE` object `n` (no entries when
/// `n` is not one).
pub fn node_parts<'a>(n: Term) -> (u32, &'a [Term]) {
    if !tag::is_boxed(n) || n == 0 {
        return (0, &[]);
    }
    let p = tag::boxed_ptr(n) as *const Term;
    // SAFETY: a boxed trie entry points at a `MAP_NODE` object: a header,
    // the bitmap word, then `arity - 1` entries; the slice stays within the
    // object's `arity` words, and the heap stays put while it is used (the
    // contract of `term::view`).
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER || header::subtag(h) != header::MAP_NODE || header::arity(h) < 1 {
            return (0, &[]);
        }
        let n = header::arity(h) as usize - 1;
        ((*p.add(1)) as u32, std::slice::from_raw_parts(p.add(2), n))
    }
}

impl<'a> TrieView<'a> {
    /// The view of a `MAP_TRIE` object whose words after the header start
    /// at `body` (`arity` of them), or `None` when malformed.
    ///
    /// # Safety
    /// `body` must point at `arity` readable words that stay in place while
    /// the view is used.
    pub(crate) unsafe fn from_body(body: *const Term, arity: usize) -> Option<TrieView<'a>> {
        if arity < 2 {
            return None;
        }
        // SAFETY: per the caller, `arity >= 2` words are readable.
        unsafe {
            Some(TrieView {
                size: *body as usize,
                bitmap: *body.add(1) as u32,
                entries: std::slice::from_raw_parts(body.add(2), arity - 2),
            })
        }
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.size
    }

    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// The root's entries, in ascending bit order.
    pub fn entries(&self) -> &'a [Term] {
        self.entries
    }

    /// The value stored under `key`.
    pub fn get(&self, key: Term) -> Option<Term> {
        let mut cache = Vec::new();
        let (mut bitmap, mut entries) = (self.bitmap, self.entries);
        let mut level = 0;
        loop {
            let e = if bitmap == 0 {
                return entries.iter().find_map(|&e| match TrieEntry::of(e) {
                    TrieEntry::Leaf(k, v) if exact_eq(k, key) => Some(v),
                    _ => None,
                });
            } else {
                let bit = 1u32 << level_index(key, level, &mut cache);
                if bitmap & bit == 0 {
                    return None;
                }
                *entries.get((bitmap & (bit - 1)).count_ones() as usize)?
            };
            match TrieEntry::of(e) {
                TrieEntry::Leaf(k, v) => return exact_eq(k, key).then_some(v),
                TrieEntry::Node(n) => {
                    (bitmap, entries) = node_parts(n);
                    level += 1;
                }
            }
        }
    }

    /// The pairs in OTP's iteration order (depth first, ascending bits).
    pub fn iter(&self) -> TrieIter<'a> {
        TrieIter { stack: vec![self.entries.iter()] }
    }
}

/// Iterator over a trie's pairs in OTP's iteration order.
#[derive(Clone, Debug)]
pub struct TrieIter<'a> {
    stack: Vec<std::slice::Iter<'a, Term>>,
}

impl Iterator for TrieIter<'_> {
    type Item = (Term, Term);

    fn next(&mut self) -> Option<(Term, Term)> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some(&e) => match TrieEntry::of(e) {
                    TrieEntry::Leaf(k, v) => return Some((k, v)),
                    TrieEntry::Node(n) => self.stack.push(node_parts(n).1.iter()),
                },
            }
        }
    }
}

/// Allocates a `MAP_NODE`.
fn alloc_node<H: TermAlloc + ?Sized>(h: &mut H, bitmap: u32, entries: &[Term]) -> Term {
    let p = h.alloc_words(2 + entries.len());
    // SAFETY: `p` has `2 + n` fresh words: header, bitmap, entries.
    unsafe {
        *p = header::make(header::MAP_NODE, 1 + entries.len() as u64);
        *p.add(1) = u64::from(bitmap);
        std::ptr::copy_nonoverlapping(entries.as_ptr(), p.add(2), entries.len());
    }
    tag::boxed(p)
}

/// Allocates a `MAP_TRIE` root.
fn alloc_root<H: TermAlloc + ?Sized>(h: &mut H, size: usize, bitmap: u32, entries: &[Term]) -> Term {
    let p = h.alloc_words(3 + entries.len());
    // SAFETY: `p` has `3 + n` fresh words: header, size, bitmap, entries.
    unsafe {
        *p = header::make(header::MAP_TRIE, 2 + entries.len() as u64);
        *p.add(1) = size as u64;
        *p.add(2) = u64::from(bitmap);
        std::ptr::copy_nonoverlapping(entries.as_ptr(), p.add(3), entries.len());
    }
    tag::boxed(p)
}

/// A key with its hashes computed so far.
struct Hashed {
    key: Term,
    value: Term,
    cache: Vec<u32>,
    index: u32,
}

/// Builds the entries of a node at `level` holding `items` (unique keys).
fn build_entries<H: TermAlloc + ?Sized>(h: &mut H, items: &mut [Hashed], level: usize) -> (u32, Vec<Term>) {
    if level >= MAX_LEVEL {
        items.sort_by(|a, b| compare_exact(a.key, b.key));
        return (0, items.iter().map(|it| cons(h, it.key, it.value)).collect());
    }
    for it in items.iter_mut() {
        it.index = level_index(it.key, level, &mut it.cache);
    }
    items.sort_by_key(|it| it.index);
    let mut bitmap = 0;
    let mut entries = Vec::new();
    let mut rest = items;
    while let Some(first) = rest.first() {
        let index = first.index;
        let n = rest.iter().take_while(|it| it.index == index).count();
        let (group, tail) = rest.split_at_mut(n);
        bitmap |= 1 << index;
        entries.push(if n == 1 {
            cons(h, group[0].key, group[0].value)
        } else {
            let (b, es) = build_entries(h, group, level + 1);
            alloc_node(h, b, &es)
        });
        rest = tail;
    }
    (bitmap, entries)
}

fn hashed(pairs: &[(Term, Term)]) -> Vec<Hashed> {
    pairs.iter().map(|&(key, value)| Hashed { key, value, cache: Vec::new(), index: 0 }).collect()
}

/// A trie map of `pairs`, whose keys must be unique (`=:=`).
pub fn build_trie<H: TermAlloc + ?Sized>(h: &mut H, pairs: &[(Term, Term)]) -> Term {
    let mut items = hashed(pairs);
    let (bitmap, entries) = build_entries(h, &mut items, 0);
    alloc_root(h, pairs.len(), bitmap, &entries)
}

/// Counts words instead of allocating them (the words it hands out are
/// scratch, overwritten by the next allocation).
struct CountAlloc {
    words: usize,
    scratch: Vec<Term>,
}

impl TermAlloc for CountAlloc {
    fn alloc_words(&mut self, words: usize) -> *mut Term {
        self.words += words;
        if self.scratch.len() < words {
            self.scratch.resize(words, 0);
        }
        self.scratch.as_mut_ptr()
    }
}

/// Bump allocation within a block of exactly the words needed.
struct SliceAlloc {
    top: *mut Term,
    left: usize,
}

impl TermAlloc for SliceAlloc {
    fn alloc_words(&mut self, words: usize) -> *mut Term {
        // Both passes of `build_trie_with` allocate the same sequence.
        assert!(words <= self.left, "trie size changed between passes");
        let p = self.top;
        self.top = self.top.wrapping_add(words);
        self.left -= words;
        p
    }
}

/// [`build_trie`] with memory from `alloc`, asked once for the exact
/// number of words (for the term decoder, whose memory is planned ahead).
pub fn build_trie_with(alloc: &mut dyn FnMut(usize) -> *mut Term, pairs: &[(Term, Term)]) -> Term {
    let mut items = hashed(pairs);
    let mut count = CountAlloc { words: 0, scratch: Vec::new() };
    let (bitmap, entries) = build_entries(&mut count, &mut items, 0);
    let words = count.words + 3 + entries.len();
    let mut block = SliceAlloc { top: alloc(words), left: words };
    let (bitmap2, entries2) = build_entries(&mut block, &mut items, 0);
    debug_assert_eq!((bitmap, entries.len()), (bitmap2, entries2.len()));
    alloc_root(&mut block, pairs.len(), bitmap2, &entries2)
}

/// A node at `level` holding the two leaves `a` and `b` (different keys).
fn pair_node<H: TermAlloc + ?Sized>(
    h: &mut H,
    a: (Term, Term, &mut Vec<u32>),
    b: (Term, Term, &mut Vec<u32>),
    level: usize,
) -> Term {
    if level >= MAX_LEVEL {
        let (x, y) = if compare_exact(a.0, b.0) == Ordering::Less { (a, b) } else { (b, a) };
        return alloc_node(h, 0, &[x.1, y.1]);
    }
    let ia = level_index(a.0, level, a.2);
    let ib = level_index(b.0, level, b.2);
    if ia == ib {
        let child = pair_node(h, a, b, level + 1);
        return alloc_node(h, 1 << ia, &[child]);
    }
    let es = if ia < ib { [a.1, b.1] } else { [b.1, a.1] };
    alloc_node(h, (1 << ia) | (1 << ib), &es)
}

/// The outcome of an insert below a node.
enum Put {
    /// The same key already holds the very same value.
    Unchanged,
    /// The node's new bitmap and entries; whether a key was added.
    Changed(u32, Vec<Term>, bool),
}

fn put_in<H: TermAlloc + ?Sized>(
    h: &mut H,
    bitmap: u32,
    entries: &[Term],
    level: usize,
    key: Term,
    value: Term,
    cache: &mut Vec<u32>,
) -> Put {
    if bitmap == 0 {
        // A collision node: leaves in map key order.
        let mut es = entries.to_vec();
        for (i, &e) in entries.iter().enumerate() {
            if let TrieEntry::Leaf(k, v) = TrieEntry::of(e) {
                match compare_exact(k, key) {
                    Ordering::Equal if v == value => return Put::Unchanged,
                    Ordering::Equal => {
                        es[i] = cons(h, k, value);
                        return Put::Changed(0, es, false);
                    }
                    Ordering::Greater => {
                        es.insert(i, cons(h, key, value));
                        return Put::Changed(0, es, true);
                    }
                    Ordering::Less => {}
                }
            }
        }
        es.push(cons(h, key, value));
        return Put::Changed(0, es, true);
    }
    let index = level_index(key, level, cache);
    let bit = 1u32 << index;
    let pos = (bitmap & (bit - 1)).count_ones() as usize;
    let mut es = entries.to_vec();
    if bitmap & bit == 0 || pos >= es.len() {
        es.insert(pos.min(es.len()), cons(h, key, value));
        return Put::Changed(bitmap | bit, es, true);
    }
    match TrieEntry::of(es[pos]) {
        TrieEntry::Leaf(k, v) if exact_eq(k, key) => {
            if v == value {
                return Put::Unchanged;
            }
            es[pos] = cons(h, k, value);
            Put::Changed(bitmap, es, false)
        }
        TrieEntry::Leaf(k, _) => {
            let leaf = cons(h, key, value);
            let mut other = Vec::new();
            es[pos] = pair_node(h, (k, es[pos], &mut other), (key, leaf, cache), level + 1);
            Put::Changed(bitmap, es, true)
        }
        TrieEntry::Node(n) => {
            let (cb, ces) = node_parts(n);
            match put_in(h, cb, ces, level + 1, key, value, cache) {
                Put::Unchanged => Put::Unchanged,
                Put::Changed(nb, nes, added) => {
                    es[pos] = alloc_node(h, nb, &nes);
                    Put::Changed(bitmap, es, added)
                }
            }
        }
    }
}

/// `trie` with `key` set to `value`: `(map, added)`; the map is `map`
/// itself when the key already holds that very value.
pub fn trie_put<H: TermAlloc + ?Sized>(
    h: &mut H,
    map: Term,
    trie: &TrieView<'_>,
    key: Term,
    value: Term,
) -> (Term, bool) {
    let mut cache = Vec::new();
    match put_in(h, trie.bitmap, trie.entries, 0, key, value, &mut cache) {
        Put::Unchanged => (map, false),
        Put::Changed(b, es, added) => (alloc_root(h, trie.size + added as usize, b, &es), added),
    }
}

/// Removes `key` below a node: the node's new bitmap and entries, or
/// `None` when the key is absent.
fn remove_in<H: TermAlloc + ?Sized>(
    h: &mut H,
    bitmap: u32,
    entries: &[Term],
    level: usize,
    key: Term,
    cache: &mut Vec<u32>,
) -> Option<(u32, Vec<Term>)> {
    if bitmap == 0 {
        let i = entries.iter().position(|&e| matches!(TrieEntry::of(e), TrieEntry::Leaf(k, _) if exact_eq(k, key)))?;
        let mut es = entries.to_vec();
        es.remove(i);
        return Some((0, es));
    }
    let bit = 1u32 << level_index(key, level, cache);
    if bitmap & bit == 0 {
        return None;
    }
    let pos = (bitmap & (bit - 1)).count_ones() as usize;
    let mut es = entries.to_vec();
    match TrieEntry::of(*entries.get(pos)?) {
        TrieEntry::Leaf(k, _) if exact_eq(k, key) => {
            es.remove(pos);
            Some((bitmap & !bit, es))
        }
        TrieEntry::Leaf(..) => None,
        TrieEntry::Node(n) => {
            let (cb, ces) = node_parts(n);
            let (nb, nes) = remove_in(h, cb, ces, level + 1, key, cache)?;
            match nes.as_slice() {
                // A lone leaf moves up in place of its node.
                [only] if tag::is_list(*only) => es[pos] = *only,
                [] => {
                    es.remove(pos);
                    return Some((bitmap & !bit, es));
                }
                _ => es[pos] = alloc_node(h, nb, &nes),
            }
            Some((bitmap, es))
        }
    }
}

/// `trie` without `key` (still a trie, of one key less), or `None` when
/// the key is absent. The caller turns maps of 32 keys into flatmaps.
pub fn trie_remove<H: TermAlloc + ?Sized>(h: &mut H, trie: &TrieView<'_>, key: Term) -> Option<Term> {
    let mut cache = Vec::new();
    let (b, es) = remove_in(h, trie.bitmap, trie.entries, 0, key, &mut cache)?;
    Some(alloc_root(h, trie.size - 1, b, &es))
}

#[cfg(test)]
mod tests;
