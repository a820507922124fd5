//! Exceptions: raising, unwinding to a handler, and reading the exception.
//!
//! There is no native unwinding (see `shared/DESIGN.md`). Raising records
//! the exception in the process and returns `NON_VALUE`; compiled code then
//! calls [`kiln_unwind`], which pops Erlang stack frames down to the nearest
//! `TRY`/`CATCH` frame and returns its handler for the code to tail-call.
//! The handler reads the exception with [`kiln_exception_class`] & co. or
//! [`kiln_catch_value`]. With no handler left, [`kiln_unwind`] returns
//! [`kiln_process_died`], which ends the process with the exception.
//!
//! # Stack traces
//!
//! OTP's stack trace is a list of `{M, F, Arity | Args, Location}` entries,
//! innermost first. Two halves of it are known at two different times:
//!
//! - Where the code raised (the raising function and line, or the BIF that
//!   failed with its arguments) is only known to compiled code: a BIF does
//!   not know who called it. Compiled code passes it to [`kiln_unwind`]
//!   (`module`, `loc`, `bif`), on the raising path only.
//! - The callers are the continuation frames on the Erlang stack. Each
//!   non-tail call site's continuation is listed in its module's
//!   `ModuleInfo::sites` with its function and line; [`register_module`]
//!   collects them at start-up into one map from code address to site.
//!
//! So a raise records an *open* trace (see [`fresh_trace`]): a list of the
//! entries known so far whose tail is `NON_VALUE` instead of `[]` (just
//! `NON_VALUE` when none is known; `undef` knows `{M, F, Args, []}`).
//! [`kiln_unwind`] closes it before popping anything: the entries for the
//! raise location, then one per continuation frame, at most
//! `abi::trace::DEPTH` in all. A re-raise (`erlang:raise/3`, `try ...
//! after`) records a closed trace, which stays as it is. Nothing else ever
//! sees an open trace: no collection can happen between a raise and its
//! unwind.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};

use crate::abi::{bif_table, frame, tag, trace, ErlFn, ModuleInfo, ProcessHeader, Term};
use crate::atom::known;
use crate::process::Process;

const FILE: Term = known::predefined("file");
const LINE: Term = known::predefined("line");
const ERROR_INFO: Term = known::predefined("error_info");
const MODULE: Term = known::predefined("module");

/// The exception a process is raising or handling. All three are GC roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exception {
    /// `error`, `exit` or `throw`; `NON_VALUE` when none.
    pub class: Term,
    pub reason: Term,
    /// The stack trace (a list).
    pub trace: Term,
}

impl Exception {
    /// No exception.
    pub const NONE: Exception = Exception { class: tag::NON_VALUE, reason: tag::NON_VALUE, trace: tag::NIL };
}

/// The stack trace recorded for a new exception: open and empty; the
/// unwind fills it in (see the module docs).
pub fn fresh_trace(_p: &Process) -> Term {
    tag::NON_VALUE
}

/// An open trace starting with `entries` (see the module docs).
pub fn open_trace(proc: &mut Process, entries: &[Term]) -> Term {
    proc.list_with_tail(entries, tag::NON_VALUE)
}

/// Whether `t` is an open trace, returning its entries so far.
fn open_entries(mut t: Term) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    while tag::is_list(t) {
        let cell = tag::list_ptr(t);
        // SAFETY: a list term points at a cons cell: head, then tail.
        unsafe {
            out.push(*cell);
            t = *cell.add(1);
        }
    }
    (t == tag::NON_VALUE).then_some(out)
}

/// A call site of compiled code: the module (a `*const ModuleInfo` as an
/// address, so the map can be shared), the function index and the line.
#[derive(Debug, Clone, Copy)]
struct Site {
    module: usize,
    func: u32,
    line: u32,
}

/// Continuation code address -> call site, for every loaded module.
fn sites() -> &'static RwLock<HashMap<usize, Site>> {
    static SITES: OnceLock<RwLock<HashMap<usize, Site>>> = OnceLock::new();
    SITES.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Makes `m`'s call sites known to stack traces (at start-up).
