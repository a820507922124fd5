//! The port table: every open port by number, and what each one holds.
//!
//! A port's mutable half ([`PortState`]) sits behind one mutex that both
//! sides take: the BIFs of the processes using the port and its I/O
//! threads. The I/O thread delivers each message while holding it and
//! [`super::control::terminate`] marks the port closed under it, so once
//! a port is closed nothing more is delivered and its exit signal follows
//! every message it sent. Numbers are never reused: a port term that
//! outlives its port names nothing, like OTP's.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::options::Framing;
use crate::abi::Term;

/// Work for a port's writer thread.
pub type Writer = std::sync::mpsc::Sender<Vec<u8>>;

/// An open (or just closed) port.
#[derive(Debug)]
pub struct Port {
    /// `N` of `#Port<0.N>`.
    pub number: u64,
    /// The command or executable, for `port_info(Port, name)`.
    pub name: String,
    pub os_pid: Option<u32>,
    /// Output framing (`{packet, N}` prefixes what is written).
    pub framing: Framing,
    state: Mutex<PortState>,
}

/// What changes while a port is open.
#[derive(Debug)]
pub struct PortState {
    /// Set once, when the port ends; nothing is delivered after.
    pub closed: bool,
    /// The connected process: it receives the port's messages.
    pub owner: Term,
    /// Linked processes (pids).
    pub links: Vec<Term>,
    /// Monitors of this port: (reference number, monitoring pid).
    pub monitored_by: Vec<(u64, Term)>,
    /// Bytes delivered to the owner and bytes written (headers excluded).
    pub input: u64,
    pub output: u64,
    /// The writer thread's queue; `None` for a port without `out`.
    pub writer: Option<Writer>,
}

impl Port {
    pub fn new(number: u64, name: String, os_pid: Option<u32>, framing: Framing, owner: Term) -> Port {
        let state = PortState {
            closed: false,
            owner,
            links: vec![owner],
            monitored_by: Vec::new(),
            input: 0,
            output: 0,
            writer: None,
        };
        Port { number, name, os_pid, framing, state: Mutex::new(state) }
    }

    /// Locks the port's state.
    pub fn lock(&self) -> MutexGuard<'_, PortState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The port term.
    pub fn term(&self) -> Term {
        super::port_term(self.number)
    }
}

fn table() -> MutexGuard<'static, BTreeMap<u64, Arc<Port>>> {
    static TABLE: Mutex<BTreeMap<u64, Arc<Port>>> = Mutex::new(BTreeMap::new());
    TABLE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A fresh port number.
pub fn next_number() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Adds an opened port.
pub fn insert(port: Arc<Port>) {
    table().insert(port.number, port);
}

/// Removes a port that ended.
pub fn remove(number: u64) {
    table().remove(&number);
}

/// The open port named by the term `t`, if `t` is a port term and the
/// port is open.
pub fn lookup(t: Term) -> Option<Arc<Port>> {
    if !super::is_port(t) {
        return None;
    }
    table().get(&super::port_number(t)).cloned()
}

/// The terms of every open port, oldest first (`erlang:ports/0`).
pub fn all() -> Vec<Term> {
    table().values().map(|p| p.term()).collect()
}
