//! `lunatic::networking`: DNS, TCP and UDP (TLS is not provided: those
//! imports trap when called, see `lunatic::prepare`).
//!
//! # Waiting without blocking a scheduler
//!
//! Every socket is non-blocking. An operation that would block suspends the
//! guest process ([`wait`]) and retries when it is woken; the scheduler
//! thread meanwhile runs other processes. What wakes it is the *network
//! poller*: one thread for the whole program (started on first use) that
//! waits on an epoll/kqueue set (`mio`) in which every socket is registered
//! for reading and writing, edge-triggered, under a token of its own. Each
//! socket keeps the processes waiting on it, and in which direction
//! ([`Waiters`]); when the poller sees a socket become readable (or
//! writable), it takes the waiters of that direction out and wakes each one
//! with `kiln_runtime::foreign::notify`.
//!
//! A waiter is recorded *before* the operation is retried, so readiness that
//! comes between a failed attempt and the recording is never lost: either
//! the retry sees it, or the poller sees the waiter. Wakes that turn out
//! spurious (a message, another socket, data taken by a process sharing the
//! stream) only cost a retry.
//!
//! Timeouts (`tcp_connect`, `resolve`, and a stream's read, write and peek
//! timeouts) are deadlines of the same wait: when one passes the operation
//! returns [`TIMEOUT`] (9027), as lunatic does, and the guest sees
//! `ErrorKind::TimedOut`.
//!
//! The scheduler cannot see the poller: when every process waits and no
//! timer is pending it would end the program as deadlocked. A process
//! waiting for a socket or a lookup holds a
//! `kiln_runtime::foreign::ExternalWait`, which tells it otherwise.
//!
//! # Names
//!
//! `resolve` of a numeric `ip:port` answers at once; anything else is
//! looked up with the system resolver (`getaddrinfo`, through std's
//! `ToSocketAddrs`) on a small pool of helper threads, since it blocks; the
//! process waits (up to its timeout) and is notified by the helper.
//!
//! # Permission
//!
//! A process whose config denies `can_use_network` (kiln's addition) gets
//! the error "network access is denied to this process" from every
//! function that creates a socket or resolves a name (`resolve`,
//! `tcp_bind`, `udp_bind`, `tcp_connect`). Sockets it receives in messages
//! it may use: they are capabilities handed over by a process that could
//! create them.

use std::collections::{HashMap, VecDeque};
use std::io::{self, IoSlice, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use mio::event::Source;
use mio::{Interest, Token};
use wasmtime::{bail, format_err, Result};
use wasmtime::{Caller, Linker};

use super::{memory, read, read_str, write, write_u64};
use crate::lunatic::process::{wait, with_context};
use crate::lunatic::resources::Resources;
use crate::lunatic::state::GuestState;

/// The code an operation returns when its timeout passed (lunatic's).
pub const TIMEOUT: u32 = 9027;

/// A timeout argument (or a stored timeout) meaning "none".
const NO_TIMEOUT: u64 = u64::MAX;

/// The error of every socket-creating or resolving function in a process
/// denied the network.
const DENIED: &str = "network access is denied to this process";

/// A TCP stream (shared by `clone_tcp_stream`, moved inside messages).
pub type TcpStreamHandle = Arc<TcpConnection>;
/// A UDP socket (shared by `clone_udp_socket`, moved inside messages).
pub type UdpSocketHandle = Arc<Registered<mio::net::UdpSocket>>;
/// A TCP listener.
pub type TcpListenerHandle = Arc<Registered<mio::net::TcpListener>>;

/// A TCP stream and its timeouts. As in lunatic, the timeouts belong to the
/// stream, so clones (and the process it is sent to) share them.
pub struct TcpConnection {
    socket: Registered<mio::net::TcpStream>,
    /// Milliseconds, [`NO_TIMEOUT`] for none.
    read_timeout: AtomicU64,
    write_timeout: AtomicU64,
    peek_timeout: AtomicU64,
}

impl TcpConnection {
    fn new(socket: Registered<mio::net::TcpStream>) -> TcpConnection {
        TcpConnection {
            socket,
            read_timeout: AtomicU64::new(NO_TIMEOUT),
            write_timeout: AtomicU64::new(NO_TIMEOUT),
            peek_timeout: AtomicU64::new(NO_TIMEOUT),
        }
    }
}

/// The addresses a `resolve` (or an address query) returned, taken one at a
/// time by `resolve_next`.
pub type DnsIterator = std::vec::IntoIter<SocketAddr>;

/// A process's sockets and address iterators.
#[derive(Default)]
pub struct NetResources {
    pub tcp_listeners: Resources<TcpListenerHandle>,
    pub tcp_streams: Resources<TcpStreamHandle>,
    pub udp_sockets: Resources<UdpSocketHandle>,
    pub dns_iterators: Resources<DnsIterator>,
}

// ---------------------------------------------------------------------------
// The network poller.

/// Which readiness a waiting process needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Read,
    Write,
}

/// The processes waiting on one socket.
#[derive(Default)]
pub struct Waiters {
    list: Mutex<Vec<(u64, Dir)>>,
}