///
/// # Safety
/// `m` must be a descriptor emitted by the code generator (its arrays have
/// the stated lengths) and live for the rest of the program.
pub unsafe fn register_module(m: &ModuleInfo) {
    if m.sites.is_null() || m.num_sites == 0 {
        return;
    }
    // SAFETY: per the caller, `sites` holds `num_sites` entries.
    let entries = unsafe { std::slice::from_raw_parts(m.sites, m.num_sites) };
    let mut map = sites().write().unwrap_or_else(PoisonError::into_inner);
    for e in entries {
        map.insert(e.code as usize, Site { module: m as *const ModuleInfo as usize, func: e.func, line: e.line });
    }
}

/// The call site whose continuation is `code`, if compiled code pushed it.
fn site_of(code: u64) -> Option<Site> {
    sites().read().unwrap_or_else(PoisonError::into_inner).get(&(code as usize)).copied()
}

/// Bytes of a descriptor string.
///
/// # Safety
/// `p` must be null or point at `len` readable bytes that live forever.
unsafe fn static_str(p: *const u8, len: usize) -> &'static str {
    if p.is_null() {
        return "";
    }
    // SAFETY: per the caller.
    std::str::from_utf8(unsafe { std::slice::from_raw_parts(p, len) }).unwrap_or("")
}

/// Builds trace entries, sharing each module's file name list.
struct EntryBuilder {
    files: Vec<(usize, Term)>,
}

impl EntryBuilder {
    /// `{M, F, ArityOrArgs, [{file, File}, {line, Line}]}` for function
    /// `func` of `m`; `None` for an index outside its table.
    fn entry(&mut self, proc: &mut Process, m: &ModuleInfo, func: u32, line: u32, args: Option<Term>) -> Option<Term> {
        if m.funcs.is_null() || func as usize >= m.num_funcs {
            return None;
        }
        // SAFETY: `funcs` holds `num_funcs` entries (a code generator
        // descriptor); names are static strings.
        let (fname, arity) = unsafe {
            let f = &*m.funcs.add(func as usize);
            (static_str(f.name, f.name_len), f.arity)
        };
        // SAFETY: as above.
        let mname = unsafe { static_str(m.name, m.name_len) };
        let key = m as *const ModuleInfo as usize;
        let file = match self.files.iter().find(|(k, _)| *k == key) {
            Some(&(_, t)) => t,
            None => {
                // SAFETY: as above.
                let path = unsafe { static_str(m.file, m.file_len) };
                let chars: Vec<Term> = path.chars().map(|c| tag::small(i64::from(u32::from(c)))).collect();
                let t = proc.list(&chars);
                self.files.push((key, t));
                t
            }
        };
        let mut loc = vec![proc.tuple(&[FILE, file])];
        if line > 0 {
            loc.push(proc.tuple(&[LINE, tag::small(i64::from(line))]));
        }
        let loc = proc.list(&loc);
        let m_atom = crate::atom::try_intern(mname).ok()?;
        let f_atom = crate::atom::try_intern(fname).ok()?;
        let a = args.unwrap_or(tag::small(i64::from(arity)));
        Some(proc.tuple(&[m_atom, f_atom, a, loc]))
    }
}

/// How a failed body BIF shows in the trace.
enum BifShape {
    /// `error/1`, `exit/1`, `throw/1`, `/`, unary `+` and the compiler's
    /// `$` primitives: no entry of their own (OTP raises those in the
    /// calling function).
    Hidden,
    /// `error/2,3`: no entry of their own; the caller's entry shows the
    /// given argument list.
    CallerArgs,
    /// Any other BIF: `{M, F, Args, [{error_info, #{module => ...}}]}`.
    Own,
}

