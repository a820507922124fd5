//! The compilation pipeline: source -> AST -> Core -> SSA -> object ->
//! executable, with a diagnostic report at the first stage that fails.

use crate::{cache, library, Emit, SourceOpts, TargetArg};
use kiln_codegen::{OptLevel, Target};
use kiln_frontend::diagnostic::Diagnostic;
use kiln_frontend::preprocessor::PreprocessOptions;
use kiln_frontend::span::SourceMap;
use kiln_ir::ssa;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Why a command failed: diagnostics (with the sources they point into), or
/// a plain message (I/O, linker).
pub enum Failure {
    Diagnostics(Vec<(SourceMap, Vec<Diagnostic>)>),
    Message(String),
}

impl Failure {
    pub fn report(&self) {
        match self {
            Failure::Diagnostics(groups) => {
                let mut count = 0;
                for (sources, diags) in groups {
                    for d in diags {
                        eprint!("{}", d.render(sources));
                        count += 1;
                    }
                }
                let s = if count == 1 { "" } else { "s" };
                eprintln!("error: could not compile due to {count} previous error{s}");
            }
            Failure::Message(m) => eprintln!("error: {m}"),
        }
    }
}

impl From<String> for Failure {
    fn from(m: String) -> Failure {
        Failure::Message(m)
    }
}

pub fn target_of(t: TargetArg) -> Target {
    match t {
        TargetArg::X86_64 => Target::X86_64Linux,
        TargetArg::Wasm32 => Target::Wasm32Wasip1,
    }
}

fn preprocess_options(opts: &SourceOpts) -> Result<PreprocessOptions, Failure> {
    let mut lib_dirs = opts.lib_dirs.clone();
    if let Some(libs) = std::env::var_os("ERL_LIBS") {
        lib_dirs.extend(std::env::split_paths(&libs));
    }
    // `-include_lib("kernel/include/file.hrl")` finds OTP's own
    // applications, as erlc does through the code path.
    if let Some(otp) = library::otp::Otp::installed() {
        lib_dirs.push(otp.lib_dir.clone());
    }
    let mut defines = Vec::new();
    for d in &opts.defines {
        let (name, value) = match d.split_once('=') {
            Some((n, v)) => {
                let tokens = kiln_frontend::lexer::lex(Default::default(), v)
                    .map_err(|e| Failure::Message(format!("bad value in -D {d}: {}", e.message)))?;
                (n.to_string(), Some(tokens))
            }
            None => (d.clone(), None),
        };
        defines.push((name, value));
    }
    Ok(PreprocessOptions { include_dirs: opts.include.clone(), lib_dirs, defines })
}

/// Source text -> AST.
fn parse(
    path: &Path,
    pp: &PreprocessOptions,
) -> Result<(SourceMap, kiln_frontend::ast::Module), (SourceMap, Vec<Diagnostic>)> {
    let (sources, result) = kiln_frontend::parse_file(path, pp);
    match result {
        Ok(m) => Ok((sources, m)),
        Err(d) => Err((sources, d)),
    }
}

