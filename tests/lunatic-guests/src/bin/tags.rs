//! Selective receive by tag: `tag_send`, `tag_receive`, `tag_receive_timeout`,
//! `Tag::new`, `Tag::special`; messages sent with tags A, B, C are taken in the
//! order C, A, B; a multi-tag receive takes the oldest matching message; a
//! plain receive takes the oldest message whatever its tag; a receive on a tag
//! that never arrives times out and leaves the queue intact.
use lunatic::{Mailbox, Process, Tag};
use std::time::Duration;

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let (a, b, c) = (Tag::new(), Tag::new(), Tag::new());
    println!("tags are distinct: {}", a != b && b != c && a != c);
    println!(
        "Tag::special(64) ok: {}, Tag::special(200) none: {}",
        Tag::special(64).is_some(),
        Tag::special(200).is_none()
    );

    me.tag_send(a, "A".to_string());
    me.tag_send(b, "B".to_string());
    me.tag_send(c, "C".to_string());
    let order: Vec<String> = [c, a, b]
        .iter()
        .map(|t| mailbox.tag_receive(&[*t]))
        .collect();
    println!("1: {}", order.join(" "));

    // 2. Multi-tag receive: the oldest message with any of the tags.
    me.tag_send(a, "A1".to_string());
    me.tag_send(b, "B1".to_string());
    me.tag_send(c, "C1".to_string());
    me.tag_send(a, "A2".to_string());
    println!("2: {}", mailbox.tag_receive(&[c, b]));
    println!("2: {}", mailbox.tag_receive(&[c, b]));
    println!("2: {}", mailbox.tag_receive(&[a]));
    println!("2: {}", mailbox.tag_receive(&[a]));

    // 3. A plain receive takes the oldest message, tagged or not.
    me.tag_send(b, "tagged first".to_string());
    me.send("untagged second".to_string());
    println!("3: {}", mailbox.receive());
    println!("3: {}", mailbox.receive());

    // 4. Waiting on a tag that never arrives times out, other messages stay.
    let never = Tag::new();
    me.send("still queued".to_string());
    match mailbox.tag_receive_timeout(&[never], Duration::from_millis(200)) {
        Err(e) if e.is_timed_out() => println!("4: timed out waiting for a missing tag"),
        Ok(m) => println!("4: WRONG: got {m}"),
        Err(e) => println!("4: WRONG: {e}"),
    }
    println!("4: {}", mailbox.receive());
    match mailbox.receive_timeout(Duration::from_millis(100)) {
        Err(e) if e.is_timed_out() => println!("4: empty mailbox times out"),
        _ => println!("4: WRONG: mailbox not empty"),
    }

    // 5. A tagged reply from another process is picked out of a busy mailbox
    //    while a blocked tag_receive waits (the message arrives later).
    let reply_tag = Tag::special(100).unwrap();
    let child = Process::spawn((me, reply_tag), |(parent, tag), mb: Mailbox<u32>| {
        let n = mb.receive();
        for i in 0..5 {
            parent.send(format!("noise {i}"));
        }
        parent.tag_send(tag, format!("reply {}", n * 2));
    });
    child.send(21);
    println!("5: {}", mailbox.tag_receive(&[reply_tag]));
    let noise: Vec<String> = (0..5).map(|_| mailbox.receive()).collect();
    println!("5: then {}", noise.join(", "));

    // 6. Tags survive in the other direction too: the child receives by tag.
    let t1 = Tag::new();
    let t2 = Tag::new();
    let child = Process::spawn((me, t1, t2), |(parent, t1, t2), mb: Mailbox<String>| {
        let second = mb.tag_receive(&[t2]);
        let first = mb.tag_receive(&[t1]);
        parent.send(format!("child took {second} then {first}"));
    });
    child.tag_send(t1, "one".to_string());
    child.tag_send(t2, "two".to_string());
    println!("6: {}", mailbox.receive());
    println!("done");
}
