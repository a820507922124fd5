//! What processes do to ports, and how a port ends.
//!
//! Each function runs in the BIF (or the exiting process) that asks, under
//! the port's lock, so its effect is ordered with the I/O thread's
//! deliveries. The rules are OTP 25's (`erts/emulator/beam/io.c`):
//!
//! - `port_command` and `{Pid, {command, Data}}` queue `Data` for the
//!   writer thread; a port opened without `out` dies with `ebadf`, and a
//!   packet too long for its `{packet, N}` header kills it with `einval`.
//! - `port_close` and `{Pid, close}` end it with reason `normal` (the
//!   latter then answers `{Port, closed}`); `{Pid, {connect, New}}` makes
//!   `New` the owner and answers `{Port, connected}` to the old one;
//!   `port_connect/2` also links `New`. Any other message kills the port
//!   with `badsig`.
//! - `exit(Port, Reason)` ends the port with `Reason` (`kill` as
//!   `killed`), from any process and `normal` included; a linked process
//!   that ends takes the port with it unless it ends `normal` and is not
//!   the owner.
//! - Ending ([`terminate`]) closes the OS process's input, then sends the
//!   reason to every linked process as an exit signal and `'DOWN'` to every
//!   monitoring one, exactly as a dying process does.

use std::sync::Arc;

use super::framing::encode_packet;
use super::message;
use super::table::{self, Port};
use crate::abi::{tag, Term};
use crate::atom::known;
use crate::process::signals::{self, Monitor, Signal};
use crate::process::{self, Process};
use crate::term::{tuple_elements, Error};

fn atom(name: &str) -> Term {
    crate::atom::intern(name)
}

/// The live process `pid`, if any.
fn process_of(pid: Term) -> Option<Arc<process::Shared>> {
    tag::is_pid(pid).then(|| process::table::lookup(tag::pid_serial(pid))).flatten()
}

/// Ends `port` with `reason` (an immediate, or a term on the calling
/// process's heap): closes its input, removes it from the table, sends
/// exit signals to its links and `'DOWN'` to its monitors. `false` when
/// it had already ended.
pub fn terminate(port: &Port, reason: Term) -> bool {
    let (links, monitors) = {
        let mut st = port.lock();
        if st.closed {
            return false;
        }
        st.closed = true;
        // Dropping the queue's sender lets the writer finish what is
        // queued, then close the process's input.
        st.writer = None;
        (std::mem::take(&mut st.links), std::mem::take(&mut st.monitored_by))
    };
    table::remove(port.number);
    crate::scheduler::external_wait(false);
    let me = port.term();
    for pid in links {
        if let Some(p) = process_of(pid) {
            signals::send_signal(&p, reason, Signal::Exit { from: me, link: true });
        }
    }
    for (r, watcher) in monitors {
        if let Some(p) = process_of(watcher) {
            signals::send_signal(&p, reason, Signal::Down { from: me, r });
        }
    }
    true
}

/// Queues `data` for the OS process (see the module docs for the ways
/// this kills the port). `Err(badarg)` when the port is closed.
pub fn write(port: &Port, data: Vec<u8>) -> Result<(), Error> {
    let failure = {
        let mut st = port.lock();
        if st.closed {
            return Err(Error::Badarg);
        }
        let len = data.len() as u64;
        match (st.writer.clone(), encode_packet(port.framing, data)) {
            (None, _) => "ebadf",
            (Some(_), None) => "einval",
            (Some(w), Some(bytes)) => {
                st.output += len;
                // A writer that already stopped has killed the port (or
                // is about to): the data has nowhere to go.
                let _ = w.send(bytes);
                return Ok(());
            }
        }
    };
    terminate(port, atom(failure));
    Ok(())
}

/// `port_close(Port)`: `Err(badarg)` for a port that is not open.
pub fn close(port: Term) -> Result<(), Error> {
    let port = table::lookup(port).ok_or(Error::Badarg)?;
    if terminate(&port, known::NORMAL) {
        Ok(())
    } else {
        Err(Error::Badarg)
    }
}

/// Makes `pid` the owner; `{Port, connected}` goes to the old owner when
/// `reply` (the message form), and `pid` is linked when `link`
/// (`port_connect/2`). `Err(badarg)` when the port is closed or `pid` is
/// not a live process.
pub fn connect(port: &Port, pid: Term, reply: bool, link: bool) -> Result<(), Error> {
    let target = process_of(pid).ok_or(Error::Badarg)?;
    let mut st = port.lock();
    if st.closed {
        return Err(Error::Badarg);
    }
    if link && !st.links.contains(&pid) {
        let mut theirs = target.sig.lock();
        if theirs.closed {
            return Err(Error::Badarg);
        }
        if !theirs.links.contains(&port.term()) {
            theirs.links.push(port.term());
        }
        st.links.push(pid);
    }
    let old = std::mem::replace(&mut st.owner, pid);
    if reply {
        if let Some(p) = process_of(old) {
            crate::mailbox::deliver(&p, message::notice(port.number, "connected"));
        }
    }
    Ok(())
}

