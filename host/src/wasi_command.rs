//! Running a WASI preview1 command (kiln's own `wasm32-wasip1` output, or
//! any other) to completion on one thread, as `tests/wasi-run.mjs` does
//! under Node.js.
//!
//! * Wasm tail calls are enabled: kiln's generated code relies on
//!   `return_call` for Erlang's last-call optimisation.
//! * stdin, stdout and stderr are inherited from the calling process.
//! * The guest sees `argv = [basename(path), args...]`, exactly the
//!   environment variables given (nothing is inherited), and the given
//!   directories preopened.
//! * The exit status is the guest's `proc_exit` code (any value, including
//!   127 for an uncaught Erlang error; wasmtime-wasi's own `proc_exit` would
//!   refuse 126 and above), or 0 when `_start` returns normally.
//! * A trap (unreachable, out-of-bounds access, stack overflow, ...) is
//!   returned as [`HostError::Trap`], whose message names the trap;
//!   [`HostError::exit_status`] maps it to [`TRAP_EXIT_STATUS`] (134, the
//!   status of an aborted process, which `tests/wasi-run.mjs` also uses) so
//!   it cannot be mistaken for an Erlang exit status (0, N or 127).
//! * A module that cannot be read, compiled, validated or linked is
//!   returned as [`HostError::Load`]; its exit status is
//!   [`LOAD_EXIT_STATUS`] (1).

use std::fmt;
use std::path::{Path, PathBuf};

use wasmtime::{Config, Engine, Linker, Store};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtxBuilder};

/// Exit status reported for a guest that trapped (like an aborted process).
pub const TRAP_EXIT_STATUS: i32 = 134;
/// Exit status reported for a module that could not be loaded or started.
pub const LOAD_EXIT_STATUS: i32 = 1;

/// Deepest Wasm stack a guest may use. Erlang programs recurse deeply (body
/// recursion over long lists), far beyond wasmtime's 512 KiB default.
const MAX_WASM_STACK: usize = 256 << 20;
/// Native stack of the thread that runs the guest; it must exceed
/// [`MAX_WASM_STACK`] because sync wasmtime runs Wasm on the native stack.
const HOST_THREAD_STACK: usize = MAX_WASM_STACK + (16 << 20);

/// A directory made visible to the guest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preopen {
    /// The directory on the host.
    pub host: PathBuf,
    /// The name the guest opens it by (for example `.` or `/data`).
    pub guest: String,
}

impl Preopen {
    /// Parses `HOST[::GUEST]`; without `::GUEST` the guest name is `HOST` itself.
    pub fn parse(spec: &str) -> Self {
        match spec.split_once("::") {
            Some((host, guest)) => Preopen { host: host.into(), guest: guest.into() },
            None => Preopen { host: spec.into(), guest: spec.into() },
        }
    }
}

/// Why a guest did not run to an exit status of its own.
#[derive(Debug)]
pub enum HostError {
    /// The module could not be read, compiled, validated, linked or set up.
    Load { path: PathBuf, message: String },
    /// The guest trapped; `trap` names the trap, `message` has the details.
    Trap { path: PathBuf, trap: String, message: String },
}

impl HostError {
    /// The exit status a command-line host should report for this error.
    pub fn exit_status(&self) -> i32 {
        match self {
            HostError::Load { .. } => LOAD_EXIT_STATUS,
            HostError::Trap { .. } => TRAP_EXIT_STATUS,
        }
    }
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Load { path, message } => {
                write!(f, "cannot load {}: {message}", path.display())
            }
            HostError::Trap { path, trap, message } => {
                write!(f, "{} trapped: {trap}\n{message}", path.display())
            }
        }
    }
}

impl std::error::Error for HostError {}

/// Runs the WASI preview1 command module at `path` with `args` (argv[0] is the
/// file's name), the environment `env` and the directories `preopens`, and
/// returns its exit status. See the crate documentation for the details.
pub fn run_wasi_command(
    path: &Path,
    args: &[String],
    env: &[(String, String)],
    preopens: &[Preopen],
) -> Result<i32, HostError> {
    let path = path.to_path_buf();
    let args = args.to_vec();
    let env = env.to_vec();
    let preopens = preopens.to_vec();
    let thread_path = path.clone();
    // A thread of our own, so the native stack is as large as the Wasm stack
    // we allow, whatever thread called us.
    let handle = std::thread::Builder::new()
        .name("kiln-host".into())
        .stack_size(HOST_THREAD_STACK)
        .spawn(move || run_on_this_thread(&thread_path, &args, &env, &preopens))
        .map_err(|e| load_error(&path, format!("cannot start the host thread: {e}")))?;
    match handle.join() {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(HostError::Trap { path, trap: "host panic".into(), message: what })
        }
    }
}

fn load_error(path: &Path, message: impl fmt::Display) -> HostError {
    HostError::Load { path: path.to_path_buf(), message: message.to_string() }
}

