//! The process dictionary (`put/2`, `get/1`, `erase/1`).
//!
//! Keys and values are terms on the process heap (they are GC roots, see
//! [`Dictionary::roots_mut`]); nothing is copied. Keys are compared with
//! exact equality (`=:=`), and found through a structural hash so that
//! dictionaries with many keys stay O(1) per operation. The hash depends
//! only on a term's value, never on its address, so it survives the
//! collector moving the terms.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::abi::{tag, Term};
use crate::heap::object_layout;

/// The hashes are already well mixed; don't hash them again.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A process dictionary.
#[derive(Default)]
pub struct Dictionary {
    buckets: HashMap<u64, Vec<(Term, Term)>, BuildHasherDefault<IdentityHasher>>,
    len: usize,
}

impl Dictionary {
    /// The value stored under `key`.
    pub fn get(&self, key: Term) -> Option<Term> {
        let bucket = self.buckets.get(&hash_term(key))?;
        bucket.iter().find(|(k, _)| exact_eq(*k, key)).map(|&(_, v)| v)
    }

    /// Stores `value` under `key`; returns the previous value.
    pub fn put(&mut self, key: Term, value: Term) -> Option<Term> {
        let bucket = self.buckets.entry(hash_term(key)).or_default();
        if let Some(slot) = bucket.iter_mut().find(|(k, _)| exact_eq(*k, key)) {
            return Some(std::mem::replace(&mut slot.1, value));
        }
        bucket.push((key, value));
        self.len += 1;
        None
    }

    /// Removes `key`; returns its value.
    pub fn erase(&mut self, key: Term) -> Option<Term> {
        let h = hash_term(key);
        let bucket = self.buckets.get_mut(&h)?;
        let i = bucket.iter().position(|(k, _)| exact_eq(*k, key))?;
        let (_, v) = bucket.swap_remove(i);
        if bucket.is_empty() {
            self.buckets.remove(&h);
        }
        self.len -= 1;
        Some(v)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every entry, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (Term, Term)> + '_ {
        self.buckets.values().flat_map(|b| b.iter().copied())
    }

    /// Every key and value, for the collector to update.
    pub fn roots_mut(&mut self) -> impl Iterator<Item = &mut Term> {
        self.buckets.values_mut().flat_map(|b| b.iter_mut()).flat_map(|(k, v)| [k, v])
    }
}

/// The contents of a bitstring object (any representation), or `None`
/// for other objects.
fn bitstring_at<'a>(t: Term) -> Option<crate::binary::Bits<'a>> {
    let p = tag::boxed_ptr(t);
    // SAFETY: `t` is a boxed term, so `p` points at its header.
    if !crate::binary::is_bitstring_header(unsafe { *p }) {
        return None;
    }
    crate::binary::bits_of(t)
}

/// Exact equality (`=:=`) of two well-formed terms.
pub fn exact_eq(a: Term, b: Term) -> bool {
    let mut pending = vec![(a, b)];
    while let Some((a, b)) = pending.pop() {
        if a == b {
            continue;
        }
        match (a & tag::MASK, b & tag::MASK) {
            (tag::LIST, tag::LIST) => {
                let (pa, pb) = (tag::list_ptr(a), tag::list_ptr(b));
                // SAFETY: list terms point at two-word cons cells.
                unsafe { pending.extend([(*pa, *pb), (*pa.add(1), *pb.add(1))]) };
            }
            (tag::BOXED, tag::BOXED) => {
                let (pa, pb) = (tag::boxed_ptr(a), tag::boxed_ptr(b));
                // SAFETY: boxed terms point at a header followed by `arity`
                // words laid out as `object_layout` says.
                unsafe {
                    // Bitstrings are equal by contents, whatever their
                    // representations.
                    match (bitstring_at(a), bitstring_at(b)) {
                        (Some(x), Some(y)) => {
                            if !crate::binary::bits_equal(x, y) {
                                return false;
                            }
                            continue;
                        }
                        (None, None) => {}
                        _ => return false,
                    }
                    let h = *pa;
                    if h != *pb {
                        return false;
                    }
                    let l = object_layout(h);
                    for i in 1..=l.raw {
                        if *pa.add(i) != *pb.add(i) {
                            return false;
                        }
                    }
                    for i in 1 + l.raw..1 + l.raw + l.terms {
                        pending.push((*pa.add(i), *pb.add(i)));
                    }
                }
            }
            _ => return false,
        }
    }
    true
}

const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(MIX)
}

/// A hash of a term's value: equal under `=:=` implies equal hashes.
pub fn hash_term(t: Term) -> u64 {
    let mut h = 0u64;
    let mut pending = vec![t];
    while let Some(t) = pending.pop() {
        match t & tag::MASK {
            tag::LIST => {
                h = mix(h, tag::LIST);
                let p = tag::list_ptr(t);
                // SAFETY: list terms point at two-word cons cells.
                unsafe { pending.extend([*p.add(1), *p]) };
            }
            tag::BOXED => {
                let p = tag::boxed_ptr(t);
                // SAFETY: as in `exact_eq`.
                unsafe {
                    if let Some(b) = bitstring_at(t) {
                        // By contents, like `exact_eq`.
                        h = mix(h, b.bit_size as u64);
                        for chunk in b.whole_bytes().chunks(8) {
                            let mut w = [0u8; 8];
                            w[..chunk.len()].copy_from_slice(chunk);
                            h = mix(h, u64::from_le_bytes(w));
                        }
                        h = mix(h, u64::from(b.tail().0));
                        continue;
                    }
                    let hd = *p;
                    h = mix(h, hd);
                    let l = object_layout(hd);
                    for i in 1..=l.raw {
                        h = mix(h, *p.add(i));
                    }
                    for i in (1 + l.raw..1 + l.raw + l.terms).rev() {
                        pending.push(*p.add(i));
                    }
                }
            }
            _ => h = mix(h, t),
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::Process;

    #[test]
    fn put_get_erase_by_value() {
        let mut p = Process::new(0);
        let k1 = p.tuple(&[tag::small(1), tag::small(2)]);
        let k2 = p.tuple(&[tag::small(1), tag::small(2)]);
        let mut d = Dictionary::default();
        assert_eq!(d.put(k1, tag::small(10)), None);
        assert_eq!(d.get(k2), Some(tag::small(10)), "structurally equal key");
        assert_eq!(d.put(k2, tag::small(11)), Some(tag::small(10)));
        assert_eq!(d.len(), 1);
        let l = p.list(&[tag::small(1)]);
        assert_eq!(d.get(l), None);
        assert_eq!(d.erase(k1), Some(tag::small(11)));
        assert!(d.is_empty());
        assert_eq!(d.erase(k1), None);
    }

    #[test]
    fn equality_and_hash_agree() {
        let mut p = Process::new(0);
        let a = p.list(&[tag::small(1), tag::NIL]);
        let t1 = p.tuple(&[a, tag::atom(3)]);
        let b = p.list(&[tag::small(1), tag::NIL]);
        let t2 = p.tuple(&[b, tag::atom(3)]);
        let t3 = p.tuple(&[b, tag::atom(4)]);
        assert!(exact_eq(t1, t2));
        assert_eq!(hash_term(t1), hash_term(t2));
        assert!(!exact_eq(t1, t3));
        assert!(!exact_eq(t1, a));
    }
}
