//! The library: every module a program may call without giving it to
//! `kiln build`.
//!
//! Two sources, in this order:
//! 1. kiln's own modules (`stdlib/*.erl`, embedded in the compiler): those
//!    OTP implements inside the VM (`erlang`, ...) and, for now, the ones
//!    kiln still has its own version of;
//! 2. OTP's modules, compiled from the sources of the installed OTP
//!    ([`otp`]), with their BIF stubs replaced by the BIFs ([`bif_stubs`]).
//!
//! Each module is compiled once per target into the cache ([`cache`]); a
//! program links only the library modules it can reach from its own
//! functions ([`reach`], over the modules' [`summary`]s), so `hello` does
//! not grow with the library.

mod bif_stubs;
mod cache;
pub mod otp;
mod reach;
pub mod summary;

use crate::driver::Failure;
use kiln_codegen::Target;
use kiln_frontend::preprocessor::PreprocessOptions;
use kiln_ir::ssa;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use summary::{Mfa, Summary};

include!(concat!(env!("OUT_DIR"), "/stdlib_sources.rs"));

pub use cache::LibModule;

/// Where a library module comes from.
#[derive(Clone)]
pub enum Origin {
    /// kiln's own `stdlib/NAME.erl`.
    Kiln(&'static str),
    /// OTP's source.
    Otp(otp::OtpModule),
    /// Source kiln generates from the installed OTP (see [`boot_apps`]).
    Generated(Arc<str>),
}

/// The library module `name`, if there is one.
pub fn find(name: &str) -> Option<Origin> {
    if let Some((_, src)) = STDLIB_SOURCES.iter().find(|(n, _)| *n == name) {
        return Some(Origin::Kiln(src));
    }
    if name == BOOT_APPS {
        static SOURCE: std::sync::OnceLock<Arc<str>> = std::sync::OnceLock::new();
        return Some(Origin::Generated(SOURCE.get_or_init(|| Arc::from(boot_apps())).clone()));
    }
    otp::Otp::installed().and_then(|o| o.module(name)).map(|m| Origin::Otp(m.clone()))
}

/// What a program links from the library.
pub struct Linked {
    /// The library modules it can reach, compiled for the target.
    pub modules: Vec<LibModule>,
    /// Library modules the program calls that do not compile.
    pub warnings: Vec<String>,
    /// Functions called that nothing defines (not a module of the program,
    /// a library module or a BIF), for `undef` stubs; `true` when the
    /// program's own modules call it (worth a warning).
    pub undefined: BTreeMap<Mfa, bool>,
}

/// The library modules a program made of `user` modules can reach (see
/// [`reach`]), each compiled for `target` (from the cache when possible).
/// A library module the program calls that does not compile is reported
/// in the warnings; calls into it fail at run time with `undef`.
pub fn link_set(user: &[ssa::Module], target: Target) -> Result<Linked, Failure> {
    let defined: BTreeSet<&str> = user.iter().map(|m| m.name.as_str()).collect();
    let mut failure: Option<Failure> = None;
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    let load = |name: &str| -> Option<Arc<Summary>> {
        if defined.contains(name) || failure.is_some() {
            return None;
        }
        let origin = find(name)?;
        match cache::summary(name, &origin) {
            // Generated modules are data (application specifications that
            // name every module of kernel): what they mention is not code
            // that may call those modules.
            Ok(Ok(mut s)) if matches!(origin, Origin::Generated(_)) => {
                s.functions.iter_mut().for_each(|f| f.mentions.clear());
                Some(Arc::new(s))
            }
            Ok(Ok(s)) => Some(Arc::new(s)),
            Ok(Err(why)) => {
                errors.insert(name.to_string(), why);
                None
            }
            Err(f) => {
                failure = Some(f);
                None
            }
        }
    };
    let mut walk = reach::Walk::new(load, may_be_used_by_name);
    let user: Vec<(String, Summary)> = user.iter().map(|m| (m.name.clone(), summary::of(m))).collect();
    let direct: BTreeSet<String> = user.iter().flat_map(|(_, s)| s.calls()).map(|(module, _, _)| module).collect();
    for (name, s) in &user {
        walk.root(name, s.clone());
    }
    // The main process starts in kiln_escript:main/1,2 (runtime/src/start.rs).
    for arity in [1, 2] {
        walk.start("kiln_escript", "main", arity, "the main process starts there");
    }
    // The runtime starts the I/O servers there (runtime/src/io_server.rs).
    walk.start("kiln_user_io", "server", 1, "the runtime starts the user I/O server");
    walk.start("kiln_user_io", "drain", 0, "the runtime drains the I/O servers at exit");
    let reached = walk.run();
    if let Some(f) = failure {
        return Err(f);
    }
    if std::env::var_os("KILN_EXPLAIN_LINK").is_some() {
        for (m, (why, _)) in &reached {
            eprintln!("link {m}: {why}");
        }
    }
    let mut warnings: Vec<String> =
        errors.iter().filter(|(name, _)| direct.contains(*name)).map(|(name, why)| uncompiled(name, why)).collect();
    let wanted: Vec<(String, Origin, Arc<Summary>)> = reached
        .into_iter()
        .filter(|(m, _)| !defined.contains(m.as_str()))
        .filter_map(|(m, (_, s))| find(&m).map(|o| (m, o, s)))
        .collect();
    let mut modules = Vec::new();
    for ((name, _, summary), object) in wanted.iter().zip(compile_all(&wanted, target)?) {
        match object {
            Ok(object) => modules.push(LibModule { name: name.clone(), object, summary: summary.clone() }),
            Err(why) => warnings.push(uncompiled(name, &why)),
        }
    }
    let undefined = undefined_calls(&user, &modules);
    Ok(Linked { modules, warnings, undefined })
}

fn uncompiled(name: &str, why: &str) -> String {
    format!("library module `{name}` could not be compiled, so calls to it fail with `undef`:\n{why}")
}

/// The module holding the application specifications the boot needs.
const BOOT_APPS: &str = "kiln_boot_apps";

/// `kiln_boot_apps:spec(App)`: the `{application, App, Keys}` term of
/// kernel's and stdlib's `.app` files as the installed OTP has them, so a
/// program can start OTP's application controller with kernel loaded
/// without OTP at run time (`stdlib/kiln_escript.erl`). An `.app` file is
/// one Erlang term, so it becomes a function clause as it is.
fn boot_apps() -> String {
    let mut src = format!("-module({BOOT_APPS}).\n-export([spec/1]).\n");
    let otp = otp::Otp::installed();
    for app in ["kernel", "stdlib"] {
        let text = otp.and_then(|o| o.app_file(app)).and_then(|p| std::fs::read_to_string(p).ok());
        let Some(term) = text.as_deref().map(str::trim).and_then(|t| t.strip_suffix('.')) else { continue };
        src.push_str(&format!("spec({app}) ->\n{term};\n"));
    }
    src.push_str("spec(_) -> undefined.\n");
    src
}

/// Compiles (or finds in the cache) the object of every module of `wanted`,
/// on as many threads as there are cores.
fn compile_all(
    wanted: &[(String, Origin, Arc<Summary>)],
    target: Target,
) -> Result<Vec<Result<std::path::PathBuf, String>>, Failure> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(wanted.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    type Slot = std::sync::Mutex<Option<Result<Result<std::path::PathBuf, String>, Failure>>>;
    let results: Vec<Slot> = wanted.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((name, origin, _)) = wanted.get(i) else { break };
                let r = cache::object(name, origin, target);
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err(Failure::Message("a library compile thread died".into())))
        })
        .collect()
}

