//! Test support: building SSA by hand, and building and running programs
//! against the mock runtime (`mock_runtime.rs`) on every target.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use kiln_codegen::{compile_link_module, compile_module, link, OptLevel, Target};
use kiln_ir::ssa::*;

// ---- SSA construction ----

/// Builds one SSA function.
pub struct Fb {
    pub f: Function,
}

pub fn bc(block: BlockId, args: &[Value]) -> BlockCall {
    BlockCall { block, args: args.to_vec() }
}

pub fn local(name: &str, arity: u32) -> Callee {
    Callee::Local { name: name.into(), arity }
}

pub fn remote(module: &str, name: &str, arity: u32) -> Callee {
    Callee::Remote { module: module.into(), name: name.into(), arity }
}

pub fn atom(name: &str) -> Op {
    Op::Const(Const::Atom(name.into()))
}

pub fn small(i: i64) -> Op {
    Op::Const(Const::Small(i))
}

pub fn bif(name: &str, args: &[Value]) -> Op {
    Op::Bif { module: "erlang".into(), name: name.into(), args: args.to_vec(), guard: false, line: 0 }
}

impl Fb {
    pub fn named(name: &str, arity: u32, exported: bool) -> Fb {
        Self::with_kind(name, arity, arity, FunctionKind::Named { exported })
    }

    /// A lambda body: `arity` arguments plus the closure.
    pub fn lambda(name: &str, arity: u32, index: u32) -> Fb {
        Self::with_kind(name, arity, arity + 1, FunctionKind::Lambda { index })
    }

    fn with_kind(name: &str, arity: u32, params: u32, kind: FunctionKind) -> Fb {
        let mut fb =
            Fb { f: Function { name: name.into(), arity, kind, blocks: vec![], value_types: vec![], line: 1 } };
        fb.block(BlockKind::Normal, params as usize);
        fb
    }

    pub fn param(&self, i: usize) -> Value {
        self.f.blocks[0].params[i]
    }

    pub fn value(&mut self, ty: Type) -> Value {
        self.f.value_types.push(ty);
        Value(self.f.value_types.len() as u32 - 1)
    }

    /// A block with `n` term parameters.
    pub fn block(&mut self, kind: BlockKind, n: usize) -> (BlockId, Vec<Value>) {
        self.block_typed(kind, &vec![Type::Term; n])
    }

    pub fn block_typed(&mut self, kind: BlockKind, tys: &[Type]) -> (BlockId, Vec<Value>) {
        let params: Vec<Value> = tys.iter().map(|t| self.value(*t)).collect();
        self.f.blocks.push(Block {
            kind,
            params: params.clone(),
            insts: vec![],
            term: Terminator::Unreachable,
            line: 0,
        });
        (BlockId(self.f.blocks.len() as u32 - 1), params)
    }

    /// An instruction with one result, typed by the op.
    pub fn op(&mut self, b: BlockId, op: Op) -> Value {
        let ty = match &op {
            Op::IsSmall(_)
            | Op::IsAtom(_)
            | Op::IsNil(_)
            | Op::IsCons(_)
            | Op::IsList(_)
            | Op::IsTuple(_)
            | Op::IsTupleArity { .. }
            | Op::WordEq(..)
            | Op::ExactEq(..)
            | Op::IsNonValue(_)
            | Op::Not(_)
            | Op::IsTrue(_)
            | Op::RecvTimedOut
            | Op::RecvTimer(_)
            | Op::Const(Const::Bool(_)) => Type::Bool,
            Op::Const(Const::Int(_)) => Type::Int,
            _ => Type::Term,
        };
        self.op_n(b, op, &[ty])[0]
    }

    pub fn op_n(&mut self, b: BlockId, op: Op, tys: &[Type]) -> Vec<Value> {
        let results: Vec<Value> = tys.iter().map(|t| self.value(*t)).collect();
        self.f.blocks[b.0 as usize].insts.push(Inst { results: results.clone(), op });
        results
    }

    pub fn op0(&mut self, b: BlockId, op: Op) {
        self.op_n(b, op, &[]);
    }

    /// `TestHeap`: returns the renamed live values.
    pub fn test_heap(&mut self, b: BlockId, need: u32, live: &[Value]) -> Vec<Value> {
        let tys: Vec<Type> = live.iter().map(|v| self.f.value_types[v.0 as usize]).collect();
        self.op_n(b, Op::TestHeap { need, live: live.to_vec() }, &tys)
    }

