//! bench: spawn N processes (argv[1], default 1000) that wait in receive
//! forever, print "spawned N", sleep argv[2] milliseconds (default 100), exit (the
//! idle processes are abandoned when the main process ends).
//!
//! `make bench` (bench/run.py) runs it with a long sleep: when "spawned N" appears it
//! reads the runtime's resident memory from /proc/PID/status, then kills the runtime.
//! It also writes `kiln-bench: idle_spawn_us T` to stderr (time to spawn N processes
//! and collect their N "I am up" replies, per process; stdout stays deterministic).
use lunatic::{Mailbox, Process};
use std::time::{Duration, Instant};

#[lunatic::main]
fn main(mailbox: Mailbox<()>) {
    let n = kiln_lunatic_guests::count_arg(1000);
    let hold_ms: u64 = kiln_lunatic_guests::arg(2, "100").parse().unwrap_or(100);
    let me = mailbox.this();
    let start = Instant::now();
    for _ in 0..n {
        Process::spawn(me, |parent, mb: Mailbox<()>| {
            parent.send(());
            mb.receive();
        });
    }
    for _ in 0..n {
        mailbox.receive();
    }
    let elapsed = start.elapsed();
    eprintln!("kiln-bench: idle_spawn_us {:.3}", elapsed.as_secs_f64() * 1e6 / n.max(1) as f64);
    println!("spawned {n}");
    lunatic::sleep(Duration::from_millis(hold_ms));
}
