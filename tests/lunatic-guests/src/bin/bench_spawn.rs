//! bench: spawn N processes (argv[1], default 1000), each replies once; print the total.
//!
//! For `make bench` (bench/run.py) it also writes its timings to stderr (stdout stays
//! deterministic), measured inside the guest so that the runtime's start-up is excluded:
//!
//! ```text
//! kiln-bench: spawn_reply_batch_us T   spawn all N, then receive the N replies; T = total / N
//! kiln-bench: spawn_reply_seq_us T     N times: spawn one, wait for its reply; T = total / N
//! ```
//!
//! Both phases come after an untimed warm-up of min(N, 100) spawn + reply.
use lunatic::{Mailbox, Process};
use std::time::Instant;

#[lunatic::main]
fn main(mailbox: Mailbox<u64>) {
    let n = kiln_lunatic_guests::count_arg(1000);
    let me = mailbox.this();
    for i in 0..n.min(100) {
        Process::spawn((me, i), |(parent, i), _: Mailbox<()>| parent.send(i));
        mailbox.receive();
    }

    let start = Instant::now();
    for i in 0..n {
        Process::spawn((me, i), |(parent, i), _: Mailbox<()>| parent.send(i));
    }
    let total: u64 = (0..n).map(|_| mailbox.receive()).sum();
    let batch = start.elapsed();

    let start = Instant::now();
    let mut seq_total = 0;
    for i in 0..n {
        Process::spawn((me, i), |(parent, i), _: Mailbox<()>| parent.send(i));
        seq_total += mailbox.receive();
    }
    let seq = start.elapsed();
    assert_eq!(seq_total, total);

    println!("spawned {n}, total {total}");
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / n.max(1) as f64;
    eprintln!("kiln-bench: spawn_reply_batch_us {:.3}", per(batch));
    eprintln!("kiln-bench: spawn_reply_seq_us {:.3}", per(seq));
}
