//! TLS over TCP with rustls (ring as the crypto provider): listeners
//! (`tls_bind`, `tls_accept`, ...) and streams (`tls_connect`, reads and
//! writes, their timeouts, ...).
//!
//! - `steps`: the non-blocking steps of a connection (handshake, read,
//!   write, flush);
//! - `stream`: a TLS stream, and how its operations wait;
//! - `accept`: listeners, and the handshakes of the connections they
//!   accepted;
//! - `connect`: the client's lookup, TCP connection and handshake;
//! - `certs`: certificates, keys, and the configurations made of them;
//! - here: the host functions.
//!
//! # Handshakes
//!
//! They are done before a stream is handed to the guest, as lunatic does:
//! `tls_connect` completes the client's handshake (under its timeout, which
//! covers the lookup, the TCP connection and the handshake), `tls_accept`
//! the server's (see `accept`).

mod accept;
mod certs;
mod connect;
mod steps;
mod stream;

use std::io;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use wasmtime::{Caller, Linker, Result};

use super::super::{memory, read, read_str};
use super::address::{guest_addr, register_addr_query};
use super::poller::Registered;
use super::tcp::{guest_ciovecs, guest_slices};
use super::wait::deadline_after;
use super::{
    answer, answer_accepted, answer_len, deny, guest_buf, keep, lookup, network_allowed, register_clone, register_drop,
    register_timeouts, TlsListenerHandle, TlsStreamHandle, NS, TIMEOUT,
};
use crate::lunatic::state::GuestState;
use certs::{connect_config, guest_pems, server_config};
use connect::connect;
use steps::{flush_step, read_step, write_step};
use stream::drive;

pub use accept::TlsListener;
pub use stream::TlsConnection;

/// The certificate and key of the tests (the `tls_echo` guest's).
#[cfg(test)]
const TEST_CERT: &str = include_str!("../../../../../../tests/lunatic-guests/certs/localhost.crt");
#[cfg(test)]
const TEST_KEY: &str = include_str!("../../../../../../tests/lunatic-guests/certs/localhost.key");

/// Registers each async host function `f` (an `async fn` of the caller and
/// the guest's arguments) under its own name.
macro_rules! register_async {
    ($linker:expr, $($f:ident),+) => {$(
        $linker.func_wrap_async(NS, stringify!($f), |mut c: Caller<'_, GuestState>, args| {
            Box::new(async move { $f(&mut c, args).await })
        })?;
    )+};
}

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
                let socket = mio::net::TcpListener::bind(addr).and_then(Registered::new).map_err(|e| e.to_string())?;
                Ok(TlsListener { socket, config: Arc::new(config), handshakes: Mutex::default() })
            });
            let outcome = listener.map(|l| keep(&mut c, Arc::new(l)));
            answer(&mut c, id_ptr, outcome, F)
        },
    )?;
    register_drop::<TlsListenerHandle>(linker, "lunatic::networking::drop_tls_listener")?;
    register_async!(linker, tls_accept);
    register_addr_query(linker, "lunatic::networking::tls_local_addr", |l: &TlsListenerHandle| {
        l.socket.io.local_addr()
    })?;

    // --- Streams ---------------------------------------------------------------
    register_async!(linker, tls_connect);
    register_drop::<TlsStreamHandle>(linker, "lunatic::networking::drop_tls_stream")?;
    register_clone::<TlsStreamHandle>(linker, "lunatic::networking::clone_tls_stream")?;
    register_async!(linker, tls_write_vectored, tls_read, tls_flush);
    register_timeouts::<TlsStreamHandle>(
        linker,
        &[("tls_read_timeout", |s| &s.read_timeout), ("tls_write_timeout", |s| &s.write_timeout)],
    )
}

/// `tls_accept`: the next connection of the listener `id` whose handshake
/// completed; no timeout.
async fn tls_accept(c: &mut Caller<'_, GuestState>, (id, id_ptr, peer_ptr): (u64, u32, u32)) -> Result<u32> {
    const F: &str = "lunatic::networking::tls_accept";
    let l: TlsListenerHandle = lookup(c, id, F)?;
    let accepted = drive(c, None, |_| Ok(l.accept_step()))
        .await?
        .unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into()))
        .map(|(stream, peer)| (Arc::new(stream), peer));
    answer_accepted(c, accepted, id_ptr, peer_ptr, F)
}

