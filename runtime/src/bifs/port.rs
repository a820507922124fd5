//! The `erlang` module's port BIFs: `open_port/2`, `port_command/2,3`,
//! `port_close/1`, `port_connect/2`, `port_info/1,2`, `ports/0`,
//! `port_control/3` and `port_call/2,3` (the ports themselves live in
//! [`crate::port`]).
//!
//! A port argument may be a port or, in OTP, the registered name of one;
//! kiln ports cannot be registered, so a name never names an open port
//! (`port_info(Name)` is `undefined`, the others `badarg`, exactly what
//! OTP answers for a name nobody registered). kiln has no port drivers,
//! so `port_control` and `port_call`, which only drivers answer, are
//! always `badarg` (what OTP raises for the spawn driver, which answers
//! neither).

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;
use crate::port::{control, options, table};
use crate::process::Process;
use crate::term::{bif_return, list_iter, make_int, make_string, Error};

fn atom(name: &str) -> Term {
    crate::atom::intern(name)
}

/// The running process of a BIF call.
fn running<'a>(p: *mut ProcessHeader) -> &'a mut Process {
    // SAFETY: BIF entry points are only called by generated code (or the
    // runtime) with the header of the process running on this thread.
    unsafe { Process::from_header(p) }
}

/// `open_port(PortName, PortSettings)`.
#[no_mangle]
pub extern "C" fn kiln_bif_open_port(p: *mut ProcessHeader, name: Term, settings: Term) -> Term {
    let proc = running(p);
    let spec = match options::parse(name, settings) {
        Ok(spec) => spec,
        Err(options::Refusal::Badarg) => return proc.badarg(),
        Err(options::Refusal::Posix(e)) => return proc.raise_error(atom(e)),
    };
    match crate::port::open::open(proc, &spec) {
        Ok(port) => port,
        Err(e) => proc.raise_error(atom(e)),
    }
}

/// The bytes of `data` written to `port` (`Err(badarg)` for anything but
/// iodata, or a port that is not open).
fn command(port: Term, data: Term) -> Result<Term, Error> {
    let port = table::lookup(port).ok_or(Error::Badarg)?;
    let bytes = crate::bifs::binary::iolist_bytes(data).ok_or(Error::Badarg)?;
    control::write(&port, bytes)?;
    Ok(known::TRUE)
}

/// `port_command(Port, Data)`.
#[no_mangle]
pub extern "C" fn kiln_bif_port_command(p: *mut ProcessHeader, port: Term, data: Term) -> Term {
    bif_return(p, |_| command(port, data))
}

/// `port_command(Port, Data, Options)`: `nosuspend` is accepted (a kiln
/// port is never busy); `force` raises `notsup`, as OTP's spawn driver
/// does (it cannot write past a busy port).
#[no_mangle]
pub extern "C" fn kiln_bif_port_command_3(p: *mut ProcessHeader, port: Term, data: Term, opts: Term) -> Term {
    let proc = running(p);
    let mut force = false;
    for o in list_iter(opts) {
        match o {
            Ok(o) if o == atom("nosuspend") => {}
            Ok(o) if o == atom("force") => force = true,
            _ => return proc.badarg(),
        }
    }
    if force && table::lookup(port).is_some() {
        return proc.raise_error(atom("notsup"));
    }
    bif_return(p, |_| command(port, data))
}

/// `port_close(Port)`.
#[no_mangle]
pub extern "C" fn kiln_bif_port_close(p: *mut ProcessHeader, port: Term) -> Term {
    bif_return(p, |_| control::close(port).map(|()| known::TRUE))
}

/// `port_connect(Port, Pid)`: `Pid` becomes the owner and is linked.
#[no_mangle]
pub extern "C" fn kiln_bif_port_connect(p: *mut ProcessHeader, port: Term, pid: Term) -> Term {
    bif_return(p, |_| {
        let port = table::lookup(port).ok_or(Error::Badarg)?;
        control::connect(&port, pid, false, true)?;
        Ok(known::TRUE)
    })
}

/// `erlang:ports()`.
#[no_mangle]
pub extern "C" fn kiln_bif_ports(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(proc.list(&table::all())))
}

/// The items of `port_info/1`, in OTP's order.
const INFO_ITEMS: [&str; 7] = ["name", "links", "id", "connected", "input", "output", "os_pid"];

/// `erlang:port_info(Port)`: the items' list, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_port_info(p: *mut ProcessHeader, port: Term) -> Term {
    bif_return(p, |proc| {
        let Some(s) = port_snapshot(port)? else {
            return Ok(known::UNDEFINED);
        };
        let items: Vec<Term> = INFO_ITEMS
            .iter()
            .map(|name| {
                let v = info_value(proc, &s, name).unwrap_or(known::UNDEFINED);
                proc.tuple(&[atom(name), v])
            })
            .collect();
        Ok(proc.list(&items))
    })
}

