//! Registered names: `register/2`, `unregister/1`, `whereis/1`,
//! `registered/0`.
//!
//! One global map from name to the process's shared half, behind a mutex
//! (registering is rare; looking a name up takes the lock briefly). Each
//! process also records its own name in `SharedSig::reg_name`, written
//! only under the same lock, so the two never disagree; an ending process
//! removes its name in [`remove_dead`] before it closes.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use crate::abi::{tag, Term};
use crate::atom::known;
use crate::process::{table, Shared};

fn names() -> MutexGuard<'static, HashMap<Term, Arc<Shared>>> {
    static NAMES: OnceLock<Mutex<HashMap<Term, Arc<Shared>>>> = OnceLock::new();
    NAMES.get_or_init(|| Mutex::new(HashMap::new())).lock().unwrap_or_else(PoisonError::into_inner)
}

/// `register(Name, Pid)`: false (badarg) when `name` is not an atom other
/// than `undefined`, `pid` is not a live process, the name is taken or the
/// process already has a name.
pub fn register(name: Term, pid: Term) -> bool {
    if !tag::is_atom(name) || name == known::UNDEFINED || !tag::is_pid(pid) {
        return false;
    }
    let Some(shared) = table::lookup(tag::pid_serial(pid)) else {
        return false;
    };
    let mut map = names();
    if map.contains_key(&name) || shared.sig.registered_name().is_some() || shared.sig.lock().closed {
        return false;
    }
    shared.sig.reg_name.store(name, Ordering::SeqCst);
    map.insert(name, shared);
    true
}

/// `unregister(Name)`: false (badarg) if it is not registered.
pub fn unregister(name: Term) -> bool {
    let mut map = names();
    match map.remove(&name) {
        Some(shared) => {
            shared.sig.reg_name.store(0, Ordering::SeqCst);
            true
        }
        None => false,
    }
}

/// The process registered as `name`.
pub fn whereis(name: Term) -> Option<Arc<Shared>> {
    names().get(&name).cloned()
}

/// Every registered name.
pub fn registered() -> Vec<Term> {
    names().keys().copied().collect()
}

/// Drops the name of a process that is ending.
pub fn remove_dead(shared: &Shared) {
    let mut map = names();
    if let Some(name) = shared.sig.registered_name() {
        if map.get(&name).is_some_and(|s| s.serial == shared.serial) {
            map.remove(&name);
        }
        shared.sig.reg_name.store(0, Ordering::SeqCst);
    }
}
