//! Monitors: `Mailbox::monitorable`, `Mailbox::monitor`, `ProcessDied` for a
//! process that ends normally and for one that fails, `stop_monitoring`, and a
//! monitored process that is also sending messages (message first, then the
//! ProcessDied signal, in order).
use kiln_lunatic_guests::QUIET;
use lunatic::{Mailbox, MessageSignal, Process, ProcessDiedSignal};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(5);

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();

    // 1. A child that ends normally after being told to.
    let child = Process::spawn(me, |parent, mb: Mailbox<u8>| {
        let _ = mb.receive();
        parent.send("child1 says bye".to_string());
    });
    mailbox.monitor(child);
    child.send(1);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Message(m)) => println!("1: message: {m}"),
        _ => println!("1: WRONG: expected the message first"),
    }
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("1: ProcessDied for the right process: {}", id == child.id())
        }
        _ => println!("1: WRONG: no ProcessDied"),
    }

    // 2. A child that panics.
    let child = Process::spawn((), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        panic!("monitored child fails on purpose");
    });
    mailbox.monitor(child);
    child.send(1);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!(
                "2: ProcessDied after a panic, right process: {}",
                id == child.id()
            )
        }
        _ => println!("2: WRONG: no ProcessDied"),
    }

    // 3. stop_monitoring before the child ends: no signal.
    let child = Process::spawn((), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
    });
    mailbox.monitor(child);
    mailbox.stop_monitoring(child);
    child.send(1);
    match mailbox.receive_timeout(QUIET) {
        Err(e) if e.is_timed_out() => println!("3: no ProcessDied after stop_monitoring"),
        _ => println!("3: WRONG: got something after stop_monitoring"),
    }

    // 4. Several monitored children end in a known order (each waits for the previous).
    let mut children = Vec::new();
    for i in 0..5u32 {
        let c = Process::spawn(i, |i, mb: Mailbox<u8>| {
            let _ = mb.receive();
            let _ = i;
        });
        mailbox.monitor(c);
        children.push(c);
    }
    for (i, c) in children.iter().enumerate().rev() {
        c.send(1);
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
                let which = children.iter().position(|c| c.id() == id);
                println!("4: child {i} ended, signal names child {which:?}");
            }
            _ => println!("4: WRONG: no ProcessDied for child {i}"),
        }
    }

    // 5. A monitor does not kill the monitoring process (unlike a link): still here.
    let child = Process::spawn((), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        panic!("fails when told")
    });
    mailbox.monitor(child);
    child.send(1);
    let _ = mailbox.receive_timeout(WAIT);
    println!("5: monitoring process still alive");
    // 6. is_alive of ended children.
    println!("6: is_alive of an ended child: {}", child.is_alive());
    println!("6: is_alive of this process: {}", mailbox.this().is_alive());
    println!("done");
}
