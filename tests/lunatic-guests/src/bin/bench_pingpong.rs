//! bench: N round trips (argv[1], default 10000) between two processes; print the count.
use lunatic::{Mailbox, Process};

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
    let mut x = 0;
    for _ in 0..n {
        ponger.send(x);
        x = mailbox.receive();
    }
    ponger.send(u64::MAX);
    println!("round trips {n}, last value {x}");
}
