//! Running lunatic guests: Rust programs built with the `lunatic` 0.14
//! crate for `wasm32-wasip1`, unmodified.
//!
//! # Why inside kiln's runtime
//!
//! lunatic runs each guest process as a tokio task around a wasmtime
//! instance. kiln already has a scheduler built for millions of small
//! processes (work-stealing run queues, parking, timers, links, monitors),
//! so a guest process is simply a *foreign process* of that runtime
//! (`kiln_runtime::foreign`): its pid, mailbox, links and monitors are the
//! runtime's, which is also what lets Erlang processes and guests message,
//! link and monitor each other. What this module adds is the guest side:
//! the `lunatic::*` host ABI, per-process configs and limits, and the Wasm
//! instance of each process ([`process`]).
//!
//! # Cost per process
//!
//! A compiled module is shared by every process spawned from it (one
//! [`GuestModule`], with its `InstancePre`). lunatic reserves 8 GiB of
//! address space per instance (static memories with large guard regions),
//! which caps it near 15,000 processes; kiln's memories and fiber stacks
//! reserve nothing beyond what they hold and cost almost no mappings
//! ([`memory`]), and a process's WASI context is built only when the
//! process first uses WASI.
//!
//! # Differences from lunatic (documented in `docs/wasm-host.md`)
//!
//! - Configs cannot grant more than their creator holds (see [`config`]).
//! - Networking can be denied per process (`kiln run --deny-net`, and the
//!   config permission `can_use_network`).
//! - `lunatic::distributed` answers as a single node (node id 0).
//! - `lunatic::sqlite` is not provided: each of its imports is resolved,
//!   so modules using it load, but traps when called, naming the function.

pub mod api;
pub mod config;
pub mod image;
pub mod memory;
pub mod process;
pub mod resources;
pub mod state;
pub mod test_runner;
pub mod transit;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use wasmtime::{format_err, Result};
use wasmtime::{Config, Engine, ExternType, InstancePre, Linker, Module};

use self::config::GuestConfig;
use self::process::{Entry, GuestProcess};
use self::state::GuestState;
use kiln_runtime::bifs::wasm_host::WasmSpawn;

/// A compiled guest module, shared by all its processes.
pub struct GuestModule {
    pub pre: InstancePre<GuestState>,
    /// The initial contents of its memory, mapped copy-on-write into each
    /// instance (`None`: wasmtime initialises the memory).
    pub image: Option<Arc<image::DataImage>>,
}

/// The engine every guest module is compiled with.
///
/// Fuel metering is on (preemption and `max_fuel`). Memories and fiber
/// stacks come from [`memory`], which makes them nearly free in mappings,
/// so that a hundred thousand instances fit in one program: memories have
/// no guard region and no reservation (compiled code bounds-checks every
/// access, the price of that) and may move when they grow. A guest's Wasm
/// stack may use 256 KiB of its 1 MiB fiber stack.
pub fn engine() -> Result<&'static Engine> {
    static ENGINE: OnceLock<std::result::Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut c = Config::new();
            c.consume_fuel(true)
                .wasm_tail_call(true)
                .memory_reservation(0)
                .memory_guard_size(0)
                .memory_reservation_for_growth(0)
                .guard_before_linear_memory(false)
                .memory_may_move(true)
                .memory_init_cow(false)
                .max_wasm_stack(256 << 10)
                .async_stack_size(1 << 20)
                .with_host_memory(Arc::new(memory::GuestMemories))
                .with_host_stack(Arc::new(memory::GuestStacks::new()));
            Engine::new(&c).map_err(|e| format!("{e:#}"))
        })
        .as_ref()
        .map_err(|e| format_err!("cannot set up wasmtime: {e}"))
}

/// The host functions, once per program.
fn linker() -> Result<&'static Linker<GuestState>> {
    static LINKER: OnceLock<std::result::Result<Linker<GuestState>, String>> = OnceLock::new();
    LINKER
        .get_or_init(|| {
            let engine = engine().map_err(|e| e.to_string())?;
            let mut linker = Linker::new(engine);
            api::register(&mut linker).map_err(|e| format!("{e:#}"))?;
            Ok(linker)
        })
        .as_ref()
        .map_err(|e| format_err!("cannot set up the host functions: {e}"))
}

/// Compiles a guest module (validating it and resolving every import);
/// its data segments become a shared image ([`image`]).
pub fn compile(bytes: &[u8]) -> Result<Arc<GuestModule>> {
    match image::split(bytes) {
        Some((stripped, data)) => match crate::module_cache::compile(engine()?, &stripped) {
            Ok(module) => prepare(module, Some(Arc::new(data))),
            // Report the error against the module as given.
            Err(e) => Err(Module::new(engine()?, bytes).err().unwrap_or(e)),
        },
        None => prepare(crate::module_cache::compile(engine()?, bytes)?, None),
    }
}

/// Resolves `module`'s imports. A `lunatic::*` import this host does not
/// provide (sqlite, a newer crate's addition) is resolved to a
/// function that traps naming it, so that the module loads and fails only
/// if it calls it — as lunatic's own missing features do.
pub fn prepare(module: Module, image: Option<Arc<image::DataImage>>) -> Result<Arc<GuestModule>> {
    let mut linker = linker()?.clone();
    for import in module.imports() {
        let (m, name) = (import.module().to_string(), import.name().to_string());
        if !m.starts_with("lunatic::") {
            continue;
        }
        if let ExternType::Func(ty) = import.ty() {
            let what = format!("{m}::{name}");
            let distributed = m == "lunatic::distributed";
            // Defining it fails when the host provides it: then it stays.
            let _ = linker.func_new(&m, &name, ty, move |_, _, _| {
                Err(if distributed {
                    api::distributed::not_distributed(&what)
                } else {
                    format_err!("{what} is not implemented by kiln's Wasm host")
                })
            });
        }
    }
    let pre = linker.instantiate_pre(&module)?;
    Ok(Arc::new(GuestModule { pre, image }))
}

