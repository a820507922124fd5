//! `lunatic::networking`: DNS, TCP, UDP and TLS.
//!
//! - `poller`: the thread that watches every socket, and wakes the
//!   processes waiting for one;
//! - `wait`: how an operation that would block suspends its process, and
//!   its timeouts;
//! - `address`: socket addresses as the guest passes and receives them;
//! - `dns`, `tcp`, `udp`, `tls` (rustls): the host functions;
//! - here: the process's tables of sockets and iterators, and what the host
//!   functions share.
//!
//! # Answers
//!
//! Most functions that can fail answer lunatic's way: they return 0 and
//! write their value (an id, a byte count) to the guest's out-pointer, or
//! return 1 and write there the id of an error ([`answer`]); one whose
//! timeout passed returns [`TIMEOUT`].
//!
//! # Permission
//!
//! A process whose config denies `can_use_network` (kiln's addition) gets
//! the error "network access is denied to this process" from every
//! function that creates a socket or resolves a name (`resolve`,
//! `tcp_bind`, `udp_bind`, `tcp_connect`, `tls_bind`, `tls_connect`).
//! Sockets it receives in messages it may use: they are capabilities handed
//! over by a process that could create them.

mod address;
mod dns;
mod poller;
mod tcp;
mod tls;
mod udp;
mod wait;

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use wasmtime::{format_err, Caller, Linker, Result};

use super::{memory, write_u64};
use crate::lunatic::resources::Resources;
use crate::lunatic::state::GuestState;
use address::{addr_iterator, guest_addr};

pub use address::DnsIterator;
pub use poller::{Registered, Waiters};
pub use tcp::TcpConnection;
pub use tls::{TlsConnection, TlsListener};

/// The import namespace.
const NS: &str = "lunatic::networking";

/// The code an operation returns when its timeout passed (lunatic's).
pub const TIMEOUT: u32 = 9027;

/// The error of every socket-creating or resolving function in a process
/// denied the network.
const DENIED: &str = "network access is denied to this process";

/// A TCP stream (shared by `clone_tcp_stream`, moved inside messages).
pub type TcpStreamHandle = Arc<TcpConnection>;
/// A UDP socket (shared by `clone_udp_socket`, moved inside messages).
pub type UdpSocketHandle = Arc<Registered<mio::net::UdpSocket>>;
/// A TCP listener.
pub type TcpListenerHandle = Arc<Registered<mio::net::TcpListener>>;
/// A TLS stream (shared by `clone_tls_stream`, moved inside messages).
pub type TlsStreamHandle = Arc<TlsConnection>;
/// A TLS listener.
pub type TlsListenerHandle = Arc<TlsListener>;

/// A process's sockets and address iterators.
#[derive(Default)]
pub struct NetResources {
    pub tcp_listeners: Resources<TcpListenerHandle>,
    pub tcp_streams: Resources<TcpStreamHandle>,
    pub udp_sockets: Resources<UdpSocketHandle>,
    pub tls_listeners: Resources<TlsListenerHandle>,
    pub tls_streams: Resources<TlsStreamHandle>,
    pub dns_iterators: Resources<DnsIterator>,
}

// ---------------------------------------------------------------------------
// The tables.

/// What [`NetResources`] holds: each kind in a table of its own, and called
/// `KIND` in trap messages.
trait NetResource: Sized + 'static {
    const KIND: &'static str;
    fn table(net: &mut NetResources) -> &mut Resources<Self>;
}

/// Implements [`NetResource`]: the type, its field of [`NetResources`], and
/// its name in trap messages.
macro_rules! net_resources {
    ($($t:ty => $field:ident, $kind:literal;)*) => {$(
        impl NetResource for $t {
            const KIND: &'static str = $kind;
            fn table(net: &mut NetResources) -> &mut Resources<Self> {
                &mut net.$field
            }
        }
    )*};
}

net_resources! {
    TcpListenerHandle => tcp_listeners, "TCP listener";
    TcpStreamHandle => tcp_streams, "TCP stream";
    UdpSocketHandle => udp_sockets, "UDP socket";
    TlsListenerHandle => tls_listeners, "TLS listener";
    TlsStreamHandle => tls_streams, "TLS stream";
    DnsIterator => dns_iterators, "DNS iterator";
}

fn missing(func: &str, what: &str, id: u64) -> wasmtime::Error {
    format_err!("{func}: {what} {id} does not exist")
}

/// The process's `T` of number `id` (shared with the table); traps when
/// there is none.
fn lookup<T: NetResource + Clone>(c: &mut Caller<'_, GuestState>, id: u64, func: &str) -> Result<T> {
    T::table(&mut c.data_mut().net).get(id).cloned().ok_or_else(|| missing(func, T::KIND, id))
}

/// Stores `item` in the process's table; returns its number.
fn keep<T: NetResource>(c: &mut Caller<'_, GuestState>, item: T) -> u64 {
    T::table(&mut c.data_mut().net).add(item)
}

/// The import name of the host function called `func` in trap messages
/// (`lunatic::networking::<name>`).
fn import_name(func: &'static str) -> &'static str {
    func.rsplit("::").next().unwrap_or(func)
}

/// Registers `func`, which forgets the process's `T` of an id (and traps
/// when there is none).
fn register_drop<T: NetResource>(linker: &mut Linker<GuestState>, func: &'static str) -> Result<()> {
    linker.func_wrap(NS, import_name(func), move |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
        T::table(&mut c.data_mut().net).remove(id).map(drop).ok_or_else(|| missing(func, T::KIND, id))
    })?;
    Ok(())
}

