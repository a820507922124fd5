//! Spawn permission: a child whose config has can_spawn_processes=false (the
//! default of `ProcessConfig::new`) tries to spawn. Under lunatic the host
//! call traps and the child dies; the crate would also panic on an error
//! return, so either way the child dies and nothing it tried to start runs.
//! A child whose config allows spawning can spawn (control case).
use lunatic::{Mailbox, MessageSignal, Process, ProcessConfig, ProcessDiedSignal};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();

    let denied = ProcessConfig::new().unwrap();
    println!(
        "new config can_spawn_processes: {}",
        denied.can_spawn_processes()
    );
    let c = Process::spawn_config(&denied, me, |parent, mb: Mailbox<u8>| {
        let _ = mb.receive();
        Process::spawn(parent, |parent, _: Mailbox<()>| {
            parent.send("WRONG: grandchild spawned without permission runs".to_string());
        });
        parent.send("WRONG: spawn without permission returned".to_string());
    });
    mailbox.monitor(c);
    c.send(1);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
            println!("child without spawn permission died: {}", id == c.id())
        }
        Ok(MessageSignal::Message(m)) => println!("{m}"),
        Err(e) => println!("WRONG: {e}"),
    }
    match mailbox.receive_timeout(kiln_lunatic_guests::QUIET) {
        Err(_) => println!("nothing else arrived"),
        Ok(MessageSignal::Message(m)) => println!("{m}"),
        Ok(MessageSignal::Signal(_)) => println!("WRONG: extra signal"),
    }

    let mut allowed = ProcessConfig::new().unwrap();
    allowed.set_can_spawn_processes(true);
    let c = Process::spawn_config(&allowed, me, |parent, mb: Mailbox<u8>| {
        let _ = mb.receive();
        Process::spawn(parent, |parent, _: Mailbox<()>| {
            parent.send("grandchild of a child with spawn permission runs".to_string());
        });
    });
    mailbox.monitor(c);
    c.send(1);
    let mut got = Vec::new();
    for _ in 0..2 {
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Message(m)) => got.push(m),
            Ok(MessageSignal::Signal(_)) => {
                got.push("child with spawn permission ended".to_string())
            }
            Err(e) => got.push(format!("WRONG: {e}")),
        }
    }
    got.sort();
    for m in got {
        println!("{m}");
    }
    println!("parent still alive");
}