/// `Port ! Msg`: a message to a closed port is dropped.
pub fn send(port: Term, msg: Term) {
    let Some(port) = table::lookup(port) else {
        return;
    };
    let ok = match tuple_elements(msg) {
        Some(&[from, what]) if tag::is_pid(from) => port_request(&port, from, what),
        _ => false,
    };
    if !ok {
        let report = format!("Bad value on output port '{}'\n", port.name);
        crate::io_bifs::write_stderr(report.as_bytes());
        terminate(&port, atom("badsig"));
    }
}

/// `{From, What}` sent to an open port; false for a bad signal.
fn port_request(port: &Arc<Port>, from: Term, what: Term) -> bool {
    if what == atom("close") {
        if terminate(port, known::NORMAL) {
            if let Some(p) = process_of(from) {
                crate::mailbox::deliver(&p, message::notice(port.number, "closed"));
            }
        }
        return true;
    }
    match tuple_elements(what) {
        Some(&[kind, data]) if kind == atom("command") => match crate::bifs::binary::iolist_bytes(data) {
            Some(bytes) => write(port, bytes).is_ok(),
            None => false,
        },
        Some(&[kind, pid]) if kind == atom("connect") && tag::is_pid(pid) => {
            // A dead new owner is accepted, as in OTP: messages to it are lost.
            let mut st = port.lock();
            let old = std::mem::replace(&mut st.owner, pid);
            if let Some(p) = process_of(old) {
                crate::mailbox::deliver(&p, message::notice(port.number, "connected"));
            }
            true
        }
        _ => false,
    }
}

/// `link(Port)` from `proc`: false when the port is closed (the caller
/// raises `noproc`, or sends itself `{'EXIT', Port, noproc}` when trapping
/// exits).
pub fn link(proc: &mut Process, port: Term) -> bool {
    let me = proc.pid();
    let Some(port) = table::lookup(port) else {
        return false;
    };
    {
        let mut st = port.lock();
        if st.closed {
            return false;
        }
        if !st.links.contains(&me) {
            st.links.push(me);
        }
    }
    let mut mine = proc.shared.sig.lock();
    if !mine.links.contains(&port.term()) {
        mine.links.push(port.term());
    }
    true
}

/// `unlink(Port)` from `proc`.
pub fn unlink(proc: &mut Process, port: Term) {
    let me = proc.pid();
    proc.shared.sig.lock().links.retain(|&l| l != port);
    if let Some(p) = table::lookup(port) {
        p.lock().links.retain(|&l| l != me);
    }
}

/// An exit signal from `from` with `reason` reaching `port`: from
/// `exit(Port, Reason)` (`link` false) or from a linked process that
/// ended (`link` true, which also removes the link).
pub fn exit_signal(port: Term, from: Term, reason: Term, link: bool) {
    let Some(port) = table::lookup(port) else {
        return;
    };
    let owner = {
        let mut st = port.lock();
        if link {
            let before = st.links.len();
            st.links.retain(|&l| l != from);
            if st.links.len() == before {
                return; // unlinked meanwhile: the signal is dropped
            }
        }
        st.owner
    };
    let reason = if reason == signals::KILL && !link { signals::KILLED } else { reason };
    if !link || reason != known::NORMAL || from == owner {
        terminate(&port, reason);
    }
}

/// `monitor(port, Port)` from `proc`: the reference; a port that is not
/// open gets `{'DOWN', Ref, port, Port, noproc}` at once.
pub fn monitor(proc: &mut Process, port: Term) -> Term {
    let r = signals::next_ref();
    let rt = signals::ref_term(proc, r);
    let me = proc.pid();
    let added = table::lookup(port).is_some_and(|p| {
        let mut st = p.lock();
        if !st.closed {
            st.monitored_by.push((r, me));
        }
        !st.closed
    });
    if added {
        proc.shared.sig.lock().monitors.push(Monitor { r, target: port, name: tag::NON_VALUE });
    } else {
        let msg = proc.tuple(&[signals::DOWN, rt, atom("port"), port, signals::NOPROC]);
        signals::send_self(proc, msg);
    }
    rt
}

/// Drops the monitor `r` of `port` (the monitoring process demonitored
/// or ended).
pub fn demonitor(port: Term, r: u64) {
    if let Some(p) = table::lookup(port) {
        p.lock().monitored_by.retain(|&(n, _)| n != r);
    }
}

/// What `port_info` reports about an open port.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub number: u64,
    pub name: String,
    pub owner: Term,
    pub links: Vec<Term>,
    pub monitored_by: Vec<Term>,
    pub input: u64,
    pub output: u64,
    pub os_pid: Option<u32>,
}

/// The state of the open port `port`, or `None`.
pub fn snapshot(port: Term) -> Option<Snapshot> {
    let p = table::lookup(port)?;
    let st = p.lock();
    (!st.closed).then(|| Snapshot {
        number: p.number,
        name: p.name.clone(),
        owner: st.owner,
        links: st.links.clone(),
        monitored_by: st.monitored_by.iter().map(|&(_, pid)| pid).collect(),
        input: st.input,
        output: st.output,
        os_pid: p.os_pid,
    })
}