fn bif_shape(b: &bif_table::Bif) -> BifShape {
    match (b.module, b.name, b.arity) {
        ("erlang", "error" | "exit" | "throw", 1) => BifShape::Hidden,
        // BEAM compiles `/` and unary `+` to instructions that raise
        // `badarith` in the calling function, with no entry for the BIF.
        ("erlang", "/", 2) | ("erlang", "+", 1) => BifShape::Hidden,
        ("erlang", "error", 2 | 3) => BifShape::CallerArgs,
        (_, name, _) if name.starts_with('$') => BifShape::Hidden,
        _ => BifShape::Own,
    }
}

/// Closes the open trace of the current exception (see the module docs):
/// its entries, then the raise location's (`bif`, `loc` in `module`), then
/// one per continuation frame, at most `trace::DEPTH` in all.
pub fn close_trace(proc: &mut Process, module: Option<&ModuleInfo>, loc: u64, bif: u64) {
    let Some(mut entries) = open_entries(proc.exception.trace) else { return };
    let mut b = EntryBuilder { files: Vec::new() };
    let mut caller_args = None;
    if let Some(bif) = usize::try_from(bif).ok().and_then(|i| bif_table::BIFS.get(i)) {
        let n = (bif.arity as usize).min(proc.header.args.len());
        match bif_shape(bif) {
            BifShape::Hidden => {}
            BifShape::CallerArgs => {
                let a = proc.header.args[1];
                if tag::is_list(a) || a == tag::NIL {
                    caller_args = Some(a);
                }
            }
            BifShape::Own => {
                let args: Vec<Term> = proc.header.args[..n].to_vec();
                let args = proc.list(&args);
                let errors = if bif.module == "erlang" { "erl_erts_errors" } else { "erl_stdlib_errors" };
                let errors = crate::atom::intern(errors);
                let info = crate::term::make_map_from_sorted_pairs(proc, &[(MODULE, errors)]);
                let info = proc.tuple(&[ERROR_INFO, info]);
                let info = proc.list(&[info]);
                let m = crate::atom::intern(bif.module);
                let f = crate::atom::intern(bif.name);
                entries.push(proc.tuple(&[m, f, args, info]));
            }
        }
    }
    if let (Some(m), false) = (module, loc == trace::NO_LOC) {
        if let Some(e) = b.entry(proc, m, trace::loc_func(loc), trace::loc_line(loc), caller_args) {
            entries.push(e);
        }
    }
    let want = trace::DEPTH.saturating_sub(entries.len());
    caller_entries(proc, &mut b, want, &mut entries);
    entries.truncate(trace::DEPTH);
    proc.exception.trace = proc.list(&entries);
}

/// `error`, `exit` or `throw`.
/// Appends up to `want` entries for the callers: continuation frames of
/// non-tail calls, innermost first. Like BEAM, a frame continuing at the
/// same code as the one above it (direct body recursion) is recorded once.
fn caller_entries(proc: &mut Process, b: &mut EntryBuilder, want: usize, entries: &mut Vec<Term>) {
    let mut callers = Vec::new();
    let mut prev = None;
    for (base, n, kind) in proc.stack.frames(&proc.header) {
        if callers.len() >= want || kind == frame::BASE {
            break;
        }
        if kind == frame::NORMAL {
            // SAFETY: a frame's code word is at `base + n`, inside the stack.
            let code = unsafe { *base.add(n) };
            if prev == Some(code) {
                continue;
            }
            prev = Some(code);
            if let Some(site) = site_of(code) {
                callers.push(site);
            }
        }
    }
    for site in callers {
        // SAFETY: sites are registered from descriptors that live forever.
        let m = unsafe { &*(site.module as *const ModuleInfo) };
        if is_program_start(m) {
            continue;
        }
        if let Some(e) = b.entry(proc, m, site.func, site.line, None) {
            entries.push(e);
        }
    }
}

/// `process_info(self(), current_stacktrace)`: the calling process's
/// callers as stack-trace entries (OTP's default depth).
pub fn current_stacktrace(proc: &mut Process) -> Term {
    let mut b = EntryBuilder { files: Vec::new() };
    let mut entries = Vec::new();
    caller_entries(proc, &mut b, trace::DEPTH, &mut entries);
    proc.list(&entries)
}

