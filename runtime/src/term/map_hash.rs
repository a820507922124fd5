//! The hash that places a key in a map's hash trie: the value OTP 25 (on a
//! 64-bit machine) computes with its internal term hash, so that a kiln
//! map of more than 32 keys has OTP's trie shape and iteration order.
//!
//! # The function
//!
//! A Jenkins-style 32-bit mix (the one `erlang:phash2/1` uses, see
//! `bifs::hash`) over the term, depth first with an explicit stack. It
//! starts from `salt ^ 3432918353`; the salt is 0 for the first 8 trie
//! levels (4 bits each), then 1, 2, ... for each further 8 levels.
//!
//! - Immediates mix the two 32-bit halves of *BEAM's* word for the term,
//!   not kiln's: `I bsl 4 + 15` for an integer that BEAM keeps as a small
//!   (60 bits; kiln's 61-bit smalls beyond that hash as BEAM's bignums do),
//!   `16#3B` for `[]`. Atoms are words holding OTP's atom
//!   table index, which no other VM can know: kiln uses a hash of the name
//!   in its place, so keys that contain atoms (and pids, ports, references,
//!   funs, whose words are equally VM-specific) sit elsewhere than in OTP.
//! - Bignums mix each 64-bit magnitude limb, with a constant for the sign.
//! - Floats mix their bits (`-0.0` as `0.0`).
//! - Binaries and bitstrings: Jenkins' block hash of the whole bytes, then
//!   the trailing bits (as `phash2`).
//! - Lists: runs of byte elements packed four to a word; any other element
//!   is mixed in between markers for "head" and, before an improper tail,
//!   "tail".
//! - Tuples: the arity, then the elements.
//! - Maps: the size, then keys and values in the order of the map's
//!   storage: a flatmap's sorted pairs; a trie's entries last to first at
//!   each node, descending into inner nodes, a full inner node (16 entries)
//!   hashing as a 16-tuple of `[K | V]` cells (BEAM stores it as a tuple).
//!
//! Terms equal under `=:=` hash equally: every representation of a value
//! (heap or reference-counted binary, sub-binary) is viewed the same way.

use super::map_trie::{node_parts, TrieEntry};
use super::{view, MapView, Term, TermView};
use crate::abi::tag;
use crate::bifs::hash::{hash2_bytes, hc, mix2};

/// OTP's start value (a 32-bit prime), xored with the salt.
const START: u32 = 3_432_918_353;

/// Pending work of [`internal_hash`].
#[derive(Clone, Copy)]
enum Work {
    Term(Term),
    /// After the head of an improper list: mark the tail.
    Tail,
    /// A trie node (not a term by itself).
    Node(Term),
}

#[inline]
fn mix1(h: u32, x: u32, k: u32) -> u32 {
    mix2(h, x, 0, k)
}

/// OTP's light mixing of a type constant.
#[inline]
fn const_hash(h: u32, k: u32) -> u32 {
    (h ^ k).rotate_left(17)
}

/// Mixes a BEAM immediate word.
#[inline]
fn immediate(h: u32, word: u64) -> u32 {
    mix2(h, word as u32, (word >> 32) as u32, hc(1))
}

fn limbs(mut h: u32, negative: bool, limbs: &[u64]) -> u32 {
    let k = if negative { hc(10) } else { hc(11) };
    for &l in limbs {
        h = mix2(h, l as u32, (l >> 32) as u32, k);
    }
    h
}

/// hashpjw of an atom's name: kiln's stand-in for OTP's atom index.
fn atom_word(a: Term) -> u64 {
    (u64::from(crate::bifs::hash::atom_hash(a)) << 6) | 0xB
}

fn byte(t: Term) -> Option<u32> {
    if tag::is_small(t) {
        let v = tag::small_value(t);
        if (0..=255).contains(&v) {
            return Some(v as u32);
        }
    }
    None
}

/// The cons cell `t` (a list-tagged term) as head and tail.
fn cons(t: Term) -> (Term, Term) {
    match view(t) {
        TermView::Cons(h, tl) => (h, tl),
        _ => (tag::NIL, tag::NIL),
    }
}

/// Pushes a trie node's entries in storage order (so they are hashed last
/// to first), a leaf as its key then value.
fn push_entries(stack: &mut Vec<Work>, entries: &[Term]) {
    for &e in entries {
        match TrieEntry::of(e) {
            TrieEntry::Leaf(k, v) => {
                stack.push(Work::Term(v));
                stack.push(Work::Term(k));
            }
            TrieEntry::Node(n) => stack.push(Work::Node(n)),
        }
    }
}

