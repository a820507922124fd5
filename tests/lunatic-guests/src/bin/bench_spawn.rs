//! bench: spawn N processes (argv[1], default 1000), each replies once; print the total.
use lunatic::{Mailbox, Process};

#[lunatic::main]
fn main(mailbox: Mailbox<u64>) {
    let n = kiln_lunatic_guests::count_arg(1000);
    let me = mailbox.this();
    for i in 0..n {
        Process::spawn((me, i), |(parent, i), _: Mailbox<()>| parent.send(i));
    }
    let total: u64 = (0..n).map(|_| mailbox.receive()).sum();
    println!("spawned {n}, total {total}");
}
