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
//! Continuation frames hold code addresses inside functions, and the code
//! generator does not yet emit a map from addresses to `{M, F, A}`, so a
//! fresh stack trace is `[]` (except for `undef`, whose trace names the
//! missing function, as OTP's does). Adding an address map later only
//! changes [`fresh_trace`].

use crate::abi::{tag, ErlFn, ProcessHeader, Term};
use crate::atom::known;
use crate::process::Process;

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

/// The stack trace recorded for a new exception (see the module docs).
pub fn fresh_trace(_p: &Process) -> Term {
    tag::NIL
}

fn is_class(t: Term) -> bool {
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

/// `kiln_unwind(P) -> ErlFn`: pop frames to the nearest `TRY`/`CATCH` frame
/// and return its handler (`stop` is left just past that frame's info word;
/// the handler pops the frame), or [`kiln_process_died`] when the exception
/// is uncaught. Call it with the exception already recorded.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_unwind(p: *mut ProcessHeader) -> ErlFn {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
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
            assert_eq!(kiln_raise(h, known::THROW, tag::small(1)), tag::NON_VALUE);
            assert_eq!(kiln_catch_value(h), tag::small(1));
            kiln_raise(h, known::EXIT, tag::small(2));
            let v = kiln_catch_value(h);
            assert_eq!(*tag::boxed_ptr(v), header::tuple(2));
            assert_eq!((elem(v, 0), elem(v, 1)), (known::EXIT_TAG, tag::small(2)));
            kiln_raise(h, known::ERROR, tag::small(3));
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
            let f = kiln_unwind(h);
            assert_eq!(f(h, 0, 0, 0, 0), 77);
            // The handler pops its frame; a second raise is uncaught.
            p.header.stop = p.header.stop.sub(3);
            kiln_raise(h, known::THROW, tag::small(5));
            let f = kiln_unwind(h);
            assert_eq!(f(h, 0, 0, 0, 0), status::EXIT);
            assert!(p.crashed);
            let r = p.exit_reason;
            let nocatch = elem(r, 0);
            assert_eq!((elem(nocatch, 0), elem(nocatch, 1)), (known::NOCATCH, tag::small(5)));
        }
    }
}
