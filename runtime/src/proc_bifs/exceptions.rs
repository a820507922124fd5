//! Exceptions and `halt`: `error/1,2,3`, `throw/1`, `exit/1`, `halt/0,1`.

use super::running;
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;

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
    use crate::proc_bifs::*;
    use crate::process::Process;

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
}
