//! Partition of an SSA function into native functions.
//!
//! Every block that is entered by a tail call from elsewhere is a *root*:
//! block 0 (the function entry) and every block whose kind is not `Normal`
//! (continuations and handlers, entered by a return, an unwind or a resumed
//! receive). A native function holds its root plus every `Normal` block
//! reachable from it through in-function edges: `Jump`, `Branch` and the
//! `body` of `PushHandler`. The other edges (a `Call`'s continuation, a
//! `Wait`'s resume block, a `PushHandler`'s handler) name roots of other
//! native functions. A `Normal` block reachable from two roots is emitted
//! in both.
//!
//! This module also checks the structural invariants the emitter relies on,
//! so that the emitter can report malformed IR instead of panicking.

use std::collections::HashMap;

use kiln_ir::ssa::{BlockId, BlockKind, Function, Terminator};

use crate::error::CodegenError;

/// One native function of an SSA function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativeFn {
    pub root: BlockId,
    /// The blocks it contains, in reverse post-order from the root (so a
    /// block with a single in-function predecessor comes after it).
    pub blocks: Vec<BlockId>,
    /// Number of in-function edges into each block (the root counts one
    /// extra for the prologue). A `Branch` with both arms to the same block
    /// counts once: it is emitted as a `select` and one jump.
    pub preds: HashMap<BlockId, u32>,
}

/// `name/arity` of a function, for error messages.
pub fn describe(f: &Function) -> String {
    format!("{}/{}", f.name, f.arity)
}

fn invalid(f: &Function, message: String) -> CodegenError {
    CodegenError::InvalidIr { function: describe(f), message }
}

/// The in-function successors of a block's terminator.
pub fn local_successors(term: &Terminator) -> Vec<BlockId> {
    match term {
        Terminator::Jump(b) => vec![b.block],
        Terminator::Branch { then, otherwise, .. } if then.block == otherwise.block => vec![then.block],
        Terminator::Branch { then, otherwise, .. } => vec![then.block, otherwise.block],
        Terminator::PushHandler { body, .. } => vec![body.block],
        _ => vec![],
    }
}

/// Checks the block references of `f` and returns its roots in block order.
pub fn roots(f: &Function) -> Result<Vec<BlockId>, CodegenError> {
    if f.blocks.is_empty() {
        return Err(invalid(f, "function has no blocks".into()));
    }
    if f.blocks[0].kind != BlockKind::Normal {
        return Err(invalid(f, format!("entry block has kind {:?}", f.blocks[0].kind)));
    }
    let n = f.blocks.len() as u32;
    for (i, block) in f.blocks.iter().enumerate() {
        let local = local_successors(&block.term);
        for succ in block.term.successors() {
            if succ.block.0 >= n {
                return Err(invalid(f, format!("b{i} refers to missing block {:?}", succ.block)));
            }
            // A root's first parameter is the incoming value; the arguments
            // are saved in the frame for the others.
            let target = f.block(succ.block);
            let want =
                if local.contains(&succ.block) { target.params.len() } else { target.params.len().saturating_sub(1) };
            if succ.args.len() != want {
                return Err(invalid(
                    f,
                    format!("b{i} passes {} arguments to {:?}, which takes {want}", succ.args.len(), succ.block),
                ));
            }
        }
        let expect = |b: BlockId, ok: &[BlockKind], what: &str| -> Result<(), CodegenError> {
            let kind = f.block(b).kind;
            if ok.contains(&kind) {
                Ok(())
            } else {
                Err(invalid(f, format!("b{i}: {what} {b:?} has kind {kind:?}")))
            }
        };
        match &block.term {
            Terminator::Call { cont, .. } => expect(cont.block, &[BlockKind::Continuation], "call continuation")?,
            Terminator::Wait { resume } => expect(resume.block, &[BlockKind::Continuation], "wait resume block")?,
            Terminator::PushHandler { handler, .. } => {
                expect(handler.block, &[BlockKind::TryHandler, BlockKind::CatchHandler], "handler")?
            }
            _ => {}
        }
        for succ in local_successors(&block.term) {
            expect(succ, &[BlockKind::Normal], "branch target")?;
        }
        if block.kind != BlockKind::Normal && block.params.is_empty() {
            return Err(invalid(f, format!("{:?} block b{i} has no result parameter", block.kind)));
        }
    }
    let mut roots = vec![BlockId(0)];
    roots.extend(
        f.blocks.iter().enumerate().filter(|(_, b)| b.kind != BlockKind::Normal).map(|(i, _)| BlockId(i as u32)),
    );
    Ok(roots)
}

/// Splits `f` into native functions, one per root, entry first.
pub fn partition(f: &Function) -> Result<Vec<NativeFn>, CodegenError> {
    roots(f)?.into_iter().map(|root| native_fn(f, root)).collect()
}

fn native_fn(f: &Function, root: BlockId) -> Result<NativeFn, CodegenError> {
    // Iterative DFS computing the post-order.
    let mut visited = vec![false; f.blocks.len()];
    let mut post = Vec::new();
    let mut stack: Vec<(BlockId, usize)> = vec![(root, 0)];
    visited[root.0 as usize] = true;
    while let Some(top) = stack.last_mut() {
        let (b, next) = *top;
        let succs = local_successors(&f.block(b).term);
        if let Some(&s) = succs.get(next) {
            top.1 += 1;
            if !visited[s.0 as usize] {
                visited[s.0 as usize] = true;
                stack.push((s, 0));
            }
        } else {
            post.push(b);
            stack.pop();
        }
    }
    post.reverse();
    let mut preds: HashMap<BlockId, u32> = post.iter().map(|&b| (b, 0)).collect();
    *preds.entry(root).or_default() += 1;
    for &b in &post {
        for s in local_successors(&f.block(b).term) {
            *preds.entry(s).or_default() += 1;
        }
    }
    Ok(NativeFn { root, blocks: post, preds })
}