impl Waiters {
    fn lock(&self) -> MutexGuard<'_, Vec<(u64, Dir)>> {
        self.list.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records that process `pid` waits for `dir` (once).
    fn add(&self, pid: u64, dir: Dir) {
        let mut list = self.lock();
        if !list.contains(&(pid, dir)) {
            list.push((pid, dir));
        }
    }

    fn remove(&self, pid: u64, dir: Dir) {
        self.lock().retain(|&w| w != (pid, dir));
    }

    /// Wakes (and forgets) the processes waiting for what became ready.
    fn wake(&self, readable: bool, writable: bool) {
        let pids = take_ready(&mut self.lock(), readable, writable);
        for pid in pids {
            kiln_runtime::foreign::notify(pid);
        }
    }
}

/// Removes from `list` the waiters that `readable`/`writable` satisfy;
/// returns their process ids.
fn take_ready(list: &mut Vec<(u64, Dir)>, readable: bool, writable: bool) -> Vec<u64> {
    let mut ready = Vec::new();
    list.retain(|&(pid, dir)| {
        let hit = match dir {
            Dir::Read => readable,
            Dir::Write => writable,
        };
        if hit {
            ready.push(pid);
        }
        !hit
    });
    ready
}

/// The sockets registered with the poller, by token.
type Sources = Arc<Mutex<HashMap<usize, Arc<Waiters>>>>;

struct Poller {
    registry: mio::Registry,
    sources: Sources,
    next_token: AtomicUsize,
}

impl Poller {
    fn sources(&self) -> MutexGuard<'_, HashMap<usize, Arc<Waiters>>> {
        self.sources.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The poller, started on first use.
fn poller() -> io::Result<&'static Poller> {
    static POLLER: OnceLock<std::result::Result<Poller, String>> = OnceLock::new();
    POLLER
        .get_or_init(|| {
            let poll = mio::Poll::new().map_err(|e| e.to_string())?;
            let registry = poll.registry().try_clone().map_err(|e| e.to_string())?;
            let sources: Sources = Arc::default();
            let shared = sources.clone();
            std::thread::Builder::new()
                .name("kiln-net-poller".into())
                .spawn(move || poll_loop(poll, shared))
                .map_err(|e| e.to_string())?;
            Ok(Poller {
                registry,
                sources,
                next_token: AtomicUsize::new(0),
            })
        })
        .as_ref()
        .map_err(|e| io::Error::other(format!("cannot start the network poller: {e}")))
}

/// The poller thread: waits for readiness and wakes the waiting processes.
fn poll_loop(mut poll: mio::Poll, sources: Sources) {
    let mut events = mio::Events::with_capacity(1024);
    loop {
        if let Err(e) = poll.poll(&mut events, None) {
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            eprintln!("kiln: the network poller failed: {e}");
            return;
        }
        for ev in events.iter() {
            let waiters = sources
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&ev.token().0)
                .cloned();
            if let Some(w) = waiters {
                let error = ev.is_error();
                w.wake(
                    ev.is_readable() || ev.is_read_closed() || error,
                    ev.is_writable() || ev.is_write_closed() || error,
                );
            }
        }
    }
}

/// A socket registered with the poller (for as long as it lives).
pub struct Registered<S: Source> {
    io: S,
    token: Token,
    waiters: Arc<Waiters>,
}

impl<S: Source> Registered<S> {
    fn new(mut io: S) -> io::Result<Registered<S>> {
        let p = poller()?;
        let token = Token(p.next_token.fetch_add(1, Ordering::Relaxed));
        let waiters = Arc::new(Waiters::default());
        p.sources().insert(token.0, waiters.clone());
        if let Err(e) = p
            .registry
            .register(&mut io, token, Interest::READABLE | Interest::WRITABLE)
        {
            p.sources().remove(&token.0);
            return Err(e);
        }
        Ok(Registered { io, token, waiters })
    }
}

impl<S: Source> Drop for Registered<S> {
    fn drop(&mut self) {
        if let Ok(p) = poller() {
            let _ = p.registry.deregister(&mut self.io);
            p.sources().remove(&self.token.0);
        }
    }
}

// ---------------------------------------------------------------------------
// Waiting.

/// The deadline of a timeout in milliseconds ([`NO_TIMEOUT`], or one past
/// any clock: none).
fn deadline_after(ms: u64) -> Option<Instant> {
    match ms {
        NO_TIMEOUT => None,
        ms => Instant::now().checked_add(Duration::from_millis(ms)),
    }
}

