//! Compilation targets: the LLVM triple, CPU features and target machine for
//! each target kiln supports, and the few ways targets differ in what the
//! backend emits (the C `main` symbol, relocation model).
//!
//! Everything target-specific is looked up here, so adding aarch64 is a new
//! variant plus its rows in these `match`es.

use std::sync::Once;

use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target as LlvmTarget, TargetMachine, TargetTriple};
use inkwell::OptimizationLevel;

use crate::error::CodegenError;

/// A target kiln compiles for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// `x86_64-unknown-linux-gnu`: ELF objects linked with the system `cc`.
    X86_64Linux,
    /// `wasm32-wasip1`: wasm objects linked with `wasm-ld` into a WASI command.
    Wasm32Wasip1,
}

/// LLVM optimisation level for the generated code. Tail calls are `musttail`
/// at every level, so `O0` code still runs in constant native stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OptLevel {
    O0,
    O1,
    #[default]
    O2,
    O3,
}

impl OptLevel {
    pub(crate) fn llvm(self) -> OptimizationLevel {
        match self {
            OptLevel::O0 => OptimizationLevel::None,
            OptLevel::O1 => OptimizationLevel::Less,
            OptLevel::O2 => OptimizationLevel::Default,
            OptLevel::O3 => OptimizationLevel::Aggressive,
        }
    }

    /// The new-pass-manager pipeline for `Module::run_passes`, if any.
    pub(crate) fn pipeline(self) -> Option<&'static str> {
        match self {
            OptLevel::O0 => None,
            OptLevel::O1 => Some("default<O1>"),
            OptLevel::O2 => Some("default<O2>"),
            OptLevel::O3 => Some("default<O3>"),
        }
    }
}

impl Target {
    /// The host target (the only native target so far).
    pub fn host() -> Target {
        Target::X86_64Linux
    }

    /// The LLVM target triple.
    pub fn triple(self) -> &'static str {
        match self {
            Target::X86_64Linux => "x86_64-unknown-linux-gnu",
            // LLVM parses any OS name starting with `wasi` as WASI; this is
            // the spelling rustc uses for the same target.
            Target::Wasm32Wasip1 => "wasm32-unknown-wasip1",
        }
    }

    /// The Rust target name (for finding the runtime and the WASI sysroot).
    pub fn rust_triple(self) -> &'static str {
        match self {
            Target::X86_64Linux => "x86_64-unknown-linux-gnu",
            Target::Wasm32Wasip1 => "wasm32-wasip1",
        }
    }

    fn cpu(self) -> &'static str {
        match self {
            Target::X86_64Linux => "x86-64",
            Target::Wasm32Wasip1 => "generic",
        }
    }

    /// CPU features. wasm32 needs `tail-call` for `musttail` to lower to
    /// `return_call`; the others match what rustc enables for wasm32-wasip1,
    /// so the runtime and generated objects agree on the feature set.
    fn features(self) -> &'static str {
        match self {
            Target::X86_64Linux => "",
            Target::Wasm32Wasip1 => "+tail-call,+mutable-globals,+sign-ext,+bulk-memory",
        }
    }

    fn reloc_mode(self) -> RelocMode {
        match self {
            // Debian's `cc` links position-independent executables.
            Target::X86_64Linux => RelocMode::PIC,
            Target::Wasm32Wasip1 => RelocMode::Default,
        }
    }

    /// The symbol of the C entry point the program's `main` is defined
    /// under. For a `main(argc, argv)`, wasi-libc's `_start` calls
    /// `__main_argc_argv` (clang renames `main` to it on wasm), not `main`.
    pub(crate) fn c_main_symbol(self) -> &'static str {
        match self {
            Target::X86_64Linux => "main",
            Target::Wasm32Wasip1 => "__main_argc_argv",
        }
    }

    /// Creates the LLVM target machine.
    pub(crate) fn machine(self, opt: OptLevel) -> Result<TargetMachine, CodegenError> {
        init_llvm_targets();
        let triple = TargetTriple::create(self.triple());
        let target = LlvmTarget::from_triple(&triple)
            .map_err(|e| CodegenError::Llvm(format!("no LLVM target for {}: {e}", self.triple())))?;
        target
            .create_target_machine(
                &triple,
                self.cpu(),
                self.features(),
                opt.llvm(),
                self.reloc_mode(),
                CodeModel::Default,
            )
            .ok_or_else(|| CodegenError::Llvm(format!("cannot create a target machine for {}", self.triple())))
    }
}

/// Registers the LLVM targets kiln uses, once per process.
fn init_llvm_targets() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        let config = InitializationConfig::default();
        LlvmTarget::initialize_x86(&config);
        LlvmTarget::initialize_webassembly(&config);
    });
}
