//! The `persistent_term` module (part of ERTS in OTP, so BIFs here): a
//! store of terms that belongs to no process, readable from every
//! scheduler thread at once.
//!
//! # Storage
//!
//! `put/2` copies the key and the value out of the caller's heap into
//! memory of their own (a [`Fragment`] each, built by [`crate::copy`] like
//! a message: off-heap binaries and `atomics` arrays inside take a
//! reference of their own, so they live as long as the entry). An entry is
//! immutable and shared through an `Arc`; the table maps the key's
//! structural hash (the process dictionary's, so keys compare with `=:=`)
//! to the entries with that hash, behind one `RwLock`. Readers take the
//! read lock only to clone an `Arc`, so they never wait for each other;
//! `put` and `erase`, which OTP documents as expensive and rare, take the
//! write lock briefly. Replacing or erasing an entry frees its memory when
//! the last reader's `Arc` goes.
//!
//! # Reads copy
//!
//! OTP hands out the stored term itself (a literal that no collector
//! moves), and when an entry is replaced it scans every process for
//! references to the old term before freeing it. kiln has no such global
//! scan, so `get/1,2` and `get/0` copy the value onto the caller's heap:
//! O(size of the value) instead of O(1), with the same results. (Keys and
//! values compare equal, `=:=`, to what was stored.)
//!
//! # Semantics (OTP 25)
//!
//! `get/1` of a missing key is `badarg`; `get/2` answers the default;
//! `erase/1` answers whether the key was there; `put/2` of a value `=:=`
//! the stored one changes nothing; `info/0` answers `#{count, memory}`
//! (memory in bytes, of kiln's copies).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::copy::{copy_to_fragment, copy_to_process, size_of};
use crate::heap::Fragment;
use crate::process::dict::{exact_eq, hash_term};
use crate::process::Process;
use crate::term::{atoms, bif_return, make_i128, make_list, make_map_sorted, make_tuple, BifResult, Error};

/// One stored key and value, each in memory of its own.
struct Entry {
    key: Term,
    value: Term,
    /// Words the copies occupy.
    words: usize,
    _memory: [Option<Fragment>; 2],
}

// SAFETY: an entry's fragments are never written after `put` built them
// (readers only copy out of them, which reads), and the off-heap buffers
// they reference are thread-safe (atomic counts; bytes immutable once
// shared, which the copy marked them).
unsafe impl Send for Entry {}
// SAFETY: as above: shared access is read-only.
unsafe impl Sync for Entry {}

impl Entry {
    fn new(key: Term, value: Term) -> Entry {
        let words = size_of(key) + size_of(value);
        let (key, kf) = copy_to_fragment(key);
        let (value, vf) = copy_to_fragment(value);
        Entry { key, value, words, _memory: [kf, vf] }
    }
}

type Table = HashMap<u64, Vec<Arc<Entry>>>;

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(|| RwLock::new(HashMap::new()))
}

/// The entry for `key`, if any.
fn lookup(key: Term) -> Option<Arc<Entry>> {
    let t = table().read().unwrap_or_else(PoisonError::into_inner);
    t.get(&hash_term(key))?.iter().find(|e| exact_eq(e.key, key)).cloned()
}

/// Stores a copy of `value` under a copy of `key`.
pub fn put(key: Term, value: Term) {
    if lookup(key).is_some_and(|e| exact_eq(e.value, value)) {
        return;
    }
    let entry = Arc::new(Entry::new(key, value));
    let h = hash_term(key);
    let mut t = table().write().unwrap_or_else(PoisonError::into_inner);
    let bucket = t.entry(h).or_default();
    match bucket.iter_mut().find(|e| exact_eq(e.key, key)) {
        Some(slot) => *slot = entry,
        None => bucket.push(entry),
    }
}

/// Removes `key`; whether it was there.
pub fn erase(key: Term) -> bool {
    let h = hash_term(key);
    let mut t = table().write().unwrap_or_else(PoisonError::into_inner);
    let Some(bucket) = t.get_mut(&h) else {
        return false;
    };
    let Some(i) = bucket.iter().position(|e| exact_eq(e.key, key)) else {
        return false;
    };
    bucket.swap_remove(i);
    if bucket.is_empty() {
        t.remove(&h);
    }
    true
}

