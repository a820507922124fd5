//! Passes over SSA functions, run after lowering from Core:
//!
//! 1. [`block_local`]: every value a block uses from elsewhere becomes a
//!    block parameter (what continuations save, and what heap tests root).
//! 2. [`heap`]: a `TestHeap` before each run of allocations.

pub mod block_local;
pub mod heap;

use super::Function;

pub fn run(f: &mut Function) {
    remove_unreachable(f);
    block_local::run(f);
    heap::run(f);
}

/// Drops blocks no path from the entry reaches, renumbering the rest.
fn remove_unreachable(f: &mut Function) {
    use super::BlockId;
    let n = f.blocks.len();
    let mut seen = vec![false; n];
    let mut stack = vec![0usize];
    while let Some(b) = stack.pop() {
        if std::mem::replace(&mut seen[b], true) {
            continue;
        }
        for s in f.blocks[b].term.successors() {
            stack.push(s.block.0 as usize);
        }
    }
    let mut new_index = vec![u32::MAX; n];
    let mut next = 0;
    for (i, s) in seen.iter().enumerate() {
        if *s {
            new_index[i] = next;
            next += 1;
        }
    }
    let blocks = std::mem::take(&mut f.blocks);
    for (i, mut b) in blocks.into_iter().enumerate() {
        if !seen[i] {
            continue;
        }
        for s in b.term.successors_mut() {
            s.block = BlockId(new_index[s.block.0 as usize]);
        }
        for inst in &mut b.insts {
            if let super::Op::PopHandler { handler } = &mut inst.op {
                *handler = BlockId(new_index[handler.0 as usize]);
            }
        }
        f.blocks.push(b);
    }
}
