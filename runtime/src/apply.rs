//! Dynamic calls: the export table, calling funs, `apply/2,3`.
//!
//! Static calls are direct (the code generator resolves them), so only
//! dynamic ones come here: `M:F(Args)` with a computed module or function,
//! `apply/2,3`, calling a fun value, `spawn/3`, and finding `main/1`. The
//! export table maps `(module atom, function atom, arity)` to code; it is
//! built at start-up from every module's [`ExportEntry`]s (BIF wrappers
//! included, emitted by the code generator as exports of `erlang` & co.)
//! and only read afterwards.
//!
//! Each entry point leaves the arguments in `ProcessHeader::args` and
//! returns the code to tail-call with `args[0..REG_ARGS]` in registers, or
//! null after raising.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};

use crate::abi::{header, tag, ErlFn, ExportEntry, FunInfo, ProcessHeader, Term, MAX_ARGS};
use crate::atom::known;
use crate::process::Process;

type Key = (Term, Term, u32);

fn table() -> &'static RwLock<HashMap<Key, ErlFn>> {
    static EXPORTS: OnceLock<RwLock<HashMap<Key, ErlFn>>> = OnceLock::new();
    EXPORTS.get_or_init(|| RwLock::new(HashMap::new()))
}

fn modules() -> &'static RwLock<std::collections::HashSet<Term>> {
    static MODULES: OnceLock<RwLock<std::collections::HashSet<Term>>> = OnceLock::new();
    MODULES.get_or_init(|| RwLock::new(std::collections::HashSet::new()))
}

/// Adds `module:function/arity` (later registrations replace earlier ones).
pub fn register(module: Term, function: Term, arity: u32, code: ErlFn) {
    table().write().unwrap_or_else(PoisonError::into_inner).insert((module, function, arity), code);
    add_module(module);
}

fn add_module(module: Term) {
    modules().write().unwrap_or_else(PoisonError::into_inner).insert(module);
}

/// Whether the program holds a module of that name (`erlang:module_loaded/1`:
/// a static program's modules are all loaded from the start).
pub fn module_loaded(module: Term) -> bool {
    modules().read().unwrap_or_else(PoisonError::into_inner).contains(&module)
}