/// How `kiln run` starts a guest program.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Arguments after argv[0].
    pub args: Vec<String>,
    /// Extra environment variables (the host's are inherited, as lunatic
    /// does).
    pub envs: Vec<(String, String)>,
    /// Directories preopened for the first process (`.` is always one).
    pub dirs: Vec<String>,
    /// Limits of the first process (`None`: lunatic's defaults).
    pub max_memory: Option<u64>,
    pub max_fuel: Option<u64>,
    /// Deny `lunatic::networking` to every process.
    pub deny_net: bool,
    /// Guest processes alive at once, at most (`None`:
    /// [`process::DEFAULT_PROCESS_LIMIT`]).
    pub max_processes: Option<usize>,
    /// Scheduler threads (`None`: one per core).
    pub schedulers: Option<usize>,
}

/// The config of a program's first process (or of a guest an Erlang
/// process spawns): every permission, `argv = [argv0 | args]`, the host's
/// environment plus `envs`, `.` plus `dirs` preopened, the given limits.
fn first_config(argv0: String, opts: &RunOptions) -> GuestConfig {
    let mut config = GuestConfig::root();
    config.args = std::iter::once(argv0).chain(opts.args.iter().cloned()).collect();
    config.envs = std::env::vars().collect();
    for (k, v) in &opts.envs {
        config.envs.retain(|(key, _)| key != k);
        config.envs.push((k.clone(), v.clone()));
    }
    config.preopen(".");
    for d in &opts.dirs {
        config.preopen(d);
    }
    if let Some(m) = opts.max_memory {
        config.max_memory = m;
    }
    config.max_fuel = opts.max_fuel;
    config.can_use_network = !opts.deny_net;
    config
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Runs the lunatic guest `module` (loaded from `path`): its `_start` is the
/// first process; returns the program's exit status when that process ends.
pub fn run_guest(path: &Path, module: Arc<GuestModule>, opts: &RunOptions) -> Result<i32> {
    if let Some(n) = opts.max_processes {
        process::set_process_limit(n);
    }
    if test_runner::is_test_binary(&module) {
        return test_runner::run_tests(path, module, opts);
    }
    let config = first_config(file_name(path), opts);
    let entry = Entry { module, config: Arc::new(config), function: "_start".into(), params: Vec::new() };
    run_process(GuestProcess::new(entry), opts.schedulers)
}

/// Runs `process` as the main process of a scheduler run; returns its exit
/// status.
fn run_process(process: GuestProcess, schedulers: Option<usize>) -> Result<i32> {
    let sched = match schedulers {
        Some(n) => kiln_runtime::scheduler::Scheduler::with_schedulers(n),
        None => kiln_runtime::scheduler::Scheduler::new(),
    };
    let main =
        kiln_runtime::foreign::new_process(Box::new(process), kiln_runtime::process::signals::default_group_leader());
    let serial = main.shared().serial;
    sched.spawn(main);
    match sched.run(Some(serial)) {
        kiln_runtime::scheduler::Outcome::MainExited(code) => Ok(code),
        kiln_runtime::scheduler::Outcome::Idle => {
            Err(format_err!("every process is waiting for a message that can never come (deadlock)"))
        }
    }
}

/// Compiled modules by file, for `kiln:spawn_wasm`: every Erlang spawn of
/// one file shares one compiled module.
fn module_for_file(path: &Path) -> std::result::Result<Arc<GuestModule>, String> {
    static CACHE: OnceLock<std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, Arc<GuestModule>>>> =
        OnceLock::new();
    let key = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(m) = cache.get(&key) {
        return Ok(m.clone());
    }
    let bytes = std::fs::read(&key).map_err(|e| format!("{}: {e}", path.display()))?;
    let module = compile(&bytes).map_err(|e| format!("{}: {e:#}", path.display()))?;
    cache.insert(key, module.clone());
    Ok(module)
}

/// `kiln:spawn_wasm` (see `kiln_runtime::bifs::wasm_host`): the code of a
/// guest process running `_start` of the file.
fn spawn_for_erlang(spec: &WasmSpawn) -> std::result::Result<Box<dyn kiln_runtime::foreign::ForeignCode>, String> {
    process::check_process_limit()?;
    let module = module_for_file(&spec.path)?;
    let opts = RunOptions {
        args: spec.args.clone(),
        envs: spec.envs.clone(),
        dirs: spec.dirs.clone(),
        max_memory: spec.max_memory,
        max_fuel: spec.max_fuel,
        deny_net: spec.deny_net,
        schedulers: None,
        max_processes: None,
    };
    let config = first_config(file_name(&spec.path), &opts);
    Ok(Box::new(GuestProcess::new(Entry {
        module,
        config: Arc::new(config),
        function: "_start".into(),
        params: Vec::new(),
    })))
}

/// Installs the Wasm host in a compiled Erlang program (its `main` calls
/// this first when the program uses `kiln:spawn_wasm`).
#[no_mangle]
pub extern "C" fn kiln_host_init() {
    kiln_runtime::bifs::wasm_host::set_wasm_spawner(spawn_for_erlang);
}
