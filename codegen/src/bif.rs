//! Calls of built-in functions (`Op::Bif`), with inline fast paths for
//! arithmetic and comparisons on two small integers.
//!
//! A body BIF (`guard: false`) that returns the non-value has raised; the
//! code stores its arguments in `args` (for the stack trace's entry
//! `{erlang, F, Args, ...}`) and unwinds, on that cold path only. A guard
//! BIF's non-value is left for the IR to test.

use inkwell::intrinsics::Intrinsic;
use inkwell::values::{FunctionValue, IntValue};
use inkwell::IntPredicate;
use kiln_abi::bif_table;
use kiln_abi::{self as abi, tag};
use kiln_ir::ssa::Value;

use crate::emit::Res;
use crate::error::CodegenError;
use crate::function::FnCodegen;

/// What can be done inline when both operands are small integers.
#[derive(Clone, Copy)]
enum Fast {
    Add,
    Sub,
    Compare(IntPredicate),
    Mul,
    Div,
    Rem,
    Band,
    Bor,
    Bxor,
    /// Only the float fast path applies (`/`).
    FloatOnly,
}

/// IEEE operations done inline on two boxed floats.
#[derive(Clone, Copy)]
enum FloatOp {
    Add,
    Sub,
    Mul,
    Div,
}

fn float_op(module: &str, name: &str, arity: usize) -> Option<FloatOp> {
    if module != "erlang" || arity != 2 {
        return None;
    }
    Some(match name {
        "+" => FloatOp::Add,
        "-" => FloatOp::Sub,
        "*" => FloatOp::Mul,
        "/" => FloatOp::Div,
        _ => return None,
    })
}

fn fast_path(module: &str, name: &str, arity: usize) -> Option<Fast> {
    if module != "erlang" || arity != 2 {
        return None;
    }
    Some(match name {
        "+" => Fast::Add,
        "-" => Fast::Sub,
        "*" => Fast::Mul,
        "div" => Fast::Div,
        "rem" => Fast::Rem,
        "band" => Fast::Band,
        "bor" => Fast::Bor,
        "bxor" => Fast::Bxor,
        // Small integers compare like their tagged words (same tag, value
        // in the high bits), and `==` / `=:=` agree on them.
        "<" => Fast::Compare(IntPredicate::SLT),
        "=<" => Fast::Compare(IntPredicate::SLE),
        ">" => Fast::Compare(IntPredicate::SGT),
        ">=" => Fast::Compare(IntPredicate::SGE),
        "==" | "=:=" => Fast::Compare(IntPredicate::EQ),
        "/=" | "=/=" => Fast::Compare(IntPredicate::NE),
        _ => return None,
    })
}

