//! The client's side: `tls_connect` looks the host up, connects to its
//! addresses in turn and completes the handshake before it answers, all
//! under its timeout.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection};
use wasmtime::{Caller, Result};

use super::super::dns::resolve_name;
use super::super::tcp::connect_stream;
use super::steps::handshake_step;
use super::stream::TlsConnection;
use crate::lunatic::state::GuestState;

/// `tls_connect` once the guest's arguments are read: resolves `host`,
/// connects to its addresses in turn, and makes the handshake, all before
/// `deadline`. The stream, an error, or `None` when the time ran out.
pub(super) async fn connect(
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
        let socket = match connect_stream(c, addr, deadline).await? {
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
