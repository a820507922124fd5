//! Program start-up and exit: [`kiln_main`].
//!
//! The generated program's C `main` calls [`kiln_main`] with the module
//! descriptors the code generator emitted. Start-up fills every module's
//! atom slots, decodes its literals into the literal area, and registers its
//! exports; then it spawns the main process running `Entry:main/1` with the
//! command-line arguments as strings (or `Entry:main/0`) and runs the
//! schedulers (one thread per core, `KILN_SCHEDULERS=N` or the build's
//! `--schedulers N`; see [`crate::scheduler::configured_count`]) until that
//! process ends. The other scheduler threads stop after their current time
//! slice and are joined before `kiln_main` returns; processes still alive
//! then are abandoned, as escript's `halt` after `main` does.
//!
//! `KILN_STATS=1` prints the peak resident set size (Linux) and the
//! scheduler count to stderr at exit.
//!
//! Exit behaves like `escript`: `main` returning exits 0, `halt(N)` exits N
//! (immediately, from the BIF), an uncaught exception in `main` prints a
//! report to stderr and exits 127. Standard output is flushed on every exit
//! path.
//!
//! This crate must never define a `main` symbol: it is also linked into the
//! host compiler as an rlib.

use std::io::Write as _;

use crate::abi::{ModuleInfo, Term};
use crate::process::Process;
use crate::scheduler::{Outcome, Scheduler};

/// The bytes `p[0..len]`, or an empty slice for a null pointer.
///
/// # Safety
/// A non-null `p` must be valid for reading `len` bytes for `'a`.
pub(crate) unsafe fn bytes<'a>(p: *const u8, len: usize) -> &'a [u8] {
    if p.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: per the caller.
    unsafe { std::slice::from_raw_parts(p, len) }
}

/// Reads descriptor-owned UTF-8 text.
///
/// # Safety
/// As [`bytes`].
unsafe fn text<'a>(p: *const u8, len: usize, what: &str) -> Result<&'a str, String> {
    // SAFETY: per the caller.
    std::str::from_utf8(unsafe { bytes(p, len) }).map_err(|_| format!("{what} is not UTF-8"))
}

/// Flushes standard output (before any exit): the runtime's stdout buffer
/// (see `io_bifs`) and Rust's own.
pub fn flush_output() {
    crate::io_bifs::flush_stdout();
    let _ = std::io::stdout().flush();
}

/// Loads one module: atoms into their slots, literals decoded into the
/// literal area, exports registered.
///
/// # Safety
/// `m` must be a descriptor emitted by the code generator: its arrays have
/// the stated lengths and its slots are writable, and no process runs yet.
pub unsafe fn load_module(m: &ModuleInfo) -> Result<(), String> {
    // SAFETY: per the caller, the descriptor's pointers are valid.
    unsafe {
        let name = text(m.name, m.name_len, "a module name")?;
        let module = crate::atom::try_intern(name).map_err(|e| format!("module {name}: {e}"))?;
        if !m.atoms.is_null() {
            for a in std::slice::from_raw_parts(m.atoms, m.num_atoms) {
                let atom_name = text(a.name, a.len, "an atom")?;
                let atom = crate::atom::try_intern(atom_name).map_err(|e| format!("module {name}: {e}"))?;
                if !a.slot.is_null() {
                    a.slot.write(atom);
                }
            }
        }
        if !m.literals.is_null() {
            for (i, l) in std::slice::from_raw_parts(m.literals, m.num_literals).iter().enumerate() {
                let t = crate::etf::decode_literal(bytes(l.etf, l.len))
                    .map_err(|e| format!("module {name}: literal {i}: {e}"))?;
                if !l.slot.is_null() {
                    l.slot.write(t);
                }
            }
        }
        crate::exception::register_module(m);
        crate::apply::register_exports(module, m.exports, m.num_exports).map_err(|e| format!("module {name}: {e}"))
    }
}

/// Makes `proc` start by calling `code` with `args`.
fn start_in(proc: &mut Process, code: crate::abi::ErlFn, args: &[Term]) {
    proc.header.args[..args.len()].copy_from_slice(args);
    proc.header.nlive = args.len() as u64;
    proc.header.resume = Some(code);
}

