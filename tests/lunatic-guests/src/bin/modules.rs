//! lunatic::process modules: compile a module at run time (fixtures/
//! child.wasm), spawn processes from it with parameters, a module that does
//! not validate, an entry function that does not exist, a trap in a process
//! of the compiled module, and a child whose config denies compiling.

use lunatic::host::api::message;
use lunatic::serializer::Bincode;
use std::time::Duration;

use lunatic::{Mailbox, MessageSignal, Param, Process, ProcessConfig, ProcessDiedSignal, Tag, WasmModule};

const WAIT: Duration = Duration::from_secs(5);

/// Receives one raw (not bincode) message tagged `tag`; its bytes as text.
fn receive_raw(tag: &Tag) -> String {
    let tags = [tag.id()];
    // SAFETY (lunatic API): `tags` outlives the call.
    let code = unsafe { message::receive(tags.as_ptr(), 1, 5000) };
    if code != 0 {
        return format!("receive failed with code {code}");
    }
    let mut buf = vec![0u8; 128];
    // SAFETY: `buf` is valid for its length.
    let n = unsafe { message::read_data(buf.as_mut_ptr(), buf.len()) };
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[lunatic::main]
fn main(m: Mailbox<()>) {
    let module = WasmModule::new(include_bytes!("../../fixtures/child.wasm")).expect("child.wasm compiles");
    println!("compiled child.wasm");
    let me = m.this().id() as i64;
    let mailbox = m.monitorable();
    for i in 0..3 {
        let tag = Tag::new();
        module.spawn::<(), Bincode>("hello", &[Param::I64(me), Param::I64(tag.id())]).expect("spawn hello");
        println!("process {i}: {}", receive_raw(&tag));
    }

    match WasmModule::new(b"\0asm\x01\0\0\0garbage") {
        Ok(_) => println!("an invalid module compiled?"),
        Err(_) => println!("invalid module: error"),
    }

    // A process of the compiled module that traps, monitored.
    let p = module.spawn::<(), Bincode>("trap", &[]).expect("spawn trap");
    mailbox.monitor(p);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => println!("trap: the process died: {}", id == p.id()),
        _ => println!("trap: WRONG: no ProcessDied"),
    }

    // An entry function the module does not export: lunatic spawns the
    // process, which then fails.
    match module.spawn::<(), Bincode>("nope", &[]) {
        Ok(p) => {
            mailbox.monitor(p);
            match mailbox.receive_timeout(WAIT) {
                Ok(MessageSignal::Signal(ProcessDiedSignal(_))) => println!("missing function: spawned, then died"),
                _ => println!("missing function: WRONG: no ProcessDied"),
            }
        }
        Err(_) => println!("missing function: spawn failed"),
    }

    // A child whose config does not grant compiling.
    let mut config = ProcessConfig::new().expect("create config");
    config.set_can_spawn_processes(false);
    let child = Process::spawn_config(&config, (), |_, _: Mailbox<()>| {
        match WasmModule::new(include_bytes!("../../fixtures/child.wasm")) {
            Ok(_) => println!("child: compiled without permission?"),
            Err(lunatic::LunaticError::PermissionDenied) => println!("child: compiling denied"),
            Err(_) => println!("child: other error"),
        }
    });
    mailbox.monitor(child);
    match mailbox.receive_timeout(WAIT) {
        Ok(MessageSignal::Signal(ProcessDiedSignal(_))) => println!("child: ended"),
        _ => println!("child: WRONG: no ProcessDied"),
    }
    println!("done");
}
