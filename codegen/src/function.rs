//! Emission of one native function: its prologue, its blocks and their
//! terminators. Instructions are in `ops.rs`.
//!
//! # Prologues
//!
//! - The entry of a function counts a reduction (yielding at zero with the
//!   arguments saved) and reads its arguments from the registers and
//!   `proc->args`.
//! - A continuation or handler root with parameters `[r, s0..]` takes `r`
//!   from `a0` and pops its frame to get `s0..`.
//!
//! # Values
//!
//! `Term` and `Int` values are `i64`, `Bool` values `i1`. Block parameters
//! are LLVM phis, except for blocks with a single in-function predecessor,
//! whose parameters simply *are* the arguments. A value crossing a native
//! function boundary (a call argument, a frame slot, a returned value) is a
//! word the collector may see, so it must be a term: a `Bool` travels as the
//! atom `true`/`false` and an `Int` as a small integer (so such an `Int`
//! must fit 61 bits). The receiving side converts back by its parameter's
//! type.

use std::cell::Cell;
use std::collections::HashMap;

use inkwell::basic_block::BasicBlock;
use inkwell::values::{FunctionValue, IntValue, PhiValue, PointerValue};
use inkwell::IntPredicate;
use kiln_abi::{self as abi, frame, status, tag, REG_ARGS};
use kiln_ir::ssa::{self, BlockCall, BlockId, BlockKind, Callee, Terminator, Type, Value};

use crate::emit::{Code, Emitter, Res};
use crate::error::CodegenError;
use crate::layout::Rt;
use crate::mangle;
use crate::module_ctx::ModuleCtx;
use crate::partition::{self, NativeFn};

struct BlockInfo<'ctx> {
    bb: BasicBlock<'ctx>,
    /// Phis of the parameters, if the block has several predecessors.
    phis: Option<Vec<PhiValue<'ctx>>>,
}

pub(crate) struct FnCodegen<'a, 'ctx, 'm> {
    pub e: &'a Emitter<'ctx, 'm>,
    pub mcx: &'a ModuleCtx<'a, 'ctx>,
    pub f: &'a ssa::Function,
    fidx: usize,
    nf: &'a NativeFn,
    pub llfn: FunctionValue<'ctx>,
    pub proc: PointerValue<'ctx>,
    blocks: HashMap<BlockId, BlockInfo<'ctx>>,
    values: Vec<Option<IntValue<'ctx>>>,
    /// The shared unwinding block, created on first use, with the phis of
    /// the raise location and failed BIF it passes to `kiln_unwind`.
    unwind_bb: Cell<Option<(BasicBlock<'ctx>, PhiValue<'ctx>, PhiValue<'ctx>)>>,
    /// Blocks to move to the end of the function.
    pub cold: Vec<BasicBlock<'ctx>>,
}

/// Emits the native function rooted at `nf.root` of function `fidx`.
pub(crate) fn emit_native<'ctx>(
    e: &Emitter<'ctx, '_>,
    mcx: &ModuleCtx<'_, 'ctx>,
    fidx: usize,
    nf: &NativeFn,
) -> Res<()> {
    let f = &mcx.ssa.functions[fidx];
    let llfn =
        *mcx.natives[fidx].get(&nf.root).ok_or_else(|| CodegenError::Llvm("undeclared native function".into()))?;
    let mut cg = FnCodegen {
        e,
        mcx,
        f,
        fidx,
        nf,
        llfn,
        proc: e.proc_param(llfn)?,
        blocks: HashMap::new(),
        values: vec![None; f.value_types.len()],
        unwind_bb: Cell::new(None),
        cold: Vec::new(),
    };
    cg.run()
}