/// Registers `func`, which gives the process's `T` of an id a second id.
fn register_clone<T: NetResource + Clone>(linker: &mut Linker<GuestState>, func: &'static str) -> Result<()> {
    linker.func_wrap(NS, import_name(func), move |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        let it: T = lookup(&mut c, id, func)?;
        Ok(keep(&mut c, it))
    })?;
    Ok(())
}

/// Registers a stream's timeout functions (`tcp`'s and `tls`'s): for each
/// `(name, field)`, `set_<name>` stores a timeout in milliseconds in the
/// stream's `field` and `get_<name>` reads it back (both trap on an unknown
/// id).
fn register_timeouts<T: NetResource + Clone>(
    linker: &mut Linker<GuestState>,
    timeouts: &[(&str, fn(&T) -> &AtomicU64)],
) -> Result<()> {
    for &(name, field) in timeouts {
        let set = format!("{NS}::set_{name}");
        let get = format!("{NS}::get_{name}");
        linker.func_wrap(
            NS,
            &format!("set_{name}"),
            move |mut c: Caller<'_, GuestState>, id: u64, ms: u64| -> Result<()> {
                let s: T = lookup(&mut c, id, &set)?;
                field(&s).store(ms, Ordering::Relaxed);
                Ok(())
            },
        )?;
        linker.func_wrap(NS, &format!("get_{name}"), move |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
            let s: T = lookup(&mut c, id, &get)?;
            Ok(field(&s).load(Ordering::Relaxed))
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Answers.

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

/// [`answer`] of an I/O outcome.
fn answer_io(c: &mut Caller<'_, GuestState>, ptr: u32, outcome: io::Result<u64>, func: &str) -> Result<u32> {
    answer(c, ptr, outcome.map_err(|e| e.to_string()), func)
}

/// [`answer`] of a transfer: how many bytes it moved, or its error.
fn answer_len(c: &mut Caller<'_, GuestState>, ptr: u32, moved: io::Result<usize>, func: &str) -> Result<u32> {
    answer_io(c, ptr, moved.map(|n| n as u64), func)
}

/// Answers an accepted connection (`tcp_accept`, `tls_accept`): the
/// stream's new id at `id_ptr` and a DNS iterator of the peer's address at
/// `peer_ptr` (code 0), or 0 at `peer_ptr` and the error at `id_ptr`.
fn answer_accepted<T: NetResource>(
    c: &mut Caller<'_, GuestState>,
    accepted: io::Result<(T, SocketAddr)>,
    id_ptr: u32,
    peer_ptr: u32,
    func: &str,
) -> Result<u32> {
    match accepted {
        Ok((stream, peer)) => {
            let stream = keep(c, stream);
            let peer = addr_iterator(c, peer);
            write_u64(c, id_ptr, stream, func)?;
            write_u64(c, peer_ptr, peer, func)?;
            Ok(0)
        }
        Err(e) => {
            write_u64(c, peer_ptr, 0, func)?;
            answer_io(c, id_ptr, Err(e), func)
        }
    }
}

fn network_allowed(c: &Caller<'_, GuestState>) -> bool {
    c.data().config.can_use_network
}

/// The answer of a function the process may not call (see "Permission").
fn deny(c: &mut Caller<'_, GuestState>, ptr: u32, func: &str) -> Result<u32> {
    answer(c, ptr, Err(DENIED.into()), func)
}

/// Registers `func` (`tcp_bind`, `udp_bind`): a socket `bind` makes on the
/// guest's address, kept under an id written to the out-pointer.
fn register_bind<T: NetResource>(
    linker: &mut Linker<GuestState>,
    func: &'static str,
    bind: fn(SocketAddr) -> io::Result<T>,
) -> Result<()> {
    linker.func_wrap(
        NS,
        import_name(func),
        move |mut c: Caller<'_, GuestState>,
              addr_type: u32,
              addr_ptr: u32,
              port: u32,
              flow_info: u32,
              scope_id: u32,
              id_ptr: u32|
              -> Result<u32> {
            let addr = guest_addr(&mut c, addr_type, addr_ptr, port, flow_info, scope_id, func)?;
            if !network_allowed(&c) {
                return deny(&mut c, id_ptr, func);
            }
            let outcome = bind(addr).map(|s| keep(&mut c, s));
            answer_io(&mut c, id_ptr, outcome, func)
        },
    )?;
    Ok(())
}

/// `len` bytes of guest memory at `ptr`, for an operation to fill.
fn guest_buf<'a>(c: &'a mut Caller<'_, GuestState>, ptr: u32, len: u32, func: &str) -> Result<&'a mut [u8]> {
    let mem = memory(c, func)?;
    let (start, end) = (ptr as usize, ptr as usize + len as usize);
    mem.data_mut(c)
        .get_mut(start..end)
        .ok_or_else(|| format_err!("{func}: memory access out of bounds ({len} bytes at {ptr})"))
}

// ---------------------------------------------------------------------------
// The host functions.

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    dns::register(linker)?;
    tcp::register(linker)?;
    udp::register(linker)?;
    tls::register(linker)?;
    Ok(())
}
