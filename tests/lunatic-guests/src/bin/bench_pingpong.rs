//! bench: N round trips (argv[1], default 10000) between two processes; print the count.
//!
//! For `make bench` (bench/run.py) it also writes the time of one round trip, measured
//! inside the guest after an untimed warm-up of min(N, 1000) round trips, to stderr
//! (stdout stays deterministic): `kiln-bench: roundtrip_us T` (T = total / N).
use lunatic::{Mailbox, Process};
use std::time::Instant;

#[lunatic::main]
fn main(mailbox: Mailbox<u64>) {
    let n = kiln_lunatic_guests::count_arg(10000);
    let me = mailbox.this();
    let ponger = Process::spawn(me, |parent, mb: Mailbox<u64>| loop {
        let x = mb.receive();
        parent.send(x + 1);
        if x == u64::MAX {
            return;
        }
    });
    for i in 0..n.min(1000) {
        ponger.send(i);
        mailbox.receive();
    }
    let start = Instant::now();
    let mut x = 0;
    for _ in 0..n {
        ponger.send(x);
        x = mailbox.receive();
    }
    let elapsed = start.elapsed();
    ponger.send(u64::MAX);
    println!("round trips {n}, last value {x}");
    eprintln!("kiln-bench: roundtrip_us {:.3}", elapsed.as_secs_f64() * 1e6 / n.max(1) as f64);
}
