//! `kiln`: the command-line compiler.
//!
//! ```text
//! kiln build a.erl [b.erl ...] -o app                  native executable
//! kiln build --target wasm32-wasip1 a.erl -o app.wasm  WASI command
//! kiln build --emit ast|core|ssa|llvm a.erl            print a stage
//! kiln check a.erl ...                                  report diagnostics only
//! kiln run a.erl [args...]                              build (cached) and run
//! kiln run [--dir H[::G]] [--env K=V] [--max-memory B] [--max-fuel U] [--deny-net] app.wasm [args...]
//!                                 run a WASI command or a lunatic guest (kiln-host)
//! kiln build --schedulers N ...                         default scheduler threads
//! ```

mod cache;
mod driver;
mod library;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "kiln", version, long_version = long_version(), about = "Ahead-of-time Erlang compiler: native executables and WebAssembly")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// `kiln --version`: kiln's version, and the LLVM and OTP it builds with.
fn long_version() -> &'static str {
    let otp = match library::otp::Otp::installed() {
        Some(o) => format!("Erlang/OTP {} ({})", o.version, o.root.display()),
        None => "no Erlang/OTP found (set KILN_OTP_ROOT)".into(),
    };
    let text = format!("{}\nLLVM {}\n{otp}", env!("CARGO_PKG_VERSION"), kiln_codegen::llvm_version());
    Box::leak(text.into_boxed_str())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TargetArg {
    #[value(name = "x86_64-unknown-linux-gnu")]
    X86_64,
    #[value(name = "wasm32-wasip1")]
    Wasm32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    Ast,
    Core,
    Ssa,
    Llvm,
}

/// Options shared by every command that reads Erlang source.
#[derive(clap::Args, Clone, Debug)]
pub struct SourceOpts {
    /// Directory searched by `-include` (like erlc's -I).
    #[arg(short = 'I', value_name = "DIR")]
    pub include: Vec<PathBuf>,
    /// Library directory searched by `-include_lib` (ERL_LIBS entries are added).
    #[arg(long = "lib-dir", value_name = "DIR")]
    pub lib_dirs: Vec<PathBuf>,
    /// Define a macro: `-D NAME` or `-D NAME=VALUE`.
    #[arg(short = 'D', value_name = "NAME[=VALUE]")]
    pub defines: Vec<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile Erlang modules into an executable (or print a stage with --emit).
    Build {
        /// The modules; the first one's main/1 (or main/0) is the entry point.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "x86_64-unknown-linux-gnu")]
        target: TargetArg,
        /// Print this stage's text form to stdout instead of building.
        #[arg(long, value_enum)]
        emit: Option<Emit>,
        /// Scheduler threads the program runs by default (default: one per
        /// core; the KILN_SCHEDULERS environment variable overrides this when
        /// the program runs; wasm32 always runs one).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
        schedulers: Option<u32>,
        #[command(flatten)]
        source: SourceOpts,
    },
    /// Parse and lower without generating code, reporting every diagnostic.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        source: SourceOpts,
    },
    /// Build (cached) and run a program; arguments after the file go to main/1.
    ///
    /// A FILE ending in `.wasm` is not compiled: kiln's built-in wasmtime host
    /// runs it, with stdio inherited. A lunatic guest (a Rust program built
    /// with the `lunatic` crate: it imports `lunatic::*`) runs with every
    /// process a Wasm instance on kiln's schedulers, as under the lunatic
    /// runtime; anything else runs as a WASI preview1 command. A trap (of the
    /// first process) exits 134, a module that cannot be loaded exits 1, a
    /// deadlock (every process waiting for ever) exits 1. This also works as
    /// a cargo runner: `runner = "kiln run"` under `[target.wasm32-wasip1]`
    /// in `.cargo/config.toml`.
    Run {
        file: PathBuf,
        /// (.wasm only) Preopen host directory HOST for the guest, as GUEST
        /// (default: HOST itself). Repeatable. A WASI command gets the
        /// current directory as `.` when no --dir is given; a lunatic
        /// guest's first process always gets `.` (as under lunatic).
        #[arg(long = "dir", value_name = "HOST[::GUEST]")]
        dirs: Vec<String>,
        /// (.wasm only) Set an environment variable for the guest. Repeatable.
        /// A WASI command sees only these variables; a lunatic guest sees
        /// the host's environment plus these (as under lunatic).
        #[arg(long = "env", value_name = "K=V", value_parser = parse_env)]
        envs: Vec<(String, String)>,
        /// (lunatic guests) Memory limit of the first process, in bytes
        /// (processes it spawns can never have more). Default: 4 GiB.
        #[arg(long, value_name = "BYTES")]
        max_memory: Option<u64>,
        /// (lunatic guests) Fuel limit of the first process, in lunatic's
        /// units of about 100,000 Wasm instructions; a process that burns it
        /// all fails. Default: unlimited.
        #[arg(long, value_name = "UNITS")]
        max_fuel: Option<u64>,
        /// (lunatic guests) Deny networking (lunatic::networking) to every
        /// process.
        #[arg(long)]
        deny_net: bool,
        /// (lunatic guests) Guest processes alive at once, at most; a spawn
        /// beyond fails with an error for the spawning guest. Default:
        /// 262144 (Erlang's default process limit).
        #[arg(long, value_name = "N")]
        max_processes: Option<usize>,
        #[arg(long, value_enum, default_value = "x86_64-unknown-linux-gnu")]
        target: TargetArg,
        /// Scheduler threads the program runs by default (default: one per
        /// core; the KILN_SCHEDULERS environment variable overrides this when
        /// the program runs; wasm32 always runs one).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
        schedulers: Option<u32>,
        #[command(flatten)]
        source: SourceOpts,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { files, output, target, emit, schedulers, source } => match emit {
            Some(stage) => driver::emit(&files, stage, target, &source),
            None => {
                let output = output.unwrap_or_else(|| default_output(&files[0], target));
                driver::build(&files, &output, target, &source, schedulers)
            }
        },
        Command::Check { files, source } => driver::check(&files, &source),
        Command::Run {
            file,
            dirs,
            envs,
            max_memory,
            max_fuel,
            deny_net,
            max_processes,
            target,
            schedulers,
            source,
            args,
        } => {
            if file.extension().is_some_and(|e| e == "wasm") {
                let opts = kiln_host::lunatic::RunOptions {
                    args,
                    envs,
                    dirs,
                    max_memory,
                    max_fuel,
                    deny_net,
                    max_processes,
                    schedulers: schedulers.map(|n| n as usize),
                };
                return run_wasm(&file, &opts);
            }
            return driver::run(&file, target, &source, schedulers, &args);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report();
            ExitCode::FAILURE
        }
    }
}

fn parse_env(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected K=V, got {s:?}")),
    }
}

/// `kiln run app.wasm ...`: runs a WASI command or a lunatic guest under
/// kiln-host.
fn run_wasm(file: &std::path::Path, opts: &kiln_host::lunatic::RunOptions) -> ExitCode {
    let status = match kiln_host::run(file, opts) {
        Ok(status) => status,
        Err(e) => {
            eprintln!("kiln run: {e}");
            e.exit_status()
        }
    };
    // Like a native exit status, only the low 8 bits reach the parent.
    ExitCode::from((status & 0xff) as u8)
}

fn default_output(first: &std::path::Path, target: TargetArg) -> PathBuf {
    let stem = first.file_stem().map(|s| s.to_os_string()).unwrap_or_else(|| "a.out".into());
    let mut p = PathBuf::from(stem);
    if target == TargetArg::Wasm32 {
        p.set_extension("wasm");
    }
    p
}
