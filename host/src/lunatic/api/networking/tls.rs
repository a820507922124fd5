//! TLS over TCP with rustls (ring as the crypto provider): listeners
//! (`tls_bind`, `tls_accept`, ...) and streams (`tls_connect`, reads and
//! writes, their timeouts, ...).
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
//! # Handshakes
//!
//! They are done before a stream is handed to the guest, as lunatic does:
//! `tls_connect` completes the client's handshake (under its timeout, which
//! covers the lookup, the TCP connection and the handshake), `tls_accept`
//! the server's. A listener keeps the connections it accepted whose
//! handshake is still going (at most [`MAX_HANDSHAKES`], the oldest given up
//! beyond that) and `tls_accept` advances all of them together, answering
//! the first that completes: a client that stalls its handshake does not
//! hold up the others, and one whose handshake fails is closed (rustls sends
//! it the alert) without `tls_accept` failing (lunatic traps the accepting
//! process there, and handshakes with one connection at a time, so there a
//! stalled client blocks `accept`). The other side of this: a handshake
//! moves on only while the listening process is in `tls_accept`.
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
//!
//! # Certificates
//!
//! `tls_bind` takes a PEM buffer of certificates (the server's first, then
//! its chain) and one with the private key (PKCS #8, PKCS #1 or SEC1).
//! `tls_connect` takes an array of PEM buffers whose certificates are the
//! only trust anchors; with none, Mozilla's (`webpki-roots`). Bad
//! certificates or keys are errors answered to the guest (lunatic traps).

