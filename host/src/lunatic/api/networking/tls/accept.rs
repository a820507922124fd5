//! Listeners, and the handshakes of the connections they accepted.
//!
//! A listener keeps the connections it accepted whose handshake is still
//! going (at most [`MAX_HANDSHAKES`], the oldest given up beyond that) and
//! `tls_accept` advances all of them together, answering the first that
//! completes: a client that stalls its handshake does not hold up the
//! others, and one whose handshake fails is closed (rustls sends it the
//! alert) without `tls_accept` failing (lunatic traps the accepting process
//! there, and handshakes with one connection at a time, so there a stalled
//! client blocks `accept`). The other side of this: a handshake moves on
//! only while the listening process is in `tls_accept`.

use std::collections::VecDeque;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use rustls::{ServerConfig, ServerConnection};

use super::super::poller::{Dir, Registered};
use super::steps::handshake_step;
use super::stream::{Attempt, TlsConnection};

/// The most connections a listener keeps in their handshake.
const MAX_HANDSHAKES: usize = 64;

/// A connection a listener accepted, in its handshake.
pub(super) struct Handshake {
    stream: TlsConnection,
    peer: SocketAddr,
}

/// A TLS listener: a TCP listener, the server's configuration, and the
/// connections whose handshake is under way.
pub struct TlsListener {
    pub(super) socket: Registered<mio::net::TcpListener>,
    pub(super) config: Arc<ServerConfig>,
    pub(super) handshakes: Mutex<VecDeque<Handshake>>,
}

impl TlsListener {
    /// Takes the connections waiting on the socket and advances every
    /// handshake: the first one to complete, or what they all wait for.
    pub(super) fn accept_step(&self) -> Attempt<io::Result<(TlsConnection, SocketAddr)>> {
        let mut pending = self.handshakes.lock().unwrap_or_else(|e| e.into_inner());
        let mut failure = None;
        loop {
            let started = match self.socket.io.accept() {
                Ok((s, peer)) => Registered::new(s).and_then(|s| {
                    let tls = ServerConnection::new(self.config.clone()).map_err(io::Error::other)?;
                    Ok(Handshake { stream: TlsConnection::new(s, tls), peer })
                }),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) => Err(e),
            };
            match started {
                Ok(h) => {
                    if pending.len() == MAX_HANDSHAKES {
                        pending.pop_front();
                    }
                    pending.push_back(h);
                }
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        let mut needs = vec![(self.socket.waiters.clone(), Dir::Read)];
        let mut i = 0;
        while i < pending.len() {
            match pending[i].stream.attempt(handshake_step) {
                Attempt::Done(Ok(())) => {
                    let h = pending.remove(i).expect("the index is in range");
                    return Attempt::Done(Ok((h.stream, h.peer)));
                }
                // The peer's failure: it is closed, and accept goes on.
                Attempt::Done(Err(_)) => drop(pending.remove(i)),
                Attempt::Wait(n) => {
                    needs.extend(n);
                    i += 1;
                }
            }
        }
        match failure {
            Some(e) => Attempt::Done(Err(e)),
            None => Attempt::Wait(needs),
        }
    }
}