/// Calls `attempt` until it gives an answer, suspending the process in
/// between (until a notice, a message or `deadline`); `None` when the
/// deadline passed first.
async fn wait_for<R>(
    c: &mut Caller<'_, GuestState>,
    deadline: Option<Instant>,
    mut attempt: impl FnMut(&mut Caller<'_, GuestState>) -> Result<Option<R>>,
) -> Result<Option<R>> {
    let mut waited = false;
    let out = loop {
        match attempt(c) {
            Ok(Some(r)) => break Ok(Some(r)),
            Ok(None) => {}
            Err(e) => break Err(e),
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break Ok(None);
        }
        // Messages that arrive meanwhile are kept for later receives (and
        // notices are consumed).
        c.data_mut().pull_messages();
        waited = true;
        let _outside = kiln_runtime::foreign::ExternalWait::begin();
        wait(deadline).await;
    };
    if waited {
        with_context(|cx| cx.clear_deadline());
    }
    out
}

/// Runs the non-blocking socket operation `op` until it does not answer
/// `WouldBlock`, waiting for `dir` readiness of the socket (`waiters`) in
/// between; `None` when `deadline` passed first. The outer `Result` is a
/// trap (`op` reads guest memory), the inner one the operation's outcome.
async fn io_op<R>(
    c: &mut Caller<'_, GuestState>,
    waiters: &Waiters,
    dir: Dir,
    deadline: Option<Instant>,
    mut op: impl FnMut(&mut Caller<'_, GuestState>) -> Result<io::Result<R>>,
) -> Result<Option<io::Result<R>>> {
    let pid = c.data().id;
    let mut try_op = move |c: &mut Caller<'_, GuestState>| -> Result<Option<io::Result<R>>> {
        loop {
            match op(c)? {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                r => return Ok(Some(r)),
            }
        }
    };
    // The common case: ready at once, no bookkeeping.
    if let Some(r) = try_op(c)? {
        return Ok(Some(r));
    }
    // Forgets the waiter however the wait ends (also when the process is
    // killed while it waits and this future is dropped).
    struct Leave<'a>(&'a Waiters, u64, Dir);
    impl Drop for Leave<'_> {
        fn drop(&mut self) {
            self.0.remove(self.1, self.2);
        }
    }
    let _leave = Leave(waiters, pid, dir);
    wait_for(c, deadline, |c| {
        // Recorded before retrying: readiness from now on wakes us.
        waiters.add(pid, dir);
        try_op(c)
    })
    .await
}

// ---------------------------------------------------------------------------
// Helpers.

/// Decodes lunatic's socket address arguments (`addr` holds at least the
/// address's bytes: 4 for type 4, 16 for type 6).
fn decode_addr(
    addr_type: u32,
    addr: &[u8],
    port: u32,
    flow_info: u32,
    scope_id: u32,
) -> Option<SocketAddr> {
    match addr_type {
        4 => {
            let ip: [u8; 4] = addr.get(..4)?.try_into().ok()?;
            Some(SocketAddrV4::new(Ipv4Addr::from(ip), port as u16).into())
        }
        6 => {
            let ip: [u8; 16] = addr.get(..16)?.try_into().ok()?;
            Some(SocketAddrV6::new(Ipv6Addr::from(ip), port as u16, flow_info, scope_id).into())
        }
        _ => None,
    }
}

/// How `resolve_next` writes an address: its type (4 or 6), its bytes, the
/// port, and for IPv6 the flow info and scope id.
fn encode_addr(a: &SocketAddr) -> (u32, Vec<u8>, u16, Option<(u32, u32)>) {
    match a {
        SocketAddr::V4(v4) => (4, v4.ip().octets().to_vec(), v4.port(), None),
        SocketAddr::V6(v6) => (
            6,
            v6.ip().octets().to_vec(),
            v6.port(),
            Some((v6.flowinfo(), v6.scope_id())),
        ),
    }
}

/// Reads a socket address passed by the guest; a bad type or pointer traps.
fn guest_addr(
    c: &mut Caller<'_, GuestState>,
    addr_type: u32,
    addr_ptr: u32,
    port: u32,
    flow_info: u32,
    scope_id: u32,
    func: &str,
) -> Result<SocketAddr> {
    let len = match addr_type {
        4 => 4,
        6 => 16,
        t => bail!("{func}: unsupported address type {t} (4 or 6)"),
    };
    let bytes = read(c, addr_ptr, len, func)?;
    decode_addr(addr_type, &bytes, port, flow_info, scope_id)
        .ok_or_else(|| format_err!("{func}: malformed socket address"))
}

/// Decodes an array of lunatic's ciovecs (32-bit pointer, 32-bit length).
fn decode_ciovecs(raw: &[u8]) -> Vec<(usize, usize)> {
    raw.chunks_exact(8)
        .map(|v| {
            let ptr = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            let len = u32::from_le_bytes([v[4], v[5], v[6], v[7]]);
            (ptr as usize, len as usize)
        })
        .collect()
}

/// `len` bytes of guest memory at `ptr`, for an operation to fill.
fn guest_buf<'a>(
    c: &'a mut Caller<'_, GuestState>,
    ptr: u32,
    len: u32,
    func: &str,
) -> Result<&'a mut [u8]> {
    let mem = memory(c, func)?;
    let (start, end) = (ptr as usize, ptr as usize + len as usize);
    mem.data_mut(c)
        .get_mut(start..end)
        .ok_or_else(|| format_err!("{func}: memory access out of bounds ({len} bytes at {ptr})"))
}

fn missing(func: &str, what: &str, id: u64) -> wasmtime::Error {
    format_err!("{func}: {what} {id} does not exist")
}

/// Writes an outcome to the guest's `ptr` (the value, or an error id) and
/// returns lunatic's code: 0 success, 1 error.
fn answer(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    outcome: std::result::Result<u64, String>,
    func: &str,
) -> Result<u32> {
    let (value, code) = match outcome {
        Ok(v) => (v, 0),
        Err(e) => (c.data_mut().add_error(e), 1),
    };
    write_u64(c, ptr, value, func)?;
    Ok(code)
}

