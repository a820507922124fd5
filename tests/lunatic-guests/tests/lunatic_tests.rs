//! `cargo test` of a lunatic project with `runner = "kiln run"`: these
//! `#[lunatic::test]`s run as processes under kiln's test runner
//! (host/src/lunatic/test_runner.rs), driven by tests/tests/wasm_host.rs.
//! `fails_on_purpose` is skipped by that driver except when it checks that a
//! failing test fails the run.

use lunatic::{spawn_link, Mailbox};

#[lunatic::test]
fn arithmetic_works() {
    assert_eq!(2 + 2, 4);
}

#[lunatic::test]
fn spawns_and_receives() {
    let m = unsafe { Mailbox::<u32>::new() };
    let me = m.this();
    let _child = spawn_link!(|me| me.send(42));
    assert_eq!(m.receive(), 42);
    println!("captured unless --nocapture");
}

#[lunatic::test]
#[should_panic(expected = "out of range")]
fn panics_as_expected() {
    let v: Vec<u8> = Vec::new();
    if v.is_empty() {
        panic!("index out of range");
    }
}

#[lunatic::test]
#[ignore]
fn ignored_test() {
    panic!("ignored tests do not run");
}

#[lunatic::test]
fn fails_on_purpose() {
    println!("about to fail");
    assert_eq!(1, 2, "one is not two");
}
