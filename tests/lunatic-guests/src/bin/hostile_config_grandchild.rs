//! Escalation through created configurations (KILN-SPECIFIED: lunatic 0.13.2
//! lets every one of these escalations through).
//!
//! A "middle" process runs under a config with can_create_configs and
//! can_spawn_processes but with some limit; it creates a config that lifts the
//! limit and spawns a grandchild with it. The grandchild reports to the root
//! only if it got past the limit; a blocked attempt (whatever the mechanism:
//! refused create/set, failed spawn, trapped middle, clamped limit that kills
//! the grandchild, failed file access) reports nothing.
//!
//! mem:     middle max_memory 4 MiB; grandchild config 64 MiB; grandchild allocates 16 MiB.
//! fuel:    middle max_fuel 100; grandchild config without a fuel limit; grandchild runs ~150M instructions.
//! compile: middle without can_compile_modules; grandchild config with it; grandchild compiles a module.
//! dir:     middle without preopens; grandchild config preopens $TMP; grandchild reads $TMP/secret.txt.
//! dotdot:  middle preopens $TMP/jail; grandchild config preopens "$TMP/jail/.."; reads secret.txt.
//! prefix:  middle preopens $TMP/jail; grandchild config preopens $TMP/jail2 (shares the string prefix).
//! root:    middle preopens $TMP/jail; grandchild config preopens "/"; grandchild lists it.
//! subdir (control, allowed): middle preopens $TMP/jail; grandchild config preopens
//!          $TMP/jail/inner; grandchild reads ok.txt there.
//! same-limits (control, allowed): middle max_memory 4 MiB; grandchild config 4 MiB; allocates 1 MiB.
use std::fs;
use std::time::Duration;

use kiln_lunatic_guests::{preopen_dir, tmp_dir};
use lunatic::serializer::Bincode;
use lunatic::{Mailbox, MessageSignal, Process, ProcessConfig, ProcessDiedSignal};

const WAIT: Duration = Duration::from_secs(30);
const MIB: u64 = 1024 * 1024;

type Root = Process<String>;

#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug)]
enum Case {
    Mem,
    Fuel,
    Compile,
    Dir,
    DotDot,
    Prefix,
    HostRoot,
    Subdir,
    SameLimits,
}

/// Runs in the middle process: build the grandchild's config and spawn it.
fn middle((root, tmp, case): (Root, String, Case), mb: Mailbox<u8>) {
    let _ = mb.receive();
    let mut cfg = ProcessConfig::new().expect("middle may create configs");
    match case {
        Case::Mem => cfg.set_max_memory(64 * MIB),
        Case::SameLimits => cfg.set_max_memory(4 * MIB),
        Case::Fuel => cfg.set_max_fuel(0),
        Case::Compile => cfg.set_can_compile_modules(true),
        Case::Dir | Case::DotDot => {}
        Case::Prefix | Case::HostRoot | Case::Subdir => {}
    }
    let dir = match case {
        Case::Dir => Some(tmp.clone()),
        Case::DotDot => Some(format!("{tmp}/jail/..")),
        Case::Prefix => Some(format!("{tmp}/jail2")),
        Case::HostRoot => Some("/".to_string()),
        Case::Subdir => Some(format!("{tmp}/jail/inner")),
        _ => None,
    };
    if let Some(d) = &dir {
        preopen_dir(&cfg, d);
    }
    let gc = Process::spawn_config(&cfg, (root, tmp, case), grandchild);
    let mb = mb.monitorable();
    mb.monitor(gc);
    gc.send(1);
    let _ = mb.receive_timeout(WAIT);
}