/// `tls_connect`: a stream to `host` whose handshake completed, all under
/// `timeout`.
async fn tls_connect(
    c: &mut Caller<'_, GuestState>,
    (host_ptr, host_len, port, timeout, id_ptr, certs_ptr, certs_count): (u32, u32, u32, u64, u32, u32, u32),
) -> Result<u32> {
    const F: &str = "lunatic::networking::tls_connect";
    let host = read_str(c, host_ptr, host_len, F)?;
    let pems = guest_pems(c, certs_ptr, certs_count, F)?;
    if !network_allowed(c) {
        return deny(c, id_ptr, F);
    }
    let deadline = deadline_after(timeout);
    let config = match pems.and_then(|pems| connect_config(&pems)) {
        Ok(config) => config,
        Err(e) => return answer(c, id_ptr, Err(e), F),
    };
    // lunatic takes the port as a u32 and keeps its low 16 bits.
    match connect(c, host, port as u16, config, deadline).await? {
        Some(outcome) => {
            let id = outcome.map(|s| keep(c, Arc::new(s)));
            answer(c, id_ptr, id, F)
        }
        None => {
            // The guest reads an error id whatever the code: give it a real
            // one.
            answer(c, id_ptr, Err("TLS connection timed out".into()), F)?;
            Ok(TIMEOUT)
        }
    }
}

/// `tls_write_vectored`: the guest's buffers, under the write timeout.
async fn tls_write_vectored(
    c: &mut Caller<'_, GuestState>,
    (id, iov_ptr, iov_len, opaque_ptr): (u64, u32, u32, u32),
) -> Result<u32> {
    const F: &str = "lunatic::networking::tls_write_vectored";
    let iovs = guest_ciovecs(c, iov_ptr, iov_len, "buffers", F)?;
    let s: TlsStreamHandle = lookup(c, id, F)?;
    let deadline = deadline_after(s.write_timeout.load(Ordering::Relaxed));
    let mut taken = None;
    let written = drive(c, deadline, |c| {
        let mem = memory(c, F)?;
        let bufs = guest_slices(mem.data(&*c), &iovs, F)?;
        Ok(s.attempt(|tls, sock| write_step(tls, sock, &bufs, &mut taken)))
    })
    .await?;
    match (written, taken) {
        (Some(r), _) => answer_len(c, opaque_ptr, r, F),
        // Taken, not all sent yet: the next operation sends the rest.
        (None, Some(n)) => answer_len(c, opaque_ptr, Ok(n), F),
        (None, None) => Ok(TIMEOUT),
    }
}

/// `tls_read`: plaintext into the guest's buffer, under the read timeout.
async fn tls_read(
    c: &mut Caller<'_, GuestState>,
    (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32),
) -> Result<u32> {
    const F: &str = "lunatic::networking::tls_read";
    let s: TlsStreamHandle = lookup(c, id, F)?;
    guest_buf(c, buf_ptr, buf_len, F)?;
    let deadline = deadline_after(s.read_timeout.load(Ordering::Relaxed));
    let read = drive(c, deadline, |c| {
        let buf = guest_buf(c, buf_ptr, buf_len, F)?;
        Ok(s.attempt(|tls, sock| read_step(tls, sock, buf)))
    })
    .await?;
    match read {
        Some(r) => answer_len(c, opaque_ptr, r, F),
        None => Ok(TIMEOUT),
    }
}

/// `tls_flush`: every record sent, under the write timeout.
async fn tls_flush(c: &mut Caller<'_, GuestState>, (id, error_ptr): (u64, u32)) -> Result<u32> {
    const F: &str = "lunatic::networking::tls_flush";
    let s: TlsStreamHandle = lookup(c, id, F)?;
    let deadline = deadline_after(s.write_timeout.load(Ordering::Relaxed));
    let outcome = match s.run(c, deadline, flush_step).await? {
        Some(r) => r.map_err(|e| e.to_string()),
        None => Err("TLS flush timed out".into()),
    };
    // 0 at the pointer on success, as lunatic writes.
    answer(c, error_ptr, outcome.map(|()| 0), F)
}
