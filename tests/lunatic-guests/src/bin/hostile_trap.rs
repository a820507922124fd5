//! Children that trap in different ways; the parent, watching each through a
//! monitor, sees it die and carries on: panic!, std::process::abort,
//! `unreachable` (core::arch::wasm32::unreachable), integer division by zero,
//! an out-of-bounds memory access, unbounded recursion (stack overflow), and
//! std::process::exit(3) in a child (WASI proc_exit must end only that
//! process, never the whole runtime).
use lunatic::{Mailbox, MessageSignal, Process, ProcessDiedSignal};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

fn recurse(n: u64) -> u64 {
    if n == u64::MAX {
        return 0;
    }
    let a = [n; 64];
    std::hint::black_box(&a);
    recurse(std::hint::black_box(n + 1)) + a[3]
}

fn kinds() -> Vec<(&'static str, fn())> {
    vec![
        ("panic", || panic!("child panics on purpose")),
        ("abort", || std::process::abort()),
        ("unreachable", || core::arch::wasm32::unreachable()),
        ("divide by zero", || {
            let z = std::hint::black_box(0u32);
            // Promise the compiler z != 0 so it drops Rust's check and emits a
            // bare i32.div_u, which traps in Wasm.
            unsafe { std::hint::assert_unchecked(z != 0) };
            let r = 7 / z;
            std::hint::black_box(r);
        }),
        ("out-of-bounds load", || {
            let p = std::hint::black_box(0xFFFF_FFF0usize) as *const u64;
            let v = unsafe { std::ptr::read_volatile(p) };
            std::hint::black_box(v);
        }),
        ("stack overflow", || {
            std::hint::black_box(recurse(0));
        }),
        ("exit(3) in a child", || std::process::exit(3)),
    ]
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.monitorable();
    for (i, (name, _)) in kinds().into_iter().enumerate() {
        let child = Process::spawn((me, i), |(parent, i), mb: Mailbox<u8>| {
            let _ = mb.receive();
            (kinds()[i].1)();
            parent.send(format!("WRONG: {} returned", kinds()[i].0));
        });
        mailbox.monitor(child);
        child.send(1);
        match mailbox.receive_timeout(WAIT) {
            Ok(MessageSignal::Signal(ProcessDiedSignal(id))) => {
                println!("{name}: child died: {}", id == child.id())
            }
            Ok(MessageSignal::Message(m)) => println!("{name}: {m}"),
            Err(e) => println!("{name}: WRONG: {e}"),
        }
    }
    println!("parent still alive");
}
