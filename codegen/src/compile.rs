//! Driving the compilation of one SSA module: set up the LLVM module for
//! the target, emit every native function and the descriptor, verify,
//! optimise and write the object file.

use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{FileType, TargetMachine};
use kiln_ir::ssa;

use crate::descriptor;
use crate::emit::{Emitter, Res};
use crate::error::CodegenError;
use crate::function::emit_native;
use crate::layout::Layout;
use crate::module_ctx::ModuleCtx;
use crate::target::{OptLevel, Target};

/// An empty LLVM module set up for `tm`'s triple and data layout, with the
/// ABI layout for it.
pub(crate) fn new_module<'ctx>(cx: &'ctx Context, name: &str, tm: &TargetMachine) -> (Module<'ctx>, Layout<'ctx>) {
    let module = cx.create_module(name);
    module.set_triple(&tm.get_triple());
    let data = tm.get_target_data();
    module.set_data_layout(&data.get_data_layout());
    let layout = Layout::new(cx, &data);
    (module, layout)
}

/// Builds and verifies the LLVM module of `m`.
pub(crate) fn build<'ctx>(cx: &'ctx Context, tm: &TargetMachine, m: &ssa::Module) -> Res<Module<'ctx>> {
    let (module, layout) = new_module(cx, &m.name, tm);
    {
        let e = Emitter::new(cx, &module, layout);
        let mcx = ModuleCtx::declare(&e, m)?;
        for (fidx, parts) in mcx.parts.iter().enumerate() {
            for nf in parts {
                emit_native(&e, &mcx, fidx, nf)?;
            }
        }
        descriptor::emit(&e, &mcx)?;
    }
    verify(&module)?;
    Ok(module)
}

pub(crate) fn verify(module: &Module<'_>) -> Res<()> {
    module.verify().map_err(|e| CodegenError::Llvm(format!("verifier: {}", e.to_string_lossy())))
}

/// Optimises (if asked) and writes the object file.
pub(crate) fn finish(module: &Module<'_>, tm: &TargetMachine, opt: OptLevel) -> Res<Vec<u8>> {
    if let Some(pipeline) = opt.pipeline() {
        module
            .run_passes(pipeline, tm, PassBuilderOptions::create())
            .map_err(|e| CodegenError::Llvm(format!("optimisation: {}", e.to_string_lossy())))?;
    }
    let buf = tm
        .write_to_memory_buffer(module, FileType::Object)
        .map_err(|e| CodegenError::Llvm(format!("object emission: {}", e.to_string_lossy())))?;
    Ok(buf.as_slice().to_vec())
}

/// See [`crate::compile_module`].
pub(crate) fn compile_module(m: &ssa::Module, target: Target, opt: OptLevel) -> Res<Vec<u8>> {
    let cx = Context::create();
    let tm = target.machine(opt)?;
    let module = build(&cx, &tm, m)?;
    finish(&module, &tm, opt)
}

/// See [`crate::emit_llvm_text`].
pub(crate) fn emit_llvm_text(m: &ssa::Module, target: Target) -> Res<String> {
    let cx = Context::create();
    let tm = target.machine(OptLevel::O0)?;
    let module = build(&cx, &tm, m)?;
    Ok(module.print_to_string().to_string())
}
