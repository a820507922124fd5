//! UDP on loopback: `UdpSocket::bind("127.0.0.1:0")`, `local_addr`, `send_to`,
//! `recv_from` (with the sender's address), `connect` + `send` / `recv`,
//! `peer_addr`, `set_ttl` / `ttl`, `set_broadcast` / `broadcast`. Two sockets
//! in two processes exchange datagrams.
use std::net::Ipv4Addr;

use lunatic::net::UdpSocket;
use lunatic::{Mailbox, Process};

#[lunatic::main]
fn main(mailbox: Mailbox<u16>) {
    let me = mailbox.this();
    let a = UdpSocket::bind("127.0.0.1:0").expect("bind a");
    let a_port = a.local_addr().unwrap().port();
    println!("a bound, port assigned: {}", a_port != 0);

    let child = Process::spawn((me, a_port), |(parent, a_port), mb: Mailbox<String>| {
        let b = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind b");
        parent.send(b.local_addr().unwrap().port());
        let mut buf = [0u8; 64];
        let (n, from) = b.recv_from(&mut buf).unwrap();
        let text = String::from_utf8_lossy(&buf[..n]).to_string();
        let from_a = from.port() == a_port && from.ip().to_string() == "127.0.0.1";
        b.send_to(format!("pong to {text}").as_bytes(), from)
            .unwrap();
        // Connected mode.
        b.connect((Ipv4Addr::LOCALHOST, a_port)).unwrap();
        let peer_ok = b.peer_addr().map(|p| p.port() == a_port).unwrap_or(false);
        b.send(b"connected hello").unwrap();
        let n = b.recv(&mut buf).unwrap();
        let reply = String::from_utf8_lossy(&buf[..n]).to_string();
        let report = format!(
            "child: got {text:?} from a: {from_a}\nchild: peer_addr is a: {peer_ok}\nchild: connected reply {reply:?}"
        );
        let _ = mb;
        // Send the report as a datagram too, then the port as the "done" signal.
        b.send(report.as_bytes()).unwrap();
    });
    let b_port = mailbox.receive();
    let _ = child;

    a.send_to(b"ping", (Ipv4Addr::LOCALHOST, b_port)).unwrap();
    let mut buf = [0u8; 512];
    let (n, from) = a.recv_from(&mut buf).unwrap();
    println!(
        "a: got {:?} from b: {}",
        String::from_utf8_lossy(&buf[..n]),
        from.port() == b_port
    );
    let (n, from) = a.recv_from(&mut buf).unwrap();
    println!(
        "a: got {:?} from b: {}",
        String::from_utf8_lossy(&buf[..n]),
        from.port() == b_port
    );
    a.send_to(b"welcome", from).unwrap();
    let (n, _) = a.recv_from(&mut buf).unwrap();
    println!("{}", String::from_utf8_lossy(&buf[..n]));

    a.set_ttl(42).unwrap();
    println!("ttl after set_ttl(42): {}", a.ttl().unwrap());
    a.set_broadcast(true).unwrap();
    println!(
        "broadcast after set_broadcast(true): {}",
        a.broadcast().unwrap()
    );
    a.set_broadcast(false).unwrap();
    println!(
        "broadcast after set_broadcast(false): {}",
        a.broadcast().unwrap()
    );
    println!("done");
}
