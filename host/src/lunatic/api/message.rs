//! `lunatic::message`: writing a message in the scratch area and sending
//! it, receiving (selectively, by tag, with a timeout) into the scratch
//! area and reading it, and moving resources along with a message.

use std::time::{Duration, Instant};

use wasmtime::{format_err, Result};
use wasmtime::{Caller, Linker};

use super::{memory, read};
use crate::lunatic::process::wait;
use crate::lunatic::state::{DataMessage, GuestMessage, GuestState, Resource};
use crate::lunatic::transit;

/// `receive` returned because the timeout passed.
pub const TIMEOUT: u32 = 9027;

/// The data message in the scratch area, or a trap naming `func`.
fn scratch_data<'a>(s: &'a mut GuestState, func: &str) -> Result<&'a mut DataMessage> {
    match s.scratch.as_mut() {
        Some(GuestMessage::Data(d)) => Ok(d),
        Some(_) => Err(format_err!("{func}: the message in the scratch area is a signal, not data")),
        None => Err(format_err!("{func}: no message in the scratch area")),
    }
}

/// Takes the message being written, for sending: its tag (0 for none), its
/// bytes and the transit numbers of its resources.
pub fn take_outgoing(s: &mut GuestState, func: &str) -> Result<(i64, Vec<u8>, Vec<u64>)> {
    match s.scratch.take() {
        Some(GuestMessage::Data(d)) => {
            let resources = d.resources.into_iter().flatten().map(transit::put).collect();
            Ok((d.tag.unwrap_or(0), d.bytes, resources))
        }
        Some(_) => Err(format_err!("{func}: the message in the scratch area is a signal, not data")),
        None => Err(format_err!("{func}: no message in the scratch area")),
    }
}

/// Moves the first message matching `tags` (any message when `None`) from
/// the mailbox into the scratch area; returns `receive`'s result code.
fn take_matching(s: &mut GuestState, tags: Option<&[i64]>) -> Option<u32> {
    let i = match tags {
        None => (!s.mailbox.is_empty()).then_some(0)?,
        Some(tags) => s.mailbox.iter().position(|m| m.tag().is_some_and(|t| tags.contains(&t)))?,
    };
    let m = s.mailbox.remove(i)?;
    let code = match m {
        GuestMessage::Data(_) => 0,
        GuestMessage::LinkDied(_) => 1,
        GuestMessage::ProcessDied(_) => 2,
    };
    s.scratch = Some(m);
    Some(code)
}

/// Waits for a message matching `tags`, at most `timeout_ms` (`u64::MAX`:
/// forever).
async fn receive(c: &mut Caller<'_, GuestState>, tags: Option<Vec<i64>>, timeout_ms: u64) -> u32 {
    let deadline = match timeout_ms {
        u64::MAX => None,
        ms => Instant::now().checked_add(Duration::from_millis(ms)),
    };
    loop {
        c.data_mut().pull_messages();
        if let Some(code) = take_matching(c.data_mut(), tags.as_deref()) {
            if deadline.is_some() {
                crate::lunatic::process::with_context(|cx| cx.clear_deadline());
            }
            return code;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            crate::lunatic::process::with_context(|cx| cx.clear_deadline());
            return TIMEOUT;
        }
        wait(deadline).await;
    }
}