impl<'a, 'ctx, 'm> FnCodegen<'a, 'ctx, 'm> {
    fn run(&mut self) -> Res<()> {
        let entry = self.e.cx.append_basic_block(self.llfn, "entry");
        self.e.b.position_at_end(entry);
        let root_args = self.prologue()?;
        let prologue_end = self.e.insert_block()?;
        for &b in &self.nf.blocks {
            let bb = self.e.cx.append_basic_block(self.llfn, &format!("b{}", b.0));
            let phis = if self.nf.preds.get(&b).copied().unwrap_or(0) > 1 {
                self.e.b.position_at_end(bb);
                let mut phis = Vec::new();
                for &p in &self.f.block(b).params {
                    let ty = self.llvm_type(self.ty(p)?);
                    phis.push(self.e.b.build_phi(ty, &format!("v{}", p.0))?);
                }
                Some(phis)
            } else {
                None
            };
            self.blocks.insert(b, BlockInfo { bb, phis });
        }
        self.e.b.position_at_end(prologue_end);
        self.bind_edge(self.nf.root, root_args)?;
        self.e.b.build_unconditional_branch(self.blocks[&self.nf.root].bb)?;

        for &b in &self.nf.blocks {
            self.e.b.position_at_end(self.blocks[&b].bb);
            if let Some(phis) = &self.blocks[&b].phis {
                for (p, phi) in self.f.block(b).params.iter().zip(phis) {
                    self.values[p.0 as usize] = Some(phi.as_basic_value().into_int_value());
                }
            }
            for inst in &self.f.block(b).insts {
                self.inst(b, inst)?;
            }
            self.terminator(b)?;
        }
        if let Some((u, loc, bif)) = self.unwind_bb.get() {
            self.e.b.position_at_end(u);
            let info = self.mcx.info.as_pointer_value();
            let (loc, bif) = (loc.as_basic_value().into_int_value(), bif.as_basic_value().into_int_value());
            self.e.unwind_at(self.proc, info, loc, bif)?;
            self.cold.push(u);
        }
        // Rarely taken paths last, for readable IR (and LLVM's layout).
        for bb in std::mem::take(&mut self.cold) {
            if let Some(last) = self.llfn.get_last_basic_block() {
                if last != bb {
                    bb.move_after(last).map_err(|_| CodegenError::Llvm("cannot move a block".into()))?;
                }
            }
        }
        Ok(())
    }

