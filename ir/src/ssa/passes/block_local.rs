//! Block-local form: values used across blocks become block parameters.
//!
//! Standard backward liveness over the CFG finds each block's live-in
//! values; each becomes a fresh parameter of the block, uses inside the
//! block are renamed to it, and every jump to the block passes the value
//! (under the jumping block's own name for it).

use crate::ssa::*;
use std::collections::{BTreeSet, HashMap};

/// Values an instruction or terminator reads.
pub fn op_uses(op: &Op) -> Vec<Value> {
    match op {
        Op::Const(_)
        | Op::Literal(_)
        | Op::RecvPeek
        | Op::RecvNext
        | Op::RecvAccept
        | Op::RecvTimedOut
        | Op::ExcClass
        | Op::ExcReason
        | Op::ExcTrace
        | Op::CatchValue
        | Op::PopHandler { .. } => vec![],
        Op::TestHeap { live, .. } => live.clone(),
        Op::Cons(a, b) | Op::WordEq(a, b) | Op::ExactEq(a, b) => vec![*a, *b],
        Op::Tuple(vs) => vs.clone(),
        Op::MakeFun { free, .. } => free.clone(),
        Op::FunFree { fun, .. } => vec![*fun],
        Op::Hd(v)
        | Op::Tl(v)
        | Op::IsSmall(v)
        | Op::IsAtom(v)
        | Op::IsNil(v)
        | Op::IsCons(v)
        | Op::IsList(v)
        | Op::IsTuple(v)
        | Op::IsNonValue(v)
        | Op::Not(v)
        | Op::BoolToTerm(v)
        | Op::IsTrue(v)
        | Op::RecvTimer(v) => vec![*v],
        Op::Element { tuple, .. } => vec![*tuple],
        Op::IsTupleArity { value, .. } => vec![*value],
        Op::Bif { args, .. } => args.clone(),
    }
}

pub fn op_uses_mut(op: &mut Op) -> Vec<&mut Value> {
    match op {
        Op::Const(_)
        | Op::Literal(_)
        | Op::RecvPeek
        | Op::RecvNext
        | Op::RecvAccept
        | Op::RecvTimedOut
        | Op::ExcClass
        | Op::ExcReason
        | Op::ExcTrace
        | Op::CatchValue
        | Op::PopHandler { .. } => vec![],
        Op::TestHeap { live, .. } => live.iter_mut().collect(),
        Op::Cons(a, b) | Op::WordEq(a, b) | Op::ExactEq(a, b) => vec![a, b],
        Op::Tuple(vs) => vs.iter_mut().collect(),
        Op::MakeFun { free, .. } => free.iter_mut().collect(),
        Op::FunFree { fun, .. } => vec![fun],
        Op::Hd(v)
        | Op::Tl(v)
        | Op::IsSmall(v)
        | Op::IsAtom(v)
        | Op::IsNil(v)
        | Op::IsCons(v)
        | Op::IsList(v)
        | Op::IsTuple(v)
        | Op::IsNonValue(v)
        | Op::Not(v)
        | Op::BoolToTerm(v)
        | Op::IsTrue(v)
        | Op::RecvTimer(v) => vec![v],
        Op::Element { tuple, .. } => vec![tuple],
        Op::IsTupleArity { value, .. } => vec![value],
        Op::Bif { args, .. } => args.iter_mut().collect(),
    }
}

fn callee_uses_mut(c: &mut Callee) -> Vec<&mut Value> {
    match c {
        Callee::Local { .. } | Callee::Remote { .. } => vec![],
        Callee::Dynamic { module, name } => vec![module, name],
        Callee::Fun(f) => vec![f],
        Callee::ApplyList { module, fun, args } => {
            let mut v: Vec<&mut Value> = module.iter_mut().collect();
            v.push(fun);
            v.push(args);
            v
        }
    }
}

/// Values the terminator reads, not counting block-call arguments.
pub fn term_uses_mut(t: &mut Terminator) -> Vec<&mut Value> {
    match t {
        Terminator::Jump(_) | Terminator::PushHandler { .. } | Terminator::Wait { .. } | Terminator::Unreachable => {
            vec![]
        }
        Terminator::Branch { cond, .. } => vec![cond],
        Terminator::Return(v) => vec![v],
        Terminator::TailCall { callee, args } | Terminator::Call { callee, args, .. } => {
            let mut v = callee_uses_mut(callee);
            v.extend(args.iter_mut());
            v
        }
        Terminator::Raise { class, reason } => vec![class, reason],
        Terminator::Reraise { class, reason, trace } => vec![class, reason, trace],
    }
}

pub fn term_uses(t: &Terminator) -> Vec<Value> {
    let mut t = t.clone();
    let mut out: Vec<Value> = term_uses_mut(&mut t).into_iter().map(|v| *v).collect();
    for s in t.successors() {
        out.extend(s.args.iter().copied());
    }
    out
}

pub fn run(f: &mut Function) {
    let n = f.blocks.len();
    // Values defined in each block (params and results).
    let defs: Vec<BTreeSet<Value>> = f
        .blocks
        .iter()
        .map(|b| b.params.iter().copied().chain(b.insts.iter().flat_map(|i| i.results.iter().copied())).collect())
        .collect();
    let uses: Vec<BTreeSet<Value>> = f
        .blocks
        .iter()
        .zip(&defs)
        .map(|(b, d)| {
            b.insts.iter().flat_map(|i| op_uses(&i.op)).chain(term_uses(&b.term)).filter(|v| !d.contains(v)).collect()
        })
        .collect();
    let mut live_in: Vec<BTreeSet<Value>> = uses.clone();
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..n).rev() {
            let mut live = uses[b].clone();
            for s in f.blocks[b].term.successors() {
                for v in &live_in[s.block.0 as usize] {
                    if !defs[b].contains(v) {
                        live.insert(*v);
                    }
                }
            }
            if live != live_in[b] {
                live_in[b] = live;
                changed = true;
            }
        }
    }
    // The entry block has no predecessors to pass values.
    live_in[0].clear();

    let live_in: Vec<Vec<Value>> = live_in.into_iter().map(|s| s.into_iter().collect()).collect();
    for b in 0..n {
        let mut rename: HashMap<Value, Value> = HashMap::new();
        for v in &live_in[b] {
            let ty = f.ty(*v);
            f.value_types.push(ty);
            let p = Value(f.value_types.len() as u32 - 1);
            f.blocks[b].params.push(p);
            rename.insert(*v, p);
        }
        let block = &mut f.blocks[b];
        for inst in &mut block.insts {
            for u in op_uses_mut(&mut inst.op) {
                if let Some(r) = rename.get(u) {
                    *u = *r;
                }
            }
        }
        for u in term_uses_mut(&mut block.term) {
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
            for v in &live_in[s.block.0 as usize] {
                s.args.push(*rename.get(v).unwrap_or(v));
            }
        }
    }
}