/// Runs in the grandchild: try to use what the middle did not have.
fn grandchild((root, tmp, case): (Root, String, Case), mb: Mailbox<u8>) {
    let _ = mb.receive();
    match case {
        Case::Mem => {
            let v = vec![1u8; 16 * MIB as usize];
            std::hint::black_box(&v);
            root.send("ESCALATED: allocated 16 MiB under a 4 MiB middle".to_string());
        }
        Case::SameLimits => {
            let v = vec![1u8; MIB as usize];
            std::hint::black_box(&v);
            root.send("allowed: allocated 1 MiB under the same 4 MiB limit".to_string());
        }
        Case::Fuel => {
            let mut x: u64 = 1;
            for _ in 0..30_000_000u64 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
            root.send(format!(
                "ESCALATED: ran past the middle's fuel limit ({})",
                x != 0
            ));
        }
        Case::Compile => {
            // The smallest valid module: magic + version.
            if lunatic::WasmModule::new(b"\0asm\x01\0\0\0").is_ok() {
                root.send(
                    "ESCALATED: compiled a module without the middle having permission".to_string(),
                );
            }
        }
        Case::Dir | Case::DotDot => {
            let path = match case {
                Case::Dir => format!("{tmp}/secret.txt"),
                _ => format!("{tmp}/jail/../secret.txt"),
            };
            if let Ok(s) = fs::read_to_string(path) {
                root.send(format!(
                    "ESCALATED: read {s:?} outside the middle's directories"
                ));
            }
        }
        Case::Prefix => {
            if let Ok(s) = fs::read_to_string(format!("{tmp}/jail2/x.txt")) {
                root.send(format!("ESCALATED: read {s:?} in a sibling directory"));
            }
        }
        Case::HostRoot => {
            if fs::read_dir("/").map(|d| d.count() > 0).unwrap_or(false) {
                root.send("ESCALATED: listed the host's root directory".to_string());
            }
        }
        Case::Subdir => {
            if let Ok(s) = fs::read_to_string(format!("{tmp}/jail/inner/ok.txt")) {
                root.send(format!(
                    "allowed: read {s:?} in a subdirectory of the middle's directory"
                ));
            }
        }
    }
}

fn run(
    mailbox: &Mailbox<String, Bincode, ProcessDiedSignal>,
    me: Root,
    tmp: &str,
    case: Case,
    label: &str,
) {
    let mut cfg = ProcessConfig::new().unwrap();
    cfg.set_can_create_configs(true);
    cfg.set_can_spawn_processes(true);
    match case {
        Case::Mem | Case::SameLimits => cfg.set_max_memory(4 * MIB),
        Case::Fuel => cfg.set_max_fuel(100),
        Case::DotDot | Case::Prefix | Case::HostRoot | Case::Subdir => {
            preopen_dir(&cfg, &format!("{tmp}/jail"))
        }
        Case::Compile | Case::Dir => {}
    }
    let m = Process::spawn_config(&cfg, (me, tmp.to_string(), case), middle);
    mailbox.monitor(m);
    m.send(1);
    let mut lines = Vec::new();
    loop {
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Message(s)) => lines.push(s),
            Ok(MessageSignal::Signal(ProcessDiedSignal(id))) if id == m.id() => break,
            Ok(MessageSignal::Signal(_)) => {}
            Err(_) => {
                lines.push("WRONG: middle did not end".to_string());
                break;
            }
        }
    }
    if lines.is_empty() {
        println!("{label}: blocked");
    }
    for l in lines {
        println!("{label}: {l}");
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();
    let tmp = tmp_dir();
    fs::write(format!("{tmp}/secret.txt"), "secret").unwrap();
    fs::create_dir_all(format!("{tmp}/jail/inner")).unwrap();
    fs::write(format!("{tmp}/jail/inner/ok.txt"), "inner ok").unwrap();
    fs::create_dir_all(format!("{tmp}/jail2")).unwrap();
    fs::write(format!("{tmp}/jail2/x.txt"), "sibling").unwrap();

    for (case, label) in [
        (Case::SameLimits, "same-limits"),
        (Case::Subdir, "subdir"),
        (Case::Mem, "mem"),
        (Case::Fuel, "fuel"),
        (Case::Compile, "compile"),
        (Case::Dir, "dir"),
        (Case::DotDot, "dotdot"),
        (Case::Prefix, "prefix"),
        (Case::HostRoot, "root"),
    ] {
        run(&mailbox, me, &tmp, case, label);
    }
    println!("parent still alive");
}
