//! `kiln:spawn_wasm/2,3`: an Erlang process spawns a lunatic guest (a
//! WebAssembly program) as a process, and `kiln:process_id/1` /
//! `kiln:pid/1`, which translate between pids and the numeric process ids
//! guests use.
//!
//! The runtime knows nothing of WebAssembly: the Wasm host (`kiln-host`,
//! which brings wasmtime) registers a [`WasmSpawner`] at start-up, and only
//! programs that call `kiln:spawn_wasm` are linked with it (the compiler
//! sees the call). Without it the BIF raises
//! `error:{wasm_host_unavailable, Why}`.
//!
//! ```erlang
//! Pid = kiln:spawn_wasm("guest.wasm", ["arg1"]),
//! {Pid, Ref} = kiln:spawn_wasm("guest.wasm", [], [monitor, link,
//!     {max_memory, 16 bsl 20}, {max_fuel, 1000}, {dir, "data"},
//!     {env, "KEY", "VALUE"}, deny_net]),
//! ```
//!
//! The guest runs its `_start` (a `#[lunatic::main]` function) with
//! `argv = [basename(Path) | Args]`, the host's environment plus the
//! `{env, K, V}` given, and `.` plus the `{dir, D}` given preopened; the
//! options set its limits (see `kiln run --help`). Messages in both
//! directions follow `crate::foreign`: a binary sent to the guest arrives as
//! its data; the guest's messages arrive as `{wasm, Pid, Tag, Binary}`.
//! Links and monitors work as between Erlang processes; a guest that traps
//! exits with `{wasm_trap, Message}`.

use std::sync::OnceLock;

use crate::abi::{tag, ProcessHeader, Term};
use crate::foreign::ForeignCode;
use crate::process::Process;
use crate::term::{bif_return, list_to_vec, Error};

/// What an Erlang process asks the Wasm host to start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WasmSpawn {
    pub path: std::path::PathBuf,
    pub args: Vec<String>,
    pub envs: Vec<(String, String)>,
    pub dirs: Vec<String>,
    pub max_memory: Option<u64>,
    pub max_fuel: Option<u64>,
    pub deny_net: bool,
}

/// Builds the code of a guest process (loading and compiling the module, or
/// reusing it); the error is shown to the Erlang caller.
pub type WasmSpawner = fn(&WasmSpawn) -> Result<Box<dyn ForeignCode>, String>;

static SPAWNER: OnceLock<WasmSpawner> = OnceLock::new();

/// Installs the Wasm host (once per program; later calls are ignored).
pub fn set_wasm_spawner(f: WasmSpawner) {
    let _ = SPAWNER.set(f);
}

fn text(t: Term) -> Option<String> {
    String::from_utf8(crate::bifs::file::filename_bytes(t)?).ok()
}

fn small_u64(t: Term) -> Option<u64> {
    crate::term::to_i64(t).and_then(|v| u64::try_from(v).ok())
}

/// Reads the option list; `Err` on anything unknown or malformed.
fn options(opts: Term, spec: &mut WasmSpawn) -> Result<(bool, bool), Error> {
    let (mut link, mut monitor) = (false, false);
    for o in list_to_vec(opts).ok_or(Error::Badarg)? {
        let tuple = crate::term::tuple_elements(o);
        match (o, tuple.as_deref()) {
            (o, _) if o == crate::atom::intern("link") => link = true,
            (o, _) if o == crate::atom::intern("monitor") => monitor = true,
            (o, _) if o == crate::atom::intern("deny_net") => spec.deny_net = true,
            (_, Some([k, v])) if *k == crate::atom::intern("max_memory") => {
                spec.max_memory = Some(small_u64(*v).ok_or(Error::Badarg)?)
            }
            (_, Some([k, v])) if *k == crate::atom::intern("max_fuel") => {
                spec.max_fuel = Some(small_u64(*v).ok_or(Error::Badarg)?)
            }
            (_, Some([k, v])) if *k == crate::atom::intern("dir") => spec.dirs.push(text(*v).ok_or(Error::Badarg)?),
            (_, Some([k, n, v])) if *k == crate::atom::intern("env") => {
                spec.envs.push((text(*n).ok_or(Error::Badarg)?, text(*v).ok_or(Error::Badarg)?))
            }
            _ => return Err(Error::Badarg),
        }
    }
    Ok((link, monitor))
}