/// Every entry (a snapshot).
fn entries() -> Vec<Arc<Entry>> {
    let t = table().read().unwrap_or_else(PoisonError::into_inner);
    t.values().flatten().cloned().collect()
}

/// Copies a stored term onto `proc`'s heap, charging for the words.
fn copy_out(proc: &mut Process, t: Term) -> Term {
    let words = size_of(t);
    crate::proc_bifs::charge(&mut proc.header, words / crate::proc_bifs::WORDS_PER_RED);
    copy_to_process(proc, t)
}

/// `persistent_term:get(Key)`.
pub fn get(proc: &mut Process, key: Term) -> BifResult {
    let e = lookup(key).ok_or(Error::Badarg)?;
    Ok(copy_out(proc, e.value))
}

/// `persistent_term:get(Key, Default)`.
pub fn get_or(proc: &mut Process, key: Term, default: Term) -> Term {
    match lookup(key) {
        Some(e) => copy_out(proc, e.value),
        None => default,
    }
}

/// `persistent_term:get()`: `[{Key, Value}]`.
pub fn get_all(proc: &mut Process) -> Term {
    let pairs: Vec<Term> = entries()
        .iter()
        .map(|e| {
            let (k, v) = (copy_out(proc, e.key), copy_out(proc, e.value));
            make_tuple(proc, &[k, v])
        })
        .collect();
    make_list(proc, &pairs)
}

/// `persistent_term:info()`: `#{count => N, memory => Bytes}`.
pub fn info(proc: &mut Process) -> Term {
    let all = entries();
    let bytes = all.iter().map(|e| e.words * std::mem::size_of::<Term>() + std::mem::size_of::<Entry>()).sum::<usize>();
    let keys = [atom::intern("count"), atom::intern("memory")];
    let values = [make_i128(proc, all.len() as i128), make_i128(proc, bytes as i128)];
    make_map_sorted(proc, &keys, &values)
}

#[no_mangle]
pub extern "C" fn kiln_bif_persistent_term_put(p: *mut ProcessHeader, key: Term, value: Term) -> Term {
    bif_return(p, |_| {
        put(key, value);
        Ok(atoms::OK)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_persistent_term_get(p: *mut ProcessHeader, key: Term) -> Term {
    bif_return(p, |proc| get(proc, key))
}

#[no_mangle]
pub extern "C" fn kiln_bif_persistent_term_get_2(p: *mut ProcessHeader, key: Term, default: Term) -> Term {
    bif_return(p, |proc| Ok(get_or(proc, key, default)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_persistent_term_get_0(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(get_all(proc)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_persistent_term_erase(p: *mut ProcessHeader, key: Term) -> Term {
    bif_return(p, |_| Ok(crate::term::boolean(erase(key))))
}

#[no_mangle]
pub extern "C" fn kiln_bif_persistent_term_info(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(info(proc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;

    #[test]
    fn put_get_erase_with_exact_keys() {
        let mut proc = Process::new(0);
        let p = &mut *proc;
        let key = p.tuple(&[atom::intern("pt_test"), tag::small(1)]);
        let value = p.list(&[tag::small(1), tag::small(2), tag::small(3)]);
        put(key, value);
        let got = get(p, key).unwrap();
        assert!(exact_eq(got, value));
        assert_ne!(got, value, "a copy, not the caller's term");
        let float_key = crate::term::make_float(p, 1.0);
        let int_key = tag::small(1);
        put(float_key, atoms::TRUE);
        assert_eq!(get(p, int_key), Err(Error::Badarg), "1 and 1.0 are different keys");
        assert_eq!(get_or(p, int_key, atoms::FALSE), atoms::FALSE);
        assert!(erase(key));
        assert!(!erase(key));
        assert!(erase(float_key));
        assert_eq!(get(p, key), Err(Error::Badarg));
    }

    #[test]
    fn big_binaries_outlive_their_process() {
        let key = atom::intern("pt_test_binary");
        {
            let mut proc = Process::new(0);
            let bin = crate::binary::make_binary(&mut *proc, &[7u8; 1000]);
            put(key, bin);
        }
        let mut proc = Process::new(0);
        let got = get(&mut proc, key).unwrap();
        assert_eq!(crate::term::binary_bytes(got).map(|b| b.len()), Some(1000));
        assert!(erase(key));
    }
}