/// The internal hash of `t` with `salt` (see the module docs).
pub fn internal_hash(t: Term, salt: u32) -> u32 {
    let mut h = salt ^ START;
    let mut stack: Vec<Work> = Vec::new();
    let mut next = Some(Work::Term(t));
    loop {
        let work = match next.take().or_else(|| stack.pop()) {
            Some(w) => w,
            None => return h,
        };
        let t = match work {
            Work::Tail => {
                h = const_hash(h, hc(18));
                continue;
            }
            Work::Node(n) => {
                let (bitmap, entries) = node_parts(n);
                if bitmap == 0xFFFF && entries.len() == 16 {
                    // BEAM's full inner node is a 16-tuple of leaves/nodes.
                    h = mix1(h, 16, hc(9));
                    for &e in entries[1..].iter().rev() {
                        stack.push(entry_work(e));
                    }
                    next = Some(entry_work(entries[0]));
                } else {
                    push_entries(&mut stack, entries);
                }
                continue;
            }
            Work::Term(t) => t,
        };
        match view(t) {
            TermView::Small(i) => {
                if (-(1i64 << 59)..(1i64 << 59)).contains(&i) {
                    h = immediate(h, ((i as u64) << 4) | 0xF);
                } else {
                    h = limbs(h, i < 0, &[i.unsigned_abs()]);
                }
            }
            TermView::Big(b) => h = limbs(h, b.negative, b.limbs),
            TermView::Float(f) => {
                let bits = if f == 0.0 { 0 } else { f.to_bits() };
                h = mix2(h, bits as u32, (bits >> 32) as u32, hc(12));
            }
            TermView::Atom(a) => h = immediate(h, atom_word(a)),
            TermView::Nil => h = immediate(h, 0x3B),
            TermView::Pid(n) => h = immediate(h, (n << 4) | 0x3),
            TermView::Port(n) => h = immediate(h, (n << 4) | 0x7),
            TermView::Ref(n) => {
                h = mix1(h, n as u32, hc(7));
                h = mix2(h, (n >> 32) as u32, 0, hc(8));
            }
            TermView::Cons(..) => {
                let (mut c, mut sh, mut cur) = (0u32, 0u32, t);
                loop {
                    let (hd, tl) = cons(cur);
                    let Some(b) = byte(hd) else { break };
                    sh = (sh << 8).wrapping_add(b);
                    if c == 3 {
                        h = mix1(h, sh, hc(4));
                        c = 0;
                        sh = 0;
                    } else {
                        c += 1;
                    }
                    cur = tl;
                    if !tag::is_list(cur) {
                        break;
                    }
                }
                if c > 0 {
                    h = mix2(h, sh, c, hc(22));
                }
                if tag::is_list(cur) {
                    let (hd, tl) = cons(cur);
                    h = const_hash(h, hc(17));
                    stack.push(Work::Term(tl));
                    if !tag::is_list(tl) {
                        stack.push(Work::Tail);
                    }
                    next = Some(Work::Term(hd));
                } else {
                    next = Some(Work::Term(cur));
                }
            }
            TermView::Tuple(es) => {
                h = mix1(h, es.len() as u32, hc(9));
                if let Some((&first, rest)) = es.split_first() {
                    stack.extend(rest.iter().rev().map(|&e| Work::Term(e)));
                    next = Some(Work::Term(first));
                }
            }
            TermView::Map(MapView::Flat { keys, values }) => {
                h = mix1(h, keys.len() as u32, hc(16));
                for (&k, &v) in keys.iter().zip(values).rev() {
                    stack.push(Work::Term(v));
                    stack.push(Work::Term(k));
                }
            }
            TermView::Map(MapView::Trie(tv)) => {
                h = mix1(h, tv.len() as u32, hc(16));
                push_entries(&mut stack, tv.entries());
            }
            TermView::Binary(b) => h = hash2_bytes(h, b, 0, 0),
            TermView::Bitstring(b) => {
                let (v, n) = b.tail();
                h = hash2_bytes(h, b.whole_bytes(), v, n);
            }
            TermView::Fun(f) => {
                h = mix2(h, f.env.len() as u32, f.info.index, hc(20));
                h = mix2(h, f.info.uniq, 0, hc(21));
                stack.extend(f.env.iter().rev().map(|&e| Work::Term(e)));
            }
            TermView::Export { module, function, arity } => {
                h = mix2(h, atom_word(module) as u32, atom_word(function) as u32, hc(14));
                h = mix1(h, arity, hc(14));
            }
            TermView::Invalid(w) => h = immediate(h, w),
        }
    }
}

fn entry_work(e: Term) -> Work {
    // A leaf is hashed as the cons cell it is; an inner node as a node.
    if tag::is_list(e) {
        Work::Term(e)
    } else {
        Work::Node(e)
    }
}

/// The 4-bit index of `key` at trie level `level`, hashing with the salt
/// of that level's group of 8 (`cache` holds the hashes computed so far).
pub fn level_index(key: Term, level: usize, cache: &mut Vec<u32>) -> u32 {
    let salt = level / 8;
    while cache.len() <= salt {
        cache.push(internal_hash(key, cache.len() as u32));
    }
    (cache[salt] >> (4 * (level % 8))) & 0xF
}
