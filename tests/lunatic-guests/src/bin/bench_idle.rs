//! bench: spawn N processes (argv[1], default 1000) that wait in receive
//! forever, print "spawned N", sleep a little, exit (the idle processes are
//! abandoned when the main process ends).
use lunatic::{Mailbox, Process};

#[lunatic::main]
fn main(mailbox: Mailbox<()>) {
    let n = kiln_lunatic_guests::count_arg(1000);
    let me = mailbox.this();
    for _ in 0..n {
        Process::spawn(me, |parent, mb: Mailbox<()>| {
            parent.send(());
            mb.receive();
        });
    }
    for _ in 0..n {
        mailbox.receive();
    }
    println!("spawned {n}");
    lunatic::sleep(std::time::Duration::from_millis(100));
}
