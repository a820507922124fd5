//! Lowering of SSA instructions ([`Op`]) inside a native function.
//!
//! Term tests are inline on the tag bits (`abi::tag`); heap objects are
//! built in place at `htop`, which a preceding `TestHeap` has reserved;
//! everything else calls the runtime. BIF calls are in `bif.rs`.

use inkwell::values::IntValue;
use inkwell::IntPredicate;
use kiln_abi::{self as abi, header, tag};
use kiln_ir::ssa::{BlockId, Const, Inst, Op, Type, Value};

use crate::emit::Res;
use crate::function::FnCodegen;
use crate::layout::Rt;

impl<'a, 'ctx, 'm> FnCodegen<'a, 'ctx, 'm> {
    pub(crate) fn inst(&mut self, _block: BlockId, inst: &Inst) -> Res<()> {
        let e = self.e;
        let expect = |n: usize| -> Res<()> {
            if inst.results.len() == n {
                Ok(())
            } else {
                Err(self.invalid(format!("{:?} has {} results, expected {n}", inst.op, inst.results.len())))
            }
        };
        if let Op::TestHeap { need, live } = &inst.op {
            expect(live.len())?;
            return self.test_heap(*need, live, &inst.results);
        }
        if let Op::Bif { module, name, args, guard, line } = &inst.op {
            expect(1)?;
            let v = self.bif(module, name, args, *guard, *line)?;
            return self.define(inst.results[0], v, Type::Term);
        }
        match &inst.op {
            Op::RecvNext | Op::RecvAccept | Op::PopHandler { .. } => expect(0)?,
            _ => expect(1)?,
        }
        let (val, ty): (IntValue<'ctx>, Type) = match &inst.op {
            Op::Const(c) => self.constant(c)?,
            Op::Literal(i) => {
                let slot = self
                    .mcx
                    .literals
                    .get(*i as usize)
                    .ok_or_else(|| self.invalid(format!("literal {i} does not exist")))?;
                let v = e.b.build_load(e.l.i64, slot.as_pointer_value(), &format!("lit{i}"))?;
                (v.into_int_value(), Type::Term)
            }
            Op::Cons(h, t) => {
                let (h, t) = (self.word(*h)?, self.word(*t)?);
                let p = self.alloc(2)?;
                self.store_word(p, 0, h)?;
                self.store_word(p, 1, t)?;
                let w = e.b.build_ptr_to_int(p, e.l.i64, "cell")?;
                (e.b.build_or(w, e.i64c(tag::LIST), "cons")?, Type::Term)
            }
            Op::Tuple(elems) => {
                let ws = self.words(elems)?;
                let p = self.alloc(1 + ws.len() as u64)?;
                self.store_word(p, 0, e.i64c(header::tuple(ws.len() as u64)))?;
                for (i, w) in ws.into_iter().enumerate() {
                    self.store_word(p, 1 + i as u64, w)?;
                }
                (e.b.build_ptr_to_int(p, e.l.i64, "tuple")?, Type::Term)
            }
            Op::MakeFun { lambda, free } => self.make_fun(*lambda, free)?,
            Op::FunFree { fun, index } => (self.load_boxed(*fun, 2 + *index as u64, "free")?, Type::Term),
            Op::Hd(v) => (self.load_cons(*v, 0, "hd")?, Type::Term),
            Op::Tl(v) => (self.load_cons(*v, 1, "tl")?, Type::Term),
            Op::Element { tuple, index } => (self.load_boxed(*tuple, 1 + *index as u64, "elem")?, Type::Term),

            Op::IsSmall(v) => (self.tag_is(*v, tag::MASK, tag::SMALL)?, Type::Bool),
            Op::IsAtom(v) => (self.tag_is(*v, tag::IMMED_MASK, tag::ATOM)?, Type::Bool),
            Op::IsNil(v) => (self.word_is(*v, tag::NIL)?, Type::Bool),
            Op::IsCons(v) => (self.tag_is(*v, tag::MASK, tag::LIST)?, Type::Bool),
            Op::IsList(v) => {
                let cons = self.tag_is(*v, tag::MASK, tag::LIST)?;
                let nil = self.word_is(*v, tag::NIL)?;
                (e.b.build_or(cons, nil, "is_list")?, Type::Bool)
            }
            Op::IsTuple(v) => {
                let mask = header::SUBTAG_MASK | tag::MASK;
                let want = header::make(header::TUPLE, 0);
                (
                    self.boxed_header_test(*v, |cg, h| {
                        let m = cg.e.b.build_and(h, cg.e.i64c(mask), "subtag")?;
                        Ok(cg.e.b.build_int_compare(IntPredicate::EQ, m, cg.e.i64c(want), "is_tuple")?)
                    })?,
                    Type::Bool,
                )
            }
            Op::IsTupleArity { value, arity } => {
                let want = header::tuple(*arity as u64);
                (
                    self.boxed_header_test(*value, |cg, h| {
                        Ok(cg.e.b.build_int_compare(IntPredicate::EQ, h, cg.e.i64c(want), "is_tuple_n")?)
                    })?,
                    Type::Bool,
                )
            }
            Op::WordEq(a, b) => {
                let (a, b) = (self.word(*a)?, self.word(*b)?);
                (e.b.build_int_compare(IntPredicate::EQ, a, b, "eq")?, Type::Bool)
            }
            Op::ExactEq(a, b) => (self.exact_eq(*a, *b)?, Type::Bool),
            Op::IsNonValue(v) => (self.word_is(*v, tag::NON_VALUE)?, Type::Bool),
            Op::Not(v) => {
                let b = self.get_as(*v, Type::Bool)?;
                (e.b.build_not(b, "not")?, Type::Bool)
            }
            Op::BoolToTerm(v) => (self.get_as(*v, Type::Bool)?, Type::Bool),
            Op::IsTrue(v) => (self.word_is(*v, abi::ATOM_TRUE)?, Type::Bool),

            Op::RecvPeek => (self.rt_call(Rt::RecvPeek, &[], "msg")?, Type::Term),
            Op::RecvNext => {
                self.rt_call_void(Rt::RecvNext, &[])?;
                return Ok(());
            }
            Op::RecvAccept => {
                self.rt_call_void(Rt::RecvAccept, &[])?;
                return Ok(());
            }
            Op::RecvTimer(t) => {
                let t = self.word(*t)?;
                let r = self.rt_call(Rt::RecvTimer, &[t], "timer")?;
                // 2: the timeout was bad and an exception was raised.
                let raised = e.b.build_int_compare(IntPredicate::EQ, r, e.i64c(2), "raised")?;
                let u = self.unwind_block(self.loc(0), abi::trace::NO_BIF)?;
                e.branch_to_unwind(self.llfn, self.proc, raised, Some(u))?;
                (e.b.build_int_compare(IntPredicate::EQ, r, e.i64c(1), "expired")?, Type::Bool)
            }
            Op::RecvTimedOut => {
                let r = self.rt_call(Rt::RecvTimedOut, &[], "fired")?;
                (e.b.build_int_compare(IntPredicate::NE, r, e.l.i64.const_zero(), "timed_out")?, Type::Bool)
            }
            Op::ExcClass => (self.rt_call(Rt::ExcClass, &[], "class")?, Type::Term),
            Op::ExcReason => (self.rt_call(Rt::ExcReason, &[], "reason")?, Type::Term),
            Op::ExcTrace => (self.rt_call(Rt::ExcTrace, &[], "trace")?, Type::Term),
            Op::CatchValue => (self.rt_call(Rt::CatchValue, &[], "caught")?, Type::Term),
            Op::PopHandler { handler } => {
                let h = self
                    .f
                    .blocks
                    .get(handler.0 as usize)
                    .ok_or_else(|| self.invalid(format!("pop of missing handler {handler:?}")))?;
                let n = h.params.len().saturating_sub(1) as i64;
                let stop = e.load_ptr_field(self.proc, abi::FIELD_STOP, "stop")?;
                let base = e.word_offset(stop, -(n + 2), "stop.popped")?;
                e.store_field(self.proc, abi::FIELD_STOP, base)?;
                return Ok(());
            }
            Op::TestHeap { .. } | Op::Bif { .. } => return Err(self.invalid("unreachable op dispatch".into())),
        };
        self.define(inst.results[0], val, ty)
    }