/// Source -> SSA for each file, collecting every file's diagnostics.
fn to_ssa(files: &[PathBuf], opts: &SourceOpts) -> Result<Vec<ssa::Module>, Failure> {
    let pp = preprocess_options(opts)?;
    let mut modules = Vec::new();
    let mut failures = Vec::new();
    for f in files {
        match lower_file(f, &pp) {
            Ok(m) => modules.push(m),
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() {
        Ok(modules)
    } else {
        Err(Failure::Diagnostics(failures))
    }
}

fn lower_file(path: &Path, pp: &PreprocessOptions) -> Result<ssa::Module, (SourceMap, Vec<Diagnostic>)> {
    let (sources, ast) = parse(path, pp)?;
    let core = kiln_ir::core::lower::lower_module(&ast, &sources).map_err(|d| (sources.clone(), d))?;
    kiln_ir::ssa::lower_module(&core).map_err(|d| (sources, vec![d]))
}

pub fn check(files: &[PathBuf], opts: &SourceOpts) -> Result<(), Failure> {
    to_ssa(files, opts).map(|_| ())
}

pub fn emit(files: &[PathBuf], stage: Emit, target: TargetArg, opts: &SourceOpts) -> Result<(), Failure> {
    let pp = preprocess_options(opts)?;
    let mut failures = Vec::new();
    for f in files {
        let out = match stage {
            Emit::Ast => parse(f, &pp).map(|(_, m)| kiln_frontend::ast_text::module_to_text(&m)),
            Emit::Core => parse(f, &pp).and_then(|(s, m)| {
                kiln_ir::core::lower::lower_module(&m, &s)
                    .map(|c| kiln_ir::core::module_to_text(&c))
                    .map_err(|d| (s, d))
            }),
            Emit::Ssa => lower_file(f, &pp).map(|m| ssa::module_to_text(&m)),
            Emit::Llvm => match lower_file(f, &pp) {
                Ok(m) => Ok(kiln_codegen::emit_llvm_text(&m, target_of(target))
                    .map_err(|e| Failure::Message(format!("{}: {e}", f.display())))?),
                Err(e) => Err(e),
            },
        };
        match out {
            Ok(text) => print!("{text}"),
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Failure::Diagnostics(failures))
    }
}

/// Builds an executable from `files` (the first holds the entry point).
/// `schedulers`: the number of scheduler threads the program runs unless
/// `KILN_SCHEDULERS` says otherwise (`None`: one per core).
pub fn build(
    files: &[PathBuf],
    output: &Path,
    target_arg: TargetArg,
    opts: &SourceOpts,
    schedulers: Option<u32>,
) -> Result<(), Failure> {
    let target = target_of(target_arg);
    let user = to_ssa(files, opts)?;
    let entry = &user[0];
    let has_main = |arity| {
        entry.functions.iter().any(|f| {
            f.name == "main" && f.arity == arity && matches!(f.kind, ssa::FunctionKind::Named { exported: true })
        })
    };
    if !has_main(1) && !has_main(0) {
        return Err(Failure::Message(format!(
            "module '{}' does not export main/1 (or main/0)\n  = help: add `-export([main/1]).` and a `main(Args) -> ...` function; it receives the command-line arguments as a list of strings",
            entry.name
        )));
    }
    let mut seen = BTreeSet::new();
    for m in &user {
        if !seen.insert(m.name.clone()) {
            return Err(Failure::Message(format!("module '{}' is given twice", m.name)));
        }
    }

    let work = tempdir()?;
    let mut objects = Vec::new();
    for m in &user {
        let obj = kiln_codegen::compile_module(m, target, OptLevel::O2).map_err(|e| format!("{}: {e}", m.name))?;
        let path = work.join(format!("{}.o", m.name));
        std::fs::write(&path, obj).map_err(|e| format!("writing {}: {e}", path.display()))?;
        objects.push(path);
    }
    // The library modules the program can reach.
    let linked = library::link_set(&user, target)?;
    objects.extend(linked.modules.iter().map(|m| m.object.clone()));
    for w in &linked.warnings {
        eprintln!("warning: {w}");
    }
    for ((m, f, a), from_program) in &linked.undefined {
        if *from_program {
            eprintln!(
                "warning: {m}:{f}/{a} is called but no module, library or BIF defines it; the call fails with `undef`"
            );
        }
    }
    let lib = linked.modules;
    let undefined: Vec<_> = linked.undefined.into_keys().collect();
    // `kiln:spawn_wasm` needs the Wasm host (wasmtime), linked only then.
    let wasm_host = user.iter().any(calls_spawn_wasm);
    if wasm_host && target == Target::Wasm32Wasip1 {
        return Err(Failure::Message(
            "kiln:spawn_wasm needs kiln's Wasm host, which exists for native targets only\n  = help: build for x86_64-unknown-linux-gnu, or run the guest with `kiln run guest.wasm`".into(),
        ));
    }
    let mut module_names: Vec<String> = user.iter().map(|m| m.name.clone()).collect();
    module_names.extend(lib.iter().map(|m| m.name.clone()));
    let link_opts = kiln_codegen::LinkOptions { schedulers, wasm_host };
    let link_obj = kiln_codegen::compile_link_module_with(&module_names, &entry.name, &undefined, target, link_opts)
        .map_err(|e| format!("link module: {e}"))?;
    let link_path = work.join("kiln_link.o");
    std::fs::write(&link_path, link_obj).map_err(|e| format!("writing {}: {e}", link_path.display()))?;
    objects.push(link_path);

    let runtime = runtime_library(target, wasm_host)?;
    kiln_codegen::link(&objects, &runtime, target, output).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// Whether the module calls `kiln:spawn_wasm` (a BIF call, or a remote call
/// through its wrapper).
fn calls_spawn_wasm(m: &ssa::Module) -> bool {
    let is = |module: &str, name: &str| module == "kiln" && name == "spawn_wasm";
    m.functions.iter().flat_map(|f| &f.blocks).any(|b| {
        b.insts.iter().any(|i| matches!(&i.op, ssa::Op::Bif { module, name, .. } if is(module, name)))
            || matches!(&b.term,
                ssa::Terminator::TailCall { callee: ssa::Callee::Remote { module, name, .. }, .. }
                | ssa::Terminator::Call { callee: ssa::Callee::Remote { module, name, .. }, .. } if is(module, name))
    })
}

/// The runtime static library for `target`: `KILN_RUNTIME_DIR`, else next to
/// the `kiln` binary (`target/<profile>/`), or for wasm32 in
/// `target/wasm32-wasip1/<profile>/`. With `wasm_host`, kiln-host's static
/// library, which holds the runtime too.
fn runtime_library(target: Target, wasm_host: bool) -> Result<PathBuf, Failure> {
    let name = if wasm_host { "libkiln_host.a" } else { "libkiln_runtime.a" };
    let mut candidates = Vec::new();
    if let Some(dir) = std::env::var_os("KILN_RUNTIME_DIR") {
        candidates.push(PathBuf::from(dir).join(name));
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot locate the kiln binary: {e}"))?;
    let exe_dir = exe.parent().unwrap_or(Path::new("."));
    match target {
        Target::X86_64Linux => candidates.push(exe_dir.join(name)),
        Target::Wasm32Wasip1 => {
            let profile = exe_dir.file_name().unwrap_or_default();
            candidates.push(exe_dir.join("..").join("wasm32-wasip1").join(profile).join(name));
            candidates.push(exe_dir.join("wasm32-wasip1").join(name));
        }
    }
    candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
        let hint = match target {
            Target::X86_64Linux if wasm_host => "cargo build --release -p kiln-host",
            Target::X86_64Linux => "cargo build --release -p kiln-runtime",
            Target::Wasm32Wasip1 => "cargo build --release -p kiln-runtime --target wasm32-wasip1",
        };
        Failure::Message(format!(
            "the kiln runtime library for this target was not found (looked at {})\n  = help: build it with `{hint}` (or `make build`)",
            candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        ))
    })
}

fn tempdir() -> Result<PathBuf, Failure> {
    let base = std::env::temp_dir().join(format!("kiln-{}-{}", std::process::id(), cache::unique()));
    std::fs::create_dir_all(&base).map_err(|e| format!("creating {}: {e}", base.display()))?;
    Ok(base)
}

/// `kiln run`: build into the cache (keyed by the sources and the compiler)
/// and run the program, passing its exit status through.
pub fn run(
    file: &Path,
    target_arg: TargetArg,
    opts: &SourceOpts,
    schedulers: Option<u32>,
    args: &[String],
) -> ExitCode {
    let exe = match cache::program_path(file, target_arg, opts, schedulers) {
        Ok(p) => p,
        Err(e) => {
            Failure::Message(e).report();
            return ExitCode::FAILURE;
        }
    };
    if !exe.exists() {
        let tmp = exe.with_extension("tmp");
        if let Err(e) = build(&[file.to_path_buf()], &tmp, target_arg, opts, schedulers) {
            e.report();
            return ExitCode::FAILURE;
        }
        if let Err(e) = std::fs::rename(&tmp, &exe) {
            Failure::Message(format!("caching {}: {e}", exe.display())).report();
            return ExitCode::FAILURE;
        }
    }
    let mut cmd = match target_arg {
        TargetArg::X86_64 => std::process::Command::new(&exe),
        TargetArg::Wasm32 => {
            let mut c = std::process::Command::new("node");
            c.arg("--no-warnings").arg(cache::wasi_runner()).arg(&exe);
            c
        }
    };
    match cmd.args(args).status() {
        Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            Failure::Message(format!("running {}: {e}", exe.display())).report();
            ExitCode::FAILURE
        }
    }
}
