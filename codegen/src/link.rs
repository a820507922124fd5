//! Linking objects with the runtime into an executable.
//!
//! - **x86_64 Linux**: the system C compiler driver (`$CC`, else `cc`) links
//!   the objects, the runtime's static library and the native libraries the
//!   Rust standard library needs.
//! - **wasm32-wasip1**: `wasm-ld` (Debian's `wasm-ld-19`, LLVM 19's
//!   `wasm-ld`, any `wasm-ld` on `PATH`, else the `rust-lld` of the Rust
//!   toolchain in `-flavor wasm` mode) links wasi-libc's `crt1-command.o`,
//!   the objects, the runtime (built for `wasm32-wasip1`, with compiler
//!   builtins inside) and wasi-libc's `libc.a`. The WASI files are the
//!   self-contained ones shipped with the Rust target
//!   (`$(rustc --print sysroot)/lib/rustlib/wasm32-wasip1/lib/self-contained`).
//!   The result is a WASI command whose exit status is the program's.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::LinkError;
use crate::target::Target;

/// Native libraries of a Rust `staticlib` on x86_64-unknown-linux-gnu, from
/// `cargo rustc -p kiln-runtime -- --print native-static-libs` (Rust 1.95).
/// The runtime itself links no C libraries beyond std's.
const NATIVE_STATIC_LIBS: &[&str] = &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"];

/// Stack of the one native thread on wasm32 (Rust's default for the
/// target). Erlang calls never use it; runtime code does.
const WASM_STACK_SIZE: u32 = 1 << 20;

/// Links `objects` (the compiled modules and the link module) with the
/// runtime static library into the executable `output`.
pub fn link(objects: &[PathBuf], runtime_lib: &Path, target: Target, output: &Path) -> Result<(), LinkError> {
    if !runtime_lib.is_file() {
        return Err(LinkError::NotFound {
            what: "the kiln runtime library".into(),
            tried: vec![runtime_lib.display().to_string()],
        });
    }
    let mut cmd = match target {
        Target::X86_64Linux => {
            let mut cmd = Command::new(std::env::var_os("CC").unwrap_or_else(|| "cc".into()));
            cmd.arg("-o").arg(output).args(objects).arg(runtime_lib).args(NATIVE_STATIC_LIBS);
            cmd
        }
        Target::Wasm32Wasip1 => {
            let (mut cmd, _) = wasm_linker()?;
            let wasi = wasi_self_contained_dir()?;
            cmd.arg("-o")
                .arg(output)
                .arg(wasi.join("crt1-command.o"))
                .args(objects)
                .arg(runtime_lib)
                .arg(wasi.join("libc.a"))
                .arg("-z")
                .arg(format!("stack-size={WASM_STACK_SIZE}"))
                .arg("--stack-first")
                .arg("--gc-sections");
            cmd
        }
    };
    run(&mut cmd)
}

fn run(cmd: &mut Command) -> Result<(), LinkError> {
    let shown = format!("{cmd:?}");
    let out = cmd.output().map_err(|e| LinkError::Spawn { command: shown.clone(), error: e.to_string() })?;
    if out.status.success() {
        Ok(())
    } else {
        let mut stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        stderr.push_str(&String::from_utf8_lossy(&out.stdout));
        Err(LinkError::Failed { command: shown, status: out.status.code(), stderr })
    }
}

/// The wasm linker: the command (with `-flavor wasm` for `rust-lld`) and
/// the program path.
pub fn wasm_linker() -> Result<(Command, PathBuf), LinkError> {
    let mut tried = Vec::new();
    for name in ["wasm-ld-19", "/usr/lib/llvm-19/bin/wasm-ld", "wasm-ld"] {
        tried.push(name.to_string());
        if let Some(p) = find_program(name) {
            return Ok((Command::new(&p), p));
        }
    }
    if let Some(sysroot) = rust_sysroot() {
        let lld = sysroot.join("lib/rustlib").join(host_rust_triple()).join("bin/rust-lld");
        tried.push(lld.display().to_string());
        if lld.is_file() {
            let mut cmd = Command::new(&lld);
            cmd.arg("-flavor").arg("wasm");
            return Ok((cmd, lld));
        }
    }
    Err(LinkError::NotFound { what: "a wasm linker".into(), tried })
}

/// wasi-libc's `crt1-command.o` and `libc.a`, as shipped with the Rust
/// `wasm32-wasip1` target (`rustup target add wasm32-wasip1`).
pub fn wasi_self_contained_dir() -> Result<PathBuf, LinkError> {
    let sysroot = rust_sysroot().ok_or_else(|| LinkError::NotFound {
        what: "the Rust sysroot".into(),
        tried: vec!["rustc --print sysroot".into()],
    })?;
    let dir = sysroot.join("lib/rustlib/wasm32-wasip1/lib/self-contained");
    if dir.join("crt1-command.o").is_file() && dir.join("libc.a").is_file() {
        Ok(dir)
    } else {
        Err(LinkError::NotFound {
            what: "wasi-libc (rustup target add wasm32-wasip1)".into(),
            tried: vec![dir.display().to_string()],
        })
    }
}

/// Where a runtime library built by cargo lives under a target directory
/// (`target/`): the first of `release` and `debug` that has one.
pub fn find_runtime_lib(target_dir: &Path, target: Target) -> Option<PathBuf> {
    let base = match target {
        // A plain `cargo build` puts host artifacts directly under target/.
        Target::X86_64Linux => vec![target_dir.join(target.rust_triple()), target_dir.to_path_buf()],
        Target::Wasm32Wasip1 => vec![target_dir.join(target.rust_triple())],
    };
    base.iter().flat_map(|b| ["release", "debug"].map(|p| b.join(p).join("libkiln_runtime.a"))).find(|p| p.is_file())
}

fn rust_sysroot() -> Option<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc).args(["--print", "sysroot"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?;
    Some(PathBuf::from(s.trim()))
}

fn host_rust_triple() -> &'static str {
    if cfg!(all(target_arch = "aarch64", target_os = "linux")) {
        "aarch64-unknown-linux-gnu"
    } else if cfg!(all(target_arch = "aarch64", target_os = "macos")) {
        "aarch64-apple-darwin"
    } else {
        "x86_64-unknown-linux-gnu"
    }
}

/// `name` if it is a path to a file, else its first match on `PATH`.
fn find_program(name: &str) -> Option<PathBuf> {
    let p = Path::new(name);
    if p.is_absolute() {
        return p.is_file().then(|| p.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|c| c.is_file())
}

/// A node (20+) script running a WASI command: `node run.cjs app.wasm
/// args...` exits with the program's status.
///
/// Node 20's WASI calls into `uvwasi` through V8 "fast API calls", which
/// must not allocate on the JS heap; its `fd_write` may trigger a GC anyway
/// when the wasm memory is large, which crashes node at random (SIGSEGV or
/// SIGABRT in `~WASI`). Turning fast API calls off avoids it.
pub const NODE_WASI_RUNNER: &str = r#"'use strict';
require('node:v8').setFlagsFromString('--no-turbo-fast-api-calls');
const { WASI } = require('node:wasi');
const fs = require('node:fs');
const file = process.argv[2];
const wasi = new WASI({ version: 'preview1', args: [file, ...process.argv.slice(3)], env: process.env, returnOnExit: true });
const wasm = new WebAssembly.Module(fs.readFileSync(file));
const instance = new WebAssembly.Instance(wasm, { wasi_snapshot_preview1: wasi.wasiImport });
process.exitCode = wasi.start(instance);
"#;
