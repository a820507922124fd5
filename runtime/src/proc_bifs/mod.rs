//! BIFs about processes, the process dictionary, exceptions and `halt`.
//!
//! Each is `extern "C" fn(P, T...) -> T` under the symbol `bif_table`
//! names. A failing BIF records the exception and returns `NON_VALUE`.
//! BIFs never collect: their arguments are not GC roots.
//!
//! By concept: `spawn` (`spawn*` and their options), `send` (`!`,
//! `send/2,3`, `send_nosuspend`), `signals` (`exit/2`, links, monitors,
//! `process_flag`), `registry` (`register`, `whereis`...), `info`
//! (`self`, `node`, `make_ref`, `process_info`, group leaders...), `dict`
//! (the process dictionary), `exceptions` (`error`, `throw`, `exit/1`,
//! `halt`), `logger` (the `'$logger_*'` BIFs) and `reductions` (what
//! long BIFs charge).

mod dict;
mod exceptions;
mod info;
mod logger;
mod reductions;
mod registry;
mod send;
mod signals;
mod spawn;

pub use dict::*;
pub use exceptions::*;
pub use info::*;
pub use logger::*;
pub use reductions::*;
pub use registry::*;
pub use send::*;
pub use signals::*;
pub use spawn::*;

use crate::abi::{header, tag, ProcessHeader, Term};
use crate::process::Process;

/// The running process of a BIF call.
fn running<'a>(p: *mut ProcessHeader) -> &'a mut Process {
    // SAFETY: BIF entry points are only called by generated code (or the
    // runtime) with the header of the process running on this thread.
    unsafe { Process::from_header(p) }
}

/// The name of this node: kiln programs never run distributed, so it is
/// always `nonode@nohost`, like a non-distributed `erl` or `escript`.
fn node_name() -> Term {
    crate::atom::intern(crate::etf::encode::NODE)
}

fn priority_level(t: Term) -> Option<u8> {
    let name = crate::atom::try_name(t)?;
    crate::process::info::PRIORITIES.iter().position(|p| *p == name).map(|i| i as u8)
}

fn non_neg_small(t: Term) -> Option<usize> {
    (tag::is_small(t) && tag::small_value(t) >= 0).then(|| tag::small_value(t) as usize)
}

/// The elements of a proper list (at most `max`), or `None`.
fn list_elems(mut l: Term, max: usize) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    while tag::is_list(l) {
        if out.len() >= max {
            return None;
        }
        let cell = tag::list_ptr(l);
        // SAFETY: a list term points at a two-word cons cell.
        let (h, t) = unsafe { (*cell, *cell.add(1)) };
        out.push(h);
        l = t;
    }
    (l == tag::NIL).then_some(out)
}

/// The elements of a tuple.
fn tuple_elems<'a>(t: Term) -> Option<&'a [Term]> {
    if !tag::is_boxed(t) {
        return None;
    }
    let p = tag::boxed_ptr(t);
    // SAFETY: a boxed term points at its header; a tuple's elements follow.
    unsafe {
        let h = *p;
        (h & tag::MASK == tag::HEADER && header::subtag(h) == header::TUPLE)
            .then(|| std::slice::from_raw_parts(p.add(1), header::arity(h) as usize))
    }
}