fn send(c: &mut Caller<'_, GuestState>, to: u64, func: &str) -> Result<()> {
    let (tag, bytes, resources) = take_outgoing(c.data_mut(), func)?;
    let from = c.data().id;
    kiln_runtime::foreign::send_data(from, to, tag, bytes, &resources);
    Ok(())
}

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    const NS: &str = "lunatic::message";
    linker.func_wrap(NS, "create_data", |mut c: Caller<'_, GuestState>, tag: i64, capacity: u64| {
        let tag = (tag != 0).then_some(tag);
        // The capacity is a hint; a hostile one must not reserve gigabytes.
        let bytes = Vec::with_capacity(capacity.min(1 << 16) as usize);
        c.data_mut().scratch = Some(GuestMessage::Data(DataMessage { tag, bytes, read_pos: 0, resources: Vec::new() }));
    })?;
    linker.func_wrap(NS, "write_data", |mut c: Caller<'_, GuestState>, ptr: u32, len: u32| -> Result<u32> {
        const F: &str = "lunatic::message::write_data";
        let mem = memory(&mut c, F)?;
        let (bytes, state) = mem.data_and_store_mut(&mut c);
        let src = bytes
            .get(ptr as usize..ptr as usize + len as usize)
            .ok_or_else(|| format_err!("{F}: memory access out of bounds ({len} bytes at {ptr})"))?;
        scratch_data(state, F)?.bytes.extend_from_slice(src);
        Ok(len)
    })?;
    linker.func_wrap(NS, "read_data", |mut c: Caller<'_, GuestState>, ptr: u32, len: u32| -> Result<u32> {
        const F: &str = "lunatic::message::read_data";
        let mem = memory(&mut c, F)?;
        let (bytes, state) = mem.data_and_store_mut(&mut c);
        let d = scratch_data(state, F)?;
        let start = d.read_pos.min(d.bytes.len());
        let n = (len as usize).min(d.bytes.len() - start);
        let dst = bytes
            .get_mut(ptr as usize..ptr as usize + n)
            .ok_or_else(|| format_err!("{F}: memory access out of bounds ({n} bytes at {ptr})"))?;
        dst.copy_from_slice(&d.bytes[start..start + n]);
        d.read_pos = start + n;
        Ok(n as u32)
    })?;
    linker.func_wrap(NS, "seek_data", |mut c: Caller<'_, GuestState>, pos: u64| -> Result<()> {
        scratch_data(c.data_mut(), "lunatic::message::seek_data")?.read_pos = pos as usize;
        Ok(())
    })?;
    linker.func_wrap(NS, "get_tag", |c: Caller<'_, GuestState>| -> Result<i64> {
        let m = c
            .data()
            .scratch
            .as_ref()
            .ok_or_else(|| format_err!("lunatic::message::get_tag: no message in the scratch area"))?;
        Ok(m.tag().unwrap_or(0))
    })?;
    linker.func_wrap(NS, "get_process_id", |c: Caller<'_, GuestState>| -> Result<u64> {
        match c.data().scratch.as_ref() {
            Some(GuestMessage::ProcessDied(id)) => Ok(*id),
            Some(_) => Ok(0),
            None => Err(format_err!("lunatic::message::get_process_id: no message in the scratch area")),
        }
    })?;
    linker.func_wrap(NS, "data_size", |mut c: Caller<'_, GuestState>| -> Result<u64> {
        Ok(scratch_data(c.data_mut(), "lunatic::message::data_size")?.bytes.len() as u64)
    })?;
    linker.func_wrap(NS, "push_module", |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        const F: &str = "lunatic::message::push_module";
        let m = c.data().modules.get(id).cloned().ok_or_else(|| format_err!("{F}: module {id} does not exist"))?;
        push(c.data_mut(), Resource::Module(m), F)
    })?;
    linker.func_wrap(NS, "take_module", |mut c: Caller<'_, GuestState>, index: u64| -> Result<u64> {
        const F: &str = "lunatic::message::take_module";
        match take(c.data_mut(), index, F)? {
            Resource::Module(m) => Ok(c.data_mut().modules.add(m)),
            _ => Err(format_err!("{F}: resource {index} of the message is not a module")),
        }
    })?;
    linker.func_wrap(NS, "push_tcp_stream", |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        const F: &str = "lunatic::message::push_tcp_stream";
        let s = c
            .data_mut()
            .net
            .tcp_streams
            .remove(id)
            .ok_or_else(|| format_err!("{F}: TCP stream {id} does not exist"))?;
        push(c.data_mut(), Resource::TcpStream(s), F)
    })?;
    linker.func_wrap(NS, "take_tcp_stream", |mut c: Caller<'_, GuestState>, index: u64| -> Result<u64> {
        const F: &str = "lunatic::message::take_tcp_stream";
        match take(c.data_mut(), index, F)? {
            Resource::TcpStream(s) => Ok(c.data_mut().net.tcp_streams.add(s)),
            _ => Err(format_err!("{F}: resource {index} of the message is not a TCP stream")),
        }
    })?;
    linker.func_wrap(NS, "push_tls_stream", |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        const F: &str = "lunatic::message::push_tls_stream";
        let s = c
            .data_mut()
            .net
            .tls_streams
            .remove(id)
            .ok_or_else(|| format_err!("{F}: TLS stream {id} does not exist"))?;
        push(c.data_mut(), Resource::TlsStream(s), F)
    })?;
    linker.func_wrap(NS, "take_tls_stream", |mut c: Caller<'_, GuestState>, index: u64| -> Result<u64> {
        const F: &str = "lunatic::message::take_tls_stream";
        match take(c.data_mut(), index, F)? {
            Resource::TlsStream(s) => Ok(c.data_mut().net.tls_streams.add(s)),
            _ => Err(format_err!("{F}: resource {index} of the message is not a TLS stream")),
        }
    })?;
    linker.func_wrap(NS, "push_udp_socket", |mut c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        const F: &str = "lunatic::message::push_udp_socket";
        let s = c
            .data_mut()
            .net
            .udp_sockets
            .remove(id)
            .ok_or_else(|| format_err!("{F}: UDP socket {id} does not exist"))?;
        push(c.data_mut(), Resource::UdpSocket(s), F)
    })?;
    linker.func_wrap(NS, "take_udp_socket", |mut c: Caller<'_, GuestState>, index: u64| -> Result<u64> {
        const F: &str = "lunatic::message::take_udp_socket";
        match take(c.data_mut(), index, F)? {
            Resource::UdpSocket(s) => Ok(c.data_mut().net.udp_sockets.add(s)),
            _ => Err(format_err!("{F}: resource {index} of the message is not a UDP socket")),
        }
    })?;
    linker.func_wrap(NS, "send", |mut c: Caller<'_, GuestState>, to: u64| -> Result<u32> {
        send(&mut c, to, "lunatic::message::send")?;
        Ok(0)
    })?;
    linker.func_wrap_async(
        NS,
        "send_receive_skip_search",
        |mut c: Caller<'_, GuestState>, (to, wait_tag, timeout): (u64, i64, u64)| {
            Box::new(async move {
                send(&mut c, to, "lunatic::message::send_receive_skip_search")?;
                // Only the reply is looked for; messages already queued
                // cannot be it, so the search starts after them (lunatic's
                // "skip search"), which the tag filter achieves here.
                Ok(match receive(&mut c, Some(vec![wait_tag]), timeout).await {
                    TIMEOUT => TIMEOUT,
                    _ => 0,
                })
            })
        },
    )?;
    linker.func_wrap_async(
        NS,
        "receive",
        |mut c: Caller<'_, GuestState>, (tags_ptr, tags_len, timeout): (u32, u32, u64)| {
            Box::new(async move {
                let tags = if tags_len == 0 {
                    None
                } else {
                    let len = tags_len
                        .checked_mul(8)
                        .ok_or_else(|| format_err!("lunatic::message::receive: too many tags"))?;
                    let raw = read(&mut c, tags_ptr, len, "lunatic::message::receive")?;
                    Some(raw.chunks_exact(8).map(|b| i64::from_le_bytes(b.try_into().unwrap_or_default())).collect())
                };
                Ok(receive(&mut c, tags, timeout).await)
            })
        },
    )?;
    Ok(())
}

fn push(s: &mut GuestState, r: Resource, func: &str) -> Result<u64> {
    let d = scratch_data(s, func)?;
    d.resources.push(Some(r));
    Ok((d.resources.len() - 1) as u64)
}

fn take(s: &mut GuestState, index: u64, func: &str) -> Result<Resource> {
    let d = scratch_data(s, func)?;
    d.resources
        .get_mut(index as usize)
        .and_then(Option::take)
        .ok_or_else(|| format_err!("{func}: the message has no resource {index} (or it was taken)"))
}
