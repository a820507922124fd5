//! The registry: `Process::register`, `Process::lookup` from another process,
//! sending through the looked-up handle, lookup of a missing name, names typed
//! by message type (lunatic 0.14 stores "<M>/<S>/Process/<name>"), a
//! `#[derive(ProcessName)]` name, re-registering a name to another process,
//! and `AbstractProcess::start_as` + `ProcessRef::lookup`.
use lunatic::ap::{AbstractProcess, Config, ProcessRef};
use lunatic::{abstract_process, Mailbox, Process, ProcessName};
use std::time::Duration;

#[derive(ProcessName)]
struct Logger;

struct Store(Vec<String>);

#[abstract_process]
impl Store {
    #[init]
    fn init(_: Config<Self>, _: ()) -> Result<Self, ()> {
        Ok(Store(Vec::new()))
    }
    #[handle_message]
    fn put(&mut self, s: String) {
        self.0.push(s);
    }
    #[handle_request]
    fn all(&self) -> Vec<String> {
        self.0.clone()
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();

    // 1. Register ourselves; a child looks us up and sends through the handle.
    me.register(&"main-process");
    Process::spawn((), |_, _: Mailbox<()>| {
        match Process::<String>::lookup(&"main-process") {
            Some(p) => p.send("hello through the registry".to_string()),
            None => println!("WRONG: child could not find main-process"),
        }
    });
    println!(
        "1: {}",
        mailbox
            .receive_timeout(Duration::from_secs(5))
            .unwrap_or_default()
    );

    // 2. Missing names, and names registered with another message type.
    println!(
        "2: lookup of a missing name: {}",
        Process::<String>::lookup(&"nobody").is_none()
    );
    println!(
        "2: lookup with another message type: {}",
        Process::<u64>::lookup(&"main-process").is_none()
    );
    println!(
        "2: lookup with the right type finds this process: {}",
        Process::<String>::lookup(&"main-process") == Some(me)
    );

    // 3. A child registers itself under a derived ProcessName; we look it up.
    let (tx_child, _) = (
        Process::spawn(me, |parent, mb: Mailbox<u32>| {
            mb.this().register(&Logger);
            parent.send("logger registered".to_string());
            let mut sum = 0;
            loop {
                let n = mb.receive();
                if n == 0 {
                    parent.send(format!("logger sum {sum}"));
                    return;
                }
                sum += n;
            }
        }),
        (),
    );
    println!("3: {}", mailbox.receive());
    let logger = Process::<u32>::lookup(&Logger).expect("Logger is registered");
    println!(
        "3: looked-up handle equals the spawned one: {}",
        logger == tx_child
    );
    for n in [1, 2, 3, 4, 0] {
        logger.send(n);
    }
    println!("3: {}", mailbox.receive());

    // 4. Re-registering a name points it at the new process.
    let other = Process::spawn(me, |parent, mb: Mailbox<String>| {
        let m = mb.receive();
        parent.send(format!("other got: {m}"));
    });
    other.register(&"main-process");
    let found = Process::<String>::lookup(&"main-process").unwrap();
    println!(
        "4: name now points at the other process: {}",
        found == other
    );
    found.send("via the re-registered name".to_string());
    println!("4: {}", mailbox.receive());

    // 5. AbstractProcess started under a name, found from another process.
    let store = Store::start_as(&"store", ()).unwrap();
    store.put("from main".to_string());
    Process::spawn(me, |parent, _: Mailbox<()>| {
        let s = ProcessRef::<Store>::lookup(&"store").expect("store is registered");
        s.put("from child".to_string());
        parent.send("child used the store".to_string());
    });
    println!("5: {}", mailbox.receive());
    println!("5: store holds {:?}", store.all());
    println!(
        "5: starting a second Store as \"store\" fails: {}",
        Store::start_as(&"store", ()).is_err()
    );
    println!("done");
}
