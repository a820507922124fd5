//! Socket addresses as lunatic's ABI passes them: in arguments (a type, 4
//! or 6, a pointer to the address's bytes, the port, and for IPv6 the flow
//! info and scope id), and out as DNS iterators, whose addresses
//! `resolve_next` writes one at a time.

use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

use wasmtime::{bail, format_err, Caller, Linker, Result};

use super::super::{read, write};
use super::{answer_io, keep, lookup, NetResource, NS};
use crate::lunatic::state::GuestState;

/// The addresses a `resolve` (or an address query) returned, taken one at a
/// time by `resolve_next`.
pub type DnsIterator = std::vec::IntoIter<SocketAddr>;

/// Decodes lunatic's socket address arguments (`addr` holds at least the
/// address's bytes: 4 for type 4, 16 for type 6).
fn decode_addr(addr_type: u32, addr: &[u8], port: u32, flow_info: u32, scope_id: u32) -> Option<SocketAddr> {
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
        SocketAddr::V6(v6) => (6, v6.ip().octets().to_vec(), v6.port(), Some((v6.flowinfo(), v6.scope_id()))),
    }
}

/// Reads a socket address passed by the guest; a bad type or pointer traps.
pub(super) fn guest_addr(
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

/// Writes `a` as `resolve_next` answers it: its type, its bytes and its
/// port, and for IPv6 its flow info and scope id (left alone for IPv4).
pub(super) fn write_addr(
    c: &mut Caller<'_, GuestState>,
    a: &SocketAddr,
    (type_ptr, addr_ptr, port_ptr, flow_info_ptr, scope_id_ptr): (u32, u32, u32, u32, u32),
    func: &str,
) -> Result<()> {
    let (addr_type, bytes, port, v6) = encode_addr(a);
    write(c, type_ptr, &addr_type.to_le_bytes(), func)?;
    write(c, addr_ptr, &bytes, func)?;
    write(c, port_ptr, &port.to_le_bytes(), func)?;
    if let Some((flow_info, scope_id)) = v6 {
        write(c, flow_info_ptr, &flow_info.to_le_bytes(), func)?;
        write(c, scope_id_ptr, &scope_id.to_le_bytes(), func)?;
    }
    Ok(())
}

/// A one-address iterator's id (what the `*_addr` functions return).
pub(super) fn addr_iterator(c: &mut Caller<'_, GuestState>, a: SocketAddr) -> u64 {
    keep::<DnsIterator>(c, vec![a].into_iter())
}

/// A lookup's answer at `ptr`: an iterator with the addresses, or the
/// error.
pub(super) fn answer_addrs(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    addrs: io::Result<Vec<SocketAddr>>,
    func: &str,
) -> Result<u32> {
    let outcome = addrs.map(|a| keep::<DnsIterator>(c, a.into_iter()));
    answer_io(c, ptr, outcome, func)
}

/// An address query's answer at `ptr`: an iterator with the address, or the
/// error.
pub(super) fn answer_addr(
    c: &mut Caller<'_, GuestState>,
    ptr: u32,
    a: io::Result<SocketAddr>,
    func: &str,
) -> Result<u32> {
    answer_addrs(c, ptr, a.map(|a| vec![a]), func)
}

/// Registers `func`, which answers an address of a `T` (`query`) as
/// [`answer_addr`] does.
pub(super) fn register_addr_query<T: NetResource + Clone>(
    linker: &mut Linker<GuestState>,
    func: &'static str,
    query: fn(&T) -> io::Result<SocketAddr>,
) -> Result<()> {
    linker.func_wrap(
        NS,
        super::import_name(func),
        move |mut c: Caller<'_, GuestState>, id: u64, id_ptr: u32| -> Result<u32> {
            let it: T = lookup(&mut c, id, func)?;
            answer_addr(&mut c, id_ptr, query(&it), func)
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
        assert_eq!((t, bytes, port, v6), (6, ip.octets().to_vec(), 7, Some((1, 2))));
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
}
