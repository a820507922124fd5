//! Program start-up and exit: [`kiln_main`].
//!
//! The generated program's C `main` calls [`kiln_main`] with the module
//! descriptors the code generator emitted. Start-up fills every module's
//! atom slots, decodes its literals into the literal area, and registers its
//! exports; then it spawns the main process running `Entry:main/1` with the
//! command-line arguments as strings (or `Entry:main/0`) and runs the
//! scheduler until that process ends.
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
        crate::apply::register_exports(module, m.exports, m.num_exports).map_err(|e| format!("module {name}: {e}"))
    }
}

/// Spawns the main process for `entry` (`main/1` with `args` as strings,
/// else `main/0`) and runs the scheduler until it ends; returns the exit
/// status.
pub fn run_main(entry: Term, args: &[String]) -> i32 {
    let main_atom = crate::atom::intern("main");
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
        proc.header.args[0] = list;
        proc.header.nlive = 1;
        proc.header.resume = Some(code);
        proc
    } else if let Some(code) = crate::apply::lookup(entry, main_atom, 0) {
        let mut proc = Process::new(0);
        proc.header.resume = Some(code);
        proc
    } else {
        let module = crate::atom::try_name(entry).unwrap_or("?");
        let text = format!("escript: exception error: undefined function {module}:main/1\n");
        crate::io_bifs::write_stderr(text.as_bytes());
        return 127;
    };
    proc.header.reds = crate::abi::REDUCTIONS_PER_SLICE;
    let serial = proc.shared().serial;
    let sched = Scheduler::new();
    sched.spawn(proc);
    let code = match sched.run(Some(serial)) {
        Outcome::MainExited(code) => code,
        Outcome::Idle => {
            // Every process waits in `receive` with no timer and nothing can
            // send (no I/O sources exist yet): the program can never
            // progress. escript would hang; failing fast is more useful.
            crate::io_bifs::write_stderr(b"kiln: deadlock: every process is waiting in receive and no timer is pending\n");
            1
        }
    };
    flush_output();
    code
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
    run_main(entry, &args)
}

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
