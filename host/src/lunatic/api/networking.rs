//! `lunatic::networking`: DNS, TCP and UDP.
//!
//! (First increment: the resource types only; the functions are resolved by
//! `lunatic::prepare` to traps naming them.)

use std::sync::Arc;

use wasmtime::Result;
use wasmtime::Linker;

use crate::lunatic::resources::Resources;
use crate::lunatic::state::GuestState;

/// A TCP stream (shared by `clone_tcp_stream`).
pub type TcpStreamHandle = Arc<std::net::TcpStream>;
/// A UDP socket (shared by `clone_udp_socket`).
pub type UdpSocketHandle = Arc<std::net::UdpSocket>;

/// A process's sockets.
#[derive(Default)]
pub struct NetResources {
    pub tcp_listeners: Resources<std::net::TcpListener>,
    pub tcp_streams: Resources<TcpStreamHandle>,
    pub udp_sockets: Resources<UdpSocketHandle>,
}

pub fn register(_linker: &mut Linker<GuestState>) -> Result<()> {
    Ok(())
}