/// Spawns the main process for `entry` (`main/1` with `args` as strings,
/// else `main/0`) and runs the scheduler until it ends; returns the exit
/// status.
pub fn run_main(entry: Term, args: &[String]) -> i32 {
    crate::statistics::start();
    let main_atom = crate::atom::intern("main");
    // `kiln_escript:main(Entry, Args)` / `main(Entry)` (stdlib/) runs main
    // and reports an uncaught exception as escript does; without it (a
    // program linked without the library), main runs directly and
    // `process::exit::finish` reports the exception more briefly.
    let wrapper = crate::atom::intern("kiln_escript");
    let mut proc = if let Some(code) = crate::apply::lookup(entry, main_atom, 1) {
        let words: usize = args.iter().map(|a| 2 + 2 * a.chars().count()).sum();
        let mut proc = Process::new(words * 2);
        let strings: Vec<Term> = args
            .iter()
            .map(|a| {
                let chars: Vec<Term> = a.chars().map(|c| crate::abi::tag::small(i64::from(u32::from(c)))).collect();
                proc.list(&chars)
            })
            .collect();
        let list = proc.list(&strings);
        match crate::apply::lookup(wrapper, main_atom, 2) {
            Some(run) => start_in(&mut proc, run, &[entry, list]),
            None => start_in(&mut proc, code, &[list]),
        }
        proc
    } else if let Some(code) = crate::apply::lookup(entry, main_atom, 0) {
        let mut proc = Process::new(0);
        match crate::apply::lookup(wrapper, main_atom, 1) {
            Some(run) => start_in(&mut proc, run, &[entry]),
            None => start_in(&mut proc, code, &[]),
        }
        proc
    } else {
        let module = crate::atom::try_name(entry).unwrap_or("?");
        let text = format!("escript: exception error: undefined function {module}:main/1\n");
        crate::io_bifs::write_stderr(text.as_bytes());
        return 127;
    };
    proc.header.reds = crate::abi::REDUCTIONS_PER_SLICE;
    let serial = proc.shared().serial;
    let sched = Scheduler::with_schedulers(crate::scheduler::configured_count());
    // The `user` and `standard_error` I/O servers; `user` leads main.
    crate::io_server::start(&sched, &mut proc);
    sched.spawn(proc);
    let code = match sched.run(Some(serial)) {
        Outcome::MainExited(code) => {
            crate::io_server::drain(&sched);
            code
        }
        Outcome::Idle => {
            // Every process waits in `receive` with no timer and nothing can
            // send (no I/O sources exist yet): the program can never
            // progress. escript would hang; failing fast is more useful.
            crate::io_bifs::write_stderr(
                b"kiln: deadlock: every process is waiting in receive and no timer is pending\n",
            );
            1
        }
    };
    flush_output();
    if std::env::var_os("KILN_STATS").is_some_and(|v| v == "1") {
        let text = format!(
            "kiln: schedulers {} peak_rss_kb {} malloc_in_use_kb {}\n",
            sched.schedulers(),
            peak_rss_kb().unwrap_or(0),
            malloc_in_use().unwrap_or(0) / 1024
        );
        crate::io_bifs::write_stderr(text.as_bytes());
    }
    code
}

/// Bytes the allocator has handed out and not taken back (glibc only).
fn malloc_in_use() -> Option<usize> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        #[repr(C)]
        struct MallInfo2 {
            arena: usize,
            ordblks: usize,
            smblks: usize,
            hblks: usize,
            hblkhd: usize,
            usmblks: usize,
            fsmblks: usize,
            uordblks: usize,
            fordblks: usize,
            keepcost: usize,
        }
        extern "C" {
            fn mallinfo2() -> MallInfo2;
        }
        // SAFETY: glibc's `mallinfo2` has no preconditions.
        let m = unsafe { mallinfo2() };
        Some(m.uordblks + m.hblkhd)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}

