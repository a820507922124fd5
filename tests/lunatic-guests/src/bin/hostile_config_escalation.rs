//! Configuration permissions.
//! A: a child whose config denies can_create_configs calls `ProcessConfig::new`:
//!    lunatic's create_config returns -1, the crate gives Err(PermissionDenied).
//! B: a child allowed to create configs but not to spawn creates a config with
//!    can_spawn_processes=true and spawns with it. The spawn permission that
//!    counts is the caller's own, so this must fail: under lunatic the spawn
//!    host call traps and the child dies; no grandchild runs.
//! C: control: a child allowed to create configs and to spawn can spawn a
//!    grandchild with a config that it created (no more permissions than its own).
use lunatic::{Mailbox, MessageSignal, Process, ProcessConfig, ProcessDiedSignal};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

fn report(
    mailbox: &Mailbox<String, lunatic::serializer::Bincode, ProcessDiedSignal>,
    child: Process<u8>,
    label: &str,
) {
    // Collect everything until the child's death, then anything late.
    let mut lines = Vec::new();
    loop {
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Message(m)) => lines.push(m),
            Ok(MessageSignal::Signal(ProcessDiedSignal(id))) if id == child.id() => break,
            Ok(MessageSignal::Signal(_)) => lines.push("(another process ended)".to_string()),
            Err(_) => {
                lines.push("WRONG: child neither reported nor died".to_string());
                break;
            }
        }
    }
    while let Ok(MessageSignal::Message(m)) = mailbox.receive_timeout(kiln_lunatic_guests::QUIET) {
        lines.push(m);
    }
    for l in lines {
        println!("{label}: {l}");
    }
    println!("{label}: child ended");
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();

    // A
    let no_configs = ProcessConfig::new().unwrap();
    println!(
        "A: config can_create_configs: {}",
        no_configs.can_create_configs()
    );
    let a = Process::spawn_config(&no_configs, me, |parent, mb: Mailbox<u8>| {
        let _ = mb.receive();
        match ProcessConfig::new() {
            Ok(_) => parent.send("ESCALATED: created a config without permission".to_string()),
            Err(e) => parent.send(format!("create_config refused: {e}")),
        }
    });
    mailbox.monitor(a);
    a.send(1);
    report(&mailbox, a, "A");

    // B
    let mut configs_only = ProcessConfig::new().unwrap();
    configs_only.set_can_create_configs(true);
    println!(
        "B: config can_create_configs: {}, can_spawn_processes: {}",
        configs_only.can_create_configs(),
        configs_only.can_spawn_processes()
    );
    let b = Process::spawn_config(&configs_only, me, |parent, mb: Mailbox<u8>| {
        let _ = mb.receive();
        let mut escalated = match ProcessConfig::new() {
            Ok(c) => c,
            Err(e) => {
                parent.send(format!("could not even create a config: {e}"));
                return;
            }
        };
        escalated.set_can_spawn_processes(true);
        Process::spawn_config(&escalated, parent, |root, _: Mailbox<()>| {
            root.send(
                "ESCALATED: grandchild spawned by a process without spawn permission".to_string(),
            );
        });
        parent.send(
            "ESCALATED: spawn_config returned in a process without spawn permission".to_string(),
        );
    });
    mailbox.monitor(b);
    b.send(1);
    report(&mailbox, b, "B");

    // C (control)
    let mut both = ProcessConfig::new().unwrap();
    both.set_can_create_configs(true);
    both.set_can_spawn_processes(true);
    let c = Process::spawn_config(&both, me, |parent, mb: Mailbox<u8>| {
        let _ = mb.receive();
        let own = ProcessConfig::new().expect("allowed to create configs");
        let gc = Process::spawn_config(&own, parent, |root, go: Mailbox<u8>| {
            let _ = go.receive();
            root.send("grandchild with a created config runs".to_string());
        });
        let mb = mb.monitorable();
        mb.monitor(gc);
        gc.send(1);
        // Wait for the grandchild to end so that its message precedes our death.
        let _ = mb.receive_timeout(WAIT);
    });
    mailbox.monitor(c);
    c.send(1);
    report(&mailbox, c, "C");
    println!("parent still alive");
}
