//! TLS: `TlsListener::bind("127.0.0.1:0", cert, key)` with a self-signed
//! certificate (`certs/localhost.*`, PEM, embedded), `local_addr`,
//! `accept`; client processes that `connect_with_certs` trusting that
//! certificate, by name (`localhost`) and by IP (`127.0.0.1`, an IP
//! subject alternative name); echo round trips through a handler process
//! the accepted `TlsStream` was sent to in a message, which reads through a
//! clone; `flush`; `set_read_timeout` + a read that times out;
//! `set_write_timeout` / `write_timeout`; a client reading EOF after the
//! server closes cleanly (`close_notify`); a client trusting only the
//! default roots fails its handshake and the listener accepts the next
//! connection; errors (not traps) for a closed port, a non-PEM certificate,
//! and certificate and key swapped in `bind`.
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::Ipv4Addr;
use std::time::Duration;

use lunatic::net::{TlsListener, TlsStream};
use lunatic::{Mailbox, Process};

const CERT: &str = include_str!("../../certs/localhost.crt");
const KEY: &str = include_str!("../../certs/localhost.key");

fn trusted() -> Vec<Vec<u8>> {
    vec![CERT.as_bytes().to_vec()]
}

/// Echoes lines until the peer closes.
fn echo_handler(stream: TlsStream, _: Mailbox<()>) {
    let mut reader = BufReader::new(stream.clone());
    let mut stream = stream;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                stream.write_all(line.as_bytes()).unwrap();
                stream.flush().unwrap();
            }
        }
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let listener = TlsListener::bind(
        "127.0.0.1:0",
        CERT.as_bytes().to_vec(),
        KEY.as_bytes().to_vec(),
    )
    .expect("bind");
    let addr = listener.local_addr().expect("local_addr");
    println!(
        "bound to 127.0.0.1: {}, port assigned: {}",
        addr.ip() == Ipv4Addr::LOCALHOST,
        addr.port() != 0
    );
    let port = addr.port();

    // Client 1: by name, echo round trips.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let mut s = TlsStream::connect_with_certs("localhost", port as u32, trusted())
            .expect("connect to localhost");
        let mut reader = BufReader::new(s.clone());
        // Collected and sent to the parent, which prints: output stays in causal order.
        let mut out = Vec::new();
        for msg in ["hello kiln over TLS", "second line", "x"] {
            s.write_all(format!("{msg}\n").as_bytes()).unwrap();
            s.flush().unwrap();
            let mut got = String::new();
            reader.read_line(&mut got).unwrap();
            out.push(format!("client1: echo {:?}", got.trim_end()));
        }
        // A larger message, in several records.
        let big: String = (0..20_000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        s.write_all(format!("{big}\n").as_bytes()).unwrap();
        let mut got = String::new();
        reader.read_line(&mut got).unwrap();
        out.push(format!(
            "client1: 20000-byte echo intact: {}",
            got.trim_end() == big
        ));
        out.push("client1 done".to_string());
        parent.send(out.join("\n"));
    });
    let (stream, peer) = listener.accept().expect("accept");
    let accepted_from_localhost = peer.ip().to_string() == "127.0.0.1";
    // Hand the accepted stream to a handler process inside a message.
    Process::spawn(stream, echo_handler);
    println!("{}", mailbox.receive());
    println!("server: accepted from 127.0.0.1: {accepted_from_localhost}");

    // Client 2: by IP; a read with a timeout on a connection where nobody
    // writes; the write timeout's setter and getter.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let mut s = TlsStream::connect_with_certs("127.0.0.1", port as u32, trusted())
            .expect("connect to 127.0.0.1");
        let no_timeouts = s.read_timeout().is_none() && s.write_timeout().is_none();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        let set = s.read_timeout() == Some(Duration::from_millis(200))
            && s.write_timeout() == Some(Duration::from_secs(5));
        let mut buf = [0u8; 16];
        let outcome = match s.read(&mut buf) {
            Err(e) if e.kind() == ErrorKind::TimedOut => "read timed out".to_string(),
            Err(e) => format!("read error of kind {:?}", e.kind()),
            Ok(n) => format!("WRONG: read {n} bytes"),
        };
        s.set_read_timeout(None).unwrap();
        let cleared = s.read_timeout().is_none();
        parent.send(format!(
            "client2: no timeouts at first: {no_timeouts}\n\
             client2: timeouts are set: {set}\n\
             client2: {outcome}\n\
             client2: read timeout cleared: {cleared}"
        ));
    });
    let (silent, _) = listener.accept().expect("accept 2");
    println!("{}", mailbox.receive());
    drop(silent);

    // Client 3: the server writes a line and closes; the client reads it,
    // then the end.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let mut s =
            TlsStream::connect_with_certs("localhost", port as u32, trusted()).expect("connect");
        let mut got = Vec::new();
        let end = loop {
            let mut buf = [0u8; 64];
            match s.read(&mut buf) {
                Ok(0) => break "EOF".to_string(),
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) => break format!("error of kind {:?}", e.kind()),
            }
        };
        parent.send(format!(
            "client3: got {:?}, then {end}",
            String::from_utf8_lossy(&got)
        ));
    });
    let (mut closing, _) = listener.accept().expect("accept 3");
    closing.write_all(b"goodbye\n").unwrap();
    closing.flush().unwrap();
    drop(closing);
    println!("{}", mailbox.receive());

    // Client 4: a connection trusting only the default roots (Mozilla's)
    // fails its handshake against the self-signed certificate; the listener
    // goes on, and accepts the next connection.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let untrusted = TlsStream::connect("localhost", port as u32);
        let mut s = TlsStream::connect_with_certs("localhost", port as u32, trusted())
            .expect("connect after a failed handshake");
        s.write_all(b"still serving\n").unwrap();
        s.flush().unwrap();
        parent.send(format!(
            "client4: connect trusting the default roots fails: {}",
            untrusted.is_err()
        ));
    });
    let (next, _) = listener.accept().expect("accept after a failed handshake");
    let mut line = String::new();
    BufReader::new(next).read_line(&mut line).unwrap();
    println!("{}", mailbox.receive());
    println!("server: next connection says {:?}", line.trim_end());

    // Connections that fail: a closed port, a certificate that is not PEM.
    let closed_port = {
        let l = TlsListener::bind(
            "127.0.0.1:0",
            CERT.as_bytes().to_vec(),
            KEY.as_bytes().to_vec(),
        )
        .unwrap();
        l.local_addr().unwrap().port()
    };
    let r = TlsStream::connect_with_certs("127.0.0.1", closed_port as u32, trusted());
    println!("connect to a closed port fails: {}", r.is_err());
    let r = TlsStream::connect_with_certs("127.0.0.1", port as u32, vec![b"no PEM".to_vec()]);
    println!(
        "connect trusting a non-PEM certificate fails: {}",
        r.is_err()
    );
    let r = TlsListener::bind(
        "127.0.0.1:0",
        KEY.as_bytes().to_vec(),
        CERT.as_bytes().to_vec(),
    );
    println!(
        "bind with certificate and key swapped fails: {}",
        r.is_err()
    );
    println!("done");
}
