//! The main process calls std::process::exit(3) (WASI proc_exit) after its
//! children have reported; the runtime's exit status is recorded.
use lunatic::{Mailbox, Process};

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    Process::spawn(me, |parent, _: Mailbox<()>| {
        parent.send("child reported".to_string())
    });
    println!("{}", mailbox.receive());
    println!("main calls exit(3)");
    std::process::exit(3);
}
