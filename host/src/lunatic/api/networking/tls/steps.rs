//! Steps: what one non-blocking go at a connection does. They work on any
//! socket that reads and writes through a shared reference (mio's, std's).

use std::io::{self, IoSlice, Read, Write};

use rustls::Connection;

/// Where a step stopped.
#[derive(Debug)]
pub(super) enum Step<T> {
    Done(io::Result<T>),
    /// It can go on once the socket is readable (`read`) or writable
    /// (`write`).
    Blocked {
        read: bool,
        write: bool,
    },
}

impl<T> Step<T> {
    /// Blocked until the socket is writable.
    fn writable() -> Step<T> {
        Step::Blocked { read: false, write: true }
    }

    /// Blocked until the socket is readable, or also writable while
    /// records wait to go out (`sent` false).
    fn readable(sent: bool) -> Step<T> {
        Step::Blocked { read: true, write: !sent }
    }
}

/// Hands the records rustls has ready to the socket: `true` when all went,
/// `false` when the socket would block first.
pub(super) fn send_records<S>(tls: &mut Connection, sock: &S) -> io::Result<bool>
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
pub(super) fn handshake_step<S>(tls: &mut Connection, sock: &S) -> Step<()>
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
                false => Step::writable(),
            };
        }
        match receive_records(tls, sock) {
            Err(e) => return Step::Done(Err(e)),
            Ok(None) => return Step::readable(sent),
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
pub(super) fn read_step<S>(tls: &mut Connection, sock: &S, buf: &mut [u8]) -> Step<usize>
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
            Ok(None) => return Step::readable(sent),
            Ok(Some(_)) => {}
        }
    }
}

/// Writes `bufs`: rustls takes them (how many bytes, kept in `taken`, which
/// starts `None`) once earlier records are all sent, and the step is done
/// once their records are.
pub(super) fn write_step<S>(
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
            _ => return Step::writable(),
        }
    }
}

/// Sends every record waiting to go out.
pub(super) fn flush_step<S>(tls: &mut Connection, sock: &S) -> Step<()>
where
    for<'a> &'a S: Write,
{
    match send_records(tls, sock) {
        Ok(true) => Step::Done(Ok(())),
        Ok(false) => Step::writable(),
        Err(e) => Step::Done(Err(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{TcpListener, TcpStream};
    use std::sync::Arc;

    use rustls::pki_types::ServerName;
    use rustls::{ClientConnection, ServerConnection};

    use super::super::certs::{connect_config, server_config};
    use super::super::{TEST_CERT as CERT, TEST_KEY as KEY};

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
        let n =
            until_done(|| write_step(&mut c, &cs, &[IoSlice::new(b"hello "), IoSlice::new(b"tls")], &mut taken), || {})
                .unwrap();
        assert_eq!(n, 9);
        assert_eq!(read_all(&mut s, &ss, 9), b"hello tls");
        let mut taken = None;
        until_done(|| write_step(&mut s, &ss, &[IoSlice::new(b"back")], &mut taken), || {}).unwrap();
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
        assert_eq!(until_done(|| read_step(&mut c, &cs, &mut buf), || {}).unwrap(), 0);

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
                io::ErrorKind::UnexpectedEof | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe
            ),
            "{e}"
        );
    }
}
