//! Copying a term out of one heap into fresh memory: message sends, spawn
//! arguments, and anything else that moves a term between processes.
//!
//! Two passes, like BEAM's `size_object` + `copy_struct`: [`size_of`]
//! counts the words, the caller allocates exactly that much (a message
//! fragment, or the receiver's heap), and [`copy_into`] fills it. Sharing
//! is not preserved: a subterm reachable twice is copied twice, and
//! [`size_of`] counts it twice, so the two always agree.
//!
//! Both passes are iterative (no recursion), so a deep or long term cannot
//! overflow the native stack. The copy is a Cheney scan over the
//! destination: objects are copied whole, then the scan pointer walks the
//! destination and replaces each term field, which still points at the
//! source, with a pointer to a fresh copy. The source is never written, so
//! it may be another process's heap or the read-only literal area.
//!
//! Off-heap binaries (`REFC_BIN`) are shared, not copied: the copy of the
//! small `REFC_BIN` object takes a reference of its own and is listed in
//! the destination's off-heap list.

use crate::abi::{tag, Term};
use crate::binary::{off_heap_word, OffHeap, OffHeapBin};
use crate::heap::{object_layout, Fragment};
use crate::process::Process;

/// Words needed to copy `t` (0 for an immediate).
pub fn size_of(t: Term) -> usize {
    let mut words = 0usize;
    let mut pending = Vec::new();
    let mut next = Some(t);
    while let Some(t) = next.take().or_else(|| pending.pop()) {
        match t & tag::MASK {
            tag::LIST => {
                words += 2;
                let cell = tag::list_ptr(t);
                // SAFETY: a list term points at a two-word cons cell.
                let (head, tail) = unsafe { (*cell, *cell.add(1)) };
                // Walk the spine in this loop and keep only the heads
                // pending, so a long flat list needs no pending space.
                if is_pointer(head) {
                    pending.push(head);
                }
                next = Some(tail);
            }
            tag::BOXED => {
                let p = tag::boxed_ptr(t);
                // SAFETY: a boxed term points at a header followed by
                // `arity` words laid out as `object_layout` says.
                unsafe {
                    let h = *p;
                    let l = object_layout(h);
                    words += 1 + l.raw + l.terms;
                    for i in 1 + l.raw..1 + l.raw + l.terms {
                        let f = *p.add(i);
                        if is_pointer(f) {
                            pending.push(f);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    words
}

fn is_pointer(t: Term) -> bool {
    tag::is_list(t) || tag::is_boxed(t)
}

/// Copies the object `t` points at to `*top`, advancing `top`; returns the
/// new term. Immediates are returned unchanged.
///
/// # Safety
/// `t` must be a well-formed term and `*top` must have room for the object.
unsafe fn shallow_copy(t: Term, top: &mut *mut Term, off_heap: &mut OffHeap) -> Term {
    match t & tag::MASK {
        tag::LIST => {
            let dst = *top;
            // SAFETY: the source is a two-word cons cell; the caller
            // guarantees two words of room.
            unsafe {
                std::ptr::copy_nonoverlapping(tag::list_ptr(t), dst, 2);
                *top = dst.add(2);
            }
            tag::list(dst)
        }
        tag::BOXED => {
            let src = tag::boxed_ptr(t);
            let dst = *top;
            // SAFETY: the source object has `1 + arity` words; the caller
            // guarantees room for them.
            unsafe {
                let h = *src;
                let l = object_layout(h);
                let n = 1 + l.raw + l.terms;
                std::ptr::copy_nonoverlapping(src, dst, n);
                *top = dst.add(n);
                // A shared binary: the copy holds a reference of its own.
                if let Some(i) = off_heap_word(h) {
                    let bin = *dst.add(i) as usize as *const OffHeapBin;
                    OffHeapBin::retain(bin);
                    OffHeapBin::mark_shared(bin);
                    off_heap.push(dst, bin);
                }
            }
            tag::boxed(dst)
        }
        _ => t,
    }
}

/// Copies `t` into `dst`, which must have exactly [`size_of`]`(t)` words;
/// returns the copy.
///
/// # Safety
/// `t` must be a well-formed term and `dst` must be valid for writing
/// `size_of(t)` words, not overlapping `t`'s memory.
/// Every off-heap binary in the copy gets a reference of its own, listed
/// in `off_heap` (the destination memory's list).
pub unsafe fn copy_into(t: Term, dst: *mut Term, off_heap: &mut OffHeap) -> Term {
    let mut top = dst;
    // SAFETY: room for the root object is part of `size_of(t)`.
    let root = unsafe { shallow_copy(t, &mut top, off_heap) };
    let mut scan = dst;
    while scan < top {
        // SAFETY: `scan` walks the objects copied so far, each starting
        // with a header or being a cons cell; every field copied is counted
        // in `size_of(t)`, so `top` stays within the destination.
        unsafe {
            let w = *scan;
            if w & tag::MASK == tag::HEADER {
                let l = object_layout(w);
                for i in 1 + l.raw..1 + l.raw + l.terms {
                    let f = scan.add(i);
                    *f = shallow_copy(*f, &mut top, off_heap);
                }
                scan = scan.add(1 + l.raw + l.terms);
            } else {
                *scan = shallow_copy(*scan, &mut top, off_heap);
                let tail = scan.add(1);
                *tail = shallow_copy(*tail, &mut top, off_heap);
                scan = scan.add(2);
            }
        }
    }
    debug_assert_eq!(top as usize - dst as usize, size_of(t) * 8);
    root
}

/// Copies `t` into a new fragment (none for an immediate).
pub fn copy_to_fragment(t: Term) -> (Term, Option<Fragment>) {
    let words = size_of(t);
    if words == 0 {
        return (t, None);
    }
    let mut frag = Fragment::new(words);
    // SAFETY: the fragment is fresh, so it has `words` writable words and
    // does not overlap the source.
    let copy = unsafe { copy_into(t, frag.block.start(), &mut frag.off_heap) };
    frag.used = words;
    (copy, Some(frag))
}

/// Copies `t` onto `proc`'s heap (without collecting).
pub fn copy_to_process(proc: &mut Process, t: Term) -> Term {
    let words = size_of(t);
    if words == 0 {
        return t;
    }
    let dst = proc.alloc(words);
    let mut off_heap = OffHeap::default();
    // SAFETY: `alloc` returned `words` fresh words; `t` lives elsewhere
    // (another process's heap or the literal area).
    let copy = unsafe { copy_into(t, dst, &mut off_heap) };
    proc.heap.off_heap.append(&mut off_heap);
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::header;
    use crate::process::dict::exact_eq;

    #[test]
    fn copies_nested_terms_without_touching_the_source() {
        let mut p = Process::new(0);
        let f = p.alloc(2);
        // SAFETY: two fresh words.
        unsafe {
            f.write(header::make(header::FLOAT, 1));
            f.add(1).write(1.5f64.to_bits());
        }
        let fl = tag::boxed(f);
        let inner = p.list(&[tag::small(1), fl, tag::atom(2)]);
        let t = p.tuple(&[inner, inner, tag::NIL]);
        let big: Vec<Term> = (0..10_000).map(tag::small).collect();
        let long = p.list(&big);
        let root = p.tuple(&[t, long]);
        assert_eq!(size_of(root), 3 + (4 + 2 * (6 + 2)) + 20_000);
        let (copy, frag) = copy_to_fragment(root);
        let frag = frag.unwrap();
        assert_eq!(frag.used, size_of(root));
        assert!(frag.block.contains(tag::boxed_ptr(copy)));
        assert!(exact_eq(copy, root));
        // The copy is self-contained: the float inside lies in the fragment.
        assert_ne!(copy, root);
        assert_eq!(copy_to_fragment(tag::small(5)).0, tag::small(5));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let mut p = Process::new(0);
        let mut t = tag::NIL;
        for _ in 0..200_000 {
            t = p.list_with_tail(&[t], tag::NIL);
        }
        let mut q = Process::new(0);
        let c = copy_to_process(&mut q, t);
        assert!(exact_eq(c, t));
    }
}