/// `erlang:port_info(Port, Item)`: `{Item, Value}` (`[]` for the
/// `registered_name` of a port without one), or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_port_info_2(p: *mut ProcessHeader, port: Term, item: Term) -> Term {
    bif_return(p, |proc| {
        let name = crate::atom::try_name(item).ok_or(Error::Badarg)?;
        if !KNOWN_ITEMS.contains(&name) {
            return Err(Error::Badarg);
        }
        let Some(s) = port_snapshot(port)? else {
            return Ok(known::UNDEFINED);
        };
        if name == "registered_name" {
            return Ok(tag::NIL);
        }
        let v = info_value(proc, &s, name).ok_or(Error::Badarg)?;
        Ok(proc.tuple(&[item, v]))
    })
}

/// Every item `port_info/2` answers.
const KNOWN_ITEMS: [&str; 14] = [
    "id",
    "name",
    "connected",
    "links",
    "input",
    "output",
    "os_pid",
    "registered_name",
    "memory",
    "queue_size",
    "locking",
    "monitors",
    "monitored_by",
    "parallelism",
];

/// The open port `port` names; `Ok(None)` for one that is not open (or a
/// name, which no port has), `Err(badarg)` for anything else.
fn port_snapshot(port: Term) -> Result<Option<control::Snapshot>, Error> {
    if tag::is_atom(port) {
        return Ok(None);
    }
    if !crate::port::is_port(port) {
        return Err(Error::Badarg);
    }
    Ok(control::snapshot(port))
}

/// The value of item `name` (`None` for an unknown item).
fn info_value(proc: &mut Process, s: &control::Snapshot, name: &str) -> Option<Term> {
    Some(match name {
        "id" => make_int(proc, s.number as i64),
        "name" => make_string(proc, &s.name),
        "connected" => s.owner,
        "links" => proc.list(&s.links),
        "input" => make_int(proc, s.input as i64),
        "output" => make_int(proc, s.output as i64),
        "os_pid" => match s.os_pid {
            Some(n) => make_int(proc, i64::from(n)),
            None => known::UNDEFINED,
        },
        // The port's own structure, as OTP counts a spawn port's.
        "memory" => tag::small(40 + s.name.len() as i64),
        "queue_size" => tag::small(0),
        "locking" => atom("port_level"),
        // Ports monitor nothing.
        "monitors" => tag::NIL,
        "monitored_by" => proc.list(&s.monitored_by),
        "parallelism" => known::FALSE,
        _ => return None,
    })
}

/// `port_control(Port, Operation, Data)`: no kiln port has a driver to
/// answer it.
#[no_mangle]
pub extern "C" fn kiln_bif_port_control(p: *mut ProcessHeader, _port: Term, _op: Term, _data: Term) -> Term {
    running(p).badarg()
}

/// `erlang:port_call(Port, Operation, Data)`: as `port_control/3`.
#[no_mangle]
pub extern "C" fn kiln_bif_port_call_3(p: *mut ProcessHeader, _port: Term, _op: Term, _data: Term) -> Term {
    running(p).badarg()
}

/// `erlang:port_call(Port, Data)`: as `port_control/3`.
#[no_mangle]
pub extern "C" fn kiln_bif_port_call_2(p: *mut ProcessHeader, _port: Term, _data: Term) -> Term {
    running(p).badarg()
}

/// `link(Port)` (called by `kiln_bif_link`): `noproc` for a port that is
/// not open, or `{'EXIT', Port, noproc}` when the caller traps exits.
pub fn link(proc: &mut Process, port: Term) -> Term {
    if control::link(proc, port) {
        return known::TRUE;
    }
    if proc.shared.sig.trap_exit() {
        let msg = proc.tuple(&[known::EXIT_TAG, port, crate::process::signals::NOPROC]);
        crate::process::signals::send_self(proc, msg);
        return known::TRUE;
    }
    proc.raise_error(crate::process::signals::NOPROC)
}

/// `unlink(Port)` (called by `kiln_bif_unlink`).
pub fn unlink(proc: &mut Process, port: Term) -> Term {
    control::unlink(proc, port);
    known::TRUE
}

/// `exit(Port, Reason)` (called by `kiln_bif_exit_2`).
pub fn exit(proc: &mut Process, port: Term, reason: Term) -> Term {
    control::exit_signal(port, proc.pid(), reason, false);
    known::TRUE
}

/// `monitor(port, PortOrName)` (called by `kiln_bif_monitor`): a name is
/// never a registered port, so it is answered `'DOWN'` with `noproc`.
pub fn monitor(proc: &mut Process, item: Term) -> Term {
    if crate::port::is_port(item) {
        return control::monitor(proc, item);
    }
    if tag::is_atom(item) {
        let obj = crate::process::signals::name_node(proc, item);
        return control::monitor(proc, obj);
    }
    proc.badarg()
}