/// The module that starts `main` (stdlib/kiln_escript.erl) is not in
/// stack traces: main is the bottom of a kiln program's stack, as the
/// script's functions are of an escript's (whose own frames, escript and
/// init, have no counterpart here).
fn is_program_start(m: &ModuleInfo) -> bool {
    // SAFETY: a descriptor's name points to `name_len` bytes.
    let name = unsafe { crate::start::bytes(m.name, m.name_len) };
    name == b"kiln_escript"
}

pub(crate) fn is_class(t: Term) -> bool {
    t == known::ERROR || t == known::EXIT || t == known::THROW
}

/// `kiln_raise(P, class, reason) -> NON_VALUE`: record an exception with a
/// fresh stack trace. A class other than `error`/`exit`/`throw` raises
/// `error:badarg` instead.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_raise(p: *mut ProcessHeader, class: Term, reason: Term) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    if !is_class(class) {
        return proc.badarg();
    }
    proc.raise(class, reason)
}

/// `kiln_reraise(P, class, reason, trace) -> NON_VALUE`: record an exception
/// with a given stack trace (`erlang:raise/3`, re-raising after `after`).
/// A bad class or a trace that is not a list raises `error:badarg`.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_reraise(p: *mut ProcessHeader, class: Term, reason: Term, trace: Term) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    if !is_class(class) || !(tag::is_list(trace) || trace == tag::NIL) {
        return proc.badarg();
    }
    proc.exception = Exception { class, reason, trace };
    tag::NON_VALUE
}

/// `kiln_raise_undef(P, module, module_len, function, function_len, nargs)
/// -> NON_VALUE`: `error:undef` for a call of a function defined nowhere
/// (the link module's stubs), its arguments in `args[0..nargs]`. The open
/// trace starts with `{M, F, Args, []}`, as OTP's.
///
/// # Safety
/// `p` must be the running process's header; the names `len` readable
/// UTF-8 bytes each.
#[no_mangle]
pub unsafe extern "C" fn kiln_raise_undef(
    p: *mut ProcessHeader,
    module: *const u8,
    module_len: usize,
    function: *const u8,
    function_len: usize,
    nargs: u64,
) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    // SAFETY: per the caller (the strings are static data of the program).
    let (m, f) = unsafe { (static_str(module, module_len), static_str(function, function_len)) };
    let n = usize::try_from(nargs).unwrap_or(usize::MAX).min(proc.header.args.len());
    let args: Vec<Term> = proc.header.args[..n].to_vec();
    let args = proc.list(&args);
    let (m, f) = (crate::atom::intern(m), crate::atom::intern(f));
    let entry = proc.tuple(&[m, f, args, tag::NIL]);
    let trace = open_trace(proc, &[entry]);
    proc.raise_error(known::UNDEF);
    proc.exception.trace = trace;
    tag::NON_VALUE
}

/// `kiln_unwind(P, module, loc, bif) -> ErlFn`: close an open stack trace
/// (see the module docs; `module` may be null, `loc` `trace::NO_LOC`, `bif`
/// `trace::NO_BIF`), then pop frames to the nearest `TRY`/`CATCH` frame and
/// return its handler (`stop` is left just past that frame's info word;
/// the handler pops the frame), or [`kiln_process_died`] when the exception
/// is uncaught. Call it with the exception already recorded.
///
/// # Safety
/// `p` must be the running process's header; `module` null or a loaded
/// module's descriptor; with a `bif`, `args[0..arity]` its arguments.
#[no_mangle]
pub unsafe extern "C" fn kiln_unwind(p: *mut ProcessHeader, module: *const ModuleInfo, loc: u64, bif: u64) -> ErlFn {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    // SAFETY: per the caller, `module` is null or a live descriptor.
    close_trace(proc, unsafe { module.as_ref() }, loc, bif);
    let Process { header, stack, .. } = proc;
    stack.unwind(header).unwrap_or(kiln_process_died)
}

