//! UDP sockets: `udp_bind`, sending and receiving datagrams, socket options.
//!
//! Sends and receives have no timeout: they wait until the socket is ready.

use std::io;
use std::sync::Arc;

use wasmtime::{format_err, Caller, Linker, Result};

use super::super::{read, write_u64};
use super::address::{addr_iterator, answer_addr, guest_addr, register_addr_query};
use super::poller::{Dir, Registered};
use super::{
    answer_io, answer_len, guest_buf, lookup, register_bind, register_clone, register_drop, UdpSocketHandle, NS,
};
use crate::lunatic::state::GuestState;

/// Runs the datagram transfer `op` on `s` once it is ready (waiting for
/// `dir` readiness); answers the byte count at `ptr`.
async fn transfer(
    c: &mut Caller<'_, GuestState>,
    s: &UdpSocketHandle,
    dir: Dir,
    ptr: u32,
    func: &str,
    op: impl FnMut(&mut Caller<'_, GuestState>) -> Result<io::Result<usize>>,
) -> Result<u32> {
    let moved = s.io_op_untimed(c, dir, op).await?;
    answer_len(c, ptr, moved, func)
}

/// A socket option of the process's socket `id` (`op` reads or sets it);
/// a failure traps.
fn option<R>(
    c: &mut Caller<'_, GuestState>,
    id: u64,
    func: &str,
    op: impl FnOnce(&mio::net::UdpSocket) -> io::Result<R>,
) -> Result<R> {
    let s: UdpSocketHandle = lookup(c, id, func)?;
    op(&s.io).map_err(|e| format_err!("{func}: {e}"))
}

/// Registers the UDP functions.
pub(super) fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    register_bind(linker, "lunatic::networking::udp_bind", |addr| {
        let s = Registered::new(mio::net::UdpSocket::bind(addr)?)?;
        Ok(Arc::new(s))
    })?;
    register_drop::<UdpSocketHandle>(linker, "lunatic::networking::drop_udp_socket")?;
    register_clone::<UdpSocketHandle>(linker, "lunatic::networking::clone_udp_socket")?;
    register_addr_query(linker, "lunatic::networking::udp_local_addr", |s: &UdpSocketHandle| s.io.local_addr())?;
    linker.func_wrap(NS, "udp_peer_addr", |mut c: Caller<'_, GuestState>, id: u64, id_ptr: u32| -> Result<u32> {
        const F: &str = "lunatic::networking::udp_peer_addr";
        let s: UdpSocketHandle = lookup(&mut c, id, F)?;
        // lunatic's codes: 1 not connected, 2 any other error.
        match s.io.peer_addr() {
            Ok(a) => answer_addr(&mut c, id_ptr, Ok(a), F),
            Err(e) => {
                let code = if e.kind() == io::ErrorKind::NotConnected { 1 } else { 2 };
                answer_io(&mut c, id_ptr, Err(e), F)?;
                Ok(code)
            }
        }
    })?;
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
            let s: UdpSocketHandle = lookup(&mut c, id, F)?;
            let outcome = s.io.connect(addr).map(|()| 0);
            answer_io(&mut c, id_ptr, outcome, F)
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_send",
        |mut c: Caller<'_, GuestState>, (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_send";
                let s: UdpSocketHandle = lookup(&mut c, id, F)?;
                let data = read(&mut c, buf_ptr, buf_len, F)?;
                transfer(&mut c, &s, Dir::Write, opaque_ptr, F, |_| Ok(s.io.send(&data))).await
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
                let s: UdpSocketHandle = lookup(&mut c, id, F)?;
                transfer(&mut c, &s, Dir::Write, opaque_ptr, F, |_| Ok(s.io.send_to(&data, addr))).await
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_receive",
        |mut c: Caller<'_, GuestState>, (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_receive";
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let s: UdpSocketHandle = lookup(&mut c, id, F)?;
                transfer(&mut c, &s, Dir::Read, opaque_ptr, F, |c| Ok(s.io.recv(guest_buf(c, buf_ptr, buf_len, F)?)))
                    .await
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "udp_receive_from",
        |mut c: Caller<'_, GuestState>, (id, buf_ptr, buf_len, opaque_ptr, dns_iter_ptr): (u64, u32, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::udp_receive_from";
                guest_buf(&mut c, buf_ptr, buf_len, F)?;
                let s: UdpSocketHandle = lookup(&mut c, id, F)?;
                let got = s
                    .io_op_untimed(&mut c, Dir::Read, |c| Ok(s.io.recv_from(guest_buf(c, buf_ptr, buf_len, F)?)))
                    .await?;
                match got {
                    Ok((n, from)) => {
                        write_u64(&mut c, opaque_ptr, n as u64, F)?;
                        let iter = addr_iterator(&mut c, from);
                        write_u64(&mut c, dns_iter_ptr, iter, F)?;
                        Ok(0)
                    }
                    Err(e) => answer_io(&mut c, opaque_ptr, Err(e), F),
                }
            })
        },
    )?;
    linker.func_wrap(NS, "set_udp_socket_ttl", |mut c: Caller<'_, GuestState>, id: u64, ttl: u32| -> Result<()> {
        const F: &str = "lunatic::networking::set_udp_socket_ttl";
        option(&mut c, id, F, |s| s.set_ttl(ttl))
    })?;
    linker.func_wrap(NS, "get_udp_socket_ttl", |mut c: Caller<'_, GuestState>, id: u64| -> Result<u32> {
        const F: &str = "lunatic::networking::get_udp_socket_ttl";
        option(&mut c, id, F, |s| s.ttl())
    })?;
    linker.func_wrap(
        NS,
        "set_udp_socket_broadcast",
        |mut c: Caller<'_, GuestState>, id: u64, on: u32| -> Result<()> {
            const F: &str = "lunatic::networking::set_udp_socket_broadcast";
            option(&mut c, id, F, |s| s.set_broadcast(on > 0))
        },
    )?;
    linker.func_wrap(NS, "get_udp_socket_broadcast", |mut c: Caller<'_, GuestState>, id: u64| -> Result<i32> {
        const F: &str = "lunatic::networking::get_udp_socket_broadcast";
        Ok(option(&mut c, id, F, |s| s.broadcast())? as i32)
    })?;
    Ok(())
}