/// Whether a module that reachable code mentions by name may be called by
/// name: kiln's own, and the core library's (stdlib and kernel) except the
/// interactive tools (an atom `c` or `i` in a program is almost never the
/// shell's module). Other applications' modules are linked when called.
fn may_be_used_by_name(name: &str) -> bool {
    const SHELL_TOOLS: &[&str] = &["c", "i", "shell", "shell_default", "edlin", "edlin_expand", "user_default"];
    if name == BOOT_APPS || STDLIB_SOURCES.iter().any(|(n, _)| *n == name) {
        return true;
    }
    let app = otp::Otp::installed().and_then(|o| o.module(name)).map(|m| m.app.as_str());
    matches!(app, Some("stdlib" | "kernel")) && !SHELL_TOOLS.contains(&name)
}

/// See [`Linked::undefined`].
fn undefined_calls(user: &[(String, Summary)], lib: &[LibModule]) -> BTreeMap<Mfa, bool> {
    let mut defined: BTreeSet<Mfa> = BTreeSet::new();
    for (name, s) in user {
        defined.extend(s.exports(name));
    }
    for m in lib {
        defined.extend(m.summary.exports(&m.name));
    }
    let is_missing = |c: &Mfa| !defined.contains(c) && kiln_abi::bif_table::lookup(&c.0, &c.1, c.2).is_none();
    let mut out = BTreeMap::new();
    for m in lib {
        for c in m.summary.calls().into_iter().filter(|c| is_missing(c)) {
            out.insert(c, false);
        }
    }
    for (_, s) in user {
        for c in s.calls().into_iter().filter(|c| is_missing(c)) {
            out.insert(c, true);
        }
    }
    out
}

