//! The pid table: serial number → [`Shared`] half of a live process.
//!
//! Every send looks a pid up here, so the table is sharded: a send takes a
//! read lock on one of [`SHARDS`] locks, and spawning or exiting takes a
//! write lock on one. With one scheduler thread the locks are never
//! contended; with several they rarely are (a future lock-free map can
//! replace this without changing the interface).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use super::Shared;

const SHARDS: usize = 64;

/// Serials are unique small integers, not attacker-chosen keys: a multiply
/// and a fold spread them well and cost a fraction of SipHash (which was a
/// visible part of every send).
#[derive(Default)]
struct SerialHasher(u64);

impl Hasher for SerialHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, v: u64) {
        let m = v.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = m ^ (m >> 29);
    }
}

type Shard = RwLock<HashMap<u64, Arc<Shared>, BuildHasherDefault<SerialHasher>>>;

fn shards() -> &'static [Shard] {
    static TABLE: OnceLock<Vec<Shard>> = OnceLock::new();
    TABLE.get_or_init(|| (0..SHARDS).map(|_| RwLock::new(HashMap::default())).collect())
}

fn shard(serial: u64) -> &'static Shard {
    &shards()[(serial as usize) % SHARDS]
}

/// Makes a process reachable by its pid.
pub fn register(shared: Arc<Shared>) {
    let serial = shared.serial;
    shard(serial).write().unwrap_or_else(PoisonError::into_inner).insert(serial, shared);
}

/// Removes a process that exited.
pub fn unregister(serial: u64) {
    shard(serial).write().unwrap_or_else(PoisonError::into_inner).remove(&serial);
}

/// The live process with this serial, if any.
pub fn lookup(serial: u64) -> Option<Arc<Shared>> {
    shard(serial).read().unwrap_or_else(PoisonError::into_inner).get(&serial).cloned()
}

/// Number of live processes.
pub fn count() -> usize {
    shards().iter().map(|s| s.read().unwrap_or_else(PoisonError::into_inner).len()).sum()
}

/// The serials of every live process (for `processes/0`).
pub fn serials() -> Vec<u64> {
    let mut out = Vec::new();
    for s in shards() {
        out.extend(s.read().unwrap_or_else(PoisonError::into_inner).keys().copied());
    }
    out
}