fn run_on_this_thread(
    path: &Path,
    args: &[String],
    env: &[(String, String)],
    preopens: &[Preopen],
) -> Result<i32, HostError> {
    let mut config = Config::new();
    // wasmtime-wasi turns on wasmtime's async support, which checks the Wasm
    // stack limit against the (unused here) fiber stack size; keep it larger.
    config.wasm_tail_call(true).async_stack_size(MAX_WASM_STACK + (1 << 20)).max_wasm_stack(MAX_WASM_STACK);
    let engine = Engine::new(&config).map_err(|e| load_error(path, format!("{e:#}")))?;
    let bytes = std::fs::read(path).map_err(|e| load_error(path, format!("{e}")))?;
    let module = crate::module_cache::compile(&engine, &bytes).map_err(|e| load_error(path, format!("{e:#}")))?;

    let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |cx| cx).map_err(|e| load_error(path, format!("{e:#}")))?;
    // wasmtime-wasi rejects `proc_exit` statuses of 126 and above, but Erlang
    // programs exit 127 on an uncaught error (as escript does); exit with
    // whatever status the guest asks for instead, like a native process.
    linker.allow_shadowing(true);
    linker
        .func_wrap("wasi_snapshot_preview1", "proc_exit", |status: i32| -> wasmtime::Result<()> {
            Err(wasmtime::Error::new(I32Exit(status)))
        })
        .map_err(|e| load_error(path, format!("{e:#}")))?;
    linker.allow_shadowing(false);

    let mut wasi = WasiCtxBuilder::new();
    wasi.inherit_stdio();
    let argv0 =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    wasi.arg(argv0);
    wasi.args(args);
    for (key, value) in env {
        wasi.env(key, value);
    }
    for dir in preopens {
        wasi.preopened_dir(&dir.host, &dir.guest, FsPerms::ReadWrite)
            .map_err(|e| load_error(path, format!("cannot preopen {}: {e:#}", dir.host.display())))?;
    }
    let mut store = Store::new(&engine, wasi.build_p1());

    let instance = match linker.instantiate(&mut store, &module) {
        Ok(instance) => instance,
        // A start function may trap or exit; anything else is a link failure
        // (for example an import that is not WASI preview1).
        Err(e) if e.downcast_ref::<wasmtime::Trap>().is_some() || e.downcast_ref::<I32Exit>().is_some() => {
            return classify(path, e)
        }
        Err(e) => return Err(load_error(path, format!("{e:#}"))),
    };
    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .map_err(|e| load_error(path, format!("not a WASI command: {e:#}")))?;
    match start.call(&mut store, ()) {
        Ok(()) => Ok(0),
        Err(e) => classify(path, e),
    }
}

/// Sorts an error that ended a call into the guest: a `proc_exit` (the exit
/// status), a Wasm trap, or a failure inside a host function.
fn classify(path: &Path, error: wasmtime::Error) -> Result<i32, HostError> {
    if let Some(exit) = error.downcast_ref::<I32Exit>() {
        return Ok(exit.0);
    }
    if let Some(trap) = error.downcast_ref::<wasmtime::Trap>() {
        return Err(HostError::Trap {
            path: path.to_path_buf(),
            trap: trap.to_string(),
            message: format!("{error:?}"),
        });
    }
    Err(HostError::Trap { path: path.to_path_buf(), trap: "host error".into(), message: format!("{error:#}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module_file(name: &str, wat: &str) -> PathBuf {
        let bytes = wat::parse_str(wat).expect("test module must assemble");
        let dir = std::env::temp_dir().join(format!("kiln-host-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn trap_is_an_error_naming_the_trap() {
        let path = module_file("trap.wasm", r#"(module (func (export "_start") unreachable))"#);
        let err = run_wasi_command(&path, &[], &[], &[]).unwrap_err();
        assert!(matches!(err, HostError::Trap { .. }), "{err}");
        assert_eq!(err.exit_status(), TRAP_EXIT_STATUS);
        let text = err.to_string();
        assert!(text.contains("unreachable"), "message should name the trap: {text}");
    }

    #[test]
    fn invalid_module_is_a_load_error() {
        let dir = std::env::temp_dir().join(format!("kiln-host-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("invalid.wasm");
        std::fs::write(&path, b"\0asm\x01\0\0\0garbage").unwrap();
        let err = run_wasi_command(&path, &[], &[], &[]).unwrap_err();
        assert!(matches!(err, HostError::Load { .. }), "{err}");
        assert_eq!(err.exit_status(), LOAD_EXIT_STATUS);
    }

    #[test]
    fn proc_exit_is_the_exit_status_and_tail_calls_work() {
        let path = module_file(
            "exit.wasm",
            r#"(module
                 (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                 (memory (export "memory") 1)
                 (func $loop (param i32)
                   (if (i32.eqz (local.get 0)) (then (call $exit (i32.const 7))))
                   (return_call $loop (i32.sub (local.get 0) (i32.const 1))))
                 (func (export "_start") (call $loop (i32.const 10000000))))"#,
        );
        assert_eq!(run_wasi_command(&path, &[], &[], &[]).unwrap(), 7);
        let path = module_file(
            "exit127.wasm",
            r#"(module
                 (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                 (memory (export "memory") 1)
                 (func (export "_start") (call $exit (i32.const 127))))"#,
        );
        assert_eq!(run_wasi_command(&path, &[], &[], &[]).unwrap(), 127);
    }
}
