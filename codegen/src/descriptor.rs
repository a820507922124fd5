//! The module descriptor (`abi::ModuleInfo`) the runtime reads at start-up:
//! the atoms the code uses (interned into their slots), the literals (in
//! external term format, decoded into their slots), the exported functions
//! and the lambdas' `FunInfo`s.

use inkwell::module::Linkage;
use inkwell::values::{BasicValueEnum, GlobalValue, PointerValue, StructValue};
use kiln_ir::ssa::{BlockId, FunctionKind, Terminator};

use crate::emit::{Emitter, Res};
use crate::error::CodegenError;
use crate::etf;
use crate::mangle;
use crate::module_ctx::ModuleCtx;

/// A private constant byte string (no terminator; lengths are explicit).
pub(crate) fn bytes_global<'ctx>(e: &Emitter<'ctx, '_>, name: &str, bytes: &[u8]) -> PointerValue<'ctx> {
    let init = e.cx.const_string(bytes, false);
    let g = e.module.add_global(init.get_type(), None, name);
    g.set_linkage(Linkage::Private);
    g.set_constant(true);
    g.set_unnamed_addr(true);
    g.set_initializer(&init);
    g.as_pointer_value()
}

/// A private constant array of `ty` structs; null when empty.
pub(crate) fn struct_array<'ctx>(
    e: &Emitter<'ctx, '_>,
    name: &str,
    ty: inkwell::types::StructType<'ctx>,
    elems: &[StructValue<'ctx>],
) -> PointerValue<'ctx> {
    if elems.is_empty() {
        return e.l.ptr.const_null();
    }
    let init = ty.const_array(elems);
    let g = e.module.add_global(init.get_type(), None, name);
    g.set_linkage(Linkage::Private);
    g.set_constant(true);
    g.set_initializer(&init);
    g.as_pointer_value()
}

pub(crate) fn usize_c<'ctx>(e: &Emitter<'ctx, '_>, n: usize) -> BasicValueEnum<'ctx> {
    e.l.iptr.const_int(n as u64, false).into()
}

/// An `ExportEntry { name, len, arity, code }`.
pub(crate) fn export_entry<'ctx>(
    e: &Emitter<'ctx, '_>,
    name_sym: &str,
    name: &str,
    arity: u32,
    code: PointerValue<'ctx>,
) -> StructValue<'ctx> {
    let s = bytes_global(e, name_sym, name.as_bytes());
    e.l.export_entry.const_named_struct(&[
        s.into(),
        usize_c(e, name.len()),
        e.l.i32.const_int(arity as u64, false).into(),
        code.into(),
    ])
}

