//! TCP: listeners (`tcp_bind`, `tcp_accept`, ...) and streams
//! (`tcp_connect`, reads and writes, their timeouts, ...).

use std::io::{self, IoSlice, Read, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use wasmtime::{format_err, Caller, Linker, Result};

use super::super::{memory, read, write_u64};
use super::address::{guest_addr, register_addr_query};
use super::poller::{Dir, Registered};
use super::wait::{deadline_after, NO_TIMEOUT};
use super::{
    answer_accepted, answer_io, answer_len, deny, guest_buf, import_name, keep, lookup, network_allowed, register_bind,
    register_clone, register_drop, register_timeouts, TcpListenerHandle, TcpStreamHandle, NS, TIMEOUT,
};
use crate::lunatic::state::GuestState;

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

    /// Runs the transfer `op` on the stream until it is done or `timeout`
    /// (one of the stream's) passes, waiting for `dir` readiness in
    /// between; answers the byte count at `ptr` ([`TIMEOUT`], writing
    /// nothing, when the time ran out).
    async fn transfer(
        &self,
        c: &mut Caller<'_, GuestState>,
        dir: Dir,
        timeout: &AtomicU64,
        ptr: u32,
        func: &str,
        op: impl FnMut(&mut Caller<'_, GuestState>) -> Result<io::Result<usize>>,
    ) -> Result<u32> {
        let deadline = deadline_after(timeout.load(Ordering::Relaxed));
        match self.socket.io_op(c, dir, deadline, op).await? {
            None => Ok(TIMEOUT),
            Some(r) => answer_len(c, ptr, r, func),
        }
    }
}

/// Decodes an array of lunatic's ciovecs (32-bit pointer, 32-bit length).
pub(super) fn decode_ciovecs(raw: &[u8]) -> Vec<(usize, usize)> {
    raw.chunks_exact(8)
        .map(|v| {
            let ptr = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            let len = u32::from_le_bytes([v[4], v[5], v[6], v[7]]);
            (ptr as usize, len as usize)
        })
        .collect()
}

/// Reads and decodes the guest's array of `count` ciovecs at `ptr`
/// (`tcp_write_vectored`'s buffers, `tls_connect`'s certificates: `what`
/// in the trap of a count too large to address).
pub(super) fn guest_ciovecs(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    count: u32,
    what: &str,
    func: &str,
) -> Result<Vec<(usize, usize)>> {
    let len = count.checked_mul(8).ok_or_else(|| format_err!("{func}: too many {what}"))?;
    Ok(decode_ciovecs(&read(c, ptr, len, func)?))
}

/// The guest's buffers, as slices of its memory.
pub(super) fn guest_slices<'a>(data: &'a [u8], iovs: &[(usize, usize)], func: &str) -> Result<Vec<IoSlice<'a>>> {
    iovs.iter()
        .map(|&(p, l)| {
            p.checked_add(l)
                .and_then(|end| data.get(p..end))
                .map(IoSlice::new)
                .ok_or_else(|| format_err!("{func}: memory access out of bounds ({l} bytes at {p})"))
        })
        .collect()
}

/// A TCP connection to `addr` (`tcp_connect`, and `tls_connect` under its
/// handshake); `None` when `deadline` passed first.
pub(super) async fn connect_stream(
    c: &mut Caller<'_, GuestState>,
    addr: SocketAddr,
    deadline: Option<Instant>,
) -> Result<Option<io::Result<Registered<mio::net::TcpStream>>>> {
    let s = match mio::net::TcpStream::connect(addr).and_then(Registered::new) {
        Ok(s) => s,
        Err(e) => return Ok(Some(Err(e))),
    };
    // The connection is made when the socket turns writable: then it has
    // either a peer or an error.
    let connected = s
        .io_op(c, Dir::Write, deadline, |_| {
            Ok(match s.io.take_error() {
                Ok(Some(e)) | Err(e) => Err(e),
                Ok(None) => match s.io.peer_addr() {
                    Ok(_) => Ok(()),
                    Err(e) if e.kind() == io::ErrorKind::NotConnected => Err(io::ErrorKind::WouldBlock.into()),
                    Err(e) => Err(e),
                },
            })
        })
        .await?;
    Ok(connected.map(|r| r.map(|()| s)))
}

/// `tcp_read` and `tcp_peek` (`peek`: the data stays in the stream): fill
/// the guest's buffer, waiting up to the stream's read (peek) timeout.
async fn tcp_receive(
    c: &mut Caller<'_, GuestState>,
    (id, buf_ptr, buf_len, opaque_ptr): (u64, u32, u32, u32),
    func: &'static str,
    peek: bool,
) -> Result<u32> {
    let s: TcpStreamHandle = lookup(c, id, func)?;
    guest_buf(c, buf_ptr, buf_len, func)?;
    let timeout = if peek { &s.peek_timeout } else { &s.read_timeout };
    s.transfer(c, Dir::Read, timeout, opaque_ptr, func, |c| {
        let buf = guest_buf(c, buf_ptr, buf_len, func)?;
        Ok(if peek { s.socket.io.peek(buf) } else { (&s.socket.io).read(buf) })
    })
    .await
}

