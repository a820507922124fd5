//! Fuel limits: `ProcessConfig::set_max_fuel` (1 unit = about 100,000 Wasm
//! instructions). A child with a generous budget finishes a small job; a child
//! with a small budget running an endless loop dies (lunatic traps it when the
//! fuel runs out); the parent, watching through a monitor, carries on.
use lunatic::{Mailbox, MessageSignal, Process, ProcessConfig, ProcessDiedSignal};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();

    let mut ok_config = ProcessConfig::new().unwrap();
    ok_config.set_max_fuel(1000);
    println!("config max_fuel reads back: {}", ok_config.get_max_fuel());
    let small = Process::spawn_config(&ok_config, me, |parent, _: Mailbox<()>| {
        let s: u64 = (0..1000u64).map(std::hint::black_box).sum();
        parent.send(format!("small job within budget: sum {s}"));
    });
    mailbox.monitor(small);
    for _ in 0..2 {
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Message(m)) => println!("{m}"),
            Ok(MessageSignal::Signal(ProcessDiedSignal(_))) => println!("small job child ended"),
            Err(e) => println!("WRONG: {e}"),
        }
    }

    let mut config = ProcessConfig::new().unwrap();
    config.set_max_fuel(10);
    let spinner = Process::spawn_config(&config, (), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        let mut x: u64 = 1;
        loop {
            x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
        }
    });
    mailbox.monitor(spinner);
    spinner.send(1);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("endless loop with max_fuel 10 died: {}", id == spinner.id())
        }
        Ok(MessageSignal::Message(m)) => println!("WRONG: message {m}"),
        Err(e) => println!("WRONG: the spinning child did not die: {e}"),
    }
    // The child is gone, the rest of the system is fine.
    let echo = Process::spawn(me, |parent, _: Mailbox<()>| {
        parent.send("a new child runs fine".to_string())
    });
    let _ = echo;
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Message(m)) => println!("{m}"),
        _ => println!("WRONG: no message"),
    }
    println!("parent still alive");
}
