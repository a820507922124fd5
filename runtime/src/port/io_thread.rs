//! The two threads of each port (native targets): blocking pipe I/O off
//! the scheduler threads.
//!
//! The reader blocks in `read` on the process's output, frames what comes
//! ([`Framer`]) and delivers each frame to the current owner as a message,
//! holding the port's lock so nothing is delivered once the port is
//! closed. At end of file it reports, in OTP's order, `{Port,
//! {exit_status, N}}` (after reaping the process, with `exit_status`) and
//! `{Port, eof}` (with `eof`, which keeps the port open); without `eof`
//! the port then ends with reason `normal`. A port that reads nothing
//! (`out` alone) ends the same way when its process exits. The process
//! is always reaped, so no zombie is left behind.
//!
//! The writer takes byte strings from the port's queue and writes them in
//! order; a failed write (the process closed its input: `epipe`) ends the
//! port with the error's POSIX name. When the port closes, the queue's
//! sender is dropped: the writer writes what was queued before, then
//! closes the process's input, which is how `port_close` and the owner's
//! death reach a process such as `cat`.

use std::fs::File;
use std::io::{self, Read, Write};
use std::process::Child;
use std::sync::mpsc::Receiver;
use std::sync::Arc;

use super::control::terminate;
use super::framing::{Frame, Framer};
use super::message;
use super::options::PortSpec;
use super::os_process::exit_code;
use super::table::Port;
use crate::abi::tag;
use crate::atom::known;
use crate::mailbox::Message;

/// Stack size of the I/O threads: they only move bytes.
const STACK: usize = 256 * 1024;
/// Bytes read at a time.
const CHUNK: usize = 64 * 1024;

/// What the reader needs to know about the port it serves.
struct ReaderSpec {
    framer: Framer,
    binary: bool,
    exit_status: bool,
    eof: bool,
}

/// Starts the port's threads.
pub fn start(
    port: Arc<Port>,
    spec: &PortSpec,
    child: Child,
    from_child: Option<File>,
    to_child: Option<(File, Receiver<Vec<u8>>)>,
) -> io::Result<()> {
    if let Some((file, queue)) = to_child {
        let p = Arc::clone(&port);
        std::thread::Builder::new()
            .name(format!("kiln-port-{}-out", port.number))
            .stack_size(STACK)
            .spawn(move || write_loop(&p, file, queue))?;
    }
    let rs = ReaderSpec {
        framer: Framer::new(spec.framing),
        binary: spec.binary,
        exit_status: spec.exit_status,
        eof: spec.eof,
    };
    std::thread::Builder::new()
        .name(format!("kiln-port-{}-in", port.number))
        .stack_size(STACK)
        .spawn(move || read_loop(&port, rs, child, from_child))?;
    Ok(())
}

/// Delivers `msg` to the port's owner unless the port has closed; counts
/// `bytes` as input. Returns whether the port is still open.
fn deliver(port: &Port, msg: Message, bytes: usize) -> bool {
    let mut st = port.lock();
    if st.closed {
        return false;
    }
    st.input += bytes as u64;
    if tag::is_pid(st.owner) {
        if let Some(p) = crate::process::table::lookup(tag::pid_serial(st.owner)) {
            crate::mailbox::deliver(&p, msg);
        }
    }
    true
}

fn frame_len(f: &Frame) -> usize {
    match f {
        Frame::Data(b) | Frame::Line { bytes: b, .. } => b.len(),
    }
}

/// Delivers `frames`; false once the port has closed.
fn deliver_frames(port: &Port, frames: &mut Vec<Frame>, binary: bool) -> bool {
    for f in frames.drain(..) {
        let n = frame_len(&f);
        if !deliver(port, message::data(port.number, f, binary), n) {
            return false;
        }
    }
    true
}

fn read_loop(port: &Port, mut rs: ReaderSpec, mut child: Child, from_child: Option<File>) {
    let mut open = true;
    // Without a pipe to read, the port lives as long as its process.
    let reads = from_child.is_some();
    if let Some(mut file) = from_child {
        let mut buf = vec![0u8; CHUNK];
        let mut frames = Vec::new();
        while open {
            match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    rs.framer.push(&buf[..n], &mut frames);
                    open = deliver_frames(port, &mut frames, rs.binary);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        if open {
            rs.framer.finish(&mut frames);
            open = deliver_frames(port, &mut frames, rs.binary);
        }
    }
    if open && (rs.exit_status || !reads) {
        let status = child.wait().map(exit_code).unwrap_or(255);
        if rs.exit_status {
            open = deliver(port, message::exit_status(port.number, status), 0);
        }
    }
    if open {
        if rs.eof {
            deliver(port, message::notice(port.number, "eof"), 0);
        } else {
            terminate(port, known::NORMAL);
        }
    }
    // Reap the process (a no-op after the wait above): after it exits on
    // its own, or on end of input now that a closed port closed its input.
    let _ = child.wait();
}

fn write_loop(port: &Port, mut file: File, queue: Receiver<Vec<u8>>) {
    for bytes in queue {
        if let Err(e) = file.write_all(&bytes) {
            let name = crate::bifs::file::posix_name(&e);
            terminate(port, crate::atom::intern(name));
            return;
        }
    }
}
