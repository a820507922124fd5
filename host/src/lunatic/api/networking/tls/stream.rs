//! A TLS stream, and how its operations wait.
//!
//! # A TLS stream
//!
//! A non-blocking TCP socket registered with the poller, and a rustls
//! connection (client or server) behind a mutex. Every operation is a
//! non-blocking *step* taken under that mutex: send the records rustls has
//! ready, feed it what arrived, move plaintext in or out. A step that cannot
//! go on says which readiness it needs (readable, writable, or both: a read
//! may have records of its own to send first), and the process waits for it
//! ([`drive`]), then takes the step again. Processes sharing a stream
//! (`clone_tls_stream`, or one that was sent away) take their steps in turn.
//!
//! # Reads, writes, flushes and closing
//!
//! - A read answers plaintext as soon as some is there; 0 once the peer
//!   sent `close_notify` and closed, an error when it closed without one.
//! - A write is taken into rustls only once the records of earlier writes
//!   were all handed to the socket (so a slow peer holds writers back), and
//!   answers once its own records were. Should the write timeout pass after
//!   rustls took the bytes, the write answers their count rather than the
//!   timeout: they are sent by the stream's next operation, and a retry
//!   would send them twice.
//! - `tls_flush` waits until every record was handed to the socket, at most
//!   the write timeout (then an error: the guest's flush knows no timeout
//!   code).
//! - When the last handle goes, the stream sends `close_notify` (if the
//!   socket takes it at once) and closes.

use std::io;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use rustls::Connection;
use wasmtime::{Caller, Result};

use super::super::poller::{Dir, Registered, Waiters};
use super::super::wait::{wait_for, NO_TIMEOUT};
use super::steps::{send_records, Step};
use crate::lunatic::state::GuestState;

// ---------------------------------------------------------------------------
// Waiting.

/// Sockets and the readiness a process waits for on each.
pub(super) type Needs = Vec<(Arc<Waiters>, Dir)>;

/// What an attempt came to: an answer, or what it waits for.
pub(super) enum Attempt<R> {
    Done(R),
    Wait(Needs),
}

/// Calls `attempt` until it answers, waiting in between for what it last
/// said it needs (or a message, or `deadline`); `None` when the deadline
/// passed first.
///
/// As `Registered::io_op` does for one socket and one direction, the
/// process is recorded as a waiter before the attempt that finds it must
/// wait, so no readiness is lost. An attempt that needs more than was
/// recorded before it (another direction, another socket: a listener's new
/// connections) is retried at once after recording that too.
pub(super) async fn drive<R>(
    c: &mut Caller<'_, GuestState>,
    deadline: Option<Instant>,
    mut attempt: impl FnMut(&mut Caller<'_, GuestState>) -> Result<Attempt<R>>,
) -> Result<Option<R>> {
    let mut needs = match attempt(c)? {
        Attempt::Done(r) => return Ok(Some(r)),
        Attempt::Wait(needs) => needs,
    };
    /// Forgets every waiter recorded, however the wait ends (also when the
    /// process is killed while it waits and this future is dropped).
    struct Leave {
        pid: u64,
        recorded: Needs,
    }
    impl Drop for Leave {
        fn drop(&mut self) {
            for (w, dir) in &self.recorded {
                w.remove(self.pid, *dir);
            }
        }
    }
    fn holds(set: &Needs, (w, dir): &(Arc<Waiters>, Dir)) -> bool {
        set.iter().any(|(x, d)| Arc::ptr_eq(x, w) && d == dir)
    }
    let pid = c.data().id;
    let mut leave = Leave { pid, recorded: Vec::new() };
    wait_for(c, deadline, |c| {
        // Recorded anew after every wake: the poller forgets whom it woke.
        let mut this_round = Needs::new();
        // Sockets closed meanwhile (failed handshakes) are no longer kept.
        leave.recorded.retain(|(w, _)| Arc::strong_count(w) > 1);
        loop {
            for need in needs.drain(..) {
                need.0.add(pid, need.1);
                if !holds(&leave.recorded, &need) {
                    leave.recorded.push(need.clone());
                }
                this_round.push(need);
            }
            match attempt(c)? {
                Attempt::Done(r) => return Ok(Some(r)),
                Attempt::Wait(n) => {
                    let covered = n.iter().all(|need| holds(&this_round, need));
                    needs = n;
                    if covered {
                        return Ok(None);
                    }
                }
            }
        }
    })
    .await
}

// ---------------------------------------------------------------------------
// The stream.

/// A TLS stream and its timeouts (shared by clones, as in lunatic).
pub struct TlsConnection {
    pub(super) socket: Registered<mio::net::TcpStream>,
    tls: Mutex<Connection>,
    /// Milliseconds, [`NO_TIMEOUT`] for none.
    pub(super) read_timeout: AtomicU64,
    pub(super) write_timeout: AtomicU64,
}

impl TlsConnection {
    pub(super) fn new(socket: Registered<mio::net::TcpStream>, tls: impl Into<Connection>) -> TlsConnection {
        TlsConnection {
            socket,
            tls: Mutex::new(tls.into()),
            read_timeout: AtomicU64::new(NO_TIMEOUT),
            write_timeout: AtomicU64::new(NO_TIMEOUT),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.tls.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a step; its outcome, or the readiness it waits for.
    pub(super) fn attempt<T>(
        &self,
        step: impl FnOnce(&mut Connection, &mio::net::TcpStream) -> Step<T>,
    ) -> Attempt<io::Result<T>> {
        match step(&mut self.lock(), &self.socket.io) {
            Step::Done(r) => Attempt::Done(r),
            Step::Blocked { read, write } => Attempt::Wait(self.needs(read, write)),
        }
    }

    fn needs(&self, read: bool, write: bool) -> Needs {
        let mut needs = Needs::new();
        if read {
            needs.push((self.socket.waiters.clone(), Dir::Read));
        }
        if write {
            needs.push((self.socket.waiters.clone(), Dir::Write));
        }
        needs
    }

    /// Takes steps until one is done or the deadline passes (`None`).
    pub(super) async fn run<T>(
        &self,
        c: &mut Caller<'_, GuestState>,
        deadline: Option<Instant>,
        mut step: impl FnMut(&mut Connection, &mio::net::TcpStream) -> Step<T>,
    ) -> Result<Option<io::Result<T>>> {
        drive(c, deadline, |_| Ok(self.attempt(&mut step))).await
    }
}

impl Drop for TlsConnection {
    fn drop(&mut self) {
        let tls = self.tls.get_mut().unwrap_or_else(|e| e.into_inner());
        if !tls.is_handshaking() {
            tls.send_close_notify();
        }
        let _ = send_records(tls, &self.socket.io);
    }
}
