//! Collector tests: terms built with `Process::alloc`, roots in `args`,
//! frames, the dictionary; structure, sharing, fragments and heap bounds.

use super::*;
use crate::abi::{frame, header, status, ProcessHeader};
use crate::copy::{copy_to_fragment, size_of};
use crate::process::dict::exact_eq;

unsafe extern "C" fn cont(_p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    status::YIELD
}

fn elem(t: Term, i: usize) -> Term {
    // SAFETY: tests only call this on tuples with more than `i` elements.
    unsafe { *tag::boxed_ptr(t).add(i + 1) }
}

fn in_block(p: &Process, t: Term) -> bool {
    p.heap.block.contains(tag::list_ptr(t))
}

fn float(p: &mut Process, v: f64) -> Term {
    let w = p.alloc(2);
    // SAFETY: two fresh words.
    unsafe {
        w.write(header::make(header::FLOAT, 1));
        w.add(1).write(v.to_bits());
    }
    tag::boxed(w)
}

/// A reference copy of `t`, outside the process, to compare against.
fn snapshot(t: Term) -> (Term, Option<crate::heap::Fragment>) {
    copy_to_fragment(t)
}

#[test]
fn structure_survives_and_garbage_is_reclaimed() {
    let mut p = Process::new(0);
    let mut live = tag::NIL;
    for i in 0..1000 {
        let _garbage = p.tuple(&[tag::small(i), tag::small(i)]);
        let f = float(&mut p, i as f64 * 0.5);
        let t = p.tuple(&[tag::small(i), f]);
        live = p.list_with_tail(&[t], live);
    }
    let (expect, _keep) = snapshot(live);
    p.header.args[0] = live;
    p.header.args[1] = tag::small(7);
    collect(&mut p, 0, 2);
    let moved = p.header.args[0];
    assert!(exact_eq(moved, expect));
    assert!(in_block(&p, moved));
    assert_eq!(p.header.args[1], tag::small(7));
    assert!(p.heap.fragments.is_empty());
    let used = (p.header.htop as usize - p.heap.block.start() as usize) / 8;
    assert_eq!(used, size_of(expect), "only live data is kept");
}

#[test]
fn shared_subterms_stay_shared() {
    let mut p = Process::new(0);
    let x = p.tuple(&[tag::small(1), tag::small(2)]);
    let l = p.list(&[x, x]);
    let t = p.tuple(&[x, x, l]);
    p.header.args[0] = t;
    collect(&mut p, 0, 1);
    let t = p.header.args[0];
    assert_eq!(elem(t, 0), elem(t, 1));
    let l = elem(t, 2);
    // SAFETY: `l` is a list of two elements.
    let head = unsafe { *tag::list_ptr(l) };
    assert_eq!(head, elem(t, 0));
    let used = (p.header.htop as usize - p.heap.block.start() as usize) / 8;
    assert_eq!(used, 3 + 4 + 4, "x copied once");
}

#[test]
fn fragments_are_folded_into_the_heap() {
    let mut p = Process::new(0);
    let elems: Vec<Term> = (0..5000).map(tag::small).collect();
    let l = p.list(&elems); // larger than the initial heap: a fragment
    assert!(!p.heap.fragments.is_empty());
    assert_eq!(p.header.hlimit, p.header.htop);
    let (expect, _keep) = snapshot(l);
    p.header.args[0] = l;
    collect(&mut p, 100, 1);
    assert!(p.heap.fragments.is_empty());
    assert!(exact_eq(p.header.args[0], expect));
    assert!(in_block(&p, p.header.args[0]));
    assert!((p.header.hlimit as usize - p.header.htop as usize) / 8 >= 100);
}

#[test]
fn pointers_outside_from_space_are_left_alone() {
    let lit = crate::heap::alloc_literal(3);
    // SAFETY: three fresh words.
    unsafe {
        lit.write(header::tuple(2));
        lit.add(1).write(tag::small(1));
        lit.add(2).write(tag::NIL);
    }
    let lit = tag::boxed(lit);
    let mut p = Process::new(0);
    let t = p.tuple(&[lit, tag::small(3)]);
    p.header.args[0] = t;
    p.header.args[1] = lit;
    collect(&mut p, 0, 2);
    assert_eq!(p.header.args[1], lit);
    assert_eq!(elem(p.header.args[0], 0), lit);
    assert_eq!(elem(lit, 0), tag::small(1), "the literal is not forwarded");
}

#[test]
fn frames_dictionary_and_exception_are_roots() {
    let mut p = Process::new(0);
    let a = p.list(&[tag::small(1), tag::small(2)]);
    let b = p.tuple(&[tag::small(3)]);
    let k = p.tuple(&[tag::atom(5)]);
    let v = p.list(&[tag::small(4)]);
    let r = p.tuple(&[tag::small(6), tag::small(7)]);
    {
        let Process { header, stack, .. } = &mut *p;
        stack.push_frame(header, &[a, tag::small(0)], cont, frame::NORMAL);
        stack.push_frame(header, &[b], cont, frame::CATCH);
    }
    p.dict.put(k, v);
    p.raise_error(r);
    collect(&mut p, 0, 0);
    let tops: Vec<_> = p.stack.frames(&p.header).collect();
    // SAFETY: the frames pushed above, top first.
    let (b2, a2) = unsafe { (*tops[0].0, *tops[1].0) };
    assert!(in_block(&p, b2) && in_block(&p, a2));
    assert_eq!(elem(b2, 0), tag::small(3));
    let k2 = p.tuple(&[tag::atom(5)]);
    let v2 = p.dict.get(k2).unwrap();
    assert!(in_block(&p, v2));
    assert!(in_block(&p, p.exception.reason));
    assert_eq!(elem(p.exception.reason, 1), tag::small(7));
}

#[test]
fn heap_stays_bounded_under_garbage() {
    // Allocate ~80 MB in 100,000-cell lists, keeping one alive at a time,
    // collecting whenever the heap is full, as compiled code would.
    let mut p = Process::new(0);
    let mut max_heap = 0;
    for round in 0..50 {
        p.header.args[0] = tag::NIL;
        for i in 0..100_000 {
            let need = 2;
            if (p.header.hlimit as usize - p.header.htop as usize) / 8 < need {
                collect(&mut p, need, 1);
            }
            let cell = p.header.htop;
            // SAFETY: the heap test above made room for two words.
            unsafe {
                cell.write(tag::small(i + round));
                cell.add(1).write(p.header.args[0]);
                p.header.htop = cell.add(2);
            }
            p.header.args[0] = tag::list(cell);
            max_heap = max_heap.max(p.heap.size());
        }
    }
    // One live list is 200,000 words; the heap stays within a small factor.
    assert!(max_heap < 2_000_000, "heap grew to {max_heap} words");
    // Dropping the live list lets the heap shrink back.
    collect(&mut p, 0, 0);
    assert!(p.heap.size() <= size_for(0) * 4, "heap did not shrink: {}", p.heap.size());
}

#[test]
fn kiln_gc_entry_point() {
    let mut p = Process::new(0);
    let t = p.tuple(&[tag::small(1)]);
    p.header.args[0] = t;
    let h: *mut ProcessHeader = &mut p.header;
    // SAFETY: `h` is the header of a live process owned by this test.
    unsafe {
        kiln_gc(h, 10_000, 1);
        let w = kiln_alloc(h, 3);
        assert!(!w.is_null());
    }
    assert_eq!(elem(p.header.args[0], 0), tag::small(1));
    assert!(p.heap.size() >= 10_000);
}
