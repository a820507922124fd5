//! Sending: `!`, `erlang:send/2,3` and `send_nosuspend/2,3`.

use super::{list_elems, node_name, running, tuple_elems};
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;
use crate::process::registry;

/// `Dest ! Msg` and `erlang:send/2`: `Dest` is a pid, an alias, a registered name
/// (`badarg` if not registered) or `{Name, Node}` (dropped when `Name` is
/// not registered here or `Node` is another node, as OTP does). Sends to
/// dead processes are dropped.
#[no_mangle]
pub extern "C" fn kiln_bif_send(p: *mut ProcessHeader, dest: Term, msg: Term) -> Term {
    if crate::port::is_port(dest) {
        crate::port::control::send(dest, msg);
        return msg;
    }
    if tag::is_pid(dest) {
        crate::mailbox::send(dest, msg);
        return msg;
    }
    // A reference: an alias (dropped unless active, as OTP does).
    if let Some(r) = crate::process::signals::ref_number(dest) {
        crate::process::alias::send(r, msg);
        return msg;
    }
    if tag::is_atom(dest) {
        return match registry::whereis(dest) {
            Some(s) => {
                crate::mailbox::deliver(&s, crate::mailbox::Message::copy_of(msg));
                msg
            }
            None => running(p).badarg(),
        };
    }
    if let Some(&[name, node]) = tuple_elems(dest) {
        if tag::is_atom(name) && tag::is_atom(node) {
            if node == node_name() {
                if let Some(s) = registry::whereis(name) {
                    crate::mailbox::deliver(&s, crate::mailbox::Message::copy_of(msg));
                }
            }
            return msg;
        }
    }
    running(p).badarg()
}

/// The options of `erlang:send/3` and `send_nosuspend/3`: whether
/// `noconnect` is among them; `None` (badarg) for anything but a proper
/// list of `noconnect` and `nosuspend`.
fn send_options(opts: Term) -> Option<bool> {
    let mut noconnect = false;
    for o in list_elems(opts, 1 << 16)? {
        match crate::atom::try_name(o) {
            Some("noconnect") => noconnect = true,
            Some("nosuspend") => {}
            _ => return None,
        }
    }
    Some(noconnect)
}

/// Whether `dest` is `{Name, Node}` for a node other than this one (never
/// connected: kiln programs are not distributed).
fn remote_dest(dest: Term) -> bool {
    matches!(tuple_elems(dest), Some(&[name, node]) if tag::is_atom(name) && tag::is_atom(node) && node != node_name())
}

/// `erlang:send/3`: sends like `!`; `ok`, or `noconnect` for another
/// node with the `noconnect` option (a local send never suspends).
#[no_mangle]
pub extern "C" fn kiln_bif_send_3(p: *mut ProcessHeader, dest: Term, msg: Term, opts: Term) -> Term {
    let Some(noconnect) = send_options(opts) else { return running(p).badarg() };
    if kiln_bif_send(p, dest, msg) == tag::NON_VALUE {
        return tag::NON_VALUE;
    }
    if noconnect && remote_dest(dest) {
        crate::atom::intern("noconnect")
    } else {
        known::OK
    }
}

/// `erlang:send_nosuspend/2`: sends like `!`; `true` (a local send never
/// suspends).
#[no_mangle]
pub extern "C" fn kiln_bif_send_nosuspend(p: *mut ProcessHeader, dest: Term, msg: Term) -> Term {
    if kiln_bif_send(p, dest, msg) == tag::NON_VALUE {
        return tag::NON_VALUE;
    }
    known::TRUE
}

/// `erlang:send_nosuspend/3`: `false` for another node with the
/// `noconnect` option, else as `send_nosuspend/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_send_nosuspend_3(p: *mut ProcessHeader, dest: Term, msg: Term, opts: Term) -> Term {
    let Some(noconnect) = send_options(opts) else { return running(p).badarg() };
    if kiln_bif_send(p, dest, msg) == tag::NON_VALUE {
        return tag::NON_VALUE;
    }
    if noconnect && remote_dest(dest) {
        known::FALSE
    } else {
        known::TRUE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proc_bifs::kiln_bif_self;
    use crate::process::Process;

    #[test]
    fn send_with_options() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let me = kiln_bif_self(p);
        let noconnect = crate::atom::intern("noconnect");
        let nosuspend = crate::atom::intern("nosuspend");
        let opts = proc.list(&[noconnect, nosuspend]);
        assert_eq!(kiln_bif_send_3(p, me, tag::small(1), opts), known::OK);
        assert_eq!(kiln_bif_send_3(p, me, tag::small(1), tag::NIL), known::OK);
        assert_eq!(kiln_bif_send_nosuspend(p, me, tag::small(1)), known::TRUE);
        let far = crate::atom::intern("x@y");
        let name = crate::atom::intern("nobody");
        let remote = proc.tuple(&[name, far]);
        assert_eq!(kiln_bif_send_3(p, remote, tag::small(1), opts), noconnect);
        assert_eq!(kiln_bif_send_3(p, remote, tag::small(1), tag::NIL), known::OK);
        assert_eq!(kiln_bif_send_nosuspend_3(p, remote, tag::small(1), opts), known::FALSE);
        assert_eq!(kiln_bif_send_nosuspend(p, remote, tag::small(1)), known::TRUE);
        let bad = proc.list(&[known::TRUE]);
        assert_eq!(kiln_bif_send_3(p, me, tag::small(1), bad), tag::NON_VALUE);
        assert_eq!(kiln_bif_send_nosuspend_3(p, me, tag::small(1), tag::small(3)), tag::NON_VALUE);
        assert_eq!(kiln_bif_send_nosuspend(p, name, tag::small(1)), tag::NON_VALUE);
        assert_eq!(proc.exception.reason, known::BADARG);
    }
}
