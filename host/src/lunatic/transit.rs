//! Resources moving between processes inside messages.
//!
//! A message travels through the runtime as a term, which cannot hold a
//! socket or a compiled module; the sender parks each resource here under a
//! fresh number, the term carries the numbers, and the receiver takes them
//! out when it pulls the message in. A message that never reaches a guest
//! (sent to an Erlang process, or to one that died) leaves its resources
//! here until the program ends.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

use super::state::Resource;

fn table() -> &'static Mutex<HashMap<u64, Resource>> {
    static TABLE: OnceLock<Mutex<HashMap<u64, Resource>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// Parks `r`; returns its number.
pub fn put(r: Resource) -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    table().lock().unwrap_or_else(|e| e.into_inner()).insert(id, r);
    id
}

/// Takes the resource parked under `id`.
pub fn take(id: u64) -> Option<Resource> {
    table().lock().unwrap_or_else(|e| e.into_inner()).remove(&id)
}
