//! 1000 processes, each replying once with a value derived from its capture;
//! the parent checks the sum and that every child answered exactly once.
use lunatic::{Mailbox, Process};

const N: u64 = 1000;

#[lunatic::main]
fn main(mailbox: Mailbox<(u64, u64)>) {
    let me = mailbox.this();
    for i in 0..N {
        Process::spawn((me, i), |(parent, i), _: Mailbox<()>| {
            parent.send((i, i * i));
        });
    }
    let mut seen = vec![false; N as usize];
    let mut sum = 0u64;
    for _ in 0..N {
        let (i, sq) = mailbox.receive();
        assert!(!seen[i as usize], "child {i} answered twice");
        seen[i as usize] = true;
        sum += sq;
    }
    let expected: u64 = (0..N).map(|i| i * i).sum();
    println!("received {} replies", seen.iter().filter(|s| **s).count());
    println!(
        "sum of squares {sum}, expected {expected}, ok: {}",
        sum == expected
    );
    match mailbox.receive_timeout(std::time::Duration::from_millis(200)) {
        Err(_) => println!("no extra messages"),
        Ok(m) => println!("WRONG: extra message {m:?}"),
    }
}