/// A one-address iterator's id (what the `*_addr` functions return).
fn addr_iterator(c: &mut Caller<'_, GuestState>, a: SocketAddr) -> u64 {
    c.data_mut().net.dns_iterators.add(vec![a].into_iter())
}

/// An address query's answer: an iterator with the address, or the error.
fn answer_addr(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    a: io::Result<SocketAddr>,
    func: &str,
) -> Result<u32> {
    let outcome = a.map(|a| addr_iterator(c, a)).map_err(|e| e.to_string());
    answer(c, ptr, outcome, func)
}

fn network_allowed(c: &Caller<'_, GuestState>) -> bool {
    c.data().config.can_use_network
}

fn tcp_stream(c: &Caller<'_, GuestState>, id: u64, func: &str) -> Result<TcpStreamHandle> {
    c.data()
        .net
        .tcp_streams
        .get(id)
        .cloned()
        .ok_or_else(|| missing(func, "TCP stream", id))
}

fn udp_socket(c: &Caller<'_, GuestState>, id: u64, func: &str) -> Result<UdpSocketHandle> {
    c.data()
        .net
        .udp_sockets
        .get(id)
        .cloned()
        .ok_or_else(|| missing(func, "UDP socket", id))
}

fn tcp_listener(c: &Caller<'_, GuestState>, id: u64, func: &str) -> Result<TcpListenerHandle> {
    c.data()
        .net
        .tcp_listeners
        .get(id)
        .cloned()
        .ok_or_else(|| missing(func, "TCP listener", id))
}

// ---------------------------------------------------------------------------
// Name resolution.

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
            let spawned = std::thread::Builder::new()
                .name("kiln-resolver".into())
                .spawn(move || self.work());
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
async fn resolve_name(
    c: &mut Caller<'_, GuestState>,
    name: String,
    deadline: Option<Instant>,
) -> Result<Option<io::Result<Vec<SocketAddr>>>> {
    if let Ok(a) = name.parse::<SocketAddr>() {
        return Ok(Some(Ok(vec![a])));
    }
    // Without a numeric port std fails before any lookup: no helper needed.
    let has_port = name
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
    if !has_port {
        return Ok(Some(name.as_str().to_socket_addrs().map(|a| a.collect())));
    }
    let slot: LookupSlot = Arc::default();
    let pid = c.data().id;
    if let Err(e) = resolvers().submit(Lookup {
        name,
        slot: slot.clone(),
        pid,
    }) {
        return Ok(Some(Err(e)));
    }
    wait_for(c, deadline, |_| {
        Ok(slot.lock().unwrap_or_else(|e| e.into_inner()).take())
    })
    .await
}