use std::collections::VecDeque;
use std::io::{self, IoSlice, Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{
    ClientConfig, ClientConnection, Connection, RootCertStore, ServerConfig, ServerConnection,
};
use wasmtime::{format_err, Caller, Linker, Result};

use super::super::{memory, read, read_str, write_u64};
use super::address::{addr_iterator, guest_addr, register_addr_query};
use super::dns::resolve_name;
use super::poller::{Dir, Registered, Waiters};
use super::tcp::decode_ciovecs;
use super::wait::{deadline_after, wait_for, NO_TIMEOUT};
use super::{
    answer, answer_io, answer_len, deny, guest_buf, import_name, keep, lookup, network_allowed,
    register_clone, register_drop, TlsListenerHandle, TlsStreamHandle, NS, TIMEOUT,
};
use crate::lunatic::state::GuestState;

/// The most connections a listener keeps in their handshake.
const MAX_HANDSHAKES: usize = 64;

// ---------------------------------------------------------------------------
// Steps: what one non-blocking go at a connection does. They work on any
// socket that reads and writes through a shared reference (mio's, std's).

/// Where a step stopped.
#[derive(Debug)]
enum Step<T> {
    Done(io::Result<T>),
    /// It can go on once the socket is readable (`read`) or writable
    /// (`write`).
    Blocked {
        read: bool,
        write: bool,
    },
}

/// Hands the records rustls has ready to the socket: `true` when all went,
/// `false` when the socket would block first.
fn send_records<S>(tls: &mut Connection, sock: &S) -> io::Result<bool>
where
    for<'a> &'a S: Write,
{
    while tls.wants_write() {
        let mut w = sock;
        match tls.write_tls(&mut w) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// Reads what the socket has (once) and lets rustls process it: the byte
/// count (0: the peer closed), or `None` when there was nothing. A TLS error
/// (a bad certificate, a forged record, ...) is `InvalidData`; the alert
/// rustls makes of it goes to the peer if the socket takes it.
fn receive_records<S>(tls: &mut Connection, sock: &S) -> io::Result<Option<usize>>
where
    for<'a> &'a S: Read + Write,
{
    loop {
        let mut r = sock;
        match tls.read_tls(&mut r) {
            Ok(n) => {
                if let Err(e) = tls.process_new_packets() {
                    let _ = send_records(tls, sock);
                    return Err(io::Error::new(io::ErrorKind::InvalidData, e));
                }
                return Ok(Some(n));
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
            Err(e) => return Err(e),
        }
    }
}

/// Advances the handshake; done once it is complete and its records are
/// all sent (the peer may be waiting for the last of them).
fn handshake_step<S>(tls: &mut Connection, sock: &S) -> Step<()>
where
    for<'a> &'a S: Read + Write,
{
    loop {
        let sent = match send_records(tls, sock) {
            Ok(sent) => sent,
            Err(e) => return Step::Done(Err(e)),
        };
        if !tls.is_handshaking() {
            return match sent {
                true => Step::Done(Ok(())),
                false => Step::Blocked {
                    read: false,
                    write: true,
                },
            };
        }
        match receive_records(tls, sock) {
            Err(e) => return Step::Done(Err(e)),
            Ok(None) => {
                return Step::Blocked {
                    read: true,
                    write: !sent,
                }
            }
            Ok(Some(0)) => {
                return Step::Done(Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the peer closed the connection during the TLS handshake",
                )))
            }
            Ok(Some(_)) => {}
        }
    }
}

/// Reads plaintext into `buf`. Records waiting to go out are sent on the
/// way (best effort: a peer that closed may refuse them, yet what it sent
/// before is still read).
fn read_step<S>(tls: &mut Connection, sock: &S, buf: &mut [u8]) -> Step<usize>
where
    for<'a> &'a S: Read + Write,
{
    loop {
        let sent = send_records(tls, sock).unwrap_or(true);
        match tls.reader().read(buf) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            // `Ok(0)`: the peer closed after `close_notify`; `UnexpectedEof`:
            // without it.
            r => return Step::Done(r),
        }
        match receive_records(tls, sock) {
            Err(e) => return Step::Done(Err(e)),
            Ok(None) => {
                return Step::Blocked {
                    read: true,
                    write: !sent,
                }
            }
            Ok(Some(_)) => {}
        }
    }
}

/// Writes `bufs`: rustls takes them (how many bytes, kept in `taken`, which
/// starts `None`) once earlier records are all sent, and the step is done
/// once their records are.
fn write_step<S>(
    tls: &mut Connection,
    sock: &S,
    bufs: &[IoSlice<'_>],
    taken: &mut Option<usize>,
) -> Step<usize>
where
    for<'a> &'a S: Write,
{
    loop {
        let sent = match send_records(tls, sock) {
            Ok(sent) => sent,
            Err(e) => return Step::Done(Err(e)),
        };
        match *taken {
            Some(n) if sent => return Step::Done(Ok(n)),
            None if sent => match tls.writer().write_vectored(bufs) {
                Ok(n) => *taken = Some(n),
                Err(e) => return Step::Done(Err(e)),
            },
            _ => {
                return Step::Blocked {
                    read: false,
                    write: true,
                }
            }
        }
    }
}

/// Sends every record waiting to go out.
fn flush_step<S>(tls: &mut Connection, sock: &S) -> Step<()>
where
    for<'a> &'a S: Write,
{
    match send_records(tls, sock) {
        Ok(true) => Step::Done(Ok(())),
        Ok(false) => Step::Blocked {
            read: false,
            write: true,
        },
        Err(e) => Step::Done(Err(e)),
    }
}

// ---------------------------------------------------------------------------
// Waiting.

/// Sockets and the readiness a process waits for on each.
type Needs = Vec<(Arc<Waiters>, Dir)>;

/// What an attempt came to: an answer, or what it waits for.
enum Attempt<R> {
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
async fn drive<R>(
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
    let mut leave = Leave {
        pid,
        recorded: Vec::new(),
    };
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
// Streams and listeners.

/// A TLS stream and its timeouts (shared by clones, as in lunatic).
pub struct TlsConnection {
    socket: Registered<mio::net::TcpStream>,
    tls: Mutex<Connection>,
    /// Milliseconds, [`NO_TIMEOUT`] for none.
    read_timeout: AtomicU64,
    write_timeout: AtomicU64,
}

impl TlsConnection {
    fn new(socket: Registered<mio::net::TcpStream>, tls: impl Into<Connection>) -> TlsConnection {
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
    fn attempt<T>(
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
    async fn run<T>(
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

/// A connection a listener accepted, in its handshake.
struct Handshake {
    stream: TlsConnection,
    peer: SocketAddr,
}

/// A TLS listener: a TCP listener, the server's configuration, and the
/// connections whose handshake is under way.
pub struct TlsListener {
    socket: Registered<mio::net::TcpListener>,
    config: Arc<ServerConfig>,
    handshakes: Mutex<VecDeque<Handshake>>,
}

impl TlsListener {
    /// Takes the connections waiting on the socket and advances every
    /// handshake: the first one to complete, or what they all wait for.
    fn accept_step(&self) -> Attempt<io::Result<(TlsConnection, SocketAddr)>> {
        let mut pending = self.handshakes.lock().unwrap_or_else(|e| e.into_inner());
        let mut failure = None;
        loop {
            let started = match self.socket.io.accept() {
                Ok((s, peer)) => Registered::new(s).and_then(|s| {
                    let tls =
                        ServerConnection::new(self.config.clone()).map_err(io::Error::other)?;
                    Ok(Handshake {
                        stream: TlsConnection::new(s, tls),
                        peer,
                    })
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

// ---------------------------------------------------------------------------
// Configurations.

fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// The certificates of a PEM buffer (at least one).
fn pem_certs(pem: &[u8]) -> std::result::Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot read the certificates: {e}"))?;
    if certs.is_empty() {
        return Err("no PEM certificate found".into());
    }
    Ok(certs)
}

/// A server's configuration: its certificate chain and private key, both
/// PEM.
fn server_config(certs: &[u8], key: &[u8]) -> std::result::Result<ServerConfig, String> {
    let certs = pem_certs(certs)?;
    let key = PrivateKeyDer::from_pem_slice(key)
        .map_err(|e| format!("cannot read the private key: {e}"))?;
    ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("unusable certificate or key: {e}"))
}

fn client_config(roots: RootCertStore) -> std::result::Result<ClientConfig, String> {
    Ok(ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth())
}

/// The configuration of clients trusting `webpki-roots`, built once.
fn default_client_config() -> std::result::Result<Arc<ClientConfig>, String> {
    static CONFIG: OnceLock<std::result::Result<Arc<ClientConfig>, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let roots = RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            client_config(roots).map(Arc::new)
        })
        .clone()
}

/// The configuration of clients trusting exactly the certificates of the
/// PEM buffers `pems` (webpki-roots' when there are none).
fn connect_config(pems: &[Vec<u8>]) -> std::result::Result<Arc<ClientConfig>, String> {
    if pems.is_empty() {
        return default_client_config();
    }
    let mut roots = RootCertStore::empty();
    for (i, pem) in pems.iter().enumerate() {
        for cert in pem_certs(pem).map_err(|e| format!("certificate {i}: {e}"))? {
            roots
                .add(cert)
                .map_err(|e| format!("certificate {i} is no trust anchor: {e}"))?;
        }
    }
    client_config(roots).map(Arc::new)
}

/// The PEM buffers `tls_connect` was given: `count` 8-byte entries at `ptr`,
/// each naming a buffer by two u32s. The lunatic 0.14 crate writes each as
/// the Rust tuple `(length, pointer)`, while lunatic's runtime reads
/// `(pointer, length)` (and so misses them); kiln takes the order under
/// which the entry names PEM text in memory, the crate's first. A buffer
/// neither names in memory traps; one that is in memory but not PEM is an
/// error for the guest (`Err` inside).
fn guest_pems(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    count: u32,
    func: &str,
) -> Result<std::result::Result<Vec<Vec<u8>>, String>> {
    let len = count
        .checked_mul(8)
        .ok_or_else(|| format_err!("{func}: too many certificates"))?;
    let entries = decode_ciovecs(&read(c, ptr, len, func)?);
    let mem = memory(c, func)?;
    let data = mem.data(&*c);
    let mut pems = Vec::new();
    for (i, &(a, b)) in entries.iter().enumerate() {
        let candidates = [(b, a), (a, b)].map(|(p, l)| data.get(p..p.checked_add(l)?));
        let pem = candidates.iter().flatten().find(|s| {
            CertificateDer::pem_slice_iter(s)
                .next()
                .is_some_and(|r| r.is_ok())
        });
        match (pem, candidates.iter().flatten().next()) {
            (Some(pem), _) => pems.push(pem.to_vec()),
            (None, Some(_)) => return Ok(Err(format!("certificate {i} is not PEM"))),
            (None, None) => {
                return Err(format_err!(
                    "{func}: certificate {i} is outside memory ({a}, {b})"
                ))
            }
        }
    }
    Ok(Ok(pems))
}

// ---------------------------------------------------------------------------
// Connecting.

/// A TCP connection to `addr`; `None` when `deadline` passed first.
async fn tcp_connect(
    c: &mut Caller<'_, GuestState>,
    addr: SocketAddr,
    deadline: Option<Instant>,
) -> Result<Option<io::Result<Registered<mio::net::TcpStream>>>> {
    let s = match mio::net::TcpStream::connect(addr).and_then(Registered::new) {
        Ok(s) => s,
        Err(e) => return Ok(Some(Err(e))),
    };
    // Connected when the socket turns writable: then it has a peer or an
    // error.
    let connected = s
        .io_op(c, Dir::Write, deadline, |_| {
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
    Ok(connected.map(|r| r.map(|()| s)))
}

/// `tls_connect` once the guest's arguments are read: resolves `host`,
/// connects to its addresses in turn, and makes the handshake, all before
/// `deadline`. The stream, an error, or `None` when the time ran out.
async fn connect(
    c: &mut Caller<'_, GuestState>,
    host: String,
    port: u16,
    config: Arc<ClientConfig>,
    deadline: Option<Instant>,
) -> Result<Option<std::result::Result<TlsConnection, String>>> {
    let name = match ServerName::try_from(host.clone()) {
        Ok(name) => name,
        Err(e) => return Ok(Some(Err(format!("{host}: {e}")))),
    };
    let addrs = match host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => match resolve_name(c, format!("{host}:{port}"), deadline).await? {
            None => return Ok(None),
            Some(Err(e)) => return Ok(Some(Err(e.to_string()))),
            Some(Ok(addrs)) => addrs,
        },
    };
    let mut last_error = format!("{host}: no address found");
    for addr in addrs {
        let socket = match tcp_connect(c, addr, deadline).await? {
            None => return Ok(None),
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                last_error = e.to_string();
                continue;
            }
        };
        let tls = match ClientConnection::new(config.clone(), name.clone()) {
            Ok(tls) => tls,
            Err(e) => return Ok(Some(Err(e.to_string()))),
        };
        let stream = TlsConnection::new(socket, tls);
        return Ok(match stream.run(c, deadline, handshake_step).await? {
            None => None,
            Some(Ok(())) => Some(Ok(stream)),
            Some(Err(e)) => Some(Err(e.to_string())),
        });
    }
    Ok(Some(Err(last_error)))
}

/// The guest's buffers, as slices of its memory.
fn guest_slices<'a>(
    data: &'a [u8],
    iovs: &[(usize, usize)],
    func: &str,
) -> Result<Vec<IoSlice<'a>>> {
    iovs.iter()
        .map(|&(p, l)| {
            p.checked_add(l)
                .and_then(|end| data.get(p..end))
                .map(IoSlice::new)
                .ok_or_else(|| {
                    format_err!("{func}: memory access out of bounds ({l} bytes at {p})")
                })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The host functions.

/// Registers the TLS functions.
pub(super) fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    // --- Listeners -------------------------------------------------------------
    linker.func_wrap(
        NS,
        "tls_bind",
        |mut c: Caller<'_, GuestState>,
         addr_type: u32,
         addr_ptr: u32,
         port: u32,
         flow_info: u32,
         scope_id: u32,
         id_ptr: u32,
         certs_ptr: u32,
         certs_len: u32,
         key_ptr: u32,
         key_len: u32|
         -> Result<u32> {
            const F: &str = "lunatic::networking::tls_bind";
            let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, F)?;
            let certs = read(&mut c, certs_ptr, certs_len, F)?;
            let key = read(&mut c, key_ptr, key_len, F)?;
            if !network_allowed(&c) {
                return deny(&mut c, id_ptr, F);
            }
            let listener = server_config(&certs, &key).and_then(|config| {
                let socket = mio::net::TcpListener::bind(addr)
                    .and_then(Registered::new)
                    .map_err(|e| e.to_string())?;
                Ok(TlsListener {
                    socket,
                    config: Arc::new(config),
                    handshakes: Mutex::default(),
                })
            });
            let outcome = listener.map(|l| keep(&mut c, Arc::new(l)));
            answer(&mut c, id_ptr, outcome, F)
        },
    )?;
    register_drop::<TlsListenerHandle>(linker, "lunatic::networking::drop_tls_listener")?;
    register_addr_query(
        linker,
        "lunatic::networking::tls_local_addr",
        |l: &TlsListenerHandle| l.socket.io.local_addr(),
    )?;
    linker.func_wrap_async(
        NS,
        "tls_accept",
        |mut c: Caller<'_, GuestState>, (id, id_ptr, peer_ptr): (u64, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tls_accept";
                let l: TlsListenerHandle = lookup(&mut c, id, F)?;
                let accepted = drive(&mut c, None, |_| Ok(l.accept_step()))
                    .await?
                    .unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into()));
                match accepted {
                    Ok((stream, peer)) => {
                        let stream = keep(&mut c, Arc::new(stream));
                        let peer = addr_iterator(&mut c, peer);
                        write_u64(&mut c, id_ptr, stream, F)?;
                        write_u64(&mut c, peer_ptr, peer, F)?;
                        Ok(0)
                    }
                    Err(e) => {
                        write_u64(&mut c, peer_ptr, 0, F)?;
                        answer_io(&mut c, id_ptr, Err(e), F)
                    }
                }
            })
        },
    )?;

    // --- Streams ---------------------------------------------------------------
    linker.func_wrap_async(
        NS,
        "tls_connect",
        |mut c: Caller<'_, GuestState>,
         (host_ptr, host_len, port, timeout, id_ptr, certs_ptr, certs_count): (
            u32,
            u32,
            u32,
            u64,
            u32,
            u32,
            u32,
        )| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tls_connect";
                let host = read_str(&mut c, host_ptr, host_len, F)?;
                let pems = guest_pems(&mut c, certs_ptr, certs_count, F)?;
                if !network_allowed(&c) {
                    return deny(&mut c, id_ptr, F);
                }
                let deadline = deadline_after(timeout);
                let config = match pems.and_then(|pems| connect_config(&pems)) {
                    Ok(config) => config,
                    Err(e) => return answer(&mut c, id_ptr, Err(e), F),
                };
                // lunatic takes the port as a u32 and keeps its low 16 bits.
                match connect(&mut c, host, port as u16, config, deadline).await? {
                    Some(outcome) => {
                        let id = outcome.map(|s| keep(&mut c, Arc::new(s)));
                        answer(&mut c, id_ptr, id, F)
                    }
                    None => {
                        // The guest reads an error id whatever the code: give
                        // it a real one.
                        answer(&mut c, id_ptr, Err("TLS connection timed out".into()), F)?;
                        Ok(TIMEOUT)
                    }
                }
            })
        },
    )?;
    register_drop::<TlsStreamHandle>(linker, "lunatic::networking::drop_tls_stream")?;
    register_clone::<TlsStreamHandle>(linker, "lunatic::networking::clone_tls_stream")?;
    linker.func_wrap_async(
        NS,
        "tls_write_vectored",
        |mut c: Caller<'_, GuestState>,
         (id, iov_ptr, iov_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tls_write_vectored";
                let len = iov_len
                    .checked_mul(8)
                    .ok_or_else(|| format_err!("{F}: too many buffers"))?;
                let iovs = decode_ciovecs(&read(&mut c, iov_ptr, len, F)?);
                let s: TlsStreamHandle = lookup(&mut c, id, F)?;
                let deadline = deadline_after(s.write_timeout.load(Ordering::Relaxed));
                let mut taken = None;
                let written = drive(&mut c, deadline, |c| {
                    let mem = memory(c, F)?;
                    let bufs = guest_slices(mem.data(&*c), &iovs, F)?;
                    Ok(s.attempt(|tls, sock| write_step(tls, sock, &bufs, &mut taken)))
                })
                .await?;
                match (written, taken) {
                    (Some(r), _) => answer_len(&mut c, opaque_ptr, r, F),
                    // Taken, not all sent yet: the next operation sends the rest.
                    (None, Some(n)) => answer_len(&mut c, opaque_ptr, Ok(n), F),
                    (None, None) => Ok(TIMEOUT),
                }
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "tls_read",
        |mut c: Caller<'_, GuestState>,
         (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tls_read";
                let s: TlsStreamHandle = lookup(&mut c, id, F)?;
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let deadline = deadline_after(s.read_timeout.load(Ordering::Relaxed));
                let read = drive(&mut c, deadline, |c| {
                    let buf = guest_buf(c, buf_ptr, buf_len, F)?;
                    Ok(s.attempt(|tls, sock| read_step(tls, sock, buf)))
                })
                .await?;
                match read {
                    Some(r) => answer_len(&mut c, opaque_ptr, r, F),
                    None => Ok(TIMEOUT),
                }
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "tls_flush",
        |mut c: Caller<'_, GuestState>, (id, error_ptr): (u64, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tls_flush";
                let s: TlsStreamHandle = lookup(&mut c, id, F)?;
                let deadline = deadline_after(s.write_timeout.load(Ordering::Relaxed));
                let outcome = match s.run(&mut c, deadline, flush_step).await? {
                    Some(r) => r.map_err(|e| e.to_string()),
                    None => Err("TLS flush timed out".into()),
                };
                // 0 at the pointer on success, as lunatic writes.
                answer(&mut c, error_ptr, outcome.map(|()| 0), F)
            })
        },
    )?;
    type Timeout = fn(&TlsConnection) -> &AtomicU64;
    let timeouts: [(&str, &str, Timeout); 2] = [
        (
            "lunatic::networking::set_tls_read_timeout",
            "lunatic::networking::get_tls_read_timeout",
            |s| &s.read_timeout,
        ),
        (
            "lunatic::networking::set_tls_write_timeout",
            "lunatic::networking::get_tls_write_timeout",
            |s| &s.write_timeout,
        ),
    ];
    for (set, get, field) in timeouts {
        linker.func_wrap(
            NS,
            import_name(set),
            move |mut c: Caller<'_, GuestState>, id: u64, ms: u64| -> Result<()> {
                let s: TlsStreamHandle = lookup(&mut c, id, set)?;
                field(&s).store(ms, Ordering::Relaxed);
                Ok(())
            },
        )?;
        linker.func_wrap(
            NS,
            import_name(get),
            move |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
                let s: TlsStreamHandle = lookup(&mut c, id, get)?;
                Ok(field(&s).load(Ordering::Relaxed))
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{TcpListener, TcpStream};

    const CERT: &str = include_str!("../../../../../tests/lunatic-guests/certs/localhost.crt");
    const KEY: &str = include_str!("../../../../../tests/lunatic-guests/certs/localhost.key");

    /// A connected pair of non-blocking loopback sockets.
    fn sockets() -> (TcpStream, TcpStream) {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let a = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (b, _) = l.accept().unwrap();
        a.set_nonblocking(true).unwrap();
        b.set_nonblocking(true).unwrap();
        (a, b)
    }

    fn client(trusted: &[&str], name: &str) -> Connection {
        let pems: Vec<Vec<u8>> = trusted.iter().map(|p| p.as_bytes().to_vec()).collect();
        let config = connect_config(&pems).unwrap();
        let name = ServerName::try_from(name.to_string()).unwrap();
        ClientConnection::new(config, name).unwrap().into()
    }

    fn server() -> Connection {
        let config = Arc::new(server_config(CERT.as_bytes(), KEY.as_bytes()).unwrap());
        ServerConnection::new(config).unwrap().into()
    }

    /// Takes `step` again until it is done (the peer being driven by
    /// `other` in between).
    fn until_done<T>(mut step: impl FnMut() -> Step<T>, mut other: impl FnMut()) -> io::Result<T> {
        for _ in 0..20_000 {
            match step() {
                Step::Done(r) => return r,
                Step::Blocked { .. } => {
                    other();
                    std::thread::sleep(std::time::Duration::from_micros(100));
                }
            }
        }
        panic!("the step never finished");
    }

    /// Client and server after their handshakes.
    fn connected() -> (Connection, TcpStream, Connection, TcpStream) {
        let (cs, ss) = sockets();
        let (mut c, mut s) = (client(&[CERT], "localhost"), server());
        let mut server_done = false;
        until_done(
            || handshake_step(&mut c, &cs),
            || {
                if !server_done {
                    server_done = matches!(handshake_step(&mut s, &ss), Step::Done(Ok(())));
                }
            },
        )
        .unwrap();
        until_done(|| handshake_step(&mut s, &ss), || {}).unwrap();
        (c, cs, s, ss)
    }

    fn read_all(tls: &mut Connection, sock: &TcpStream, want: usize) -> Vec<u8> {
        let mut got = Vec::new();
        while got.len() < want {
            let mut buf = [0u8; 4096];
            let n = until_done(|| read_step(tls, sock, &mut buf), || {}).unwrap();
            assert!(n > 0, "unexpected EOF");
            got.extend_from_slice(&buf[..n]);
        }
        got
    }

    #[test]
    fn a_handshake_then_data_both_ways() {
        let (mut c, cs, mut s, ss) = connected();
        let mut taken = None;
        let n = until_done(
            || {
                write_step(
                    &mut c,
                    &cs,
                    &[IoSlice::new(b"hello "), IoSlice::new(b"tls")],
                    &mut taken,
                )
            },
            || {},
        )
        .unwrap();
        assert_eq!(n, 9);
        assert_eq!(read_all(&mut s, &ss, 9), b"hello tls");
        let mut taken = None;
        until_done(
            || write_step(&mut s, &ss, &[IoSlice::new(b"back")], &mut taken),
            || {},
        )
        .unwrap();
        assert_eq!(read_all(&mut c, &cs, 4), b"back");
        assert!(matches!(flush_step(&mut c, &cs), Step::Done(Ok(()))));
    }

    #[test]
    fn nothing_to_read_blocks_on_readable() {
        let (mut c, cs, _s, _ss) = connected();
        // The server's session tickets may come first: read until blocked.
        let mut buf = [0u8; 16];
        let step = (0..100)
            .map(|_| {
                std::thread::sleep(std::time::Duration::from_millis(1));
                read_step(&mut c, &cs, &mut buf)
            })
            .last()
            .unwrap();
        assert!(matches!(step, Step::Blocked { read: true, .. }), "{step:?}");
    }

    #[test]
    fn close_notify_reads_as_the_end_and_a_bare_close_as_an_error() {
        let (mut c, cs, mut s, ss) = connected();
        s.send_close_notify();
        assert!(matches!(flush_step(&mut s, &ss), Step::Done(Ok(()))));
        drop(ss);
        let mut buf = [0u8; 16];
        assert_eq!(
            until_done(|| read_step(&mut c, &cs, &mut buf), || {}).unwrap(),
            0
        );

        let (mut c, cs, _s, ss) = connected();
        drop(ss);
        let e = until_done(|| read_step(&mut c, &cs, &mut buf), || {}).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_slow_reader_holds_writes_back_once_they_are_taken() {
        let (_c, _cs, mut s, ss) = connected();
        let chunk = vec![7u8; 64 << 10];
        let mut total = 0;
        // The peer reads nothing: the socket fills up, and the write that
        // finds it full is blocked with its bytes taken.
        loop {
            let mut taken = None;
            match write_step(&mut s, &ss, &[IoSlice::new(&chunk)], &mut taken) {
                Step::Done(r) => total += r.unwrap(),
                Step::Blocked { write, .. } => {
                    assert!(write);
                    assert!(taken.is_some_and(|n| n > 0));
                    break;
                }
            }
            assert!(total < 1 << 30, "the socket never filled up");
        }
        // The next write takes nothing while the records of the last wait.
        let mut taken = None;
        assert!(matches!(
            write_step(&mut s, &ss, &[IoSlice::new(&chunk)], &mut taken),
            Step::Blocked { write: true, .. }
        ));
        assert_eq!(taken, None);
    }

    #[test]
    fn an_untrusted_server_fails_the_handshake() {
        let (cs, ss) = sockets();
        // Mozilla's roots: the self-signed certificate is unknown.
        let (mut c, mut s) = (client(&[], "localhost"), server());
        let e = until_done(
            || handshake_step(&mut c, &cs),
            || {
                let _ = handshake_step(&mut s, &ss);
            },
        )
        .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("certificate"), "{e}");
        // The server learns it from the alert.
        assert!(until_done(|| handshake_step(&mut s, &ss), || {}).is_err());
    }

    #[test]
    fn a_name_the_certificate_does_not_have_fails_the_handshake() {
        let (cs, ss) = sockets();
        let (mut c, mut s) = (client(&[CERT], "example.com"), server());
        let e = until_done(
            || handshake_step(&mut c, &cs),
            || {
                let _ = handshake_step(&mut s, &ss);
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains("certificate"), "{e}");
    }

    #[test]
    fn the_peer_closing_during_the_handshake_is_an_error() {
        let (cs, ss) = sockets();
        let mut c = client(&[CERT], "localhost");
        drop(ss);
        let e = until_done(|| handshake_step(&mut c, &cs), || {}).unwrap_err();
        assert!(
            matches!(
                e.kind(),
                io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::BrokenPipe
            ),
            "{e}"
        );
    }

    #[test]
    fn configurations_from_pem() {
        assert!(server_config(CERT.as_bytes(), KEY.as_bytes()).is_ok());
        // Swapped, missing, or not PEM at all.
        assert!(server_config(KEY.as_bytes(), CERT.as_bytes()).is_err());
        assert!(server_config(b"", KEY.as_bytes()).is_err());
        assert!(server_config(CERT.as_bytes(), b"key").is_err());
        assert!(pem_certs(b"no PEM here").is_err());
        assert_eq!(
            pem_certs(format!("{CERT}{CERT}").as_bytes()).unwrap().len(),
            2
        );
        assert!(connect_config(&[]).is_ok());
        assert!(connect_config(&[CERT.as_bytes().to_vec()]).is_ok());
        assert!(connect_config(&[b"garbage".to_vec()]).is_err());
    }
}