/// The stack-trace tables of a `ModuleInfo`: the file name, the
/// functions and the call sites (see `abi::FuncEntry`, `abi::SiteEntry`).
pub(crate) struct TraceTables<'ctx> {
    pub file: (PointerValue<'ctx>, usize),
    pub funcs: (PointerValue<'ctx>, usize),
    pub sites: (PointerValue<'ctx>, usize),
}

impl<'ctx> TraceTables<'ctx> {
    pub fn none(e: &Emitter<'ctx, '_>) -> Self {
        let null = e.l.ptr.const_null();
        TraceTables { file: (null, 0), funcs: (null, 0), sites: (null, 0) }
    }
}

/// A `ModuleInfo` value.
#[allow(clippy::too_many_arguments)]
pub(crate) fn module_info<'ctx>(
    e: &Emitter<'ctx, '_>,
    name: &str,
    atoms: (PointerValue<'ctx>, usize),
    literals: (PointerValue<'ctx>, usize),
    exports: (PointerValue<'ctx>, usize),
    funs: (PointerValue<'ctx>, usize),
    traces: TraceTables<'ctx>,
) -> StructValue<'ctx> {
    let n = bytes_global(e, &mangle::data("name", name), name.as_bytes());
    e.l.module_info.const_named_struct(&[
        n.into(),
        usize_c(e, name.len()),
        atoms.0.into(),
        usize_c(e, atoms.1),
        literals.0.into(),
        usize_c(e, literals.1),
        exports.0.into(),
        usize_c(e, exports.1),
        funs.0.into(),
        usize_c(e, funs.1),
        traces.file.0.into(),
        usize_c(e, traces.file.1),
        traces.funcs.0.into(),
        usize_c(e, traces.funcs.1),
        traces.sites.0.into(),
        usize_c(e, traces.sites.1),
    ])
}

/// The stack-trace tables of a compiled module: every function, and the
/// continuation of every non-tail call with its line.
fn trace_tables<'ctx>(e: &Emitter<'ctx, '_>, mcx: &ModuleCtx<'_, 'ctx>) -> TraceTables<'ctx> {
    let m = mcx.ssa;
    let i32c = |v: u32| BasicValueEnum::from(e.l.i32.const_int(v as u64, false));
    let file = bytes_global(e, &mangle::data("file", &m.name), m.file.as_bytes());
    let mut funcs = Vec::with_capacity(m.functions.len());
    let mut sites = Vec::new();
    for (i, f) in m.functions.iter().enumerate() {
        let name = bytes_global(e, &format!("{}${i}", mangle::data("func_name", &m.name)), f.name.as_bytes());
        funcs.push(e.l.func_entry.const_named_struct(&[
            name.into(),
            usize_c(e, f.name.len()),
            i32c(f.arity),
            i32c(f.line),
        ]));
        for b in &f.blocks {
            if let Terminator::Call { cont, .. } = &b.term {
                if let Some(code) = mcx.natives[i].get(&cont.block) {
                    let code = code.as_global_value().as_pointer_value();
                    let line = if b.line == 0 { f.line } else { b.line };
                    sites.push(e.l.site_entry.const_named_struct(&[code.into(), i32c(i as u32), i32c(line)]));
                }
            }
        }
    }
    TraceTables {
        file: (file, m.file.len()),
        funcs: (struct_array(e, &mangle::data("funcs", &m.name), e.l.func_entry, &funcs), funcs.len()),
        sites: (struct_array(e, &mangle::data("sites", &m.name), e.l.site_entry, &sites), sites.len()),
    }
}

pub(crate) fn define_global<'ctx>(
    e: &Emitter<'ctx, '_>,
    sym: &str,
    value: StructValue<'ctx>,
    linkage: Linkage,
) -> GlobalValue<'ctx> {
    let g = e.module.add_global(value.get_type(), None, sym);
    g.set_linkage(linkage);
    g.set_constant(true);
    g.set_initializer(&value);
    g
}

/// Emits `kiln$module$<name>` for a compiled module. Call after every
/// function body (bodies create atom slots on demand).
pub(crate) fn emit<'ctx>(e: &Emitter<'ctx, '_>, mcx: &ModuleCtx<'_, 'ctx>) -> Res<()> {
    let m = mcx.ssa;
    let mname = &m.name;

    let atoms: Vec<_> = mcx
        .atoms()
        .iter()
        .enumerate()
        .map(|(i, (name, slot))| {
            let s = bytes_global(e, &format!("{}${i}", mangle::data("atom_name", mname)), name.as_bytes());
            e.l.atom_entry.const_named_struct(&[s.into(), usize_c(e, name.len()), slot.as_pointer_value().into()])
        })
        .collect();
    let atoms_p = struct_array(e, &mangle::data("atoms", mname), e.l.atom_entry, &atoms);

    let mut literals = Vec::with_capacity(m.literals.len());
    for (i, (lit, slot)) in m.literals.iter().zip(&mcx.literals).enumerate() {
        let bytes = etf::encode(lit).map_err(|err| CodegenError::InvalidIr {
            function: format!("module {mname}"),
            message: format!("literal {i}: {err}"),
        })?;
        let s = bytes_global(e, &format!("{}${i}", mangle::data("etf", mname)), &bytes);
        literals.push(e.l.literal_entry.const_named_struct(&[
            s.into(),
            usize_c(e, bytes.len()),
            slot.as_pointer_value().into(),
        ]));
    }
    let literals_p = struct_array(e, &mangle::data("literals", mname), e.l.literal_entry, &literals);

    let mut exports = Vec::new();
    for (i, f) in m.functions.iter().enumerate() {
        if let FunctionKind::Named { exported: true } = f.kind {
            let code = mcx.natives[i][&BlockId(0)].as_global_value().as_pointer_value();
            let sym = format!("{}${}", mangle::data("export_name", mname), exports.len());
            exports.push(export_entry(e, &sym, &f.name, f.arity, code));
        }
    }
    let exports_p = struct_array(e, &mangle::data("exports", mname), e.l.export_entry, &exports);

    let funs_p = match mcx.funs {
        Some(g) => {
            let module_slot = mcx.atom_slot(e, mname).as_pointer_value();
            let mut infos = Vec::with_capacity(m.lambdas.len());
            for (i, l) in m.lambdas.iter().enumerate() {
                let code = mcx.natives.get(l.function).and_then(|n| n.get(&BlockId(0))).ok_or_else(|| {
                    CodegenError::InvalidIr {
                        function: format!("module {mname}"),
                        message: format!("lambda {} has no body function {}", l.name, l.function),
                    }
                })?;
                let name = bytes_global(e, &format!("{}${i}", mangle::data("fun_name", mname)), l.name.as_bytes());
                let i32c = |v: u64| BasicValueEnum::from(e.l.i32.const_int(v, false));
                infos.push(e.l.fun_info.const_named_struct(&[
                    code.as_global_value().as_pointer_value().into(),
                    i32c(l.arity as u64),
                    i32c(l.num_free as u64),
                    module_slot.into(),
                    name.into(),
                    usize_c(e, l.name.len()),
                    i32c(i as u64),
                    i32c(uniq(mname, &l.name, l.arity) as u64),
                ]));
            }
            g.set_initializer(&e.l.fun_info.const_array(&infos));
            g.as_pointer_value()
        }
        None => e.l.ptr.const_null(),
    };

    // Atom slots are complete now (the module's own was created first).
    let traces = trace_tables(e, mcx);
    let info = module_info(
        e,
        mname,
        (atoms_p, atoms.len()),
        (literals_p, literals.len()),
        (exports_p, exports.len()),
        (funs_p, m.lambdas.len()),
        traces,
    );
    // Declared up front (code refers to it); defined here.
    mcx.info.set_constant(true);
    mcx.info.set_initializer(&info);
    Ok(())
}

/// OTP's `Uniq` of a fun is a hash of its code; a hash of its identity is
/// stable across builds and distinguishes funs just as well here.
fn uniq(module: &str, name: &str, arity: u32) -> u32 {
    // FNV-1a.
    let mut h: u32 = 0x811c_9dc5;
    for b in module.bytes().chain([0]).chain(name.bytes()).chain(arity.to_le_bytes()) {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}
