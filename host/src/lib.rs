//! `kiln-host`: kiln's WebAssembly host, built on wasmtime.
//!
//! `kiln run app.wasm` runs two kinds of module:
//!
//! - **WASI commands** ([`wasi_command`]): kiln's own `wasm32-wasip1`
//!   output (one Wasm instance holds the whole Erlang program, processes
//!   included), or any other WASI preview1 program, run to completion on
//!   one thread.
//! - **lunatic guests** ([`lunatic`]): Rust programs built with the
//!   `lunatic` crate, where every process is a Wasm instance of its own.
//!   Those run as processes of the kiln runtime, on its schedulers, with
//!   the lunatic host ABI.
//!
//! [`run`] tells them apart by their imports (a guest imports from
//! `lunatic::*`).
//!
//! No failure of a guest ever becomes a Rust panic in the host: traps,
//! exhausted limits and bad arguments to host functions end the process
//! that caused them, with a message naming the cause.

pub mod lunatic;
pub mod module_cache;
pub mod wasi_command;

use std::path::Path;

pub use wasi_command::{run_wasi_command, HostError, Preopen, LOAD_EXIT_STATUS, TRAP_EXIT_STATUS};

/// Whether the module `bytes` imports anything from `lunatic::*` (an
/// unparsable module is not a guest: loading it reports why).
pub fn imports_lunatic(bytes: &[u8]) -> bool {
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload {
            Ok(wasmparser::Payload::ImportSection(reader)) => {
                return reader
                    .into_iter()
                    .flatten()
                    .flat_map(|group| group.into_iter().flatten())
                    .any(|(_, i)| i.module.starts_with("lunatic::"));
            }
            Ok(wasmparser::Payload::CodeSectionStart { .. }) | Err(_) => return false,
            Ok(_) => {}
        }
    }
    false
}

/// Runs the module at `path`: a lunatic guest on the kiln runtime, anything
/// else as a WASI command. Returns its exit status.
pub fn run(path: &Path, opts: &lunatic::RunOptions) -> Result<i32, HostError> {
    let load = |message: String| HostError::Load { path: path.to_path_buf(), message };
    let bytes = std::fs::read(path).map_err(|e| load(format!("{e}")))?;
    if !imports_lunatic(&bytes) {
        let preopens: Vec<Preopen> = if opts.dirs.is_empty() {
            vec![Preopen { host: ".".into(), guest: ".".into() }]
        } else {
            opts.dirs.iter().map(|d| Preopen::parse(d)).collect()
        };
        return run_wasi_command(path, &opts.args, &opts.envs, &preopens);
    }
    let module = lunatic::compile(&bytes).map_err(|e| load(format!("{e:#}")))?;
    lunatic::run_guest(path, module, opts).map_err(|e| HostError::Trap {
        path: path.to_path_buf(),
        trap: "host error".into(),
        message: lunatic::process::describe(&e),
    })
}
