//! Heap tests: a `TestHeap` before each run of allocations.
//!
//! A run is a sequence of allocating instructions (cons, tuple, closure)
//! interleaved only with instructions that neither allocate nor call the
//! runtime. Runtime calls may take heap words themselves, so they end a run.
//! The test lists the term values used after it; it redefines them, because
//! the collector may move them, and later uses are renamed.

use super::block_local::{op_uses, term_uses};
use crate::ssa::*;
use std::collections::{BTreeSet, HashMap};

/// Heap words an instruction allocates, if it allocates.
pub fn alloc_words(op: &Op) -> Option<u32> {
    match op {
        Op::Cons(..) => Some(2),
        Op::Tuple(es) => Some(1 + es.len() as u32),
        Op::MakeFun { free, .. } => Some(2 + free.len() as u32),
        _ => None,
    }
}

/// Does the instruction call into the runtime (which may use heap words)?
fn calls_runtime(op: &Op) -> bool {
    matches!(
        op,
        Op::Bif { .. }
            | Op::ExactEq(..)
            | Op::RecvPeek
            | Op::RecvNext
            | Op::RecvAccept
            | Op::RecvTimer(_)
            | Op::RecvTimedOut
            | Op::ExcClass
            | Op::ExcReason
            | Op::ExcTrace
            | Op::CatchValue
            | Op::TestHeap { .. }
    )
}

pub fn run(f: &mut Function) {
    for b in 0..f.blocks.len() {
        let insts = &f.blocks[b].insts;
        // Start index and total words of each run.
        let mut runs: Vec<(usize, u32)> = Vec::new();
        let mut open: Option<(usize, u32)> = None;
        for (i, inst) in insts.iter().enumerate() {
            if let Some(w) = alloc_words(&inst.op) {
                open = Some(match open {
                    Some((s, n)) => (s, n + w),
                    None => (i, w),
                });
            } else if calls_runtime(&inst.op) {
                runs.extend(open.take());
            }
        }
        runs.extend(open.take());
        // Insert from the last run backwards so earlier indices stay valid.
        for (start, need) in runs.into_iter().rev() {
            insert_test(f, b, start, need);
        }
    }
}

fn insert_test(f: &mut Function, b: usize, at: usize, need: u32) {
    let block = &f.blocks[b];
    // Term values defined before `at` (or params) and used at or after it.
    let defined_before: BTreeSet<Value> =
        block.params.iter().copied().chain(block.insts[..at].iter().flat_map(|i| i.results.iter().copied())).collect();
    let used_after: BTreeSet<Value> =
        block.insts[at..].iter().flat_map(|i| op_uses(&i.op)).chain(term_uses(&block.term)).collect();
    let live: Vec<Value> =
        used_after.into_iter().filter(|v| defined_before.contains(v) && f.ty(*v) == Type::Term).collect();
    let mut rename = HashMap::new();
    let mut results = Vec::new();
    for v in &live {
        f.value_types.push(Type::Term);
        let r = Value(f.value_types.len() as u32 - 1);
        rename.insert(*v, r);
        results.push(r);
    }
    let block = &mut f.blocks[b];
    for inst in &mut block.insts[at..] {
        for u in super::block_local::op_uses_mut(&mut inst.op) {
            if let Some(r) = rename.get(u) {
                *u = *r;
            }
        }
    }
    for u in super::block_local::term_uses_mut(&mut block.term) {
        if let Some(r) = rename.get(u) {
            *u = *r;
        }
    }
    for s in block.term.successors_mut() {
        for a in s.args.iter_mut() {
            if let Some(r) = rename.get(a) {
                *a = *r;
            }
        }
    }
    block.insts.insert(at, Inst { results, op: Op::TestHeap { need, live } });
}