/// `erlang:module_loaded/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_module_loaded(p: *mut ProcessHeader, module: Term) -> Term {
    if !tag::is_atom(module) {
        // SAFETY: BIFs are called with the running process's header.
        return unsafe { Process::from_header(p) }.badarg();
    }
    if module_loaded(module) {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `erlang:function_exported/3`: whether `module:function/arity` is an
/// exported function of the program (BIFs included, as in OTP).
#[no_mangle]
pub extern "C" fn kiln_bif_function_exported(p: *mut ProcessHeader, module: Term, function: Term, arity: Term) -> Term {
    let a = tag::small_value(arity);
    if !tag::is_atom(module) || !tag::is_atom(function) || !tag::is_small(arity) || !(0..=255).contains(&a) {
        // SAFETY: BIFs are called with the running process's header.
        return unsafe { Process::from_header(p) }.badarg();
    }
    if lookup(module, function, a as u32).is_some() {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// Registers a module's exports; `Err` names an export whose name is not a
/// valid atom.
///
/// # Safety
/// `exports` must point to `n` valid entries whose names are `len` bytes.
pub unsafe fn register_exports(module: Term, exports: *const ExportEntry, n: usize) -> Result<(), String> {
    add_module(module);
    if n == 0 || exports.is_null() {
        return Ok(());
    }
    // SAFETY: per the caller.
    let entries = unsafe { std::slice::from_raw_parts(exports, n) };
    let mut table = table().write().unwrap_or_else(PoisonError::into_inner);
    for e in entries {
        // SAFETY: per the caller, `name` points to `len` bytes.
        let bytes = unsafe { crate::start::bytes(e.name, e.len) };
        let name = std::str::from_utf8(bytes).map_err(|_| "an export name is not UTF-8".to_string())?;
        let function = crate::atom::try_intern(name).map_err(|err| format!("export {name}: {err}"))?;
        table.insert((module, function, e.arity), e.code);
    }
    Ok(())
}

/// The code of `module:function/arity`.
pub fn lookup(module: Term, function: Term, arity: u32) -> Option<ErlFn> {
    table().read().unwrap_or_else(PoisonError::into_inner).get(&(module, function, arity)).copied()
}

/// The argument list `[args[0], ..., args[n-1]]`.
fn args_list(proc: &mut Process, n: usize) -> Term {
    let args: Vec<Term> = proc.header.args[..n.min(MAX_ARGS)].to_vec();
    proc.list(&args)
}

/// Raises `error:undef`: the stack trace starts with `{M, F, Args, []}`
/// (OTP's), and the unwind adds the callers.
fn raise_undef(proc: &mut Process, module: Term, function: Term, args: Term) {
    let frame = proc.tuple(&[module, function, args, tag::NIL]);
    let trace = crate::exception::open_trace(proc, &[frame]);
    proc.raise_error(known::UNDEF);
    proc.exception.trace = trace;
}

/// The `FunInfo` of a closure term, if `fun` is one.
pub fn closure_info<'a>(fun: Term) -> Option<&'a FunInfo> {
    if !tag::is_boxed(fun) {
        return None;
    }
    let p = tag::boxed_ptr(fun);
    // SAFETY: a boxed term points at a header; a FUN object's first word
    // is a pointer to its static FunInfo (see `abi::header`).
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER || header::subtag(h) != header::FUN || header::arity(h) < 1 {
            return None;
        }
        (*p.add(1) as usize as *const FunInfo).as_ref()
    }
}

/// The `(module, function, arity)` of an export fun (`fun M:F/A`).
pub fn export_mfa(fun: Term) -> Option<(Term, Term, u32)> {
    if !tag::is_boxed(fun) {
        return None;
    }
    let p = tag::boxed_ptr(fun);
    // SAFETY: a boxed term points at a header; an EXPORT object has three
    // term words (see `abi::header`).
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER || header::subtag(h) != header::EXPORT || header::arity(h) < 3 {
            return None;
        }
        let arity = *p.add(3);
        tag::is_small(arity).then(|| (*p.add(1), *p.add(2), tag::small_value(arity) as u32))
    }
}

/// Resolves a call of `fun` with `args[0..nargs]`; see [`kiln_apply_fun`].
pub fn apply_fun(proc: &mut Process, fun: Term, nargs: usize) -> Option<ErlFn> {
    if let Some(info) = closure_info(fun) {
        if info.arity as usize != nargs {
            return badarity(proc, fun, nargs);
        }
        if nargs >= MAX_ARGS {
            proc.badarg();
            return None;
        }
        proc.header.args[nargs] = fun;
        return Some(info.code);
    }
    if let Some((m, f, a)) = export_mfa(fun) {
        if a as usize != nargs {
            return badarity(proc, fun, nargs);
        }
        return apply_mfa(proc, m, f, nargs);
    }
    let reason = proc.tuple(&[known::BADFUN, fun]);
    proc.raise_error(reason);
    None
}

fn badarity(proc: &mut Process, fun: Term, nargs: usize) -> Option<ErlFn> {
    let args = args_list(proc, nargs);
    let inner = proc.tuple(&[fun, args]);
    let reason = proc.tuple(&[known::BADARITY, inner]);
    proc.raise_error(reason);
    None
}

/// Resolves `module:function` with `args[0..nargs]`; see [`kiln_apply_mfa`].
pub fn apply_mfa(proc: &mut Process, module: Term, function: Term, nargs: usize) -> Option<ErlFn> {
    if !tag::is_atom(module) || !tag::is_atom(function) || nargs > 255 {
        proc.badarg();
        return None;
    }
    match lookup(module, function, nargs as u32) {
        Some(code) => Some(code),
        None => {
            let args = args_list(proc, nargs);
            raise_undef(proc, module, function, args);
            None
        }
    }
}

/// Spreads a proper list of at most 255 elements into `args`; returns the
/// count, or `None` (the caller raises `badarg`).
fn spread(proc: &mut Process, mut list: Term) -> Option<usize> {
    let mut n = 0;
    while tag::is_list(list) {
        if n >= 255 {
            return None;
        }
        let cell = tag::list_ptr(list);
        // SAFETY: a list term points at a two-word cons cell.
        let (head, tail) = unsafe { (*cell, *cell.add(1)) };
        proc.header.args[n] = head;
        n += 1;
        list = tail;
    }
    (list == tag::NIL).then_some(n)
}

/// `kiln_apply_fun(P, fun, nargs) -> Option<ErlFn>`: call `fun` with
/// `args[0..nargs]`. A closure must have arity `nargs` (else
/// `{badarity, {Fun, Args}}`); it is stored at `args[nargs]` for its body.
/// `fun M:F/A` is looked up (`undef` if missing). Anything else raises
/// `{badfun, F}`.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_apply_fun(p: *mut ProcessHeader, fun: Term, nargs: u64) -> Option<ErlFn> {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    apply_fun(proc, fun, usize::try_from(nargs).unwrap_or(usize::MAX))
}

