//! TCP: `TcpListener::bind("127.0.0.1:0")` (the string goes through the host's
//! `resolve`), `local_addr` for the port, `accept`, a client process that
//! `connect`s with an `(Ipv4Addr, port)` pair, writes and reads the echo;
//! a `TcpStream` sent in a message to a handler process (the host moves the
//! resource); `set_read_timeout` + a read that times out; `peer_addr`;
//! connecting to a closed port fails; `lunatic::net::resolve` of a numeric
//! address.
use std::io::{ErrorKind, Read, Write};
use std::net::Ipv4Addr;
use std::time::Duration;

use lunatic::net::{TcpListener, TcpStream};
use lunatic::{Mailbox, Process};

fn echo_handler(stream: TcpStream, _: Mailbox<()>) {
    let mut stream = stream;
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                stream.write_all(&buf[..n]).unwrap();
                stream.flush().unwrap();
            }
            Err(_) => return,
        }
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("local_addr");
    println!(
        "bound to 127.0.0.1: {}, port assigned: {}",
        addr.ip() == Ipv4Addr::LOCALHOST,
        addr.port() != 0
    );
    let port = addr.port();

    // Client 1: echo round trips.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let mut s = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect");
        let peer = s.peer_addr().expect("peer_addr");
        // Collected and sent to the parent, which prints: output stays in causal order.
        let mut out = vec![format!(
            "client1: peer is the listener: {}",
            peer.port() == port
        )];
        for msg in ["hello kiln", "second line", "x"] {
            s.write_all(msg.as_bytes()).unwrap();
            let mut got = Vec::new();
            let mut buf = [0u8; 64];
            while got.len() < msg.len() {
                let n = s.read(&mut buf).unwrap();
                assert!(n > 0, "unexpected EOF");
                got.extend_from_slice(&buf[..n]);
            }
            out.push(format!(
                "client1: echo {:?}",
                String::from_utf8(got).unwrap()
            ));
        }
        out.push("client1 done".to_string());
        parent.send(out.join("\n"));
    });
    let (stream, peer) = listener.accept().expect("accept");
    let accepted_from_localhost = peer.ip().to_string() == "127.0.0.1";
    // Hand the accepted stream to a handler process inside a message.
    Process::spawn(stream, echo_handler);
    println!("{}", mailbox.receive());
    println!("server: accepted from 127.0.0.1: {accepted_from_localhost}");

    // Client 2: a read with a timeout on a connection where nobody writes.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let mut s = TcpStream::connect(format!("127.0.0.1:{port}")).expect("connect by string");
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let set = s.read_timeout() == Some(Duration::from_millis(200));
        let mut buf = [0u8; 16];
        let outcome = match s.read(&mut buf) {
            Err(e) if e.kind() == ErrorKind::TimedOut => "read timed out".to_string(),
            Err(e) => format!("read error of kind {:?}", e.kind()),
            Ok(n) => format!("WRONG: read {n} bytes"),
        };
        parent.send(format!(
            "client2: read_timeout is set: {set}\nclient2: {outcome}"
        ));
    });
    let (silent, _) = listener.accept().expect("accept 2");
    println!("{}", mailbox.receive());
    drop(silent);

    // Client 3: the server closes the connection; the client reads EOF.
    Process::spawn((me, port), |(parent, port), _: Mailbox<()>| {
        let mut s = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).expect("connect");
        let mut buf = [0u8; 16];
        let n = s.read(&mut buf).unwrap_or(usize::MAX);
        parent.send(format!("client3: read after server close -> {n}"));
    });
    let (closing, _) = listener.accept().expect("accept 3");
    drop(closing);
    println!("{}", mailbox.receive());

    // A closed port: bind, note the port, drop the listener, connect.
    let l2 = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = l2.local_addr().unwrap().port();
    drop(l2);
    let r = TcpStream::connect((Ipv4Addr::LOCALHOST, closed_port));
    println!("connect to a closed port fails: {}", r.is_err());

    // resolve() of numeric addresses.
    let addrs: Vec<String> = lunatic::net::resolve("127.0.0.1:8080")
        .unwrap()
        .map(|a| a.to_string())
        .collect();
    println!("resolve 127.0.0.1:8080 -> {addrs:?}");
    println!(
        "resolve of a name without a port fails: {}",
        lunatic::net::resolve("127.0.0.1").is_err()
    );
    println!("done");
}
