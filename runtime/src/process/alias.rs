//! Process aliases (OTP 24+): a reference that, while active, works as an
//! address of the process that created it. `gen:call` depends on them:
//! it monitors the server with `[{alias, demonitor}]` and the server
//! replies to the monitor's reference, so a late reply to a caller that
//! gave up is dropped instead of filling its mailbox.
//!
//! - A global registry maps an active alias (a reference number) to its
//!   owner's pid, so a sender finds the owner without a lock on the
//!   owner. It is sharded by number: sends through different aliases do
//!   not contend.
//! - The owner keeps its aliases (with their mode) in its signal state. A
//!   message sent to an alias travels as a [`Signal::Alias`]; the owner
//!   keeps it only if the alias is still active when it handles the
//!   signal, which is what makes `unalias/1` final: after it returns, no
//!   message sent through the alias is received, even one already on its
//!   way.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::abi::Term;
use crate::mailbox::Message;
use crate::process::signals::Signal;
use crate::process::{table, Process};

/// How an alias ends besides `unalias/1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only `unalias/1` ends it (`explicit_unalias`).
    Explicit,
    /// Also when its monitor goes (demonitor or `'DOWN'`) (`demonitor`).
    Demonitor,
    /// Also after the first message received through it (`reply`,
    /// `reply_demonitor`, which removes its monitor then too).
    Reply,
}

const SHARDS: usize = 32;

static REGISTRY: [Mutex<Option<HashMap<u64, Term>>>; SHARDS] = [const { Mutex::new(None) }; SHARDS];

fn shard(r: u64) -> std::sync::MutexGuard<'static, Option<HashMap<u64, Term>>> {
    REGISTRY[(r as usize) % SHARDS].lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes reference number `r` an alias of `proc`.
pub fn activate(proc: &mut Process, r: u64, mode: Mode) {
    shard(r).get_or_insert_with(HashMap::new).insert(r, proc.pid());
    proc.shared.sig.lock().aliases.push((r, mode));
}

/// Ends alias `r` of `proc`; whether it was active.
pub fn deactivate(proc: &mut Process, r: u64) -> bool {
    let removed = {
        let mut st = proc.shared.sig.lock();
        let before = st.aliases.len();
        st.aliases.retain(|&(a, _)| a != r);
        st.aliases.len() != before
    };
    if removed {
        if let Some(m) = shard(r).as_mut() {
            m.remove(&r);
        }
    }
    removed
}

/// The mode of `proc`'s active alias `r`.
pub fn mode(proc: &Process, r: u64) -> Option<Mode> {
    proc.shared.sig.lock().aliases.iter().find(|&&(a, _)| a == r).map(|&(_, m)| m)
}

/// Ends every alias of an ending process.
pub fn drop_all(proc: &mut Process) {
    let aliases = std::mem::take(&mut proc.shared.sig.lock().aliases);
    for (r, _) in aliases {
        if let Some(m) = shard(r).as_mut() {
            m.remove(&r);
        }
    }
}

/// Sends `msg` through alias `r`: to its owner if the alias is active,
/// else nowhere (as OTP drops it).
pub fn send(r: u64, msg: Term) {
    let Some(owner) = shard(r).as_ref().and_then(|m| m.get(&r).copied()) else { return };
    if let Some(target) = table::lookup(crate::abi::tag::pid_serial(owner)) {
        crate::process::signals::send_signal(&target, msg, Signal::Alias { r });
    }
}

/// The owner handles a message sent through alias `r` (see the module
/// docs): kept when the alias is active, else dropped.
pub fn receive(proc: &mut Process, r: u64, m: Message) {
    let Some(mode) = mode(proc, r) else { return };
    if mode == Mode::Reply {
        deactivate(proc, r);
        crate::process::signals::demonitor(proc, r);
    }
    proc.mailbox.push_back(m);
}
