//! A guest spawned by an Erlang program (`kiln:spawn_wasm`, see
//! tests/wasm_host/spawn_wasm.erl), not by cases.txt: argv[1] is the
//! numeric id of the Erlang process to answer (`kiln:process_id(self())`).
//!
//! Messages are `Vec<u8>` in lunatic's default serializer (bincode: an
//! 8-byte little-endian length, then the bytes):
//! - `stop`: end normally;
//! - `crash`: panic (the process fails);
//! - `link:ID`: link to process ID (an Erlang process), answer `linked`;
//! - anything else: answer it in upper case.

use lunatic::{Mailbox, Process};

#[lunatic::main]
fn main(m: Mailbox<Vec<u8>>) {
    let parent: u64 = kiln_lunatic_guests::arg(1, "0").parse().expect("argv[1] is a process id");
    // SAFETY (lunatic API): the id names a process on this node (node 0).
    let parent: Process<Vec<u8>> = unsafe { Process::new(0, parent) };
    loop {
        let msg = m.receive();
        match msg.as_slice() {
            b"stop" => return,
            b"crash" => panic!("asked to crash"),
            _ if msg.starts_with(b"link:") => {
                let id: u64 = std::str::from_utf8(&msg[5..]).unwrap().parse().unwrap();
                // SAFETY: as above.
                let other: Process<()> = unsafe { Process::new(0, id) };
                other.link();
                parent.send(b"linked".to_vec());
            }
            _ => parent.send(msg.to_ascii_uppercase()),
        }
    }
}