impl<'a, 'ctx, 'm> FnCodegen<'a, 'ctx, 'm> {
    /// Declares the runtime function implementing `module:name/arity`.
    pub(crate) fn bif_function(&self, module: &str, name: &str, arity: u32) -> Res<FunctionValue<'ctx>> {
        let bif = bif_table::lookup(module, name, arity).ok_or_else(|| {
            self.unsupported(format!("call of {module}:{name}/{arity}, which is not a BIF of the runtime"))
        })?;
        Ok(self.e.l.declare(self.e.module, bif.symbol, self.e.l.bif_fn(arity)))
    }

    /// Emits `Op::Bif` (called on source line `line`) and returns its term
    /// result.
    pub(crate) fn bif(
        &mut self,
        module: &str,
        name: &str,
        args: &[Value],
        guard: bool,
        line: u32,
    ) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let f = self.bif_function(module, name, args.len() as u32)?;
        let index = bif_table::BIFS
            .iter()
            .position(|b| b.module == module && b.name == name && b.arity as usize == args.len())
            .map_or(abi::trace::NO_BIF, |i| i as u64);
        let words = self.words(args)?;
        // OTP's JIT adds or subtracts a small literal inline, and its
        // badarith then has no `erlang:'+'` entry: only the caller's.
        let small_lit = |w: IntValue<'ctx>| w.get_zero_extended_constant().is_some_and(|c| c & tag::MASK == tag::SMALL);
        let inline_arith = module == "erlang"
            && words.len() == 2
            && ((name == "+" && (small_lit(words[0]) || small_lit(words[1]))) || (name == "-" && small_lit(words[1])));
        let index = if inline_arith { abi::trace::NO_BIF } else { index };
        let fast = fast_path(module, name, words.len());
        let float = float_op(module, name, words.len());
        let Some(fast) = fast.or(float.map(|_| Fast::FloatOnly)) else {
            let r = self.call_bif(f, &words)?;
            if !guard {
                self.unwind_if_failed(r, index, &words, line)?;
            }
            return Ok(r);
        };

        // Fast path on two small integers (then on two floats), else (or
        // on overflow) the BIF.
        let (a, b) = (words[0], words[1]);
        let ta = e.b.build_xor(a, e.i64c(tag::SMALL), "a.x")?;
        let tb = e.b.build_xor(b, e.i64c(tag::SMALL), "b.x")?;
        let t = e.b.build_or(ta, tb, "ab.x")?;
        let t = e.b.build_and(t, e.i64c(tag::MASK), "ab.tag")?;
        let smalls = e.b.build_int_compare(IntPredicate::EQ, t, e.l.i64.const_zero(), "smalls")?;
        let fast_bb = e.cx.append_basic_block(self.llfn, "fast");
        let slow_bb = e.cx.append_basic_block(self.llfn, "slow");
        let join = e.cx.append_basic_block(self.llfn, "bif_done");
        let float_bb = float.map(|_| e.cx.append_basic_block(self.llfn, "float_test"));
        let not_small = if matches!(fast, Fast::FloatOnly) { None } else { Some(float_bb.unwrap_or(slow_bb)) };
        match not_small {
            Some(other) => e.b.build_conditional_branch(smalls, fast_bb, other)?,
            None => e.b.build_unconditional_branch(float_bb.unwrap_or(slow_bb))?,
        };
        let mut incoming = Vec::new();
        if let (Some(op), Some(test_bb)) = (float, float_bb) {
            e.b.position_at_end(test_bb);
            incoming.push(self.float_fast_path(op, a, b, slow_bb, join)?);
        }
        if matches!(fast, Fast::FloatOnly) {
            // No integer fast path: the block is unreachable; end it.
            e.b.position_at_end(fast_bb);
            e.b.build_unreachable()?;
        }

        if matches!(fast, Fast::FloatOnly) {
            return self.finish_fast_paths(f, &words, guard, index, line, slow_bb, join, incoming);
        }
        e.b.position_at_end(fast_bb);
        let fast_val = match fast {
            Fast::FloatOnly => unreachable!("handled above"),
            Fast::Add | Fast::Sub => {
                // (x<<3|3) ± (y<<3) = (x±y)<<3|3; the i64 operation overflows
                // exactly when x±y leaves the small range.
                let name =
                    if matches!(fast, Fast::Add) { "llvm.sadd.with.overflow" } else { "llvm.ssub.with.overflow" };
                let b_raw = e.b.build_and(b, e.i64c(!tag::MASK), "b.raw")?;
                self.checked(name, a, b_raw, slow_bb)?
            }
            Fast::Mul => {
                // x * (y<<3) = (x*y)<<3, overflowing exactly when x*y leaves
                // the small range; then put the tag back.
                let x = e.b.build_right_shift(a, e.i64c(3), true, "x")?;
                let b_raw = e.b.build_and(b, e.i64c(!tag::MASK), "b.raw")?;
                let p = self.checked("llvm.smul.with.overflow", x, b_raw, slow_bb)?;
                e.b.build_or(p, e.i64c(tag::SMALL), "mul")?
            }
            Fast::Div | Fast::Rem => {
                // Truncating division, as Erlang's `div`/`rem`. A zero divisor
                // is badarith (the BIF); only SMALL_MIN div -1 leaves the range.
                let x = e.b.build_right_shift(a, e.i64c(3), true, "x")?;
                let y = e.b.build_right_shift(b, e.i64c(3), true, "y")?;
                let nonzero = e.b.build_int_compare(IntPredicate::NE, y, e.l.i64.const_zero(), "y.nz")?;
                let minus_one = e.b.build_int_compare(IntPredicate::EQ, y, e.l.i64.const_all_ones(), "y.m1")?;
                let safe = e.b.build_and(nonzero, e.b.build_not(minus_one, "y.nm1")?, "div.safe")?;
                let ok_bb = e.cx.append_basic_block(self.llfn, "div_ok");
                e.b.build_conditional_branch(safe, ok_bb, slow_bb)?;
                e.b.position_at_end(ok_bb);
                let r = if matches!(fast, Fast::Div) {
                    e.b.build_int_signed_div(x, y, "div")?
                } else {
                    e.b.build_int_signed_rem(x, y, "rem")?
                };
                let r = e.b.build_left_shift(r, e.i64c(3), "r.shl")?;
                e.b.build_or(r, e.i64c(tag::SMALL), "r.tag")?
            }
            // The tag bits are 0b011 in both words: `and`/`or` keep them,
            // `xor` clears them.
            Fast::Band => e.b.build_and(a, b, "band")?,
            Fast::Bor => e.b.build_or(a, b, "bor")?,
            Fast::Bxor => {
                let x = e.b.build_xor(a, b, "bxor")?;
                e.b.build_or(x, e.i64c(tag::SMALL), "bxor.tag")?
            }
            Fast::Compare(pred) => {
                let c = e.b.build_int_compare(pred, a, b, "cmp")?;
                e.b.build_select(c, e.i64c(abi::ATOM_TRUE), e.i64c(abi::ATOM_FALSE), "cmp.atom")?.into_int_value()
            }
        };
        let fast_end = e.insert_block()?;
        e.b.build_unconditional_branch(join)?;
        incoming.push((fast_val, fast_end));
        self.finish_fast_paths(f, &words, guard, index, line, slow_bb, join, incoming)
    }

    /// `name` (an `llvm.*.with.overflow` intrinsic) on two i64s; overflow
    /// goes to `slow_bb`, and the builder continues in a fresh block.
    fn checked(
        &mut self,
        name: &str,
        x: IntValue<'ctx>,
        y: IntValue<'ctx>,
        slow_bb: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let intr = Intrinsic::find(name).ok_or_else(|| CodegenError::Llvm(format!("no intrinsic {name}")))?;
        let decl = intr
            .get_declaration(e.module, &[e.l.i64.into()])
            .ok_or_else(|| CodegenError::Llvm(format!("cannot declare {name}")))?;
        let r = e.b.build_direct_call(decl, &[x.into(), y.into()], "arith")?;
        let r = r
            .try_as_basic_value()
            .basic()
            .ok_or_else(|| CodegenError::Llvm(format!("{name} returns nothing")))?
            .into_struct_value();
        let value = e.b.build_extract_value(r, 0, "value")?.into_int_value();
        let ovf = e.b.build_extract_value(r, 1, "ovf")?.into_int_value();
        let ok_bb = e.cx.append_basic_block(self.llfn, "fast_ok");
        e.b.build_conditional_branch(ovf, slow_bb, ok_bb)?;
        e.b.position_at_end(ok_bb);
        Ok(value)
    }

    /// The value of `t` as an f64 if it is a small integer or a boxed
    /// float, else a branch to `slow_bb`; the builder continues where the
    /// value is available.
    fn number_as_f64(
        &mut self,
        t: IntValue<'ctx>,
        name: &str,
        slow_bb: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Res<inkwell::values::FloatValue<'ctx>> {
        let e = self.e;
        let f64t = e.cx.f64_type();
        let bb = |what: &str| e.cx.append_basic_block(self.llfn, &format!("{name}.{what}"));
        let (small_bb, other_bb, header_bb, load_bb, done_bb) =
            (bb("small"), bb("other"), bb("header"), bb("load"), bb("done"));
        let ptag = e.b.build_and(t, e.i64c(tag::MASK), &format!("{name}.tag"))?;
        let is_small =
            e.b.build_int_compare(IntPredicate::EQ, ptag, e.i64c(tag::SMALL), &format!("{name}.is_small"))?;
        e.b.build_conditional_branch(is_small, small_bb, other_bb)?;
        e.b.position_at_end(small_bb);
        let v = e.b.build_right_shift(t, e.i64c(3), true, &format!("{name}.int"))?;
        let from_int = e.b.build_signed_int_to_float(v, f64t, &format!("{name}.conv"))?;
        e.b.build_unconditional_branch(done_bb)?;
        e.b.position_at_end(other_bb);
        let is_boxed =
            e.b.build_int_compare(IntPredicate::EQ, ptag, e.i64c(tag::BOXED), &format!("{name}.is_boxed"))?;
        e.b.build_conditional_branch(is_boxed, header_bb, slow_bb)?;
        e.b.position_at_end(header_bb);
        let p = e.b.build_int_to_ptr(t, e.l.ptr, &format!("{name}.p"))?;
        let h = e.b.build_load(e.l.i64, p, &format!("{name}.h"))?.into_int_value();
        let is_float = e.b.build_int_compare(
            IntPredicate::EQ,
            h,
            e.i64c(abi::header::make(abi::header::FLOAT, 1)),
            &format!("{name}.is_float"),
        )?;
        e.b.build_conditional_branch(is_float, load_bb, slow_bb)?;
        e.b.position_at_end(load_bb);
        let q = e.word_offset(p, 1, &format!("{name}.bits"))?;
        let loaded = e.b.build_load(f64t, q, &format!("{name}.f"))?.into_float_value();
        e.b.build_unconditional_branch(done_bb)?;
        e.b.position_at_end(done_bb);
        let phi = e.b.build_phi(f64t, name)?;
        phi.add_incoming(&[(&from_int, small_bb), (&loaded, load_bb)]);
        Ok(phi.as_basic_value().into_float_value())
    }

    /// Emits the slow path (the BIF call) in `slow_bb` and joins it with
    /// the fast paths' results in `join`.
    #[allow(clippy::too_many_arguments)]
    fn finish_fast_paths(
        &mut self,
        f: FunctionValue<'ctx>,
        words: &[IntValue<'ctx>],
        guard: bool,
        index: u64,
        line: u32,
        slow_bb: inkwell::basic_block::BasicBlock<'ctx>,
        join: inkwell::basic_block::BasicBlock<'ctx>,
        mut incoming: Vec<(IntValue<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)>,
    ) -> Res<IntValue<'ctx>> {
        let e = self.e;
        e.b.position_at_end(slow_bb);
        let slow_val = self.call_bif(f, words)?;
        if !guard {
            self.unwind_if_failed(slow_val, index, words, line)?;
        }
        let slow_end = e.insert_block()?;
        e.b.build_unconditional_branch(join)?;
        incoming.push((slow_val, slow_end));

        e.b.position_at_end(join);
        let phi = e.b.build_phi(e.l.i64, "bif")?;
        for (v, bb) in &incoming {
            phi.add_incoming(&[(v, *bb)]);
        }
        Ok(phi.as_basic_value().into_int_value())
    }

    /// Two numbers that are boxed floats or small integers (not both small
    /// for `+ - *`, whose integer path comes first): the IEEE operation,
    /// boxed in 2 fresh heap words when there is room and the result is
    /// finite (a non-finite result is `badarith`, which the BIF raises);
    /// anything else goes to `slow_bb`. Returns the result and the block it
    /// is defined in (which branches to `join`).
    fn float_fast_path(
        &mut self,
        op: FloatOp,
        a: IntValue<'ctx>,
        b: IntValue<'ctx>,
        slow_bb: inkwell::basic_block::BasicBlock<'ctx>,
        join: inkwell::basic_block::BasicBlock<'ctx>,
    ) -> Res<(IntValue<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)> {
        let e = self.e;
        let float_header = e.i64c(abi::header::make(abi::header::FLOAT, 1));
        let x = self.number_as_f64(a, "fa", slow_bb)?;
        let y = self.number_as_f64(b, "fb", slow_bb)?;
        let f64t = e.cx.f64_type();
        let r = match op {
            FloatOp::Add => e.b.build_float_add(x, y, "f.add")?,
            FloatOp::Sub => e.b.build_float_sub(x, y, "f.sub")?,
            FloatOp::Mul => e.b.build_float_mul(x, y, "f.mul")?,
            FloatOp::Div => e.b.build_float_div(x, y, "f.div")?,
        };
        // Finite: |r| < inf (false for NaN too).
        let abs = {
            let intr =
                Intrinsic::find("llvm.fabs").ok_or_else(|| CodegenError::Llvm("no intrinsic llvm.fabs".into()))?;
            let decl = intr
                .get_declaration(e.module, &[f64t.into()])
                .ok_or_else(|| CodegenError::Llvm("cannot declare llvm.fabs".into()))?;
            e.b.build_direct_call(decl, &[r.into()], "f.abs")?
                .try_as_basic_value()
                .basic()
                .ok_or_else(|| CodegenError::Llvm("llvm.fabs returns nothing".into()))?
                .into_float_value()
        };
        let finite =
            e.b.build_float_compare(inkwell::FloatPredicate::OLT, abs, f64t.const_float(f64::INFINITY), "f.finite")?;
        let htop = e.load_ptr_field(self.proc, abi::FIELD_HTOP, "htop")?;
        let hlimit = e.load_ptr_field(self.proc, abi::FIELD_HLIMIT, "hlimit")?;
        let end = e.word_offset(htop, 2, "htop.f")?;
        let room = e.b.build_int_compare(IntPredicate::ULE, e.ptr_int(end)?, e.ptr_int(hlimit)?, "f.room")?;
        let ok = e.b.build_and(finite, room, "f.ok")?;
        let box_bb = e.cx.append_basic_block(self.llfn, "float_box");
        e.b.build_conditional_branch(ok, box_bb, slow_bb)?;

        e.b.position_at_end(box_bb);
        e.b.build_store(htop, float_header)?;
        let body = e.word_offset(htop, 1, "f.body")?;
        e.b.build_store(body, r)?;
        e.store_field(self.proc, abi::FIELD_HTOP, end)?;
        let boxed = e.ptr_int(htop)?;
        let boxed = e.b.build_int_z_extend_or_bit_cast(boxed, e.l.i64, "f.term")?;
        e.b.build_unconditional_branch(join)?;
        Ok((boxed, box_bb))
    }

    /// `r == NON_VALUE`: BIF `index` failed; store its arguments and unwind
    /// (in a cold block). Leaves the builder on the success path.
    fn unwind_if_failed(&mut self, r: IntValue<'ctx>, index: u64, words: &[IntValue<'ctx>], line: u32) -> Res<()> {
        let e = self.e;
        let failed = e.b.build_int_compare(IntPredicate::EQ, r, e.i64c(tag::NON_VALUE), "failed")?;
        let (fail, ok) = (e.cx.append_basic_block(self.llfn, "bif_failed"), e.cx.append_basic_block(self.llfn, "ok"));
        e.b.build_conditional_branch(failed, fail, ok)?;
        e.b.position_at_end(fail);
        for (i, w) in words.iter().enumerate() {
            e.store_arg(self.proc, i, *w)?;
        }
        let u = self.unwind_block(self.loc(line), index)?;
        e.b.build_unconditional_branch(u)?;
        self.cold.push(fail);
        e.b.position_at_end(ok);
        Ok(())
    }

    fn call_bif(&self, f: FunctionValue<'ctx>, words: &[IntValue<'ctx>]) -> Res<IntValue<'ctx>> {
        let e = self.e;
        let mut a: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = vec![self.proc.into()];
        a.extend(words.iter().map(|w| inkwell::values::BasicMetadataValueEnum::from(*w)));
        let r = e.b.build_direct_call(f, &a, "bif")?;
        Ok(r.try_as_basic_value()
            .basic()
            .ok_or_else(|| CodegenError::Llvm("BIF returns nothing".into()))?
            .into_int_value())
    }
}