/// The peak resident set size in KiB (`VmHWM` of `/proc/self/status`).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The program entry point, called by the generated C `main`.
///
/// # Safety
/// `argv` must hold `argc` NUL-terminated strings; `modules` must hold
/// `num_modules` descriptors emitted by the code generator; `entry` must
/// point to `entry_len` bytes (the entry module's name).
#[no_mangle]
pub unsafe extern "C" fn kiln_main(
    argc: i32,
    argv: *const *const u8,
    modules: *const *const ModuleInfo,
    num_modules: usize,
    entry: *const u8,
    entry_len: usize,
) -> i32 {
    // SAFETY: per the caller.
    let loaded = unsafe { load_all(modules, num_modules) };
    if let Err(msg) = loaded {
        eprintln!("kiln: cannot start: {msg}");
        return 1;
    }
    // SAFETY: per the caller.
    let entry = match unsafe { text(entry, entry_len, "the entry module") }.map(crate::atom::try_intern) {
        Ok(Ok(t)) => t,
        _ => {
            eprintln!("kiln: cannot start: bad entry module name");
            return 1;
        }
    };
    // SAFETY: per the caller.
    let args = unsafe { program_args(argc, argv) };
    let _ = PROGRAM_ARGS.set(args.clone());
    run_main(entry, &args)
}

/// The program's arguments (what `main/1` receives), for
/// `init:get_plain_arguments/0`.
pub static PROGRAM_ARGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// # Safety
/// As [`kiln_main`]'s `modules`.
unsafe fn load_all(modules: *const *const ModuleInfo, n: usize) -> Result<(), String> {
    if modules.is_null() || n == 0 {
        return Ok(());
    }
    // SAFETY: per the caller, `n` descriptor pointers.
    for &m in unsafe { std::slice::from_raw_parts(modules, n) } {
        // SAFETY: a non-null descriptor pointer from the code generator.
        if let Some(m) = unsafe { m.as_ref() } {
            // SAFETY: as above.
            unsafe { load_module(m)? };
        }
    }
    Ok(())
}

