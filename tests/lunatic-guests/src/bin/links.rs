//! Links: `spawn_link` / `spawn_link_tag`, `catch_link_failure`
//! (`die_when_link_dies(0)`), `LinkDied` signals carrying the link tag,
//! `tag_receive` on a link tag, a linked child that ends normally (no
//! notification), a process that does not catch link failures dying with its
//! linked child, `Process::link` after spawning, and `unlink`.
use kiln_lunatic_guests::QUIET;
use lunatic::{Mailbox, MessageSignal, Process, ProcessDiedSignal, Signal, Tag};

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let mailbox = mailbox.catch_link_failure();

    // 1. A linked child that panics: we get LinkDied with the tag we chose.
    let tag = Tag::new();
    Process::spawn_link_tag((), tag, |_, _: Mailbox<()>| {
        panic!("linked child fails on purpose");
    });
    match mailbox.receive() {
        MessageSignal::Signal(lunatic::LinkDiedSignal(t)) => {
            println!("1: link died, tag matches: {}", t == tag)
        }
        MessageSignal::Message(m) => println!("1: unexpected message {m}"),
    }

    // 2. A linked child that ends normally: it says goodbye, and no LinkDied follows.
    Process::spawn_link(me, |parent, _: Mailbox<()>| {
        parent.send("goodbye from a normal child".to_string());
    });
    match mailbox.receive() {
        MessageSignal::Message(m) => println!("2: {m}"),
        MessageSignal::Signal(_) => println!("2: unexpected link death"),
    }
    match mailbox.receive_timeout(QUIET) {
        Err(e) if e.is_timed_out() => println!("2: no notification for a normal exit"),
        Ok(MessageSignal::Signal(_)) => println!("2: WRONG: LinkDied for a normal exit"),
        Ok(MessageSignal::Message(m)) => println!("2: unexpected message {m}"),
        Err(e) => println!("2: error {e}"),
    }

    // 3. Two failing links with different tags: tag_receive picks the one asked for,
    //    and the other stays queued.
    let (ta, tb) = (Tag::new(), Tag::new());
    Process::spawn_link_tag((), ta, |_, _: Mailbox<()>| panic!("a fails"));
    lunatic::sleep(QUIET);
    Process::spawn_link_tag((), tb, |_, _: Mailbox<()>| panic!("b fails"));
    lunatic::sleep(QUIET);
    match mailbox.tag_receive(&[tb]) {
        MessageSignal::Signal(lunatic::LinkDiedSignal(t)) => {
            println!("3: first taken is b: {}", t == tb)
        }
        MessageSignal::Message(m) => println!("3: unexpected {m}"),
    }
    match mailbox.receive_timeout(QUIET) {
        Ok(MessageSignal::Signal(lunatic::LinkDiedSignal(t))) => println!("3: then a: {}", t == ta),
        _ => println!("3: WRONG: a's LinkDied is missing"),
    }

    // 4. A middle process that does NOT catch link failures dies when its
    //    linked child fails; we watch the middle process through a monitor
    //    held by a watcher process (our own mailbox catches links only).
    let watcher = Process::spawn(me, |parent, mb: Mailbox<()>| {
        let mb = mb.monitorable();
        let middle = Process::spawn((), |_, mb: Mailbox<()>| {
            let _ = mb; // blocks below forever unless killed by the link
            Process::spawn_link((), |_, inner: Mailbox<u8>| {
                // Wait for the go-ahead so that the link surely exists first.
                let _ = inner.receive_timeout(QUIET);
                panic!("grandchild fails");
            });
            let _: () = mb.receive();
            println!("4: WRONG: middle survived");
        });
        mb.monitor(middle);
        match mb.receive() {
            MessageSignal::Signal(ProcessDiedSignal(id)) if id == middle.id() => {
                parent.send("4: middle died with its linked child".to_string())
            }
            _ => parent.send("4: unexpected".to_string()),
        }
    });
    let _ = watcher;
    match mailbox.receive() {
        MessageSignal::Message(m) => println!("{m}"),
        MessageSignal::Signal(_) => println!("4: unexpected link death"),
    }

    // 5. Process::link after spawn: link to an existing child, then tell it to fail.
    let child = Process::spawn((), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        panic!("child linked after spawn fails");
    });
    child.link();
    lunatic::sleep(QUIET);
    child.send(1);
    match mailbox.receive_timeout(std::time::Duration::from_secs(5)) {
        Ok(MessageSignal::Signal(_)) => {
            println!("5: link made with Process::link reported the death")
        }
        _ => println!("5: WRONG: no LinkDied"),
    }

    // 6. Unlink: spawn_link a child, unlink it, then let it fail: nothing arrives.
    let child = Process::spawn_link((), |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        panic!("unlinked child fails");
    });
    child.unlink();
    child.send(1);
    match mailbox.receive_timeout(QUIET) {
        Err(e) if e.is_timed_out() => println!("6: no notification after unlink"),
        _ => println!("6: WRONG: notified after unlink"),
    }

    // 7. Catching and monitoring at once: both kinds of signal arrive as Signal.
    let mailbox = mailbox.monitorable();
    let t7 = Tag::new();
    let c7 = Process::spawn_link_tag((), t7, |_, mb: Mailbox<u8>| {
        let _ = mb.receive();
        panic!("c7 fails");
    });
    // Mailbox<_, _, Signal> has no `monitor` method in lunatic 0.14; guests call the host.
    unsafe { lunatic::host::api::process::monitor(c7.id()) };
    lunatic::sleep(QUIET);
    c7.send(1);
    let mut seen = Vec::new();
    for _ in 0..2 {
        match mailbox.receive_timeout(std::time::Duration::from_secs(5)) {
            Ok(MessageSignal::Signal(Signal::LinkDied(t))) => {
                seen.push(format!("LinkDied(tag ok={})", t == t7))
            }
            Ok(MessageSignal::Signal(Signal::ProcessDied(id))) => {
                seen.push(format!("ProcessDied(id ok={})", id == c7.id()))
            }
            Ok(MessageSignal::Message(m)) => seen.push(format!("message {m}")),
            Err(e) => seen.push(format!("error {e}")),
        }
    }
    seen.sort();
    println!("7: {}", seen.join(", "));
    println!("done");
}
