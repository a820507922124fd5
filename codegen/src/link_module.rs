//! The link module: one extra object per program that ties it together.
//!
//! - The C `main(argc, argv)`, which hands the table of module descriptors
//!   and the entry module's name to the runtime's `kiln_main`.
//! - A uniform-signature wrapper `kiln$M$F$A` for every BIF, so that remote
//!   calls, `apply`, `fun erlang:F/A` and `spawn/3` reach BIFs like any
//!   Erlang function, and a `ModuleInfo` (`kiln$bifs$M`) per BIF module
//!   listing them as exports.
//! - A stub `kiln$M$F$A` raising `error:undef` for every remote function
//!   that is called but defined nowhere, so a missing function is OTP's
//!   run-time `undef`, not a link error.
//!
//! Wrappers and stubs are *weak* definitions: should a compiled Erlang
//! module define the same `M:F/A` (say, a standard library module named
//! like a BIF module), its strong definition wins at link time.

use inkwell::context::Context;
use inkwell::module::Linkage;
use inkwell::values::{FunctionValue, PointerValue};
use kiln_abi::bif_table::{Bif, BIFS};
use kiln_abi::{self as abi, tag};

use crate::compile::{finish, new_module, verify};
use crate::descriptor::{bytes_global, define_global, export_entry, module_info, struct_array, usize_c, TraceTables};
use crate::emit::{Emitter, Res};
use crate::error::CodegenError;
use crate::layout::Rt;
use crate::mangle;
use crate::target::{OptLevel, Target};

/// See [`crate::compile_link_module`].
pub(crate) fn compile_link_module(
    modules: &[String],
    entry: &str,
    undefined: &[(String, String, u32)],
    target: Target,
    opt: OptLevel,
    opts: crate::LinkOptions,
) -> Res<Vec<u8>> {
    let cx = Context::create();
    let tm = target.machine(opt)?;
    let (module, layout) = new_module(&cx, "kiln$link", &tm);
    {
        let e = Emitter::new(&cx, &module, layout);
        let bif_infos = bif_wrappers(&e)?;
        for (m, f, a) in undefined {
            let sym = mangle::function(m, f, *a);
            if e.module.get_function(&sym).is_none() {
                undef_stub(&e, &sym, (m, f, *a))?;
            }
        }
        c_main(&e, target, modules, &bif_infos, entry, opts)?;
    }
    verify(&module)?;
    finish(&module, &tm, opt)
}

/// Emits every BIF wrapper and a `ModuleInfo` per BIF module; returns
/// pointers to those descriptors.
fn bif_wrappers<'ctx>(e: &Emitter<'ctx, '_>) -> Res<Vec<PointerValue<'ctx>>> {
    let mut modules: Vec<&str> = Vec::new();
    for b in BIFS {
        if !modules.contains(&b.module) {
            modules.push(b.module);
        }
    }
    let mut infos = Vec::new();
    for m in modules {
        let mut exports = Vec::new();
        for (i, b) in BIFS.iter().filter(|b| b.module == m).enumerate() {
            let w = bif_wrapper(e, b)?;
            let name_sym = format!("{}${i}", mangle::data("bif_name", m));
            exports.push(export_entry(e, &name_sym, b.name, b.arity, w.as_global_value().as_pointer_value()));
        }
        let exports_p = struct_array(e, &mangle::data("bif_exports", m), e.l.export_entry, &exports);
        let null = e.l.ptr.const_null();
        let info = module_info(e, m, (null, 0), (null, 0), (exports_p, exports.len()), (null, 0), TraceTables::none(e));
        infos.push(define_global(e, &mangle::bif_module_info(m), info, Linkage::Internal).as_pointer_value());
    }
    Ok(infos)
}

/// `kiln$M$F$A`: call the BIF with the arguments; unwind if it raised, else
/// return its value to the top frame.
fn bif_wrapper<'ctx>(e: &Emitter<'ctx, '_>, b: &Bif) -> Res<FunctionValue<'ctx>> {
    let f = e.add_erl_fn(&mangle::function(b.module, b.name, b.arity), Linkage::WeakAny);
    let bif = e.l.declare(e.module, b.symbol, e.l.bif_fn(b.arity));
    e.b.position_at_end(e.cx.append_basic_block(f, "entry"));
    let proc = e.proc_param(f)?;
    let args = e.entry_args(f, proc, b.arity as usize)?;
    let mut call_args: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = vec![proc.into()];
    call_args.extend(args.iter().map(|a| inkwell::values::BasicMetadataValueEnum::from(*a)));
    let r = e.b.build_direct_call(bif, &call_args, "r")?;
    let r = r
        .try_as_basic_value()
        .basic()
        .ok_or_else(|| CodegenError::Llvm("BIF returns nothing".into()))?
        .into_int_value();
    // On failure the stack trace shows the BIF with its arguments.
    let failed = e.b.build_int_compare(inkwell::IntPredicate::EQ, r, e.i64c(tag::NON_VALUE), "failed")?;
    let (u, ok) = (e.cx.append_basic_block(f, "unwind"), e.cx.append_basic_block(f, "ok"));
    e.b.build_conditional_branch(failed, u, ok)?;
    e.b.position_at_end(u);
    for (i, a) in args.iter().enumerate() {
        e.store_arg(proc, i, *a)?;
    }
    let index = BIFS.iter().position(|x| std::ptr::eq(x, b)).map_or(abi::trace::NO_BIF, |i| i as u64);
    e.unwind_bif(proc, index)?;
    e.b.position_at_end(ok);
    e.return_to_top(proc, r)?;
    Ok(f)
}