    /// Emits the prologue and returns the root block's parameter values.
    fn prologue(&mut self) -> Res<Vec<IntValue<'ctx>>> {
        let root = self.f.block(self.nf.root);
        let e = self.e;
        if self.nf.root == BlockId(0) {
            let n = root.params.len();
            let regs: Vec<IntValue<'ctx>> = (0..n.min(REG_ARGS)).map(|i| e.reg(self.llfn, i)).collect::<Res<_>>()?;
            let y = e.count_reduction(self.proc, self.llfn, &regs, n)?;
            self.cold.push(y);
            let words = e.entry_args(self.llfn, self.proc, n)?;
            root.params.iter().zip(words).map(|(&p, w)| self.decode_word(w, self.ty(p)?)).collect()
        } else {
            let n = root.params.len() - 1;
            let mut words = vec![e.reg(self.llfn, 0)?];
            words.extend(e.pop_frame(self.proc, n)?);
            root.params.iter().zip(words).map(|(&p, w)| self.decode_word(w, self.ty(p)?)).collect()
        }
    }

    // ---- Values ----

    pub fn ty(&self, v: Value) -> Res<Type> {
        self.f.value_types.get(v.0 as usize).copied().ok_or_else(|| self.invalid(format!("{v:?} has no type")))
    }

    pub fn llvm_type(&self, ty: Type) -> inkwell::types::IntType<'ctx> {
        match ty {
            Type::Bool => self.e.l.i1,
            Type::Term | Type::Int => self.e.l.i64,
        }
    }

    /// The value of `v` as its own type.
    pub fn get(&self, v: Value) -> Res<IntValue<'ctx>> {
        self.values
            .get(v.0 as usize)
            .copied()
            .flatten()
            .ok_or_else(|| self.invalid(format!("{v:?} is used before it is defined")))
    }

    /// The value of `v` converted to `ty`.
    pub fn get_as(&self, v: Value, ty: Type) -> Res<IntValue<'ctx>> {
        self.coerce(self.get(v)?, self.ty(v)?, ty)
    }

    /// The value of `v` as a term word.
    pub fn word(&self, v: Value) -> Res<IntValue<'ctx>> {
        self.get_as(v, Type::Term)
    }

    pub fn words(&self, vs: &[Value]) -> Res<Vec<IntValue<'ctx>>> {
        vs.iter().map(|&v| self.word(v)).collect()
    }

    /// Defines `res` as `val` (of type `natural`), converted to `res`'s type.
    pub fn define(&mut self, res: Value, val: IntValue<'ctx>, natural: Type) -> Res<()> {
        let v = self.coerce(val, natural, self.ty(res)?)?;
        match self.values.get_mut(res.0 as usize) {
            Some(slot) => {
                *slot = Some(v);
                Ok(())
            }
            None => Err(self.invalid(format!("{res:?} has no type"))),
        }
    }

    pub fn coerce(&self, v: IntValue<'ctx>, from: Type, to: Type) -> Res<IntValue<'ctx>> {
        if from == to {
            return Ok(v);
        }
        let w = self.encode_word(v, from)?;
        self.decode_word(w, to)
    }

    fn encode_word(&self, v: IntValue<'ctx>, from: Type) -> Res<IntValue<'ctx>> {
        let b = &self.e.b;
        Ok(match from {
            Type::Term => v,
            Type::Int => {
                let s = b.build_left_shift(v, self.e.i64c(3), "tag")?;
                b.build_or(s, self.e.i64c(tag::SMALL), "small")?
            }
            Type::Bool => {
                b.build_select(v, self.e.i64c(abi::ATOM_TRUE), self.e.i64c(abi::ATOM_FALSE), "bool")?.into_int_value()
            }
        })
    }

    fn decode_word(&self, w: IntValue<'ctx>, to: Type) -> Res<IntValue<'ctx>> {
        let b = &self.e.b;
        Ok(match to {
            Type::Term => w,
            Type::Int => b.build_right_shift(w, self.e.i64c(3), true, "untag")?,
            Type::Bool => b.build_int_compare(IntPredicate::EQ, w, self.e.i64c(abi::ATOM_TRUE), "is_true")?,
        })
    }

    pub fn invalid(&self, message: String) -> CodegenError {
        CodegenError::InvalidIr { function: partition::describe(self.f), message }
    }

    pub fn unsupported(&self, what: String) -> CodegenError {
        CodegenError::Unsupported { function: partition::describe(self.f), what }
    }

    /// The block branching to which unwinds (shared by the function), for
    /// a branch from the current block: the stack trace gets raise
    /// location `loc` and failed BIF `bif` (see `abi::entry::UNWIND`).
    pub fn unwind_block(&self, loc: u64, bif: u64) -> Res<BasicBlock<'ctx>> {
        let here = self.e.insert_block()?;
        let (u, ploc, pbif) = match self.unwind_bb.get() {
            Some(x) => x,
            None => {
                let u = self.e.cx.append_basic_block(self.llfn, "unwind");
                self.e.b.position_at_end(u);
                let ploc = self.e.b.build_phi(self.e.l.i64, "loc")?;
                let pbif = self.e.b.build_phi(self.e.l.i64, "bif")?;
                self.e.b.position_at_end(here);
                self.unwind_bb.set(Some((u, ploc, pbif)));
                (u, ploc, pbif)
            }
        };
        ploc.add_incoming(&[(&self.e.i64c(loc), here)]);
        pbif.add_incoming(&[(&self.e.i64c(bif), here)]);
        Ok(u)
    }

    /// The raise location of this function at source line `line` (its
    /// head's line when unknown).
    pub fn loc(&self, line: u32) -> u64 {
        abi::trace::loc(self.fidx as u32, if line == 0 { self.f.line } else { line })
    }

    // ---- Edges ----

    /// The arguments of `bc`, converted to the target's parameter types.
    fn edge_args(&self, bc: &BlockCall) -> Res<Vec<IntValue<'ctx>>> {
        let target = self.f.block(bc.block);
        bc.args.iter().zip(&target.params).map(|(&a, &p)| self.get_as(a, self.ty(p)?)).collect()
    }

    /// Passes `vals` to `target`'s parameters from the current block.
    fn bind_edge(&mut self, target: BlockId, vals: Vec<IntValue<'ctx>>) -> Res<()> {
        let from = self.e.insert_block()?;
        let info = self
            .blocks
            .get(&target)
            .ok_or_else(|| self.invalid(format!("{target:?} is not in this native function")))?;
        match &info.phis {
            Some(phis) => {
                for (phi, v) in phis.iter().zip(&vals) {
                    phi.add_incoming(&[(v, from)]);
                }
            }
            None => {
                let params = self.f.block(target).params.clone();
                for (p, v) in params.iter().zip(vals) {
                    self.values[p.0 as usize] = Some(v);
                }
            }
        }
        Ok(())
    }

    fn jump(&mut self, bc: &BlockCall) -> Res<()> {
        let vals = self.edge_args(bc)?;
        self.bind_edge(bc.block, vals)?;
        self.e.b.build_unconditional_branch(self.blocks[&bc.block].bb)?;
        Ok(())
    }

    // ---- Terminators ----

    fn terminator(&mut self, b: BlockId) -> Res<()> {
        let e = self.e;
        let line = self.f.block(b).line;
        match &self.f.block(b).term {
            Terminator::Jump(bc) => self.jump(bc),
            Terminator::Branch { cond, then, otherwise } => {
                let c = self.get_as(*cond, Type::Bool)?;
                if then.block == otherwise.block {
                    let t = self.edge_args(then)?;
                    let o = self.edge_args(otherwise)?;
                    let vals = t
                        .into_iter()
                        .zip(o)
                        .map(|(x, y)| Ok(e.b.build_select(c, x, y, "sel")?.into_int_value()))
                        .collect::<Res<Vec<_>>>()?;
                    self.bind_edge(then.block, vals)?;
                    e.b.build_unconditional_branch(self.blocks[&then.block].bb)?;
                } else {
                    let t = self.edge_args(then)?;
                    let o = self.edge_args(otherwise)?;
                    self.bind_edge(then.block, t)?;
                    self.bind_edge(otherwise.block, o)?;
                    e.b.build_conditional_branch(c, self.blocks[&then.block].bb, self.blocks[&otherwise.block].bb)?;
                }
                Ok(())
            }
            Terminator::Return(v) => {
                let w = self.word(*v)?;
                e.return_to_top(self.proc, w)
            }
            Terminator::TailCall { callee, args } => {
                let loc = self.apply_loc(callee, line);
                self.transfer(callee, args, loc)
            }
            Terminator::Call { callee, args, cont } => {
                self.push(cont, frame::NORMAL)?;
                let loc = self.apply_loc(callee, line);
                self.transfer(callee, args, loc)
            }
            Terminator::Raise { class, reason } => {
                let f = e.l.runtime(e.module, Rt::Raise);
                e.b.build_direct_call(
                    f,
                    &[self.proc.into(), self.word(*class)?.into(), self.word(*reason)?.into()],
                    "",
                )?;
                let u = self.unwind_block(self.loc(line), abi::trace::NO_BIF)?;
                e.b.build_unconditional_branch(u)?;
                Ok(())
            }
            Terminator::Reraise { class, reason, trace } => {
                let f = e.l.runtime(e.module, Rt::Reraise);
                let args = [
                    self.proc.into(),
                    self.word(*class)?.into(),
                    self.word(*reason)?.into(),
                    self.word(*trace)?.into(),
                ];
                e.b.build_direct_call(f, &args, "")?;
                // The trace is the given one (unless the class was bad).
                let u = self.unwind_block(self.loc(line), abi::trace::NO_BIF)?;
                e.b.build_unconditional_branch(u)?;
                Ok(())
            }
            Terminator::PushHandler { handler, body } => {
                let kind = match self.f.block(handler.block).kind {
                    BlockKind::CatchHandler => frame::CATCH,
                    _ => frame::TRY,
                };
                self.push(handler, kind)?;
                self.jump(body)
            }
            Terminator::Wait { resume } => {
                self.push(resume, frame::NORMAL)?;
                e.store_field(self.proc, abi::FIELD_RESUME, e.l.ptr.const_null())?;
                e.b.build_return(Some(&e.i64c(status::WAIT)))?;
                Ok(())
            }
            Terminator::Unreachable => {
                e.b.build_unreachable()?;
                Ok(())
            }
        }
    }

    /// The raise location should a call through an `apply` entry point
    /// fail. As in OTP, a bad fun shows the calling function on top of the
    /// trace (above the continuation frame of a non-tail call, so twice);
    /// `undef` shows the missing function instead, then the callers.
    fn apply_loc(&self, callee: &Callee, line: u32) -> u64 {
        match callee {
            Callee::Fun(_) => self.loc(line),
            _ => abi::trace::NO_LOC,
        }
    }

    /// Pushes a frame whose code is the native function rooted at `bc.block`
    /// and whose saved values are `bc.args` (the block's params after the
    /// first).
    fn push(&mut self, bc: &BlockCall, kind: u64) -> Res<()> {
        let code = self.root_fn(bc.block)?;
        let saved = self.words(&bc.args)?;
        self.e.push_frame(self.llfn, self.proc, &saved, code, kind)
    }

    fn root_fn(&self, b: BlockId) -> Res<FunctionValue<'ctx>> {
        self.mcx.natives[self.fidx]
            .get(&b)
            .copied()
            .ok_or_else(|| self.invalid(format!("{b:?} is not a continuation or handler")))
    }

    /// Transfers control to `callee` with `args` (the tail of both `Call`
    /// and `TailCall`); `loc` is the raise location should an `apply`
    /// entry point fail.
    fn transfer(&mut self, callee: &Callee, args: &[Value], loc: u64) -> Res<()> {
        let e = self.e;
        let proc = self.proc;
        let words = self.words(args)?;
        match callee {
            Callee::Local { name, arity } => {
                let (i, f) = self
                    .mcx
                    .local_entry(name, *arity)
                    .ok_or_else(|| self.invalid(format!("call of undefined local function {name}/{arity}")))?;
                let want = self.mcx.ssa.functions[i].num_params();
                if want != args.len() {
                    return Err(self.invalid(format!("{name}/{arity} called with {} arguments", args.len())));
                }
                let regs = e.pass_args(proc, &words)?;
                e.tail_call(Code::Direct(f), proc, &regs)
            }
            Callee::Remote { module, name, arity } => {
                if *arity as usize != args.len() {
                    return Err(self.invalid(format!("{module}:{name}/{arity} called with {} arguments", args.len())));
                }
                let f = self.remote_fn(module, name, *arity);
                let regs = e.pass_args(proc, &words)?;
                e.tail_call(Code::Direct(f), proc, &regs)
            }
            Callee::Fun(fun) => {
                let fun = self.word(*fun)?;
                self.store_all_args(&words)?;
                let rt = e.l.runtime(e.module, Rt::ApplyFun);
                let code =
                    e.b.build_direct_call(rt, &[proc.into(), fun.into(), e.i64c(words.len() as u64).into()], "code")?;
                self.call_resolved(code, loc)
            }
            Callee::Dynamic { module, name } => {
                let (m, n) = (self.word(*module)?, self.word(*name)?);
                self.store_all_args(&words)?;
                let rt = e.l.runtime(e.module, Rt::ApplyMfa);
                let code = e.b.build_direct_call(
                    rt,
                    &[proc.into(), m.into(), n.into(), e.i64c(words.len() as u64).into()],
                    "code",
                )?;
                self.call_resolved(code, loc)
            }
            Callee::ApplyList { module, fun, args: list } => {
                if !args.is_empty() {
                    return Err(self.invalid("apply with an argument list also has direct arguments".into()));
                }
                let m = match module {
                    Some(m) => self.word(*m)?,
                    None => e.i64c(tag::NON_VALUE),
                };
                let (fun, list) = (self.word(*fun)?, self.word(*list)?);
                let rt = e.l.runtime(e.module, Rt::ApplyList);
                let code = e.b.build_direct_call(rt, &[proc.into(), m.into(), fun.into(), list.into()], "code")?;
                self.call_resolved(code, loc)
            }
        }
    }

    /// `M:F/A`: this module's own exported function, or the external symbol.
    fn remote_fn(&self, module: &str, name: &str, arity: u32) -> FunctionValue<'ctx> {
        let sym = mangle::function(module, name, arity);
        self.e.l.declare(self.e.module, &sym, self.e.l.erl_fn)
    }

    fn store_all_args(&self, words: &[IntValue<'ctx>]) -> Res<()> {
        for (i, w) in words.iter().enumerate() {
            self.e.store_arg(self.proc, i, *w)?;
        }
        Ok(())
    }

    /// Tail-calls the code returned by an `apply` entry point (null: it
    /// raised, so unwind) with the registers loaded from `args`.
    fn call_resolved(&mut self, code: inkwell::values::CallSiteValue<'ctx>, loc: u64) -> Res<()> {
        let e = self.e;
        let code = code
            .try_as_basic_value()
            .basic()
            .ok_or_else(|| CodegenError::Llvm("apply entry point returns nothing".into()))?
            .into_pointer_value();
        let null = e.b.build_is_null(code, "raised")?;
        let u = self.unwind_block(loc, abi::trace::NO_BIF)?;
        e.branch_to_unwind(self.llfn, self.proc, null, Some(u))?;
        let regs = (0..REG_ARGS).map(|i| e.load_arg(self.proc, i)).collect::<Res<Vec<_>>>()?;
        e.tail_call(Code::Indirect(code), self.proc, &regs)
    }
}
