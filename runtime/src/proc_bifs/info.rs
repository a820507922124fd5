//! Process identity and information: `self`, `node`, `make_ref`,
//! `yield`, `is_process_alive`, `processes`, `process_info` and group
//! leaders.

use super::{list_elems, node_name, running};
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;
use crate::process::info::{self, Target};
use crate::process::{signals, table, Process};

/// `self/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_self(p: *mut ProcessHeader) -> Term {
    running(p).pid()
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

/// `make_ref/0`: a reference unique within this program run.
#[no_mangle]
pub extern "C" fn kiln_bif_make_ref(p: *mut ProcessHeader) -> Term {
    signals::ref_term(running(p), signals::next_ref())
}

/// `erlang:yield/0`: a hint; the scheduler preempts by reductions anyway.
#[no_mangle]
pub extern "C" fn kiln_bif_yield(p: *mut ProcessHeader) -> Term {
    running(p).header.reds = 0;
    known::TRUE
}

/// Whether `pid` names a live process (one not ending).
fn alive(pid: Term) -> Option<std::sync::Arc<crate::process::Shared>> {
    let s = table::lookup(tag::pid_serial(pid))?;
    let gone = s.sig.is_dying() || s.sig.lock().closed;
    (!gone).then_some(s)
}

/// `is_process_alive/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_is_process_alive(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(pid) {
        return proc.badarg();
    }
    if pid == proc.pid() || alive(pid).is_some() {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `processes/0`: every live process, in pid order.
#[no_mangle]
pub extern "C" fn kiln_bif_processes(p: *mut ProcessHeader) -> Term {
    let mut serials = table::serials();
    serials.sort_unstable();
    let pids: Vec<Term> = serials.into_iter().map(tag::pid).collect();
    running(p).list(&pids)
}

/// The target of `process_info`: `None` when it is gone.
fn info_target(proc: &Process, pid: Term) -> Option<Target> {
    if pid == proc.pid() {
        return Some(Target::Me);
    }
    alive(pid).map(Target::Other)
}

/// Sends a `process_info` request about `items` to another process (see
/// `stdlib/erlang.erl`): the reference of the answer to come, or
/// `undefined` when the process has ended meanwhile.
fn info_request(proc: &mut Process, target: &crate::process::Shared, items: Term, all: bool) -> Term {
    // As in OTP, where the answer is built by the target while it runs:
    // `running`, unless it was waiting (then it is woken only to answer).
    let status = if target.state() == crate::process::WAITING {
        crate::atom::intern("waiting")
    } else {
        crate::atom::intern("running")
    };
    signals::request_info(proc, target, items, all, status).unwrap_or(known::UNDEFINED)
}

/// `erlang:'$process_info'/1`, under `process_info/1` (`stdlib/erlang.erl`):
/// the list for the caller; for another process a reference (the answer
/// comes as a message, see [`info_request`]); `undefined` for a process
/// that is gone; the atom `badarg` for a non-pid (the caller raises).
#[no_mangle]
pub extern "C" fn kiln_bif_process_info(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(pid) {
        return known::BADARG;
    }
    match info_target(proc, pid) {
        Some(Target::Other(s)) => info_request(proc, &s, tag::NIL, true),
        Some(t) => info::all(proc, &t),
        None => known::UNDEFINED,
    }
}

/// `erlang:'$process_info'/2`, under `process_info/2`: one item
/// (`{Item, Value}`; `[]` for the `registered_name` of a process without
/// one) or a list of items. About another process, items only it can read
/// (`info::PRIVATE_ITEMS`) make it a request (a reference comes back, as
/// for `'$process_info'/1`). The atom `badarg` for bad arguments.
#[no_mangle]
pub extern "C" fn kiln_bif_process_info_2(p: *mut ProcessHeader, pid: Term, item: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(pid) {
        return known::BADARG;
    }
    if tag::is_atom(item) {
        if !info::is_item(item) {
            return known::BADARG;
        }
        let Some(t) = info_target(proc, pid) else { return known::UNDEFINED };
        if let Target::Other(s) = &t {
            if info::is_private(item) {
                return info_request(proc, s, item, false);
            }
        }
        return match info::value(proc, &t, item) {
            Some(v) => proc.tuple(&[item, v]),
            None => tag::NIL,
        };
    }
    let Some(items) = list_elems(item, 1 << 16).filter(|l| l.iter().all(|&i| info::is_item(i))) else {
        return known::BADARG;
    };
    let Some(t) = info_target(proc, pid) else { return known::UNDEFINED };
    if let Target::Other(s) = &t {
        if items.iter().any(|&i| info::is_private(i)) {
            return info_request(proc, s, item, false);
        }
    }
    let pairs: Vec<Term> = items.into_iter().map(|i| info::pair(proc, &t, i)).collect();
    proc.list(&pairs)
}

/// `group_leader/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_group_leader(p: *mut ProcessHeader) -> Term {
    running(p).shared.sig.group_leader()
}

/// `group_leader/2`: `group_leader(Leader, Pid)`.
#[no_mangle]
pub extern "C" fn kiln_bif_group_leader_2(p: *mut ProcessHeader, leader: Term, pid: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(leader) || !tag::is_pid(pid) {
        return proc.badarg();
    }
    if pid == proc.pid() {
        proc.shared.sig.set_group_leader(leader);
        return known::TRUE;
    }
    match alive(pid) {
        Some(s) => {
            s.sig.set_group_leader(leader);
            known::TRUE
        }
        None => proc.badarg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