/// `kiln$M$F$A` for a function defined nowhere: raises `error:undef`
/// (with `{M, F, Args, []}` on top of the stack trace, as OTP's).
fn undef_stub(e: &Emitter<'_, '_>, sym: &str, (m, name, arity): (&str, &str, u32)) -> Res<()> {
    let f = e.add_erl_fn(sym, Linkage::WeakAny);
    e.b.position_at_end(e.cx.append_basic_block(f, "entry"));
    let proc = e.proc_param(f)?;
    for i in 0..(arity as usize).min(abi::REG_ARGS) {
        e.store_arg(proc, i, e.reg(f, i)?)?;
    }
    let ms = bytes_global(e, &format!("{sym}$m"), m.as_bytes());
    let fs = bytes_global(e, &format!("{sym}$f"), name.as_bytes());
    let raise = e.l.runtime(e.module, Rt::RaiseUndef);
    let args = [
        proc.into(),
        ms.into(),
        usize_c(e, m.len()).into(),
        fs.into(),
        usize_c(e, name.len()).into(),
        e.i64c(arity as u64).into(),
    ];
    e.b.build_direct_call(raise, &args, "")?;
    e.unwind(proc)
}

/// The C entry point: `kiln_main(argc, argv, modules, n, entry, entry_len)`.
fn c_main<'ctx>(
    e: &Emitter<'ctx, '_>,
    target: Target,
    modules: &[String],
    bif_infos: &[PointerValue<'ctx>],
    entry: &str,
    opts: crate::LinkOptions,
) -> Res<()> {
    let mut table: Vec<PointerValue<'ctx>> = Vec::new();
    for m in modules {
        let sym = mangle::module_info(m);
        let g = match e.module.get_global(&sym) {
            Some(g) => g,
            None => e.module.add_global(e.l.module_info, None, &sym),
        };
        table.push(g.as_pointer_value());
    }
    table.extend_from_slice(bif_infos);
    let init = e.l.ptr.const_array(&table);
    let table_g = e.module.add_global(init.get_type(), None, "kiln$modules");
    table_g.set_linkage(Linkage::Private);
    table_g.set_constant(true);
    table_g.set_initializer(&init);

    let entry_p = bytes_global(e, "kiln$entry", entry.as_bytes());
    let main_ty = e.l.i32.fn_type(&[e.l.i32.into(), e.l.ptr.into()], false);
    let main = e.module.add_function(target.c_main_symbol(), main_ty, Some(Linkage::External));
    e.b.position_at_end(e.cx.append_basic_block(main, "entry"));
    let argc = main.get_nth_param(0).ok_or_else(|| CodegenError::Llvm("main has no argc".into()))?;
    let argv = main.get_nth_param(1).ok_or_else(|| CodegenError::Llvm("main has no argv".into()))?;
    if opts.wasm_host {
        let init = e.l.runtime(e.module, Rt::HostInit);
        e.b.build_direct_call(init, &[], "")?;
    }
    if let Some(n) = opts.schedulers {
        let set = e.l.runtime(e.module, Rt::SetSchedulers);
        e.b.build_direct_call(set, &[e.l.i32.const_int(u64::from(n), false).into()], "")?;
    }
    let kiln_main = e.l.runtime(e.module, Rt::Main);
    let status = e.b.build_direct_call(
        kiln_main,
        &[
            argc.into(),
            argv.into(),
            table_g.as_pointer_value().into(),
            usize_c(e, table.len()).into(),
            entry_p.into(),
            usize_c(e, entry.len()).into(),
        ],
        "status",
    )?;
    let status =
        status.try_as_basic_value().basic().ok_or_else(|| CodegenError::Llvm("kiln_main returns nothing".into()))?;
    e.b.build_return(Some(&status))?;
    Ok(())
}
