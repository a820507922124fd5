//! BIFs about processes, the process dictionary, exceptions and `halt`.
//!
//! Each is `extern "C" fn(P, T...) -> T` under the symbol `bif_table`
//! names. A failing BIF records the exception and returns `NON_VALUE`.
//! BIFs never collect: their arguments are not GC roots.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::abi::{header, tag, ErlFn, ProcessHeader, Term, MAX_ARGS};
use crate::atom::known;
use crate::copy;
use crate::process::Process;

/// The running process of a BIF call.
fn running<'a>(p: *mut ProcessHeader) -> &'a mut Process {
    // SAFETY: BIF entry points are only called by generated code (or the
    // runtime) with the header of the process running on this thread.
    unsafe { Process::from_header(p) }
}

/// `self/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_self(p: *mut ProcessHeader) -> Term {
    running(p).pid()
}

/// The name of this node: kiln programs never run distributed, so it is
/// always `nonode@nohost`, like a non-distributed `erl` or `escript`.
fn node_name() -> Term {
    crate::atom::intern(crate::etf::encode::NODE)
}

/// `node/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_node(_p: *mut ProcessHeader) -> Term {
    node_name()
}

/// `node/1`: the node of a pid, port or reference (all local); `badarg`
/// for anything else.
#[no_mangle]
pub extern "C" fn kiln_bif_node_1(p: *mut ProcessHeader, t: Term) -> Term {
    use crate::bifs::{type_test, TypeTest};
    if type_test(t, TypeTest::Pid) || type_test(t, TypeTest::Port) || type_test(t, TypeTest::Reference) {
        node_name()
    } else {
        running(p).badarg()
    }
}

/// Creates a process that starts at `code` with `args` (copied from the
/// caller's heap into the new one) and makes it runnable.
fn spawn_with(code: ErlFn, args: &[Term]) -> Term {
    let words: usize = args.iter().map(|&a| copy::size_of(a)).sum();
    let mut child = Process::new(words.saturating_mul(2));
    for (i, &a) in args.iter().enumerate() {
        child.header.args[i] = copy::copy_to_process(&mut child, a);
    }
    child.header.nlive = args.len() as u64;
    child.header.resume = Some(code);
    crate::scheduler::spawn(child)
}

/// The start of a process spawned on a function that does not exist:
/// `args[0..3]` hold `M`, `F` and the argument list; it dies of `undef`
/// like OTP's.
unsafe extern "C" fn spawn_undef(p: *mut ProcessHeader, m: Term, f: Term, args: Term, _a3: Term) -> u64 {
    let proc = running(p);
    let frame = proc.tuple(&[m, f, args, tag::NIL]);
    let trace = proc.list(&[frame]);
    proc.raise_error(known::UNDEF);
    proc.exception.trace = trace;
    // SAFETY: `p` is the running process; nothing catches at the bottom
    // of a fresh stack, so this ends the process.
    unsafe { crate::exception::kiln_process_died(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

/// Spawns `M:F(Args...)`, or a process that dies of `undef`.
fn spawn_mfa(m: Term, f: Term, args: &[Term], arglist: Term) -> Term {
    match crate::apply::lookup(m, f, args.len() as u32) {
        Some(code) => spawn_with(code, args),
        None => spawn_with(spawn_undef, &[m, f, arglist]),
    }
}

/// `spawn/1`: a fun of arity 0.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn(p: *mut ProcessHeader, fun: Term) -> Term {
    if let Some(info) = crate::apply::closure_info(fun) {
        if info.arity == 0 {
            // The body finds its closure at argument index `arity` = 0.
            return spawn_with(info.code, &[fun]);
        }
    } else if let Some((m, f, 0)) = crate::apply::export_mfa(fun) {
        return spawn_mfa(m, f, &[], tag::NIL);
    }
    running(p).badarg()
}

/// `spawn/3`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_3(p: *mut ProcessHeader, m: Term, f: Term, arglist: Term) -> Term {
    let mut args = Vec::new();
    let mut rest = arglist;
    while tag::is_list(rest) && args.len() < 255 {
        let cell = tag::list_ptr(rest);
        // SAFETY: a list term points at a two-word cons cell.
        let (h, t) = unsafe { (*cell, *cell.add(1)) };
        args.push(h);
        rest = t;
    }
    if !tag::is_atom(m) || !tag::is_atom(f) || rest != tag::NIL || args.len() >= MAX_ARGS {
        return running(p).badarg();
    }
    spawn_mfa(m, f, &args, arglist)
}

/// `Dest ! Msg` and `erlang:send/2`: `Dest` must be a pid (registered names
/// come with `register/2`). Sends to dead processes are dropped.
#[no_mangle]
pub extern "C" fn kiln_bif_send(p: *mut ProcessHeader, dest: Term, msg: Term) -> Term {
    if !tag::is_pid(dest) {
        return running(p).badarg();
    }
    crate::mailbox::send(dest, msg);
    msg
}

/// `make_ref/0`: a reference unique within this program run.
#[no_mangle]
pub extern "C" fn kiln_bif_make_ref(p: *mut ProcessHeader) -> Term {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let w = running(p).alloc(2);
    // SAFETY: `alloc` returned two fresh words.
    unsafe {
        w.write(header::make(header::REF, 1));
        w.add(1).write(n);
    }
    tag::boxed(w)
}

/// `put/2`: the previous value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_put(p: *mut ProcessHeader, key: Term, value: Term) -> Term {
    running(p).dict.put(key, value).unwrap_or(known::UNDEFINED)
}