    fn constant(&self, c: &Const) -> Res<(IntValue<'ctx>, Type)> {
        let e = self.e;
        Ok(match c {
            Const::Small(i) => {
                if !tag::small_fits(*i) {
                    return Err(self.invalid(format!("small integer constant {i} out of range")));
                }
                (e.i64c(tag::small(*i)), Type::Term)
            }
            Const::Atom(name) => match abi::predefined_atom(name) {
                Some(i) => (e.i64c(tag::atom(i)), Type::Term),
                None => {
                    let slot = self.mcx.atom_slot(e, name);
                    let v = e.b.build_load(e.l.i64, slot.as_pointer_value(), "atom")?;
                    (v.into_int_value(), Type::Term)
                }
            },
            Const::Nil => (e.i64c(tag::NIL), Type::Term),
            Const::Int(i) => (e.l.i64.const_int(*i as u64, true), Type::Int),
            Const::Bool(b) => (e.l.i1.const_int(*b as u64, false), Type::Bool),
        })
    }

    /// `TestHeap`: if fewer than `need` words are free, save the live terms
    /// in `args`, collect, and reload them. The results are phis of the old
    /// and the (possibly moved) values. Non-term live values are untouched.
    fn test_heap(&mut self, need: u32, live: &[Value], results: &[Value]) -> Res<()> {
        let e = self.e;
        let htop = e.load_ptr_field(self.proc, abi::FIELD_HTOP, "htop")?;
        let hlimit = e.load_ptr_field(self.proc, abi::FIELD_HLIMIT, "hlimit")?;
        let end = e.word_offset(htop, need as i64, "htop.end")?;
        let full = e.b.build_int_compare(IntPredicate::UGT, e.ptr_int(end)?, e.ptr_int(hlimit)?, "heap.full")?;
        let here = e.insert_block()?;
        let gc = e.cx.append_basic_block(self.llfn, "gc");
        let cont = e.cx.append_basic_block(self.llfn, "heap_ok");
        e.b.build_conditional_branch(full, gc, cont)?;

        e.b.position_at_end(gc);
        let mut terms = Vec::new();
        for &v in live {
            if self.ty(v)? == Type::Term {
                e.store_arg(self.proc, terms.len(), self.get(v)?)?;
                terms.push(v);
            }
        }
        let rt = e.l.runtime(e.module, Rt::Gc);
        e.b.build_direct_call(
            rt,
            &[self.proc.into(), e.i64c(need as u64).into(), e.i64c(terms.len() as u64).into()],
            "",
        )?;
        let moved = (0..terms.len()).map(|i| e.load_arg(self.proc, i)).collect::<Res<Vec<_>>>()?;
        e.b.build_unconditional_branch(cont)?;

        e.b.position_at_end(cont);
        let mut k = 0;
        for (&v, &res) in live.iter().zip(results) {
            let old = self.get(v)?;
            let ty = self.ty(v)?;
            let val = if ty == Type::Term {
                let phi = e.b.build_phi(e.l.i64, &format!("v{}", res.0))?;
                phi.add_incoming(&[(&old, here), (&moved[k], gc)]);
                k += 1;
                phi.as_basic_value().into_int_value()
            } else {
                old
            };
            self.define(res, val, ty)?;
        }
        Ok(())
    }

