//! The building blocks of the execution model, shared by compiled functions
//! and the link module's wrappers: process field access, guaranteed tail
//! calls, Erlang stack frames, returning to the top frame and unwinding.
//!
//! Every transfer of control to Erlang code goes through [`Emitter::tail_call`],
//! which emits `musttail call` + `ret`, so no Erlang-level transfer can ever
//! grow the native stack.

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::values::{BasicMetadataValueEnum, FunctionValue, IntValue, PointerValue};
use inkwell::IntPredicate;
use kiln_abi::{self as abi, frame, status, REG_ARGS};

use crate::error::CodegenError;
use crate::layout::{Layout, Rt};

pub(crate) type Res<T> = Result<T, CodegenError>;

/// Callable code: a known function or a code pointer.
#[derive(Clone, Copy)]
pub(crate) enum Code<'ctx> {
    Direct(FunctionValue<'ctx>),
    Indirect(PointerValue<'ctx>),
}

pub(crate) struct Emitter<'ctx, 'm> {
    pub cx: &'ctx Context,
    pub module: &'m Module<'ctx>,
    pub b: Builder<'ctx>,
    pub l: Layout<'ctx>,
}

impl<'ctx, 'm> Emitter<'ctx, 'm> {
    pub fn new(cx: &'ctx Context, module: &'m Module<'ctx>, l: Layout<'ctx>) -> Self {
        Emitter { cx, module, b: cx.create_builder(), l }
    }

    /// Adds a function with the uniform [`abi::ErlFn`] signature.
    pub fn add_erl_fn(&self, name: &str, linkage: inkwell::module::Linkage) -> FunctionValue<'ctx> {
        let f = self.module.add_function(name, self.l.erl_fn, Some(linkage));
        // No landing pads anywhere: exceptions are Erlang-level.
        let nounwind = self.cx.create_enum_attribute(Attribute::get_named_enum_kind_id("nounwind"), 0);
        f.add_attribute(AttributeLoc::Function, nounwind);
        if let Some(p) = f.get_nth_param(0) {
            p.set_name("proc");
        }
        for i in 0..REG_ARGS as u32 {
            if let Some(p) = f.get_nth_param(i + 1) {
                p.set_name(&format!("a{i}"));
            }
        }
        f
    }

    pub fn i64c(&self, v: u64) -> IntValue<'ctx> {
        self.l.i64.const_int(v, false)
    }

    // ---- Process fields ----

    pub fn field(&self, proc: PointerValue<'ctx>, field: u32, name: &str) -> Res<PointerValue<'ctx>> {
        Ok(self.b.build_struct_gep(self.l.process, proc, field, name)?)
    }

    pub fn load_ptr_field(&self, proc: PointerValue<'ctx>, field: u32, name: &str) -> Res<PointerValue<'ctx>> {
        let p = self.field(proc, field, &format!("{name}.p"))?;
        Ok(self.b.build_load(self.l.ptr, p, name)?.into_pointer_value())
    }

    pub fn store_field(
        &self,
        proc: PointerValue<'ctx>,
        field: u32,
        v: impl inkwell::values::BasicValue<'ctx>,
    ) -> Res<()> {
        let p = self.field(proc, field, "f.p")?;
        self.b.build_store(p, v)?;
        Ok(())
    }

    /// `&proc->args[i]`.
    pub fn arg_slot(&self, proc: PointerValue<'ctx>, i: usize) -> Res<PointerValue<'ctx>> {
        let zero = self.l.i32.const_zero();
        let field = self.l.i32.const_int(abi::FIELD_ARGS as u64, false);
        let idx = self.l.i32.const_int(i as u64, false);
        // SAFETY (LLVM): in-bounds indices into the process struct.
        Ok(unsafe { self.b.build_in_bounds_gep(self.l.process, proc, &[zero, field, idx], &format!("args{i}.p"))? })
    }

    pub fn load_arg(&self, proc: PointerValue<'ctx>, i: usize) -> Res<IntValue<'ctx>> {
        let p = self.arg_slot(proc, i)?;
        Ok(self.b.build_load(self.l.i64, p, &format!("args{i}"))?.into_int_value())
    }

    pub fn store_arg(&self, proc: PointerValue<'ctx>, i: usize, v: IntValue<'ctx>) -> Res<()> {
        let p = self.arg_slot(proc, i)?;
        self.b.build_store(p, v)?;
        Ok(())
    }

    /// `p + words` (a word pointer; not `inbounds`: used for limit tests).
    pub fn word_offset(&self, p: PointerValue<'ctx>, words: i64, name: &str) -> Res<PointerValue<'ctx>> {
        let off = self.l.i64.const_int(words as u64, true);
        // SAFETY (LLVM): plain GEP arithmetic, no inbounds claim.
        Ok(unsafe { self.b.build_gep(self.l.i64, p, &[off], name)? })
    }

    // ---- Control transfer ----

    /// `musttail call code(proc, regs...)` + `ret`. Missing registers are
    /// `poison`: the callee never reads registers beyond its arity.
    pub fn tail_call(&self, code: Code<'ctx>, proc: PointerValue<'ctx>, regs: &[IntValue<'ctx>]) -> Res<()> {
        let mut args: Vec<BasicMetadataValueEnum<'ctx>> = vec![proc.into()];
        for i in 0..REG_ARGS {
            args.push(regs.get(i).copied().unwrap_or_else(|| self.l.i64.get_poison()).into());
        }
        let call = match code {
            Code::Direct(f) => self.b.build_direct_call(f, &args, "st")?,
            Code::Indirect(p) => self.b.build_indirect_call(self.l.erl_fn, p, &args, "st")?,
        };
        call.set_tail_call_kind(inkwell::values::LLVMTailCallKind::LLVMTailCallKindMustTail);
        let st =
            call.try_as_basic_value().basic().ok_or_else(|| CodegenError::Llvm("ErlFn call has no result".into()))?;
        self.b.build_return(Some(&st))?;
        Ok(())
    }

    /// Unwinds to the nearest TRY/CATCH frame: `kiln_unwind` closes the
    /// stack trace (with `module`, `loc` and `bif`, see
    /// `abi::entry::UNWIND`), pops frames and returns the handler (or the
    /// runtime's process-death code), which is entered with `a0 = 0`.
    pub fn unwind_at(
        &self,
        proc: PointerValue<'ctx>,
        module: PointerValue<'ctx>,
        loc: IntValue<'ctx>,
        bif: IntValue<'ctx>,
    ) -> Res<()> {
        let unwind = self.l.runtime(self.module, Rt::Unwind);
        let h = self.b.build_direct_call(unwind, &[proc.into(), module.into(), loc.into(), bif.into()], "handler")?;
        let h =
            h.try_as_basic_value().basic().ok_or_else(|| CodegenError::Llvm("kiln_unwind returns nothing".into()))?;
        self.tail_call(Code::Indirect(h.into_pointer_value()), proc, &[self.l.i64.const_zero()])
    }

    /// Returns `v` to the caller: tail-calls the top frame's code pointer
    /// (`stop[-2]`) with `a0 = v`. The continuation pops its own frame.
    /// [`Emitter::unwind_at`] with no raise location (the callers' frames
    /// alone make the stack trace).
    pub fn unwind(&self, proc: PointerValue<'ctx>) -> Res<()> {
        self.unwind_bif(proc, abi::trace::NO_BIF)
    }

    /// [`Emitter::unwind`] after BIF `bif` (an index in `bif_table::BIFS`,
    /// or `NO_BIF`) failed with its arguments in `args`.
    pub fn unwind_bif(&self, proc: PointerValue<'ctx>, bif: u64) -> Res<()> {
        self.unwind_at(proc, self.l.ptr.const_null(), self.i64c(abi::trace::NO_LOC), self.i64c(bif))
    }

    pub fn return_to_top(&self, proc: PointerValue<'ctx>, v: IntValue<'ctx>) -> Res<()> {
        let stop = self.load_ptr_field(proc, abi::FIELD_STOP, "stop")?;
        let code_p = self.word_offset(stop, -2, "code.p")?;
        let code = self.b.build_load(self.l.i64, code_p, "code.w")?.into_int_value();
        let code = self.b.build_int_to_ptr(code, self.l.ptr, "code")?;
        self.tail_call(Code::Indirect(code), proc, &[v])
    }

    /// Makes sure `words` fit on the Erlang stack (calls `kiln_grow_stack`
    /// otherwise, which may move the stack) and returns the current `stop`.
    pub fn ensure_stack(
        &self,
        func: FunctionValue<'ctx>,
        proc: PointerValue<'ctx>,
        words: u64,
    ) -> Res<PointerValue<'ctx>> {
        let stop = self.load_ptr_field(proc, abi::FIELD_STOP, "stop")?;
        let slimit = self.load_ptr_field(proc, abi::FIELD_SLIMIT, "slimit")?;
        let end = self.word_offset(stop, words as i64, "stop.end")?;
        let full =
            self.b.build_int_compare(IntPredicate::UGT, self.ptr_int(end)?, self.ptr_int(slimit)?, "stack.full")?;
        let here = self.insert_block()?;
        let grow = self.cx.append_basic_block(func, "grow_stack");
        let ok = self.cx.append_basic_block(func, "stack_ok");
        self.b.build_conditional_branch(full, grow, ok)?;
        self.b.position_at_end(grow);
        let f = self.l.runtime(self.module, Rt::GrowStack);
        self.b.build_direct_call(f, &[proc.into(), self.i64c(words).into()], "")?;
        let stop2 = self.load_ptr_field(proc, abi::FIELD_STOP, "stop")?;
        self.b.build_unconditional_branch(ok)?;
        self.b.position_at_end(ok);
        let phi = self.b.build_phi(self.l.ptr, "stop")?;
        phi.add_incoming(&[(&stop, here), (&stop2, grow)]);
        Ok(phi.as_basic_value().into_pointer_value())
    }

    /// Pushes a frame `saved..., code, info(n, kind)` and bumps `stop`.
    pub fn push_frame(
        &self,
        func: FunctionValue<'ctx>,
        proc: PointerValue<'ctx>,
        saved: &[IntValue<'ctx>],
        code: FunctionValue<'ctx>,
        kind: u64,
    ) -> Res<()> {
        let n = saved.len() as u64;
        let stop = self.ensure_stack(func, proc, n + 2)?;
        for (i, v) in saved.iter().enumerate() {
            let p = self.word_offset(stop, i as i64, &format!("fr{i}.p"))?;
            self.b.build_store(p, *v)?;
        }
        let code_w = self.b.build_ptr_to_int(code.as_global_value().as_pointer_value(), self.l.i64, "code.w")?;
        let p = self.word_offset(stop, n as i64, "fr.code.p")?;
        self.b.build_store(p, code_w)?;
        let p = self.word_offset(stop, n as i64 + 1, "fr.info.p")?;
        self.b.build_store(p, self.i64c(frame::info(n, kind)))?;
        let top = self.word_offset(stop, n as i64 + 2, "stop.new")?;
        self.store_field(proc, abi::FIELD_STOP, top)?;
        Ok(())
    }

    /// Entered as the root of a continuation or handler with `n` saved
    /// values: loads them from the frame at `stop - (n + 2)` and pops it.
    pub fn pop_frame(&self, proc: PointerValue<'ctx>, n: usize) -> Res<Vec<IntValue<'ctx>>> {
        let stop = self.load_ptr_field(proc, abi::FIELD_STOP, "stop")?;
        let base = self.word_offset(stop, -(n as i64 + 2), "frame")?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let p = self.word_offset(base, i as i64, &format!("s{i}.p"))?;
            out.push(self.b.build_load(self.l.i64, p, &format!("s{i}"))?.into_int_value());
        }
        self.store_field(proc, abi::FIELD_STOP, base)?;
        Ok(out)
    }

    /// Returns `status::YIELD` after recording `args[0..n]` and the resume
    /// point `me`: the scheduler calls `me` again with `args[0..REG_ARGS]`.
    pub fn yield_at(
        &self,
        proc: PointerValue<'ctx>,
        me: FunctionValue<'ctx>,
        regs: &[IntValue<'ctx>],
        n: usize,
    ) -> Res<()> {
        for (i, r) in regs.iter().enumerate().take(n.min(REG_ARGS)) {
            self.store_arg(proc, i, *r)?;
        }
        self.store_field(proc, abi::FIELD_NLIVE, self.i64c(n as u64))?;
        self.store_field(proc, abi::FIELD_RESUME, me.as_global_value().as_pointer_value())?;
        self.b.build_return(Some(&self.i64c(status::YIELD)))?;
        Ok(())
    }

    /// Decrements the reduction counter; yields at zero. Leaves the builder
    /// in the block that continues the function; returns the (cold)
    /// yielding block.
    pub fn count_reduction(
        &self,
        proc: PointerValue<'ctx>,
        me: FunctionValue<'ctx>,
        regs: &[IntValue<'ctx>],
        n: usize,
    ) -> Res<inkwell::basic_block::BasicBlock<'ctx>> {
        let p = self.field(proc, abi::FIELD_REDS, "reds.p")?;
        let reds = self.b.build_load(self.l.i64, p, "reds")?.into_int_value();
        let reds = self.b.build_int_sub(reds, self.i64c(1), "reds.new")?;
        self.b.build_store(p, reds)?;
        let out = self.b.build_int_compare(IntPredicate::SLE, reds, self.l.i64.const_zero(), "reds.out")?;
        let y = self.cx.append_basic_block(me, "yield");
        let go = self.cx.append_basic_block(me, "run");
        self.b.build_conditional_branch(out, y, go)?;
        self.b.position_at_end(y);
        self.yield_at(proc, me, regs, n)?;
        self.b.position_at_end(go);
        Ok(y)
    }

    /// The `n` arguments of an entry: registers, then `proc->args[i]`.
    pub fn entry_args(&self, f: FunctionValue<'ctx>, proc: PointerValue<'ctx>, n: usize) -> Res<Vec<IntValue<'ctx>>> {
        (0..n).map(|i| if i < REG_ARGS { self.reg(f, i) } else { self.load_arg(proc, i) }).collect()
    }

    pub fn reg(&self, f: FunctionValue<'ctx>, i: usize) -> Res<IntValue<'ctx>> {
        f.get_nth_param(i as u32 + 1)
            .map(|p| p.into_int_value())
            .ok_or_else(|| CodegenError::Llvm(format!("ErlFn has no register a{i}")))
    }

    pub fn proc_param(&self, f: FunctionValue<'ctx>) -> Res<PointerValue<'ctx>> {
        f.get_nth_param(0)
            .map(|p| p.into_pointer_value())
            .ok_or_else(|| CodegenError::Llvm("ErlFn has no process parameter".into()))
    }

    /// Stores call arguments beyond the registers in `proc->args[i]` and
    /// returns the register values.
    pub fn pass_args(&self, proc: PointerValue<'ctx>, args: &[IntValue<'ctx>]) -> Res<Vec<IntValue<'ctx>>> {
        for (i, a) in args.iter().enumerate().skip(REG_ARGS) {
            self.store_arg(proc, i, *a)?;
        }
        Ok(args.iter().take(REG_ARGS).copied().collect())
    }

    /// `cond ? unwind : continue`. With `unwind_bb` given, branches there;
    /// else emits the unwind inline.
    pub fn branch_to_unwind(
        &self,
        func: FunctionValue<'ctx>,
        proc: PointerValue<'ctx>,
        cond: IntValue<'ctx>,
        unwind_bb: Option<inkwell::basic_block::BasicBlock<'ctx>>,
    ) -> Res<()> {
        let ok = self.cx.append_basic_block(func, "ok");
        match unwind_bb {
            Some(u) => {
                self.b.build_conditional_branch(cond, u, ok)?;
            }
            None => {
                let u = self.cx.append_basic_block(func, "unwind");
                self.b.build_conditional_branch(cond, u, ok)?;
                self.b.position_at_end(u);
                self.unwind(proc)?;
            }
        }
        self.b.position_at_end(ok);
        Ok(())
    }

    pub fn ptr_int(&self, p: PointerValue<'ctx>) -> Res<IntValue<'ctx>> {
        Ok(self.b.build_ptr_to_int(p, self.l.iptr, "")?)
    }

    /// The block the builder is emitting into.
    pub fn insert_block(&self) -> Res<inkwell::basic_block::BasicBlock<'ctx>> {
        self.b.get_insert_block().ok_or_else(|| CodegenError::Llvm("builder is not positioned".into()))
    }
}