    pub fn term(&mut self, b: BlockId, t: Terminator) {
        self.f.blocks[b.0 as usize].term = t;
    }

    pub fn finish(self) -> Function {
        self.f
    }
}

pub fn module(name: &str, functions: Vec<Function>) -> Module {
    Module { name: name.into(), file: format!("{name}.erl"), functions, literals: vec![], lambdas: vec![] }
}

// ---- Building and running ----

pub fn targets() -> Vec<Target> {
    let mut t = vec![Target::X86_64Linux];
    if wasm_available() {
        t.push(Target::Wasm32Wasip1);
    }
    t
}

fn wasm_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        let node = Command::new("node").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
        let ok = node && kiln_codegen::wasi_self_contained_dir().is_ok();
        if !ok {
            eprintln!("note: node or the wasm32-wasip1 Rust target is missing; wasm32 runs are skipped");
        }
        ok
    })
}

fn scratch() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kiln-codegen")
}

/// Compiles the mock runtime for `target` (once per test binary).
pub fn mock_runtime(target: Target) -> PathBuf {
    static HOST: OnceLock<PathBuf> = OnceLock::new();
    static WASM: OnceLock<PathBuf> = OnceLock::new();
    let cell = match target {
        Target::X86_64Linux => &HOST,
        Target::Wasm32Wasip1 => &WASM,
    };
    cell.get_or_init(|| build_mock(target)).clone()
}

fn build_mock(target: Target) -> PathBuf {
    let dir = scratch().join(format!("mock-{}", target.rust_triple()));
    std::fs::create_dir_all(&dir).unwrap();
    let support = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support");
    let src = support.join("mock_runtime.rs");
    let text = std::fs::read_to_string(&src).unwrap() + &std::fs::read_to_string(support.join("mock_bifs.rs")).unwrap();
    // Every BIF symbol the mock does not implement becomes a stub, so the
    // link module's wrappers always resolve.
    let mut stubs = String::new();
    let mut seen = std::collections::HashSet::new();
    for b in kiln_runtime::bif_table::BIFS {
        if !seen.insert(b.symbol) || text.contains(&format!("fn {}(", b.symbol)) {
            continue;
        }
        let params: String = (0..b.arity).map(|i| format!(", _a{i}: Term")).collect();
        stubs.push_str(&format!(
            "#[no_mangle] pub unsafe extern \"C\" fn {}(p: P{params}) -> Term {{ unimplemented_bif(p, \"{}\") }}\n",
            b.symbol, b.symbol
        ));
    }
    std::fs::write(dir.join("stubs.rs"), stubs).unwrap();
    let lib = dir.join("libkiln_mock.a");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .env("KILN_MOCK_OUT", &dir)
        .args(["--edition", "2021", "--crate-type", "staticlib", "--crate-name", "kiln_mock", "-O"])
        .args(["--target", target.rust_triple()])
        .arg("-o")
        .arg(&lib)
        .arg(&src)
        .output()
        .expect("run rustc");
    assert!(out.status.success(), "mock runtime failed to compile:\n{}", String::from_utf8_lossy(&out.stderr));
    lib
}

/// Compiles, links and returns the executable of a program.
pub fn build(
    name: &str,
    modules: &[Module],
    entry: &str,
    undefined: &[(String, String, u32)],
    target: Target,
    opt: OptLevel,
) -> PathBuf {
    build_with(name, modules, entry, undefined, target, opt, &mock_runtime(target))
        .unwrap_or_else(|e| panic!("link: {e}"))
}