    /// Bumps `htop` by `words` and returns the old value.
    fn alloc(&self, words: u64) -> Res<inkwell::values::PointerValue<'ctx>> {
        let e = self.e;
        let htop = e.load_ptr_field(self.proc, abi::FIELD_HTOP, "htop")?;
        let new = e.word_offset(htop, words as i64, "htop.new")?;
        e.store_field(self.proc, abi::FIELD_HTOP, new)?;
        Ok(htop)
    }

    fn store_word(&self, p: inkwell::values::PointerValue<'ctx>, i: u64, w: IntValue<'ctx>) -> Res<()> {
        let q = self.e.word_offset(p, i as i64, "w.p")?;
        self.e.b.build_store(q, w)?;
        Ok(())
    }

    fn make_fun(&mut self, lambda: u32, free: &[Value]) -> Res<(IntValue<'ctx>, Type)> {
        let e = self.e;
        let funs = self.mcx.funs.ok_or_else(|| self.invalid(format!("MakeFun of missing lambda {lambda}")))?;
        let l = self
            .mcx
            .ssa
            .lambdas
            .get(lambda as usize)
            .ok_or_else(|| self.invalid(format!("MakeFun of missing lambda {lambda}")))?;
        if l.num_free as usize != free.len() {
            return Err(self.invalid(format!(
                "lambda {} has {} free variables, MakeFun gives {}",
                l.name,
                l.num_free,
                free.len()
            )));
        }
        let ws = self.words(free)?;
        let zero = e.l.i32.const_zero();
        let idx = e.l.i32.const_int(lambda as u64, false);
        // SAFETY (LLVM): in-bounds index into the module's FunInfo array.
        let info = unsafe {
            e.b.build_in_bounds_gep(
                funs.get_value_type().into_array_type(),
                funs.as_pointer_value(),
                &[zero, idx],
                "funinfo",
            )?
        };
        let p = self.alloc(2 + ws.len() as u64)?;
        self.store_word(p, 0, e.i64c(header::make(header::FUN, 1 + ws.len() as u64)))?;
        let info_w = e.b.build_ptr_to_int(info, e.l.i64, "funinfo.w")?;
        self.store_word(p, 1, info_w)?;
        for (i, w) in ws.into_iter().enumerate() {
            self.store_word(p, 2 + i as u64, w)?;
        }
        Ok((e.b.build_ptr_to_int(p, e.l.i64, "fun")?, Type::Term))
    }

    /// Word `i` of the boxed object `v`.
    fn load_boxed(&self, v: Value, i: u64, name: &str) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let p = e.b.build_int_to_ptr(self.word(v)?, e.l.ptr, "box")?;
        let q = e.word_offset(p, i as i64, "box.w")?;
        Ok(e.b.build_load(e.l.i64, q, name)?.into_int_value())
    }

    /// Word `i` of the cons cell `v`.
    fn load_cons(&self, v: Value, i: u64, name: &str) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let untagged = e.b.build_int_sub(self.word(v)?, e.i64c(tag::LIST), "cell.w")?;
        let p = e.b.build_int_to_ptr(untagged, e.l.ptr, "cell")?;
        let q = e.word_offset(p, i as i64, "cell.p")?;
        Ok(e.b.build_load(e.l.i64, q, name)?.into_int_value())
    }

    fn tag_is(&self, v: Value, mask: u64, want: u64) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let t = e.b.build_and(self.word(v)?, e.i64c(mask), "tag")?;
        Ok(e.b.build_int_compare(IntPredicate::EQ, t, e.i64c(want), "tag.is")?)
    }

    fn word_is(&self, v: Value, want: u64) -> Res<IntValue<'ctx>> {
        Ok(self.e.b.build_int_compare(IntPredicate::EQ, self.word(v)?, self.e.i64c(want), "is")?)
    }

    /// `is_boxed(v) && test(header(v))`, loading the header only when boxed.
    fn boxed_header_test(
        &self,
        v: Value,
        test: impl Fn(&Self, IntValue<'ctx>) -> Res<IntValue<'ctx>>,
    ) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let w = self.word(v)?;
        let boxed = self.tag_is(v, tag::MASK, tag::BOXED)?;
        let here = e.insert_block()?;
        let load = e.cx.append_basic_block(self.llfn, "hdr");
        let join = e.cx.append_basic_block(self.llfn, "hdr_done");
        e.b.build_conditional_branch(boxed, load, join)?;
        e.b.position_at_end(load);
        let p = e.b.build_int_to_ptr(w, e.l.ptr, "box")?;
        let h = e.b.build_load(e.l.i64, p, "header")?.into_int_value();
        let r = test(self, h)?;
        let load_end = e.insert_block()?;
        e.b.build_unconditional_branch(join)?;
        e.b.position_at_end(join);
        let phi = e.b.build_phi(e.l.i1, "hdr.test")?;
        phi.add_incoming(&[(&e.l.i1.const_zero(), here), (&r, load_end)]);
        Ok(phi.as_basic_value().into_int_value())
    }

    /// `=:=`: equal words are equal; if either is an immediate they are not
    /// (numbers are normalised, floats boxed); otherwise ask the runtime.
    fn exact_eq(&self, a: Value, b: Value) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let (aw, bw) = (self.word(a)?, self.word(b)?);
        let same = e.b.build_int_compare(IntPredicate::EQ, aw, bw, "same")?;
        // Both pointers (tag 0b000 or 0b001)?
        let both = e.b.build_or(aw, bw, "ab")?;
        let t = e.b.build_and(both, e.i64c(0b110), "ab.tag")?;
        let ptrs = e.b.build_int_compare(IntPredicate::EQ, t, e.l.i64.const_zero(), "ptrs")?;
        let here = e.insert_block()?;
        let call = e.cx.append_basic_block(self.llfn, "eq_call");
        let join = e.cx.append_basic_block(self.llfn, "eq_done");
        let not_same = e.b.build_not(same, "differ")?;
        let ask = e.b.build_and(not_same, ptrs, "ask")?;
        e.b.build_conditional_branch(ask, call, join)?;
        e.b.position_at_end(call);
        let bif = self.bif_function("erlang", "=:=", 2)?;
        let r = e.b.build_direct_call(bif, &[self.proc.into(), aw.into(), bw.into()], "eq")?;
        let r = r.try_as_basic_value().basic().ok_or_else(|| self.invalid("BIF returns nothing".into()))?;
        let r = e.b.build_int_compare(IntPredicate::EQ, r.into_int_value(), e.i64c(abi::ATOM_TRUE), "eq.true")?;
        e.b.build_unconditional_branch(join)?;
        e.b.position_at_end(join);
        let phi = e.b.build_phi(e.l.i1, "exact_eq")?;
        phi.add_incoming(&[(&same, here), (&r, call)]);
        Ok(phi.as_basic_value().into_int_value())
    }

    fn rt_call(&self, f: Rt, args: &[IntValue<'ctx>], name: &str) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let func = e.l.runtime(e.module, f);
        let mut a: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = vec![self.proc.into()];
        a.extend(args.iter().map(|v| inkwell::values::BasicMetadataValueEnum::from(*v)));
        let r = e.b.build_direct_call(func, &a, name)?;
        Ok(r.try_as_basic_value()
            .basic()
            .ok_or_else(|| self.invalid(format!("{f:?} returns nothing")))?
            .into_int_value())
    }

    fn rt_call_void(&self, f: Rt, args: &[IntValue<'ctx>]) -> Res<()> {
        let e = self.e;
        let func = e.l.runtime(e.module, f);
        let mut a: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = vec![self.proc.into()];
        a.extend(args.iter().map(|v| inkwell::values::BasicMetadataValueEnum::from(*v)));
        e.b.build_direct_call(func, &a, "")?;
        Ok(())
    }
}