/// `get/1`: the value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_get(p: *mut ProcessHeader, key: Term) -> Term {
    running(p).dict.get(key).unwrap_or(known::UNDEFINED)
}

/// `erase/1`: the removed value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_erase(p: *mut ProcessHeader, key: Term) -> Term {
    running(p).dict.erase(key).unwrap_or(known::UNDEFINED)
}

/// `halt/0`: exit status 0.
#[no_mangle]
pub extern "C" fn kiln_bif_halt_0(p: *mut ProcessHeader) -> Term {
    kiln_bif_halt(p, tag::small(0))
}

/// `halt/1`: a non-negative integer is the exit status; a string is a
/// slogan (printed to stderr, status 1, as OTP's crash-dump halt); `abort`
/// aborts. Anything else is `badarg`. Standard output is flushed first.
#[no_mangle]
pub extern "C" fn kiln_bif_halt(p: *mut ProcessHeader, status: Term) -> Term {
    if tag::is_small(status) && tag::small_value(status) >= 0 {
        crate::start::flush_output();
        std::process::exit(tag::small_value(status) as i32);
    }
    if status == crate::atom::intern("abort") {
        crate::start::flush_output();
        std::process::abort();
    }
    if let Some(slogan) = crate::term::list_to_string(status) {
        let text = format!("Crash dump is being written to: erl_crash.dump...done\n{slogan}\n");
        crate::io_bifs::write_stderr(text.as_bytes());
        crate::start::flush_output();
        std::process::exit(1);
    }
    running(p).badarg()
}

/// `error/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_error(p: *mut ProcessHeader, reason: Term) -> Term {
    running(p).raise_error(reason)
}

/// `error/2` (the arguments would annotate the stack trace, which is empty
/// for now).
#[no_mangle]
pub extern "C" fn kiln_bif_error_2(p: *mut ProcessHeader, reason: Term, _args: Term) -> Term {
    running(p).raise_error(reason)
}

/// `error/3` (OTP 24+): the options (`error_info`) only feed error
/// reports, so this raises like `error/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_error_3(p: *mut ProcessHeader, reason: Term, _args: Term, _options: Term) -> Term {
    running(p).raise_error(reason)
}

/// `throw/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_throw(p: *mut ProcessHeader, reason: Term) -> Term {
    running(p).raise(known::THROW, reason)
}

/// `exit/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_exit(p: *mut ProcessHeader, reason: Term) -> Term {
    running(p).raise(known::EXIT, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_bifs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let k = proc.tuple(&[tag::small(1)]);
        assert_eq!(kiln_bif_put(p, k, tag::small(2)), known::UNDEFINED);
        assert_eq!(kiln_bif_put(p, k, tag::small(3)), tag::small(2));
        assert_eq!(kiln_bif_get(p, k), tag::small(3));
        assert_eq!(kiln_bif_erase(p, k), tag::small(3));
        assert_eq!(kiln_bif_get(p, k), known::UNDEFINED);
    }

    #[test]
    fn exception_bifs_and_badargs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        assert_eq!(kiln_bif_throw(p, tag::small(1)), tag::NON_VALUE);
        assert_eq!(proc.exception.class, known::THROW);
        assert_eq!(kiln_bif_exit(p, tag::small(2)), tag::NON_VALUE);
        assert_eq!(proc.exception.class, known::EXIT);
        assert_eq!(kiln_bif_error_2(p, tag::small(3), tag::NIL), tag::NON_VALUE);
        assert_eq!((proc.exception.class, proc.exception.reason), (known::ERROR, tag::small(3)));
        assert_eq!(kiln_bif_error_3(p, tag::small(4), tag::NIL, tag::NIL), tag::NON_VALUE);
        assert_eq!((proc.exception.class, proc.exception.reason), (known::ERROR, tag::small(4)));
        assert_eq!(kiln_bif_send(p, tag::small(1), tag::NIL), tag::NON_VALUE);
        assert_eq!(proc.exception.reason, known::BADARG);
        assert_eq!(kiln_bif_halt(p, tag::small(-1)), tag::NON_VALUE);
        assert_eq!(kiln_bif_spawn(p, tag::small(1)), tag::NON_VALUE);
        assert_eq!(kiln_bif_spawn_3(p, tag::small(1), tag::small(2), tag::NIL), tag::NON_VALUE);
        let r1 = kiln_bif_make_ref(p);
        let r2 = kiln_bif_make_ref(p);
        assert!(!crate::process::dict::exact_eq(r1, r2));
        assert!(tag::is_pid(kiln_bif_self(p)));
    }

    #[test]
    fn node_bifs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let node = kiln_bif_node(p);
        assert_eq!(crate::atom::try_name(node), Some("nonode@nohost"));
        let me = kiln_bif_self(p);
        assert_eq!(kiln_bif_node_1(p, me), node);
        let r = kiln_bif_make_ref(p);
        assert_eq!(kiln_bif_node_1(p, r), node);
        assert_eq!(kiln_bif_node_1(p, node), tag::NON_VALUE);
        assert_eq!(proc.exception.reason, known::BADARG);
        assert_eq!(kiln_bif_node_1(p, tag::small(1)), tag::NON_VALUE);
    }
}
