//! Names: `resolve` and its iterators.
//!
//! `resolve` of a numeric `ip:port` answers at once; anything else is
//! looked up with the system resolver (`getaddrinfo`, through std's
//! `ToSocketAddrs`) on a small pool of helper threads, since it blocks; the
//! process waits (up to its timeout) and is notified by the helper.

use std::collections::VecDeque;
use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use wasmtime::{Caller, Linker, Result};

use super::super::{read_str, write_u64};
use super::address::{answer_addrs, write_addr, DnsIterator};
use super::wait::{deadline_after, wait_for};
use super::{deny, missing, network_allowed, register_drop, NetResource, NS, TIMEOUT};
use crate::lunatic::state::GuestState;

type LookupSlot = Arc<Mutex<Option<io::Result<Vec<SocketAddr>>>>>;

struct Lookup {
    name: String,
    slot: LookupSlot,
    pid: u64,
}

/// The helper threads that run `getaddrinfo` (which blocks).
#[derive(Default)]
struct Resolvers {
    state: Mutex<ResolverQueue>,
    ready: Condvar,
}

#[derive(Default)]
struct ResolverQueue {
    jobs: VecDeque<Lookup>,
    threads: usize,
    idle: usize,
}

/// At most this many lookups run at once (more wait in the queue).
const MAX_RESOLVERS: usize = 16;

fn resolvers() -> &'static Resolvers {
    static R: OnceLock<Resolvers> = OnceLock::new();
    R.get_or_init(Resolvers::default)
}

impl Resolvers {
    fn lock(&self) -> MutexGuard<'_, ResolverQueue> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues a lookup, starting a helper when none is free.
    fn submit(&'static self, job: Lookup) -> io::Result<()> {
        let mut q = self.lock();
        q.jobs.push_back(job);
        if q.jobs.len() > q.idle && q.threads < MAX_RESOLVERS {
            q.threads += 1;
            let spawned = std::thread::Builder::new().name("kiln-resolver".into()).spawn(move || self.work());
            if let Err(e) = spawned {
                q.threads -= 1;
                if q.threads == 0 {
                    q.jobs.pop_back();
                    return Err(e);
                }
            }
        }
        drop(q);
        self.ready.notify_one();
        Ok(())
    }

    fn work(&self) {
        loop {
            let job = {
                let mut q = self.lock();
                loop {
                    if let Some(job) = q.jobs.pop_front() {
                        break job;
                    }
                    q.idle += 1;
                    q = self.ready.wait(q).unwrap_or_else(|e| e.into_inner());
                    q.idle -= 1;
                }
            };
            let result = job.name.as_str().to_socket_addrs().map(|a| a.collect());
            *job.slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
            kiln_runtime::foreign::notify(job.pid);
        }
    }
}

/// Resolves `name` (`host:port`); `None` when `deadline` passed first.
pub(super) async fn resolve_name(
    c: &mut Caller<'_, GuestState>,
    name: String,
    deadline: Option<Instant>,
) -> Result<Option<io::Result<Vec<SocketAddr>>>> {
    if let Ok(a) = name.parse::<SocketAddr>() {
        return Ok(Some(Ok(vec![a])));
    }
    // Without a numeric port std fails before any lookup: no helper needed.
    let has_port = name.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok());
    if !has_port {
        return Ok(Some(name.as_str().to_socket_addrs().map(|a| a.collect())));
    }
    let slot: LookupSlot = Arc::default();
    let pid = c.data().id;
    if let Err(e) = resolvers().submit(Lookup { name, slot: slot.clone(), pid }) {
        return Ok(Some(Err(e)));
    }
    wait_for(c, deadline, |_| Ok(slot.lock().unwrap_or_else(|e| e.into_inner()).take())).await
}

/// Registers `resolve`, `drop_dns_iterator` and `resolve_next`.
pub(super) fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    linker.func_wrap_async(
        NS,
        "resolve",
        |mut c: Caller<'_, GuestState>, (name_ptr, name_len, timeout, id_ptr): (u32, u32, u64, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::resolve";
                let name = read_str(&mut c, name_ptr, name_len, F)?;
                if !network_allowed(&c) {
                    return deny(&mut c, id_ptr, F);
                }
                match resolve_name(&mut c, name, deadline_after(timeout)).await? {
                    None => {
                        write_u64(&mut c, id_ptr, 0, F)?;
                        Ok(TIMEOUT)
                    }
                    Some(r) => answer_addrs(&mut c, id_ptr, r, F),
                }
            })
        },
    )?;
    register_drop::<DnsIterator>(linker, "lunatic::networking::drop_dns_iterator")?;
    linker.func_wrap(
        NS,
        "resolve_next",
        |mut c: Caller<'_, GuestState>,
         id: u64,
         type_ptr: u32,
         addr_ptr: u32,
         port_ptr: u32,
         flow_info_ptr: u32,
         scope_id_ptr: u32|
         -> Result<u32> {
            const F: &str = "lunatic::networking::resolve_next";
            let iter = DnsIterator::table(&mut c.data_mut().net)
                .get_mut(id)
                .ok_or_else(|| missing(F, DnsIterator::KIND, id))?;
            let Some(a) = iter.next() else {
                return Ok(1);
            };
            let ptrs = (type_ptr, addr_ptr, port_ptr, flow_info_ptr, scope_id_ptr);
            write_addr(&mut c, &a, ptrs, F)?;
            Ok(0)
        },
    )?;
    Ok(())
}
