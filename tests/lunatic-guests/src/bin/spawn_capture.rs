//! Spawning with captured values of several types (`Process::spawn`, the
//! `spawn!` macro), a zero-sized capture (no capture message is sent), a
//! capture holding a `Process` handle, and a large capture (100 KiB).
use lunatic::{spawn, Mailbox, Process};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
enum Shape {
    Circle { center: Point, radius: f64 },
    Empty,
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();

    // Several scalar and compound types in one capture tuple.
    Process::spawn(
        (me, 42u64, -7i32, 3.5f64, true, 'λ', "hello".to_string()),
        |(parent, a, b, c, d, e, f), _: Mailbox<()>| {
            println!("child1: u64={a} i32={b} f64={c} bool={d} char={e} string={f}");
            parent.send("child1 done".to_string());
        },
    );
    println!("parent: {}", mailbox.receive());

    Process::spawn(
        (
            me,
            vec![1u32, 2, 3],
            Some(Point { x: 1, y: -2 }),
            None::<u8>,
            (255u8, "tuple".to_string()),
            Shape::Circle {
                center: Point { x: 0, y: 0 },
                radius: 2.5,
            },
            Shape::Empty,
        ),
        |(parent, v, p, n, t, s1, s2), _: Mailbox<()>| {
            println!("child2: vec={v:?} some={p:?} none={n:?} tuple={t:?}");
            println!("child2: shapes={s1:?} {s2:?}");
            parent.send(format!("child2 sum={}", v.iter().sum::<u32>()));
        },
    );
    println!("parent: {}", mailbox.receive());

    // The spawn! macro capturing local variables by name.
    let name = "macro".to_string();
    let n = 5i64;
    let parent = me;
    spawn!(|name, n, parent| {
        println!("child3: name={name} n={n}");
        parent.send(format!("child3 n*n={}", n * n));
    });
    println!("parent: {}", mailbox.receive());

    // Zero-sized capture: the child starts without a capture message and
    // receives its first real message from its own mailbox.
    let child = Process::spawn((), |_, mb: Mailbox<(Process<String>, u32)>| {
        let (reply, x) = mb.receive();
        println!("child4: got {x}");
        reply.send(format!("child4 x+1={}", x + 1));
    });
    child.send((me, 41));
    println!("parent: {}", mailbox.receive());

    // A large capture: 100 KiB of bytes.
    let big: Vec<u8> = (0..100 * 1024).map(|i| (i % 251) as u8).collect();
    let expected: u64 = big.iter().map(|&b| b as u64).sum();
    Process::spawn((me, big), |(parent, big), _: Mailbox<()>| {
        let sum: u64 = big.iter().map(|&b| b as u64).sum();
        parent.send(format!("child5 len={} sum={sum}", big.len()));
    });
    println!("parent: {}", mailbox.receive());
    println!("parent: expected sum={expected}");

    // A chain: each child spawns the next, capturing the depth and the root.
    fn link_in_chain((root, depth): (Process<String>, u32), _: Mailbox<()>) {
        if depth == 0 {
            root.send("chain reached depth 0".to_string());
        } else {
            Process::spawn((root, depth - 1), link_in_chain);
        }
    }
    Process::spawn((me, 10u32), link_in_chain);
    println!("parent: {}", mailbox.receive());
    println!("done");
}