/// `kiln_exception_class(P) -> T`.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_exception_class(p: *mut ProcessHeader) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    unsafe { Process::from_header(p) }.exception.class
}

/// `kiln_exception_reason(P) -> T`.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_exception_reason(p: *mut ProcessHeader) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    unsafe { Process::from_header(p) }.exception.reason
}

/// `kiln_exception_trace(P) -> T`.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_exception_trace(p: *mut ProcessHeader) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    unsafe { Process::from_header(p) }.exception.trace
}

/// The value of `catch Expr` for `exc` (OTP's semantics): `Reason` for a
/// throw, `{'EXIT', Reason}` for an exit, `{'EXIT', {Reason, Trace}}` for an
/// error. Allocates without collecting.
pub fn catch_value(proc: &mut Process, exc: Exception) -> Term {
    if exc.class == known::THROW {
        exc.reason
    } else if exc.class == known::EXIT {
        proc.tuple(&[known::EXIT_TAG, exc.reason])
    } else {
        let inner = proc.tuple(&[exc.reason, exc.trace]);
        proc.tuple(&[known::EXIT_TAG, inner])
    }
}

/// `kiln_catch_value(P) -> T`: [`catch_value`] of the current exception.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_catch_value(p: *mut ProcessHeader) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let exc = proc.exception;
    catch_value(proc, exc)
}

/// The exit reason of a process killed by `exc` (OTP's): `Reason` for an
/// exit, `{Reason, Trace}` for an error, `{{nocatch, Reason}, Trace}` for
/// a throw.
pub fn exit_reason(proc: &mut Process, exc: Exception) -> Term {
    if exc.class == known::EXIT {
        exc.reason
    } else if exc.class == known::THROW {
        let nocatch = proc.tuple(&[known::NOCATCH, exc.reason]);
        proc.tuple(&[nocatch, exc.trace])
    } else {
        proc.tuple(&[exc.reason, exc.trace])
    }
}

