//! Request/reply two ways: a hand-made server whose requests carry a reply-to
//! `Process`, and an `AbstractProcess` (the `#[abstract_process]` macro:
//! `send`, `request`, `deferred_request`, `with_timeout`, `shutdown` with a
//! `terminate` hook; requests use `lunatic::message::send_receive_skip_search`).
use std::time::Duration;

use lunatic::ap::{AbstractProcess, Config, DeferredResponse};
use lunatic::{abstract_process, Mailbox, Process};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
enum Req {
    Add(i64, Process<i64>),
    Get(Process<i64>),
    Echo(String, Process<String>),
    Stop(Process<i64>),
}

fn server(mut total: i64, mailbox: Mailbox<Req>) {
    loop {
        match mailbox.receive() {
            Req::Add(n, reply) => {
                total += n;
                reply.send(total);
            }
            Req::Get(reply) => reply.send(total),
            Req::Echo(s, reply) => reply.send(s.to_uppercase()),
            Req::Stop(reply) => {
                reply.send(total);
                return;
            }
        }
    }
}

struct Counter {
    count: u64,
    log: Vec<String>,
}

#[abstract_process]
impl Counter {
    #[init]
    fn init(_: Config<Self>, start: u64) -> Result<Self, ()> {
        println!("ap: init start={start}");
        Ok(Self {
            count: start,
            log: Vec::new(),
        })
    }

    #[terminate]
    fn terminate(self) {
        println!("ap: terminate count={} log={:?}", self.count, self.log);
    }

    #[handle_message]
    fn incr(&mut self, by: u64) {
        self.count += by;
    }

    #[handle_message]
    fn note(&mut self, text: String) {
        self.log.push(text);
    }

    #[handle_request]
    fn count(&self) -> u64 {
        self.count
    }

    #[handle_request]
    fn add_and_get(&mut self, a: u64, b: u64) -> u64 {
        self.count += a + b;
        self.count
    }

    #[handle_deferred_request]
    fn deferred_double(&self, x: u64, dr: DeferredResponse<u64, Self>) {
        dr.send_response(x * 2);
    }

    #[handle_request]
    fn slow(&self, ms: u64) -> u64 {
        lunatic::sleep(Duration::from_millis(ms));
        ms
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<()>) {
    // Hand-made request/reply. Replies arrive in the mailbox of a child that
    // acts as the client, so that it can have a Mailbox<i64>.
    let server = Process::spawn(0i64, server);
    let client = Process::spawn(server, |server, mb: Mailbox<i64>| {
        let me = mb.this();
        let _go = mb.receive(); // sent by main once it monitors us
        for n in 1..=10 {
            server.send(Req::Add(n, me));
            let total = mb.receive();
            println!("client: add {n} -> {total}");
        }
        server.send(Req::Get(me));
        println!("client: get -> {}", mb.receive());
        // A reply to a different mailbox type: a helper process with Mailbox<String>.
        // When it is done it asks the server to send the total to us, which is
        // how we know it has finished printing.
        Process::spawn((server, me), |(server, client), mb: Mailbox<String>| {
            for word in ["one", "two", "three"] {
                server.send(Req::Echo(word.to_string(), mb.this()));
                println!("echo client: {}", mb.receive());
            }
            server.send(Req::Get(client));
        });
        println!(
            "client: total after the echo client finished -> {}",
            mb.receive()
        );
        server.send(Req::Stop(me));
        println!("client: stop -> {}", mb.receive());
    });
    // Wait for the client to finish: monitor it.
    let mailbox = mailbox.monitorable();
    mailbox.monitor(client);
    client.send(0);
    match mailbox.receive() {
        lunatic::MessageSignal::Signal(_) => println!("main: client finished"),
        lunatic::MessageSignal::Message(()) => println!("main: unexpected message"),
    }

    // AbstractProcess.
    let ap = Counter::link().start(10).unwrap();
    ap.incr(5);
    ap.note("first".to_string());
    println!("main: count = {}", ap.count());
    for i in 1..=5u64 {
        println!("main: add_and_get({i}, {i}) = {}", ap.add_and_get(i, i));
    }
    println!("main: deferred_double(21) = {}", ap.deferred_double(21));
    println!(
        "main: slow(500) with timeout 50ms -> {:?}",
        ap.with_timeout(Duration::from_millis(50)).slow(500)
    );
    // The late reply to the timed-out request must not be taken as the answer
    // to the next request.
    println!(
        "main: slow(10) with timeout 5s -> {:?}",
        ap.with_timeout(Duration::from_secs(5)).slow(10)
    );
    ap.note("last".to_string());
    println!("main: count = {}", ap.count());
    ap.shutdown();
    lunatic::sleep(Duration::from_millis(200));
    println!("main: ap is_alive after shutdown = {}", ap.is_alive());
    println!("done");
}
