//! `Process::kill`: a child spinning in a compute loop (no host calls), a
//! child blocked in `receive`, and a child sleeping; each observed through a
//! monitor. Killing a linked child reports LinkDied to a catching parent.
use lunatic::{Mailbox, MessageSignal, Process, ProcessDiedSignal, Signal, Tag};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

fn spin(parent: Process<String>, _: Mailbox<()>) {
    parent.send("spinner started".to_string());
    let mut x: u64 = 1;
    loop {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();

    let spinner = Process::spawn(me, spin);
    mailbox.monitor(spinner);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Message(m)) => println!("{m}"),
        _ => println!("WRONG: spinner did not start"),
    }
    spinner.kill();
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("killed the spinning child: {}", id == spinner.id())
        }
        _ => println!("WRONG: the spinning child was not killed"),
    }

    let waiter = Process::spawn(me, |parent, mb: Mailbox<u8>| {
        parent.send("waiter started".to_string());
        let _ = mb.receive();
        println!("WRONG: waiter got a message");
    });
    mailbox.monitor(waiter);
    println!(
        "{}",
        mailbox
            .receive_timeout(WAIT)
            .map(|m| m.unwrap_message())
            .unwrap_or_default()
    );
    waiter.kill();
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("killed the waiting child: {}", id == waiter.id())
        }
        _ => println!("WRONG: the waiting child was not killed"),
    }

    let sleeper = Process::spawn(me, |parent, _: Mailbox<()>| {
        parent.send("sleeper started".to_string());
        lunatic::sleep(Duration::from_secs(3600));
        println!("WRONG: sleeper woke up");
    });
    mailbox.monitor(sleeper);
    println!(
        "{}",
        mailbox
            .receive_timeout(WAIT)
            .map(|m| m.unwrap_message())
            .unwrap_or_default()
    );
    sleeper.kill();
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("killed the sleeping child: {}", id == sleeper.id())
        }
        _ => println!("WRONG: the sleeping child was not killed"),
    }
    println!(
        "is_alive after kill: {} {} {}",
        spinner.is_alive(),
        waiter.is_alive(),
        sleeper.is_alive()
    );

    // A killed linked child counts as a failure for its links.
    let mailbox = mailbox.catch_link_failure();
    let tag = Tag::new();
    let linked = Process::spawn_link_tag(me, tag, spin);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Message(m)) => println!("linked {m}"),
        _ => println!("WRONG: linked spinner did not start"),
    }
    linked.kill();
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(Signal::LinkDied(t))) => {
            println!("killed linked child: LinkDied, tag ok: {}", t == tag)
        }
        Ok(MessageSignal::Signal(Signal::ProcessDied(_))) => println!("WRONG: ProcessDied"),
        Ok(MessageSignal::Message(m)) => println!("WRONG: message {m}"),
        Err(e) => println!("WRONG: {e}"),
    }

    // Killing a process that has already ended is harmless.
    spinner.kill();
    println!("parent still alive");
}