/// `argv[1..argc]` as strings (invalid UTF-8 replaced).
///
/// # Safety
/// As [`kiln_main`]'s `argc`/`argv`.
unsafe fn program_args(argc: i32, argv: *const *const u8) -> Vec<String> {
    let n = usize::try_from(argc).unwrap_or(0);
    if argv.is_null() || n < 2 {
        return Vec::new();
    }
    // SAFETY: per the caller, `argv` holds `argc` pointers.
    let ptrs = unsafe { std::slice::from_raw_parts(argv, n) };
    ptrs[1..]
        .iter()
        .filter(|p| !p.is_null())
        // SAFETY: each non-null entry is a NUL-terminated string.
        .map(|&p| unsafe { std::ffi::CStr::from_ptr(p as *const std::ffi::c_char) }.to_string_lossy().into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{tag, AtomEntry, ExportEntry, LiteralEntry, ProcessHeader};
    use std::sync::atomic::{AtomicU64, Ordering};

    static SEEN_ARGS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    static LITERAL: AtomicU64 = AtomicU64::new(0);

    /// Returns `v` into the top frame (the base frame: the process ends).
    fn ret(p: *mut ProcessHeader, v: Term) -> u64 {
        // SAFETY: `p` is the running process; its top frame's code is valid.
        unsafe {
            let proc = Process::from_header(p);
            let f = proc.stack.top_code(&proc.header).expect("base frame");
            f(p, v, tag::NIL, tag::NIL, tag::NIL)
        }
    }

    unsafe extern "C" fn main_1(p: *mut ProcessHeader, args: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        let strings = crate::term::list_to_vec(args).unwrap_or_default();
        *SEEN_ARGS.lock().unwrap() = strings.into_iter().filter_map(crate::term::list_to_string).collect();
        ret(p, tag::NIL)
    }

    unsafe extern "C" fn main_0_crash(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        // SAFETY: `p` is the running process.
        unsafe {
            crate::exception::kiln_raise(p, crate::atom::known::ERROR, crate::atom::intern("boom"));
            let none = crate::abi::trace::NO_LOC;
            crate::exception::kiln_unwind(p, std::ptr::null(), none, crate::abi::trace::NO_BIF)(p, 0, 0, 0, 0)
        }
    }

    /// A descriptor as the code generator would emit it, leaked to 'static.
    fn module(name: &'static str, exports: Vec<(&'static str, u32, crate::abi::ErlFn)>) -> &'static ModuleInfo {
        let slot = |t| Box::leak(Box::new(t)) as *mut Term;
        let atoms: Vec<AtomEntry> = [name, "main", "hello"]
            .iter()
            .map(|a| AtomEntry { name: a.as_ptr(), len: a.len(), slot: slot(tag::NIL) })
            .collect();
        // {hello, "world"}
        let etf: &'static [u8] =
            &[131, 104, 2, 119, 5, b'h', b'e', b'l', b'l', b'o', 107, 0, 5, b'w', b'o', b'r', b'l', b'd'];
        let lit_slot = slot(tag::NIL);
        let literals = vec![LiteralEntry { etf: etf.as_ptr(), len: etf.len(), slot: lit_slot }];
        let exports: Vec<ExportEntry> = exports
            .into_iter()
            .map(|(n, arity, code)| ExportEntry { name: n.as_ptr(), len: n.len(), arity, code })
            .collect();
        let m = ModuleInfo {
            name: name.as_ptr(),
            name_len: name.len(),
            num_atoms: atoms.len(),
            atoms: Box::leak(atoms.into_boxed_slice()).as_ptr(),
            num_literals: 1,
            literals: Box::leak(literals.into_boxed_slice()).as_mut_ptr(),
            num_exports: exports.len(),
            exports: Box::leak(exports.into_boxed_slice()).as_ptr(),
            funs: std::ptr::null(),
            num_funs: 0,
            file: std::ptr::null(),
            file_len: 0,
            funcs: std::ptr::null(),
            num_funcs: 0,
            sites: std::ptr::null(),
            num_sites: 0,
        };
        LITERAL.store(lit_slot as u64, Ordering::SeqCst);
        Box::leak(Box::new(m))
    }

    #[test]
    fn kiln_main_loads_modules_and_runs_main_1() {
        let m = module("kiln_start_test_a", vec![("main", 1, main_1)]);
        let mods = [m as *const ModuleInfo];
        let argv_owned: Vec<std::ffi::CString> =
            ["prog", "a", "bé"].iter().map(|s| std::ffi::CString::new(*s).unwrap()).collect();
        let argv: Vec<*const u8> = argv_owned.iter().map(|c| c.as_ptr() as *const u8).collect();
        let entry = "kiln_start_test_a";
        // SAFETY: every pointer is valid for the call, as generated code's.
        let code = unsafe { kiln_main(3, argv.as_ptr(), mods.as_ptr(), 1, entry.as_ptr(), entry.len()) };
        assert_eq!(code, 0);
        assert_eq!(*SEEN_ARGS.lock().unwrap(), vec!["a".to_string(), "bé".to_string()]);
        // SAFETY: the slot was filled at load time.
        let lit = unsafe { *(LITERAL.load(Ordering::SeqCst) as *const Term) };
        assert_eq!(crate::process::exit::term_to_string(lit), "{hello,\"world\"}");
        // SAFETY: the first atom entry's slot was filled at load time.
        let own = unsafe { *(*m.atoms).slot };
        assert_eq!(own, crate::atom::intern("kiln_start_test_a"));
    }

    #[test]
    fn uncaught_error_in_main_0_exits_127() {
        let entry = crate::atom::intern("kiln_start_test_b");
        let m = module("kiln_start_test_b", vec![("main", 0, main_0_crash)]);
        // SAFETY: a descriptor built like the code generator's.
        unsafe { load_module(m).unwrap() };
        assert_eq!(run_main(entry, &[]), 127);
        assert_eq!(run_main(crate::atom::intern("kiln_start_test_none"), &[]), 127);
    }

    #[test]
    fn bad_literals_stop_start_up() {
        let m = module("kiln_start_test_c", vec![]);
        static TRUNCATED: [u8; 2] = [131, 104];
        // SAFETY: the literal entry is ours (leaked, unshared); point it at
        // malformed bytes.
        unsafe {
            let lit = m.literals as *mut LiteralEntry;
            (*lit).etf = TRUNCATED.as_ptr();
            (*lit).len = 2;
            assert!(load_module(m).unwrap_err().contains("truncated"));
        }
    }
}
