//! Ports: OS processes that an Erlang process talks to through pipes, as
//! OTP's `open_port({spawn, ...})` and `{spawn_executable, ...}` provide.
//!
//! A port is not a process: it has no heap, no code and no mailbox. It is
//! an entry in a table of its own ([`table`]) holding its owner (the
//! "connected" process), its links and monitors, its byte counters and the
//! sending end of the channel to its writer thread. Everything that makes
//! it look like OTP's happens in two places:
//!
//! - in the caller's BIF, for what a process does to a port
//!   ([`control`]: `port_command`, `port_close`, `port_connect`, `Port !
//!   Msg`, `link`, `exit/2`, `monitor`), synchronously, so errors are
//!   raised where OTP raises them (`badarg` on a closed port);
//! - on two threads per port ([`io_thread`], native targets only), for
//!   what the OS process does: one blocks reading its output, cuts it into
//!   frames ([`framing`]: stream, `{line, N}`, `{packet, N}`) and delivers
//!   each as an ordinary message to the owner ([`message`]), then reports
//!   `eof`/`exit_status` and closes the port; the other writes what
//!   `port_command` queued. Blocking I/O therefore never runs on a
//!   scheduler thread, and the data reaches the owner through the normal
//!   send path (its inbox and the scheduler's wake protocol).
//!
//! A port's end ([`control::terminate`]) is where OTP's link semantics
//! live: it sends exit signals to the linked processes and `'DOWN'` to the
//! monitoring ones through the same signal queue processes use, so an
//! owner that traps exits receives `{'EXIT', Port, Reason}` after every
//! `{Port, {data, _}}` the port delivered before.
//!
//! On wasm32-wasip1 there are no OS processes: `open_port` raises `enoent`
//! for both `spawn` and `spawn_executable`, which is what OTP raises for
//! an executable that does not exist (OTP opens a `{spawn, Cmd}` port and
//! lets `/bin/sh` report "not found"; with no shell to run, kiln reports
//! the missing executable at once instead).

pub mod control;
pub mod framing;
#[cfg(unix)]
pub mod io_thread;
pub mod message;
pub mod open;
pub mod options;
#[cfg(unix)]
pub mod os_process;
pub mod table;

#[cfg(test)]
mod tests;

use crate::abi::{tag, Term};

/// The port term `#Port<0.N>`.
pub const fn port_term(n: u64) -> Term {
    (n << tag::IMMED_PAYLOAD_SHIFT) | tag::PORT
}

/// Whether `t` is a port term.
pub const fn is_port(t: Term) -> bool {
    t & tag::IMMED_MASK == tag::PORT
}

/// The number `N` of the port term `#Port<0.N>`.
pub const fn port_number(t: Term) -> u64 {
    t >> tag::IMMED_PAYLOAD_SHIFT
}
