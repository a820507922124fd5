//! Timers: `Process::send_after` delivers, `TimerRef::cancel` prevents delivery
//! (and returns true), several timers arrive in deadline order regardless of
//! creation order, `tag_send_after`, timers to another process, and
//! `ProcessRef::with_delay(..).send(..)` on an AbstractProcess.
use lunatic::{Mailbox, Process, Tag};
use std::time::{Duration, Instant};

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let ms = Duration::from_millis;

    // 1. One timer delivers, not before its deadline.
    let start = Instant::now();
    me.send_after("tick".to_string(), ms(100));
    let m = mailbox
        .receive_timeout(Duration::from_secs(5))
        .unwrap_or_default();
    println!("1: got {m:?}, not early: {}", start.elapsed() >= ms(95));

    // 2. Deadline order: created 300, 100, 200, 50 -> arrive 50, 100, 200, 300.
    for (d, name) in [(300, "c"), (100, "a"), (200, "b"), (50, "first")] {
        me.send_after(name.to_string(), ms(d));
    }
    let got: Vec<String> = (0..4)
        .map(|_| {
            mailbox
                .receive_timeout(Duration::from_secs(5))
                .unwrap_or_default()
        })
        .collect();
    println!("2: {}", got.join(" "));

    // 3. A cancelled timer never arrives; cancel returns true.
    let t = me.send_after("cancelled".to_string(), ms(150));
    println!("3: cancel -> {}", t.cancel());
    me.send_after("after the cancelled one".to_string(), ms(300));
    println!(
        "3: next message: {}",
        mailbox
            .receive_timeout(Duration::from_secs(5))
            .unwrap_or_default()
    );

    // 4. A message sent directly overtakes a timer that is still pending.
    me.send_after("late".to_string(), ms(200));
    me.send("direct".to_string());
    println!("4: {}", mailbox.receive());
    println!("4: {}", mailbox.receive());

    // 5. tag_send_after: a tagged timer message can be picked out by tag.
    let tag = Tag::new();
    me.tag_send_after(tag, "tagged timer".to_string(), ms(100));
    me.send("untagged".to_string());
    println!("5: {}", mailbox.tag_receive(&[tag]));
    println!("5: {}", mailbox.receive());

    // 6. A timer aimed at another process.
    let child = Process::spawn(me, |parent, mb: Mailbox<u32>| {
        let n = mb.receive();
        parent.send(format!("child got timer value {n}"));
    });
    child.send_after(7, ms(100));
    println!("6: {}", mailbox.receive());

    // 7. Timers with zero delay still arrive.
    me.send_after("zero".to_string(), Duration::ZERO);
    println!(
        "7: {}",
        mailbox
            .receive_timeout(Duration::from_secs(5))
            .unwrap_or_default()
    );

    // 8. Many timers, cancel every other one: only the rest arrive, in order.
    let mut refs = Vec::new();
    for i in 0..10u32 {
        refs.push(me.send_after(format!("t{i}"), ms(100 + 10 * i as u64)));
    }
    let mut cancelled = 0;
    for (i, r) in refs.into_iter().enumerate() {
        if i % 2 == 1 && r.cancel() {
            cancelled += 1;
        }
    }
    let mut got = Vec::new();
    while let Ok(m) = mailbox.receive_timeout(ms(500)) {
        got.push(m);
    }
    println!("8: cancelled {cancelled}, got {}", got.join(" "));
    println!("done");
}