/// `kiln_apply_mfa(P, module, function, nargs) -> Option<ErlFn>`: look up
/// `M:F/nargs` (arguments already in `args`); null after raising `undef`
/// (or `badarg` for a module or function that is not an atom).
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_apply_mfa(
    p: *mut ProcessHeader,
    module: Term,
    function: Term,
    nargs: u64,
) -> Option<ErlFn> {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    apply_mfa(proc, module, function, usize::try_from(nargs).unwrap_or(usize::MAX))
}

/// `kiln_apply_list(P, module, function, arglist) -> Option<ErlFn>`:
/// `erlang:apply/3` (and `apply/2` with `module = NON_VALUE`, `function` the
/// fun): spreads the proper list into `args`; `badarg` if it is not one.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_apply_list(
    p: *mut ProcessHeader,
    module: Term,
    function: Term,
    arglist: Term,
) -> Option<ErlFn> {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let Some(n) = spread(proc, arglist) else {
        proc.badarg();
        return None;
    };
    if module == tag::NON_VALUE {
        apply_fun(proc, function, n)
    } else {
        apply_mfa(proc, module, function, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::status;

    unsafe extern "C" fn body(_p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
        status::EXIT
    }

    fn closure(p: &mut Process, info: &'static FunInfo, env: &[Term]) -> Term {
        let w = p.alloc(2 + env.len());
        // SAFETY: `2 + env.len()` fresh words.
        unsafe {
            w.write(header::make(header::FUN, 1 + env.len() as u64));
            w.add(1).write(info as *const FunInfo as usize as u64);
            std::ptr::copy_nonoverlapping(env.as_ptr(), w.add(2), env.len());
        }
        tag::boxed(w)
    }

    static INFO: FunInfo = FunInfo {
        code: body,
        arity: 2,
        num_free: 1,
        module: std::ptr::null(),
        name: std::ptr::null(),
        name_len: 0,
        index: 0,
        uniq: 0,
    };

    #[test]
    fn closures_get_themselves_after_their_arguments() {
        let mut p = Process::new(0);
        let f = closure(&mut p, &INFO, &[tag::small(9)]);
        p.header.args[0] = tag::small(1);
        p.header.args[1] = tag::small(2);
        assert!(apply_fun(&mut p, f, 2).is_some());
        assert_eq!(p.header.args[2], f);
        assert!(apply_fun(&mut p, f, 1).is_none());
        let s = crate::process::exit::term_to_string(p.exception.reason);
        assert!(s.starts_with("{badarity,{#Fun<"), "{s}");
        assert!(s.ends_with(",[1]}}"), "{s}");
        assert!(apply_fun(&mut p, tag::small(3), 0).is_none());
        assert_eq!(crate::process::exit::term_to_string(p.exception.reason), "{badfun,3}");
    }

    #[test]
    fn mfa_lookup_and_undef() {
        let m = crate::atom::intern("kiln_apply_test_mod");
        let f = crate::atom::intern("go");
        register(m, f, 1, body);
        let mut p = Process::new(0);
        let l = p.list(&[tag::small(5)]);
        // SAFETY: `p` is a live process owned by this test.
        unsafe {
            let h: *mut ProcessHeader = &mut p.header;
            assert!(kiln_apply_list(h, m, f, l).is_some());
            assert_eq!(p.header.args[0], tag::small(5));
            assert!(kiln_apply_mfa(h, m, f, 2).is_none());
            assert_eq!(p.exception.reason, known::UNDEF);
            let bad = p.list_with_tail(&[tag::small(1)], tag::small(2));
            assert!(kiln_apply_list(h, m, f, bad).is_none());
            assert_eq!(p.exception.reason, known::BADARG);
        }
        let e = p.tuple(&[m, f, tag::small(1)]);
        // SAFETY: `e` is a fresh 3-tuple; rewrite its header as an export fun.
        unsafe { *tag::boxed_ptr(e) = header::make(header::EXPORT, 3) };
        assert!(apply_fun(&mut p, e, 1).is_some());
    }
}
