//! `open_port/2`: starting the OS process and registering the port.
//!
//! The port is linked to the process that opens it and owned by it, as in
//! OTP. It counts as an external wait for the schedulers
//! ([`crate::scheduler::external_wait`]) from its opening to its end:
//! while it is open its I/O threads may still wake a waiting process, so a
//! program whose processes all wait on ports is not idle.

use super::options::PortSpec;
use crate::abi::Term;
use crate::process::Process;

/// Opens a port for `spec`, owned by and linked to `proc`; the port term,
/// or the POSIX name of the error (`enoent`, `eacces`, ...) to raise.
#[cfg(unix)]
pub fn open(proc: &mut Process, spec: &PortSpec) -> Result<Term, &'static str> {
    use super::table::{self, Port};
    use std::sync::Arc;

    // Output the program wrote before goes out before the child's own.
    crate::start::flush_output();
    let spawned = super::os_process::spawn(spec).map_err(|e| crate::bifs::file::posix_name(&e))?;
    let owner = proc.pid();
    let os_pid = Some(spawned.child.id());
    let port = Arc::new(Port::new(table::next_number(), spec.name.clone(), os_pid, spec.framing, owner));
    let queue = spawned.to_child.map(|file| {
        let (tx, rx) = std::sync::mpsc::channel();
        port.lock().writer = Some(tx);
        (file, rx)
    });
    table::insert(Arc::clone(&port));
    proc.shared.sig.lock().links.push(port.term());
    crate::scheduler::external_wait(true);
    let started = super::io_thread::start(Arc::clone(&port), spec, spawned.child, spawned.from_child, queue);
    if started.is_err() {
        abandon(proc, &port);
        return Err("eagain");
    }
    Ok(port.term())
}

/// Undoes an opening whose threads could not start: the port never
/// existed for anyone but `proc`, so it goes without signals.
#[cfg(unix)]
fn abandon(proc: &mut Process, port: &super::table::Port) {
    {
        let mut st = port.lock();
        st.closed = true;
        st.writer = None;
        st.links.clear();
    }
    super::table::remove(port.number);
    crate::scheduler::external_wait(false);
    proc.shared.sig.lock().links.retain(|&l| l != port.term());
}

/// wasm32-wasip1 runs no OS processes: every port's executable is missing.
#[cfg(not(unix))]
pub fn open(proc: &mut Process, spec: &PortSpec) -> Result<Term, &'static str> {
    let _ = (proc, spec);
    Err("enoent")
}