/// Preprocessor options for an OTP module: its own directory, its
/// application's `include/` and kernel's and stdlib's for `-include`,
/// OTP's `lib/` for `-include_lib`.
fn otp_options(m: &otp::OtpModule) -> PreprocessOptions {
    let mut include_dirs = Vec::new();
    if let Some(dir) = m.source.parent() {
        include_dirs.push(dir.to_path_buf());
    }
    include_dirs.push(m.include.clone());
    let otp = otp::Otp::installed();
    // OTP's makefiles pass kernel's and stdlib's include directories to
    // every application (`logger.hrl`, `file.hrl`, `erl_compile.hrl`).
    include_dirs.extend(otp.into_iter().flat_map(|o| o.shared_includes.iter().cloned()));
    let lib_dirs = otp.map(|o| vec![o.lib_dir.clone()]).unwrap_or_default();
    PreprocessOptions { include_dirs, lib_dirs, defines: Vec::new() }
}

/// Source -> SSA for a library module; a failure is rendered as text.
fn lower(name: &str, origin: &Origin) -> Result<ssa::Module, String> {
    let (sources, ast) = match origin {
        Origin::Kiln(text) => kiln_frontend::parse_source(&format!("stdlib/{name}.erl"), text),
        Origin::Generated(text) => kiln_frontend::parse_source(&format!("{name}.erl"), text),
        Origin::Otp(m) => kiln_frontend::parse_file(&m.source, &otp_options(m)),
    };
    let render = |diags: Vec<kiln_frontend::diagnostic::Diagnostic>| {
        diags.iter().map(|d| d.render(&sources)).collect::<String>()
    };
    let mut ast = ast.map_err(render)?;
    if matches!(origin, Origin::Otp(_)) {
        bif_stubs::replace_bif_stubs(&mut ast);
    }
    let core = kiln_ir::core::lower::lower_module(&ast, &sources).map_err(render)?;
    let mut ssa = kiln_ir::ssa::lower_module(&core).map_err(|d| render(vec![d]))?;
    // Stack traces name OTP's files as OTP's own build does: `gen.erl`.
    if let Origin::Otp(m) = origin {
        if let Some(base) = m.source.file_name() {
            ssa.file = base.to_string_lossy().into_owned();
        }
    }
    Ok(ssa)
}