// ---------------------------------------------------------------------------
// The host functions.

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    const NS: &str = "lunatic::networking";

    // --- DNS ---------------------------------------------------------------
    linker.func_wrap_async(
        NS,
        "resolve",
        |mut c: Caller<'_, GuestState>,
         (name_ptr, name_len, timeout, id_ptr): (u32, u32, u64, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::resolve";
                let name = read_str(&mut c, name_ptr, name_len, F)?;
                if !network_allowed(&c) {
                    return answer(&mut c, id_ptr, Err(DENIED.into()), F);
                }
                match resolve_name(&mut c, name, deadline_after(timeout)).await? {
                    None => {
                        write_u64(&mut c, id_ptr, 0, F)?;
                        Ok(TIMEOUT)
                    }
                    Some(r) => {
                        let outcome = r
                            .map(|a| c.data_mut().net.dns_iterators.add(a.into_iter()))
                            .map_err(|e| e.to_string());
                        answer(&mut c, id_ptr, outcome, F)
                    }
                }
            })
        },
    )?;
    linker.func_wrap(
        NS,
        "drop_dns_iterator",
        |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
            const F: &str = "lunatic::networking::drop_dns_iterator";
            c.data_mut()
                .net
                .dns_iterators
                .remove(id)
                .map(drop)
                .ok_or_else(|| missing(F, "DNS iterator", id))
        },
    )?;
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
            let iter = c
                .data_mut()
                .net
                .dns_iterators
                .get_mut(id)
                .ok_or_else(|| missing(F, "DNS iterator", id))?;
            let Some(a) = iter.next() else {
                return Ok(1);
            };
            let (addr_type, bytes, port, v6) = encode_addr(&a);
            write(&mut c, type_ptr, &addr_type.to_le_bytes(), F)?;
            write(&mut c, addr_ptr, &bytes, F)?;
            write(&mut c, port_ptr, &port.to_le_bytes(), F)?;
            if let Some((flow_info, scope_id)) = v6 {
                write(&mut c, flow_info_ptr, &flow_info.to_le_bytes(), F)?;
                write(&mut c, scope_id_ptr, &scope_id.to_le_bytes(), F)?;
            }
            Ok(0)
        },
    )?;

    // --- TCP listeners -------------------------------------------------------
    linker.func_wrap(
        NS,
        "tcp_bind",
        |mut c: Caller<'_, GuestState>,
         addr_type: u32,
         addr_ptr: u32,
         port: u32,
         flow_info: u32,
         scope_id: u32,
         id_ptr: u32|
         -> Result<u32> {
            const F: &str = "lunatic::networking::tcp_bind";
            let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, F)?;
            if !network_allowed(&c) {
                return answer(&mut c, id_ptr, Err(DENIED.into()), F);
            }
            let outcome = mio::net::TcpListener::bind(addr)
                .and_then(Registered::new)
                .map(|l| c.data_mut().net.tcp_listeners.add(Arc::new(l)))
                .map_err(|e| e.to_string());
            answer(&mut c, id_ptr, outcome, F)
        },
    )?;
    linker.func_wrap(
        NS,
        "drop_tcp_listener",
        |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
            const F: &str = "lunatic::networking::drop_tcp_listener";
            c.data_mut()
                .net
                .tcp_listeners
                .remove(id)
                .map(drop)
                .ok_or_else(|| missing(F, "TCP listener", id))
        },
    )?;
    linker.func_wrap(
        NS,
        "tcp_local_addr",
        |mut c: Caller<'_, GuestState>, id: u64, id_ptr: u32| -> Result<u32> {
            const F: &str = "lunatic::networking::tcp_local_addr";
            let l = tcp_listener(&c, id, F)?;
            answer_addr(&mut c, id_ptr, l.io.local_addr(), F)
        },
    )?;
    linker.func_wrap_async(
        NS,
        "tcp_accept",
        |mut c: Caller<'_, GuestState>, (id, id_ptr, peer_ptr): (u64, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_accept";
                let l = tcp_listener(&c, id, F)?;
                let accepted =
                    io_op(&mut c, &l.waiters, Dir::Read, None, |_| Ok(l.io.accept())).await?;
                let accepted = accepted.unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into()));
                match accepted.and_then(|(s, peer)| Ok((Registered::new(s)?, peer))) {
                    Ok((s, peer)) => {
                        let stream = c
                            .data_mut()
                            .net
                            .tcp_streams
                            .add(Arc::new(TcpConnection::new(s)));
                        let peer = addr_iterator(&mut c, peer);
                        write_u64(&mut c, id_ptr, stream, F)?;
                        write_u64(&mut c, peer_ptr, peer, F)?;
                        Ok(0)
                    }
                    Err(e) => {
                        write_u64(&mut c, peer_ptr, 0, F)?;
                        answer(&mut c, id_ptr, Err(e.to_string()), F)
                    }
                }
            })
        },
    )?;

    // --- TCP streams ---------------------------------------------------------
    linker.func_wrap_async(
        NS,
        "tcp_connect",
        |mut c: Caller<'_, GuestState>,
         (addr_type, addr_ptr, port, flow_info, scope_id, timeout, id_ptr): (
            u32,
            u32,
            u32,
            u32,
            u32,
            u64,
            u32,
        )| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_connect";
                let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, F)?;
                if !network_allowed(&c) {
                    return answer(&mut c, id_ptr, Err(DENIED.into()), F);
                }
                let deadline = deadline_after(timeout);
                let s = match mio::net::TcpStream::connect(addr).and_then(Registered::new) {
                    Ok(s) => s,
                    Err(e) => return answer(&mut c, id_ptr, Err(e.to_string()), F),
                };
                // The connection is made when the socket turns writable:
                // then it has either a peer or an error.
                let connected = io_op(&mut c, &s.waiters, Dir::Write, deadline, |_| {
                    Ok(match s.io.take_error() {
                        Ok(Some(e)) | Err(e) => Err(e),
                        Ok(None) => match s.io.peer_addr() {
                            Ok(_) => Ok(()),
                            Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                                Err(io::ErrorKind::WouldBlock.into())
                            }
                            Err(e) => Err(e),
                        },
                    })
                })
                .await?;
                match connected {
                    None => Ok(TIMEOUT),
                    Some(Ok(())) => {
                        let id = c
                            .data_mut()
                            .net
                            .tcp_streams
                            .add(Arc::new(TcpConnection::new(s)));
                        answer(&mut c, id_ptr, Ok(id), F)
                    }
                    Some(Err(e)) => answer(&mut c, id_ptr, Err(e.to_string()), F),
                }
            })
        },
    )?;
    linker.func_wrap(
        NS,
        "drop_tcp_stream",
        |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
            const F: &str = "lunatic::networking::drop_tcp_stream";
            c.data_mut()
                .net
                .tcp_streams
                .remove(id)
                .map(drop)
                .ok_or_else(|| missing(F, "TCP stream", id))
        },
    )?;
    linker.func_wrap(
        NS,
        "clone_tcp_stream",
        |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
            let s = tcp_stream(&c, id, "lunatic::networking::clone_tcp_stream")?;
            Ok(c.data_mut().net.tcp_streams.add(s))
        },
    )?;
    linker.func_wrap(
        NS,
        "tcp_peer_addr",
        |mut c: Caller<'_, GuestState>, id: u64, id_ptr: u32| -> Result<u32> {
            const F: &str = "lunatic::networking::tcp_peer_addr";
            let s = tcp_stream(&c, id, F)?;
            answer_addr(&mut c, id_ptr, s.socket.io.peer_addr(), F)
        },
    )?;
    linker.func_wrap_async(
        NS,
        "tcp_write_vectored",
        |mut c: Caller<'_, GuestState>,
         (id, iov_ptr, iov_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_write_vectored";
                let len = iov_len
                    .checked_mul(8)
                    .ok_or_else(|| format_err!("{F}: too many buffers"))?;
                let iovs = decode_ciovecs(&read(&mut c, iov_ptr, len, F)?);
                let s = tcp_stream(&c, id, F)?;
                let deadline = deadline_after(s.write_timeout.load(Ordering::Relaxed));
                let written = io_op(&mut c, &s.socket.waiters, Dir::Write, deadline, |c| {
                    let mem = memory(c, F)?;
                    let data = mem.data(&*c);
                    let slices = iovs
                        .iter()
                        .map(|&(p, l)| {
                            data.get(p..p + l).map(IoSlice::new).ok_or_else(|| {
                                format_err!("{F}: memory access out of bounds ({l} bytes at {p})")
                            })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    Ok((&s.socket.io).write_vectored(&slices))
                })
                .await?;
                match written {
                    None => Ok(TIMEOUT),
                    Some(r) => answer(
                        &mut c,
                        opaque_ptr,
                        r.map(|n| n as u64).map_err(|e| e.to_string()),
                        F,
                    ),
                }
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "tcp_read",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_read";
                let s = tcp_stream(&c, id, F)?;
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let deadline = deadline_after(s.read_timeout.load(Ordering::Relaxed));
                let got = io_op(&mut c, &s.socket.waiters, Dir::Read, deadline, |c| {
                    Ok((&s.socket.io).read(guest_buf(c, buf_ptr, buf_len, F)?))
                })
                .await?;
                match got {
                    None => Ok(TIMEOUT),
                    Some(r) => answer(
                        &mut c,
                        opaque_ptr,
                        r.map(|n| n as u64).map_err(|e| e.to_string()),
                        F,
                    ),
                }
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "tcp_peek",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_peek";
                let s = tcp_stream(&c, id, F)?;
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let deadline = deadline_after(s.peek_timeout.load(Ordering::Relaxed));
                let got = io_op(&mut c, &s.socket.waiters, Dir::Read, deadline, |c| {
                    Ok(s.socket.io.peek(guest_buf(c, buf_ptr, buf_len, F)?))
                })
                .await?;
                match got {
                    None => Ok(TIMEOUT),
                    Some(r) => answer(
                        &mut c,
                        opaque_ptr,
                        r.map(|n| n as u64).map_err(|e| e.to_string()),
                        F,
                    ),
                }
            })
        },
    )?;
    linker.func_wrap(
        NS,
        "tcp_flush",
        |mut c: Caller<'_, GuestState>, id: u64, error_ptr: u32| -> Result<u32> {
            const F: &str = "lunatic::networking::tcp_flush";
            // Writes go straight to the socket: nothing is buffered here.
            tcp_stream(&c, id, F)?;
            write_u64(&mut c, error_ptr, 0, F)?;
            Ok(0)
        },
    )?;
    type Timeout = fn(&TcpConnection) -> &AtomicU64;
    let timeouts: [(&str, &str, Timeout); 3] = [
        ("set_read_timeout", "get_read_timeout", |s| &s.read_timeout),
        ("set_write_timeout", "get_write_timeout", |s| {
            &s.write_timeout
        }),
        ("set_peek_timeout", "get_peek_timeout", |s| &s.peek_timeout),
    ];
    for (set, get, field) in timeouts {
        linker.func_wrap(
            NS,
            set,
            move |c: Caller<'_, GuestState>, id: u64, ms: u64| -> Result<()> {
                let s = c.data().net.tcp_streams.get(id).ok_or_else(|| {
                    missing(&format!("lunatic::networking::{set}"), "TCP stream", id)
                })?;
                field(s).store(ms, Ordering::Relaxed);
                Ok(())
            },
        )?;
        linker.func_wrap(
            NS,
            get,
            move |c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
                let s = c.data().net.tcp_streams.get(id).ok_or_else(|| {
                    missing(&format!("lunatic::networking::{get}"), "TCP stream", id)
                })?;
                Ok(field(s).load(Ordering::Relaxed))
            },
        )?;
    }

    // --- UDP -----------------------------------------------------------------
    linker.func_wrap(
        NS,
        "udp_bind",
        |mut c: Caller<'_, GuestState>,
         addr_type: u32,
         addr_ptr: u32,
         port: u32,
         flow_info: u32,
         scope_id: u32,
         id_ptr: u32|
         -> Result<u32> {
            const F: &str = "lunatic::networking::udp_bind";
            let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, F)?;
            if !network_allowed(&c) {
                return answer(&mut c, id_ptr, Err(DENIED.into()), F);
            }
            let outcome = mio::net::UdpSocket::bind(addr)
                .and_then(Registered::new)
                .map(|s| c.data_mut().net.udp_sockets.add(Arc::new(s)))
                .map_err(|e| e.to_string());
            answer(&mut c, id_ptr, outcome, F)
        },
    )?;
    linker.func_wrap(
        NS,
        "drop_udp_socket",
        |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
            const F: &str = "lunatic::networking::drop_udp_socket";
            c.data_mut()
                .net
                .udp_sockets
                .remove(id)
                .map(drop)
                .ok_or_else(|| missing(F, "UDP socket", id))
        },
    )?;
    linker.func_wrap(
        NS,
        "clone_udp_socket",
        |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
            let s = udp_socket(&c, id, "lunatic::networking::clone_udp_socket")?;
            Ok(c.data_mut().net.udp_sockets.add(s))
        },
    )?;
    linker.func_wrap(
        NS,
        "udp_local_addr",
        |mut c: Caller<'_, GuestState>, id: u64, id_ptr: u32| -> Result<u32> {
            const F: &str = "lunatic::networking::udp_local_addr";
            let s = udp_socket(&c, id, F)?;
            answer_addr(&mut c, id_ptr, s.io.local_addr(), F)
        },
    )?;
    linker.func_wrap(
        NS,
        "udp_peer_addr",
        |mut c: Caller<'_, GuestState>, id: u64, id_ptr: u32| -> Result<u32> {
            const F: &str = "lunatic::networking::udp_peer_addr";
            let s = udp_socket(&c, id, F)?;
            // lunatic's codes: 1 not connected, 2 any other error.
            match s.io.peer_addr() {
                Ok(a) => answer_addr(&mut c, id_ptr, Ok(a), F),
                Err(e) => {
                    let code = if e.kind() == io::ErrorKind::NotConnected {
                        1
                    } else {
                        2
                    };
                    answer(&mut c, id_ptr, Err(e.to_string()), F)?;
                    Ok(code)
                }
            }
        },
    )?;
    linker.func_wrap(
        NS,
        "udp_connect",
        |mut c: Caller<'_, GuestState>,
         id: u64,
         addr_type: u32,
         addr_ptr: u32,
         port: u32,
         flow_info: u32,
         scope_id: u32,
         _timeout: u64,
         id_ptr: u32|
         -> Result<u32> {
            const F: &str = "lunatic::networking::udp_connect";
            // Connecting a UDP socket only sets its peer: it never waits,
            // so the timeout has nothing to limit.
            let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, F)?;
            let s = udp_socket(&c, id, F)?;
            let outcome = s.io.connect(addr).map(|()| 0).map_err(|e| e.to_string());
            answer(&mut c, id_ptr, outcome, F)
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_send",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_send";
                let s = udp_socket(&c, id, F)?;
                let data = read(&mut c, buf_ptr, buf_len, F)?;
                let sent = io_op(&mut c, &s.waiters, Dir::Write, None, |_| {
                    Ok(s.io.send(&data))
                })
                .await?;
                let sent = sent.unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into()));
                answer(
                    &mut c,
                    opaque_ptr,
                    sent.map(|n| n as u64).map_err(|e| e.to_string()),
                    F,
                )
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_send_to",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, addr_type, addr_ptr, port, flow_info, scope_id, opaque_ptr): (
            u64,
            u32,
            u32,
            u32,
            u32,
            u32,
            u32,
            u32,
            u32,
        )| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_send_to";
                let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, F)?;
                let data = read(&mut c, buf_ptr, buf_len, F)?;
                let s = udp_socket(&c, id, F)?;
                let sent = io_op(&mut c, &s.waiters, Dir::Write, None, |_| {
                    Ok(s.io.send_to(&data, addr))
                })
                .await?;
                let sent = sent.unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into()));
                answer(
                    &mut c,
                    opaque_ptr,
                    sent.map(|n| n as u64).map_err(|e| e.to_string()),
                    F,
                )
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_receive",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_receive";
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let s = udp_socket(&c, id, F)?;
                let got = io_op(&mut c, &s.waiters, Dir::Read, None, |c| {
                    Ok(s.io.recv(guest_buf(c, buf_ptr, buf_len, F)?))
                })
                .await?;
                let got = got.unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into()));
                answer(
                    &mut c,
                    opaque_ptr,
                    got.map(|n| n as u64).map_err(|e| e.to_string()),
                    F,
                )
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_receive_from",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, opaque_ptr, dns_iter_ptr): (u64, u32, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_receive_from";
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let s = udp_socket(&c, id, F)?;
                let got = io_op(&mut c, &s.waiters, Dir::Read, None, |c| {
                    Ok(s.io.recv_from(guest_buf(c, buf_ptr, buf_len, F)?))
                })
                .await?;
                match got.unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into())) {
                    Ok((n, from)) => {
                        write_u64(&mut c, opaque_ptr, n as u64, F)?;
                        let iter = addr_iterator(&mut c, from);
                        write_u64(&mut c, dns_iter_ptr, iter, F)?;
                        Ok(0)
                    }
                    Err(e) => answer(&mut c, opaque_ptr, Err(e.to_string()), F),
                }
            })
        },
    )?;
    linker.func_wrap(
        NS,
        "set_udp_socket_ttl",
        |c: Caller<'_, GuestState>, id: u64, ttl: u32| -> Result<()> {
            const F: &str = "lunatic::networking::set_udp_socket_ttl";
            udp_socket(&c, id, F)?
                .io
                .set_ttl(ttl)
                .map_err(|e| format_err!("{F}: {e}"))
        },
    )?;
    linker.func_wrap(
        NS,
        "get_udp_socket_ttl",
        |c: Caller<'_, GuestState>, id: u64| -> Result<u32> {
            const F: &str = "lunatic::networking::get_udp_socket_ttl";
            udp_socket(&c, id, F)?
                .io
                .ttl()
                .map_err(|e| format_err!("{F}: {e}"))
        },
    )?;
    linker.func_wrap(
        NS,
        "set_udp_socket_broadcast",
        |c: Caller<'_, GuestState>, id: u64, on: u32| -> Result<()> {
            const F: &str = "lunatic::networking::set_udp_socket_broadcast";
            udp_socket(&c, id, F)?
                .io
                .set_broadcast(on > 0)
                .map_err(|e| format_err!("{F}: {e}"))
        },
    )?;
    linker.func_wrap(
        NS,
        "get_udp_socket_broadcast",
        |c: Caller<'_, GuestState>, id: u64| -> Result<i32> {
            const F: &str = "lunatic::networking::get_udp_socket_broadcast";
            Ok(udp_socket(&c, id, F)?
                .io
                .broadcast()
                .map_err(|e| format_err!("{F}: {e}"))? as i32)
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_addresses_decode() {
        let a = decode_addr(4, &[127, 0, 0, 1, 9, 9, 9, 9], 8080, 7, 7).unwrap();
        assert_eq!(a, "127.0.0.1:8080".parse::<SocketAddr>().unwrap());
        // The port is lunatic's u32, truncated to 16 bits as lunatic does.
        let a = decode_addr(4, &[10, 1, 2, 3], 0x1_0050, 0, 0).unwrap();
        assert_eq!(a, "10.1.2.3:80".parse::<SocketAddr>().unwrap());
    }

    #[test]
    fn ipv6_addresses_decode_with_flow_info_and_scope() {
        let ip: Ipv6Addr = "fe80::1".parse().unwrap();
        let a = decode_addr(6, &ip.octets(), 443, 5, 3).unwrap();
        assert_eq!(a, SocketAddr::V6(SocketAddrV6::new(ip, 443, 5, 3)));
    }

    #[test]
    fn bad_addresses_do_not_decode() {
        assert_eq!(decode_addr(5, &[0; 16], 1, 0, 0), None);
        assert_eq!(decode_addr(4, &[127, 0, 0], 1, 0, 0), None);
        assert_eq!(decode_addr(6, &[0; 15], 1, 0, 0), None);
    }

    #[test]
    fn addresses_encode_as_resolve_next_writes_them() {
        let (t, bytes, port, v6) = encode_addr(&"192.168.0.9:53".parse().unwrap());
        assert_eq!((t, bytes, port, v6), (4, vec![192, 168, 0, 9], 53, None));
        let ip: Ipv6Addr = "::1".parse().unwrap();
        let (t, bytes, port, v6) = encode_addr(&SocketAddr::V6(SocketAddrV6::new(ip, 7, 1, 2)));
        assert_eq!(
            (t, bytes, port, v6),
            (6, ip.octets().to_vec(), 7, Some((1, 2)))
        );
    }

    #[test]
    fn encoding_round_trips() {
        for s in ["1.2.3.4:5", "[::ffff:1.2.3.4]:65535", "[2001:db8::7]:0"] {
            let a: SocketAddr = s.parse().unwrap();
            let (t, bytes, port, v6) = encode_addr(&a);
            let (flow, scope) = v6.unwrap_or((0, 0));
            assert_eq!(decode_addr(t, &bytes, port as u32, flow, scope), Some(a));
        }
    }

    #[test]
    fn ciovecs_decode() {
        let mut raw = Vec::new();
        for (p, l) in [(16u32, 3u32), (0x1000, 0)] {
            raw.extend_from_slice(&p.to_le_bytes());
            raw.extend_from_slice(&l.to_le_bytes());
        }
        assert_eq!(decode_ciovecs(&raw), vec![(16, 3), (0x1000, 0)]);
    }

    #[test]
    fn timeouts_become_deadlines() {
        assert_eq!(deadline_after(NO_TIMEOUT), None);
        // Huge ones never overflow (they are either far away or none).
        assert!(deadline_after(u64::MAX - 1).is_none_or(|d| d > Instant::now()));
        let d = deadline_after(0).unwrap();
        assert!(d <= Instant::now());
        assert!(deadline_after(60_000).unwrap() > Instant::now());
    }

    #[test]
    fn readiness_wakes_only_the_matching_direction() {
        let mut list = vec![(1, Dir::Read), (2, Dir::Write), (3, Dir::Read)];
        assert_eq!(take_ready(&mut list, true, false), vec![1, 3]);
        assert_eq!(list, vec![(2, Dir::Write)]);
        assert_eq!(take_ready(&mut list, false, false), Vec::<u64>::new());
        assert_eq!(take_ready(&mut list, true, true), vec![2]);
        assert!(list.is_empty());
    }

    #[test]
    fn waiters_are_recorded_once() {
        let w = Waiters::default();
        w.add(7, Dir::Read);
        w.add(7, Dir::Read);
        w.add(7, Dir::Write);
        assert_eq!(w.lock().len(), 2);
        w.remove(7, Dir::Read);
        assert_eq!(*w.lock(), vec![(7, Dir::Write)]);
    }

    #[test]
    fn sockets_register_with_the_poller_and_leave_it() {
        let l =
            Registered::new(mio::net::TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap())
                .unwrap();
        let token = l.token.0;
        assert!(poller().unwrap().sources().contains_key(&token));
        drop(l);
        assert!(!poller().unwrap().sources().contains_key(&token));
    }
}