fn spawn_wasm(proc: &mut Process, path: Term, args: Term, opts: Term) -> Result<Term, Error> {
    let mut spec = WasmSpawn { path: text(path).ok_or(Error::Badarg)?.into(), ..Default::default() };
    spec.args =
        list_to_vec(args).ok_or(Error::Badarg)?.into_iter().map(text).collect::<Option<_>>().ok_or(Error::Badarg)?;
    let (link, monitor) = options(opts, &mut spec)?;
    let code = match SPAWNER.get() {
        Some(spawner) => spawner(&spec),
        None => Err("this program was built without kiln's Wasm host".to_string()),
    };
    let code = match code {
        Ok(code) => code,
        Err(why) => {
            // `{wasm_host_unavailable | wasm_load_failed, <<Why>>}`.
            let kind = if SPAWNER.get().is_some() { "wasm_load_failed" } else { "wasm_host_unavailable" };
            let why = crate::binary::make_binary(proc, why.as_bytes());
            let reason = proc.tuple(&[crate::atom::intern(kind), why]);
            proc.raise_error(reason);
            return Ok(tag::NON_VALUE);
        }
    };
    let child = crate::foreign::new_process(code, proc.shared.sig.group_leader());
    Ok(crate::proc_bifs::start_child(proc, child, link, monitor))
}

/// `kiln:spawn_wasm(Path, Args)`.
#[no_mangle]
pub extern "C" fn kiln_bif_kiln_spawn_wasm_2(p: *mut ProcessHeader, path: Term, args: Term) -> Term {
    bif_return(p, |proc| spawn_wasm(proc, path, args, tag::NIL))
}

/// `kiln:spawn_wasm(Path, Args, Options)`.
#[no_mangle]
pub extern "C" fn kiln_bif_kiln_spawn_wasm_3(p: *mut ProcessHeader, path: Term, args: Term, opts: Term) -> Term {
    bif_return(p, |proc| spawn_wasm(proc, path, args, opts))
}

/// `kiln:process_id(Pid)`: the number a guest knows the process by.
#[no_mangle]
pub extern "C" fn kiln_bif_kiln_process_id_1(p: *mut ProcessHeader, pid: Term) -> Term {
    bif_return(p, |proc| {
        if !tag::is_pid(pid) {
            return Err(Error::Badarg);
        }
        Ok(crate::term::make_int(proc, tag::pid_serial(pid) as i64))
    })
}

/// `kiln:pid(Id)`: the pid of the process a guest knows as `Id`.
#[no_mangle]
pub extern "C" fn kiln_bif_kiln_pid_1(p: *mut ProcessHeader, id: Term) -> Term {
    bif_return(p, |_| match small_u64(id) {
        Some(n) if n > 0 && tag::small_fits(n as i64) => Ok(tag::pid(n)),
        _ => Err(Error::Badarg),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atom::known;

    #[test]
    fn options_are_read_and_unknown_ones_refused() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let _ = p;
        let dir = proc.list(&[tag::small('d' as i64)]);
        let t = proc.tuple(&[crate::atom::intern("dir"), dir]);
        let mem = proc.tuple(&[crate::atom::intern("max_memory"), tag::small(1 << 20)]);
        let opts = proc.list(&[crate::atom::intern("link"), t, mem, crate::atom::intern("deny_net")]);
        let mut spec = WasmSpawn::default();
        assert_eq!(options(opts, &mut spec), Ok((true, false)));
        assert_eq!(spec.dirs, vec!["d".to_string()]);
        assert_eq!(spec.max_memory, Some(1 << 20));
        assert!(spec.deny_net);
        let bad = proc.list(&[known::NORMAL]);
        assert_eq!(options(bad, &mut WasmSpawn::default()), Err(Error::Badarg));
    }
}
