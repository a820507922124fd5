//! Memory limits: `ProcessConfig::set_max_memory`. The guest's initial memory
//! is 17 pages (1.06 MiB); with a 2 MiB limit a child can still allocate a
//! little, but a child allocating in a loop (or asking for 100 MiB at once)
//! gets memory.grow = -1, Rust's allocator aborts, the child dies, and the
//! parent, watching through a monitor, carries on.
use lunatic::{Mailbox, MessageSignal, Process, ProcessConfig, ProcessDiedSignal};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(30);
const LIMIT: u64 = 2 * 1024 * 1024;

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();
    let mut config = ProcessConfig::new().unwrap();
    config.set_max_memory(LIMIT);
    println!("config max_memory reads back: {}", config.get_max_memory());

    // Within the limit.
    let c = Process::spawn_config(&config, me, |parent, _: Mailbox<()>| {
        let v = vec![7u8; 256 * 1024];
        parent.send(format!(
            "256 KiB within a 2 MiB limit: ok, sum {}",
            v.iter().map(|&b| b as u64).sum::<u64>()
        ));
    });
    mailbox.monitor(c);
    for _ in 0..2 {
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Message(m)) => println!("{m}"),
            Ok(MessageSignal::Signal(_)) => println!("small allocation child ended"),
            Err(e) => println!("WRONG: {e}"),
        }
    }

    // Growing without bound.
    let c = Process::spawn_config(&config, (), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        let mut keep: Vec<Vec<u8>> = Vec::new();
        loop {
            keep.push(vec![1u8; 64 * 1024]);
            std::hint::black_box(&keep);
        }
    });
    mailbox.monitor(c);
    c.send(1);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("allocation loop died: {}", id == c.id())
        }
        _ => println!("WRONG: the allocating child did not die"),
    }

    // One huge allocation.
    let c = Process::spawn_config(&config, (), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        let v = vec![1u8; 100 * 1024 * 1024];
        std::hint::black_box(&v);
    });
    mailbox.monitor(c);
    c.send(1);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("100 MiB allocation died: {}", id == c.id())
        }
        _ => println!("WRONG: the huge allocation did not kill the child"),
    }

    // The parent itself has no such limit.
    let v = vec![3u8; 8 * 1024 * 1024];
    println!("parent allocates 8 MiB: {}", v.len() == 8 * 1024 * 1024);
    println!("parent still alive");
}