/// Registers the TCP functions.
pub(super) fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    // --- Listeners -------------------------------------------------------------
    register_bind(linker, "lunatic::networking::tcp_bind", |addr| {
        let l = Registered::new(mio::net::TcpListener::bind(addr)?)?;
        Ok(Arc::new(l))
    })?;
    register_drop::<TcpListenerHandle>(linker, "lunatic::networking::drop_tcp_listener")?;
    register_addr_query(linker, "lunatic::networking::tcp_local_addr", |l: &TcpListenerHandle| l.io.local_addr())?;
    linker.func_wrap_async(
        NS,
        "tcp_accept",
        |mut c: Caller<'_, GuestState>, (id, id_ptr, peer_ptr): (u64, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_accept";
                let l: TcpListenerHandle = lookup(&mut c, id, F)?;
                let accepted =
                    l.io_op_untimed(&mut c, Dir::Read, |_| Ok(l.io.accept())).await?.and_then(|(s, peer)| {
                        let s = Registered::new(s)?;
                        Ok((Arc::new(TcpConnection::new(s)), peer))
                    });
                answer_accepted(&mut c, accepted, id_ptr, peer_ptr, F)
            })
        },
    )?;

    // --- Streams ---------------------------------------------------------------
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
                    return deny(&mut c, id_ptr, F);
                }
                let deadline = deadline_after(timeout);
                match connect_stream(&mut c, addr, deadline).await? {
                    None => Ok(TIMEOUT),
                    Some(r) => {
                        let id = r.map(|s| keep(&mut c, Arc::new(TcpConnection::new(s))));
                        answer_io(&mut c, id_ptr, id, F)
                    }
                }
            })
        },
    )?;
    register_drop::<TcpStreamHandle>(linker, "lunatic::networking::drop_tcp_stream")?;
    register_clone::<TcpStreamHandle>(linker, "lunatic::networking::clone_tcp_stream")?;
    register_addr_query(linker, "lunatic::networking::tcp_peer_addr", |s: &TcpStreamHandle| s.socket.io.peer_addr())?;
    linker.func_wrap_async(
        NS,
        "tcp_write_vectored",
        |mut c: Caller<'_, GuestState>, (id, iov_ptr, iov_len, opaque_ptr): (u64, u32, u32, u32)| {
            Box::new(async move {
                const F: &str = "lunatic::networking::tcp_write_vectored";
                let iovs = guest_ciovecs(&mut c, iov_ptr, iov_len, "buffers", F)?;
                let s: TcpStreamHandle = lookup(&mut c, id, F)?;
                s.transfer(&mut c, Dir::Write, &s.write_timeout, opaque_ptr, F, |c| {
                    let mem = memory(c, F)?;
                    let slices = guest_slices(mem.data(&*c), &iovs, F)?;
                    Ok((&s.socket.io).write_vectored(&slices))
                })
                .await
            })
        },
    )?;
    for (func, peek) in [("lunatic::networking::tcp_read", false), ("lunatic::networking::tcp_peek", true)] {
        linker.func_wrap_async(
            NS,
            import_name(func),
            move |mut c: Caller<'_, GuestState>, args: (u64, u32, u32, u32)| {
                Box::new(async move { tcp_receive(&mut c, args, func, peek).await })
            },
        )?;
    }
    linker.func_wrap(NS, "tcp_flush", |mut c: Caller<'_, GuestState>, id: u64, error_ptr: u32| -> Result<u32> {
        const F: &str = "lunatic::networking::tcp_flush";
        // Writes go straight to the socket: nothing is buffered here.
        lookup::<TcpStreamHandle>(&mut c, id, F)?;
        write_u64(&mut c, error_ptr, 0, F)?;
        Ok(0)
    })?;
    register_timeouts::<TcpStreamHandle>(
        linker,
        &[
            ("read_timeout", |s| &s.read_timeout),
            ("write_timeout", |s| &s.write_timeout),
            ("peek_timeout", |s| &s.peek_timeout),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ciovecs_decode() {
        let mut raw = Vec::new();
        for (p, l) in [(16u32, 3u32), (0x1000, 0)] {
            raw.extend_from_slice(&p.to_le_bytes());
            raw.extend_from_slice(&l.to_le_bytes());
        }
        assert_eq!(decode_ciovecs(&raw), vec![(16, 3), (0x1000, 0)]);
    }
}
