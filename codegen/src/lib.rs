//! SSA -> LLVM: the code generator of kiln, plus object emission and
//! linking.
//!
//! The execution model (`shared/DESIGN.md`, `kiln_abi`): every
//! SSA function becomes one native function per *root* block (the entry,
//! and each continuation or handler; see [`partition`]), all with the
//! uniform signature `i64 (ptr %proc, i64 %a0, i64 %a1, i64 %a2, i64 %a3)`.
//! Control moves between them only by `musttail` calls; a non-tail call
//! pushes a continuation frame on the process's Erlang stack first.
//! Symbols follow the scheme in [`mangle`].
//!
//! A program is built from one object per module ([`compile_module`]), one
//! link object ([`compile_link_module`]: `main`, BIF wrappers, `undef`
//! stubs) and the runtime library ([`link`]).
//!
//! Layout of the crate:
//! - `target`: targets, triples, target machines;
//! - `layout`: the runtime ABI as LLVM types, runtime entry points;
//! - `emit`: frames, tail calls, unwinding (shared building blocks);
//! - `partition`: SSA function -> native functions;
//! - `module_ctx`: per-module declarations and data slots;
//! - `function`, `ops`, `bif`: native function bodies;
//! - `descriptor`, `etf`: the `ModuleInfo` and its literal encoding;
//! - `link_module`, `link`: the link object and the system linker.

mod bif;
mod compile;
mod descriptor;
mod emit;
mod error;
pub mod etf;
mod function;
mod layout;
mod link;
mod link_module;
pub mod mangle;
mod module_ctx;
mod ops;
pub mod partition;
mod target;

pub use error::{CodegenError, LinkError};
pub use link::{find_runtime_lib, link, wasi_self_contained_dir, NODE_WASI_RUNNER};
pub use target::{OptLevel, Target};

use kiln_ir::ssa;

/// Compiles an SSA module to an object file for `target`: its native
/// functions and its descriptor `kiln$module$<name>`.
/// The version of the LLVM kiln generates code with, e.g. `19.1.7`.
pub fn llvm_version() -> String {
    let (major, minor, patch) = inkwell::support::get_llvm_version();
    format!("{major}.{minor}.{patch}")
}

pub fn compile_module(m: &ssa::Module, target: Target, opt: OptLevel) -> Result<Vec<u8>, CodegenError> {
    compile::compile_module(m, target, opt)
}

/// The verified, unoptimised LLVM IR of a module as text
/// (`kiln build --emit llvm`).
pub fn emit_llvm_text(m: &ssa::Module, target: Target) -> Result<String, CodegenError> {
    compile::emit_llvm_text(m, target)
}

/// Compiles the link object of a program (at `O2`):
/// - `modules`: the names of all compiled modules of the program (each
///   object defines `kiln$module$<name>`), standard library included;
/// - `entry`: the entry module (whose `main/1` or `main/0` runs);
/// - `undefined`: remote functions `(module, name, arity)` that are called
///   but defined nowhere (including non-exported functions of linked
///   modules called remotely); each gets a stub raising `error:undef`.
pub fn compile_link_module(
    modules: &[String],
    entry: &str,
    undefined: &[(String, String, u32)],
    target: Target,
) -> Result<Vec<u8>, CodegenError> {
    link_module::compile_link_module(modules, entry, undefined, target, OptLevel::O2, LinkOptions::default())
}

/// What a program's `main` sets up besides the runtime.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// The default number of scheduler threads (`kiln build --schedulers
    /// N`): `main` calls the runtime's `kiln_set_default_schedulers(N)`
    /// before `kiln_main`.
    pub schedulers: Option<u32>,
    /// The program calls `kiln:spawn_wasm`: `main` calls `kiln_host_init`
    /// first (the program is linked with `kiln-host`'s static library).
    pub wasm_host: bool,
}

/// [`compile_link_module`] with [`LinkOptions`].
pub fn compile_link_module_with(
    modules: &[String],
    entry: &str,
    undefined: &[(String, String, u32)],
    target: Target,
    opts: LinkOptions,
) -> Result<Vec<u8>, CodegenError> {
    link_module::compile_link_module(modules, entry, undefined, target, OptLevel::O2, opts)
}