/// The "handler" [`kiln_unwind`] returns when nothing catches: ends the
/// process with the current exception as its exit reason.
///
/// # Safety
/// `p` must be the running process's header.
pub unsafe extern "C" fn kiln_process_died(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let exc = proc.exception;
    proc.exit_reason = exit_reason(proc, exc);
    proc.crashed = true;
    crate::abi::status::EXIT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{frame, header, status};

    unsafe extern "C" fn handler(_p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        77
    }

    fn elem(t: Term, i: usize) -> Term {
        // SAFETY: tests only call this on tuples with more than `i` elements.
        unsafe { *tag::boxed_ptr(t).add(i + 1) }
    }

    #[test]
    fn catch_values_follow_otp() {
        let mut p = Process::new(0);
        let h: *mut ProcessHeader = &mut p.header;
        // SAFETY: `h` is the header of a live process owned by this test.
        unsafe {
            let unwind = || kiln_unwind(h, std::ptr::null(), trace::NO_LOC, trace::NO_BIF);
            assert_eq!(kiln_raise(h, known::THROW, tag::small(1)), tag::NON_VALUE);
            unwind();
            assert_eq!(kiln_catch_value(h), tag::small(1));
            kiln_raise(h, known::EXIT, tag::small(2));
            unwind();
            let v = kiln_catch_value(h);
            assert_eq!(*tag::boxed_ptr(v), header::tuple(2));
            assert_eq!((elem(v, 0), elem(v, 1)), (known::EXIT_TAG, tag::small(2)));
            kiln_raise(h, known::ERROR, tag::small(3));
            unwind();
            let v = kiln_catch_value(h);
            let inner = elem(v, 1);
            assert_eq!((elem(inner, 0), elem(inner, 1)), (tag::small(3), tag::NIL));
            assert_eq!(kiln_exception_class(h), known::ERROR);
            assert_eq!(kiln_exception_reason(h), tag::small(3));
            assert_eq!(kiln_exception_trace(h), tag::NIL);
            // A bad class is itself an error.
            kiln_raise(h, tag::small(0), tag::NIL);
            assert_eq!(kiln_exception_reason(h), known::BADARG);
        }
    }

    unsafe extern "C" fn site_a(_p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        1
    }
    unsafe extern "C" fn site_b(_p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        2
    }

    /// A module `tm` (file "tm.erl") with functions `f/1` (line 3) and
    /// `g/2` (line 7); `site_a` continues a call of `f` on line 4,
    /// `site_b` one of `g` on line 9. Leaked: the runtime keeps it.
    fn test_module() -> &'static ModuleInfo {
        let funcs = vec![
            crate::abi::FuncEntry { name: "f".as_ptr(), name_len: 1, arity: 1, line: 3 },
            crate::abi::FuncEntry { name: "g".as_ptr(), name_len: 1, arity: 2, line: 7 },
        ];
        let sites = vec![
            crate::abi::SiteEntry { code: site_a, func: 0, line: 4 },
            crate::abi::SiteEntry { code: site_b, func: 1, line: 9 },
        ];
        let m = Box::leak(Box::new(ModuleInfo {
            name: "tm".as_ptr(),
            name_len: 2,
            atoms: std::ptr::null(),
            num_atoms: 0,
            literals: std::ptr::null(),
            num_literals: 0,
            exports: std::ptr::null(),
            num_exports: 0,
            funs: std::ptr::null(),
            num_funs: 0,
            file: "tm.erl".as_ptr(),
            file_len: 6,
            num_funcs: funcs.len(),
            funcs: Box::leak(funcs.into_boxed_slice()).as_ptr(),
            num_sites: sites.len(),
            sites: Box::leak(sites.into_boxed_slice()).as_ptr(),
        }));
        // SAFETY: a well-formed descriptor that lives forever.
        unsafe { register_module(m) };
        m
    }

    /// `~p` of `t` on one line.
    fn text(t: Term) -> String {
        let mut out = String::new();
        let mut indent = false;
        for c in crate::process::exit::term_to_string(t).chars() {
            match c {
                '\n' => indent = true,
                ' ' if indent => {}
                _ => {
                    indent = false;
                    out.push(c);
                }
            }
        }
        out
    }

    #[test]
    fn trace_has_raise_site_then_callers() {
        let m = test_module();
        let mut p = Process::new(0);
        let h: *mut ProcessHeader = &mut p.header;
        // SAFETY: `h` is the header of a live process owned by this test;
        // the frames' code is the test's own functions.
        unsafe {
            let Process { header, stack, .. } = &mut *p;
            stack.push_frame(header, &[tag::NIL], handler, frame::CATCH);
            stack.push_frame(header, &[], site_a, frame::NORMAL);
            stack.push_frame(header, &[tag::NIL], handler, frame::TRY);
            // Direct recursion: the same continuation twice shows once.
            stack.push_frame(header, &[], site_b, frame::NORMAL);
            stack.push_frame(header, &[], site_b, frame::NORMAL);
            kiln_raise(h, known::ERROR, known::BADARG);
            assert_eq!(kiln_exception_trace(h), tag::NON_VALUE, "open until the unwind");
            kiln_unwind(h, m, trace::loc(1, 8), trace::NO_BIF);
            assert_eq!(
                text(kiln_exception_trace(h)),
                "[{tm,g,2,[{file,\"tm.erl\"},{line,8}]},{tm,g,2,[{file,\"tm.erl\"},{line,9}]},\
                 {tm,f,1,[{file,\"tm.erl\"},{line,4}]}]"
            );
        }
    }

    #[test]
    fn failed_bif_entries_follow_otp() {
        let m = test_module();
        let mut p = Process::new(0);
        let h: *mut ProcessHeader = &mut p.header;
        let index = |module: &str, name: &str, arity: u32| {
            bif_table::BIFS.iter().position(|b| b.module == module && b.name == name && b.arity == arity).unwrap()
                as u64
        };
        // SAFETY: `h` is the header of a live process owned by this test.
        unsafe {
            // element(5, {}) fails: its own entry with the arguments.
            let empty = p.tuple(&[]);
            p.header.args[0] = tag::small(5);
            p.header.args[1] = empty;
            kiln_raise(h, known::ERROR, known::BADARG);
            kiln_unwind(h, m, trace::loc(0, 5), index("erlang", "element", 2));
            assert_eq!(
                text(kiln_exception_trace(h)),
                "[{erlang,element,[5,{}],[{error_info,#{module => erl_erts_errors}}]},\
                 {tm,f,1,[{file,\"tm.erl\"},{line,5}]}]"
            );
            // error(R, Args): the caller's entry shows Args.
            let args = p.list(&[tag::small(1), tag::small(2)]);
            p.header.args[0] = known::BADARG;
            p.header.args[1] = args;
            kiln_raise(h, known::ERROR, known::BADARG);
            kiln_unwind(h, m, trace::loc(1, 0), index("erlang", "error", 2));
            assert_eq!(text(kiln_exception_trace(h)), "[{tm,g,[1,2],[{file,\"tm.erl\"}]}]");
            // A closed trace (erlang:raise/3) is kept as given.
            let given = p.list(&[tag::small(7)]);
            kiln_reraise(h, known::THROW, tag::small(1), given);
            kiln_unwind(h, m, trace::loc(0, 5), trace::NO_BIF);
            assert_eq!(kiln_exception_trace(h), given);
            // undef: the missing function first; no raise location.
            p.header.args[0] = tag::small(3);
            kiln_raise_undef(h, "nom".as_ptr(), 3, "fun".as_ptr(), 3, 1);
            kiln_unwind(h, std::ptr::null(), trace::NO_LOC, trace::NO_BIF);
            assert_eq!(text(kiln_exception_trace(h)), "[{nom,\'fun\',[3],[]}]");
        }
    }

    #[test]
    fn trace_depth_is_limited() {
        let m = test_module();
        let mut p = Process::new(0);
        let h: *mut ProcessHeader = &mut p.header;
        // SAFETY: as above.
        unsafe {
            let Process { header, stack, .. } = &mut *p;
            for _ in 0..10 {
                stack.push_frame(header, &[], site_a, frame::NORMAL);
                stack.push_frame(header, &[], site_b, frame::NORMAL);
            }
            kiln_raise(h, known::EXIT, known::BADARG);
            kiln_unwind(h, m, trace::loc(0, 1), trace::NO_BIF);
            let mut n = 0;
            let mut t = kiln_exception_trace(h);
            while tag::is_list(t) {
                n += 1;
                t = *tag::list_ptr(t).add(1);
            }
            assert_eq!((n, t), (trace::DEPTH, tag::NIL));
        }
    }

    #[test]
    fn unwind_to_handler_or_death() {
        let mut p = Process::new(0);
        let h: *mut ProcessHeader = &mut p.header;
        // SAFETY: `h` is the header of a live process owned by this test;
        // the handlers are the test's own functions.
        unsafe {
            let Process { header, stack, .. } = &mut *p;
            stack.push_frame(header, &[tag::NIL], handler, frame::TRY);
            stack.push_frame(header, &[tag::NIL, tag::NIL], handler, frame::NORMAL);
            kiln_raise(h, known::ERROR, tag::small(9));
            let f = kiln_unwind(h, std::ptr::null(), trace::NO_LOC, trace::NO_BIF);
            assert_eq!(f(h, 0, 0, 0, 0), 77);
            // The handler pops its frame; a second raise is uncaught.
            p.header.stop = p.header.stop.sub(3);
            kiln_raise(h, known::THROW, tag::small(5));
            let f = kiln_unwind(h, std::ptr::null(), trace::NO_LOC, trace::NO_BIF);
            assert_eq!(f(h, 0, 0, 0, 0), status::EXIT);
            assert!(p.crashed);
            let r = p.exit_reason;
            let nocatch = elem(r, 0);
            assert_eq!((elem(nocatch, 0), elem(nocatch, 1)), (known::NOCATCH, tag::small(5)));
        }
    }
}