/// Like [`build`], linking with the runtime library `runtime`.
pub fn build_with(
    name: &str,
    modules: &[Module],
    entry: &str,
    undefined: &[(String, String, u32)],
    target: Target,
    opt: OptLevel,
    runtime: &Path,
) -> Result<PathBuf, kiln_codegen::LinkError> {
    let dir = scratch().join(format!("{name}-{}-{opt:?}", target.rust_triple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut objs = Vec::new();
    for m in modules {
        let obj = compile_module(m, target, opt).unwrap_or_else(|e| panic!("compile {}: {e}", m.name));
        let p = dir.join(format!("{}.o", m.name));
        std::fs::write(&p, obj).unwrap();
        objs.push(p);
    }
    let names: Vec<String> = modules.iter().map(|m| m.name.clone()).collect();
    let link_obj = compile_link_module(&names, entry, undefined, target).expect("link module");
    let p = dir.join("kiln_link.o");
    std::fs::write(&p, link_obj).unwrap();
    objs.push(p);
    let exe = dir.join(if target == Target::Wasm32Wasip1 { "prog.wasm" } else { "prog" });
    link(&objs, runtime, target, &exe)?;
    Ok(exe)
}

/// The real runtime library, if one has been built in this workspace
/// (`cargo build -p kiln-runtime [--target wasm32-wasip1]`).
pub fn real_runtime(target: Target) -> Option<PathBuf> {
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent()?;
    kiln_codegen::find_runtime_lib(target_dir, target)
}

/// Runs an executable (wasm under node's WASI).
pub fn run(exe: &Path, target: Target, args: &[&str]) -> Output {
    match target {
        Target::X86_64Linux => Command::new(exe).args(args).output().expect("run program"),
        Target::Wasm32Wasip1 => {
            // Written once: tests run in parallel and node must never see a
            // half-written script.
            static RUNNER: OnceLock<PathBuf> = OnceLock::new();
            let runner = RUNNER.get_or_init(|| {
                let p = scratch().join(format!("run_wasi-{}.cjs", std::process::id()));
                std::fs::write(&p, kiln_codegen::NODE_WASI_RUNNER).unwrap();
                p
            });
            Command::new("node").arg("--no-warnings").arg(&runner).arg(exe).args(args).output().expect("run node")
        }
    }
}

/// Builds and runs the program on every available target at `O0` and
/// `O2` with the mock runtime, and at `O2` with the real runtime where one
/// is built, checking stdout and the exit status.
pub fn check(name: &str, modules: &[Module], undefined: &[(String, String, u32)], stdout: &str, status: i32) {
    check_both(name, modules, undefined, stdout, stdout, status)
}

/// [`check`] where the real runtime prints differently (it quotes atoms,
/// prints strings, has bignums).
pub fn check_both(
    name: &str,
    modules: &[Module],
    undefined: &[(String, String, u32)],
    mock_stdout: &str,
    real_stdout: &str,
    status: i32,
) {
    let entry = &modules[0].name;
    for target in targets() {
        for opt in [OptLevel::O0, OptLevel::O2] {
            let exe = build(name, modules, entry, undefined, target, opt);
            expect(&exe, target, name, mock_stdout, status, "mock");
        }
        let Some(real) = real_runtime(target) else { continue };
        match build_with(&format!("{name}-real"), modules, entry, undefined, target, OptLevel::O2, &real) {
            Ok(exe) => expect(&exe, target, name, real_stdout, status, "real"),
            // A runtime still being written may lack entry points or BIFs.
            Err(e) => eprintln!("note: {name} not linked with the real runtime on {target:?}: {e}"),
        }
    }
}

fn expect(exe: &Path, target: Target, name: &str, stdout: &str, status: i32, runtime: &str) {
    let out = run(exe, target, &[]);
    // `erlang:display/1` of the real runtime ends lines with "\r\n".
    let got = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert_eq!(
        (got.as_str(), out.status.code()),
        (stdout, Some(status)),
        "{name} on {target:?} ({runtime} runtime, {}); stderr:\n{}",
        exe.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Builds the program at `O2` for every target, with the mock and (if
/// built and linkable) the real runtime, and hands each run to `check`.
pub fn for_each_runtime(name: &str, modules: &[Module], check: impl Fn(&Output, &str)) {
    let entry = &modules[0].name;
    for target in targets() {
        let exe = build(name, modules, entry, &[], target, OptLevel::O2);
        check(&run(&exe, target, &[]), &format!("{target:?}, mock runtime"));
        if let Some(real) = real_runtime(target) {
            match build_with(&format!("{name}-real"), modules, entry, &[], target, OptLevel::O2, &real) {
                Ok(exe) => check(&run(&exe, target, &[]), &format!("{target:?}, real runtime")),
                Err(e) => eprintln!("note: {name} not linked with the real runtime on {target:?}: {e}"),
            }
        }
    }
}
