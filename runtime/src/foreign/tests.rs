use super::*;
use crate::scheduler::{Outcome, Scheduler};
use std::time::Duration;

/// Replies to every data message with the same bytes reversed; ends on an
/// empty message.
struct Echo;

impl ForeignCode for Echo {
    fn run(&mut self, cx: &mut Context<'_>) -> Step {
        let mut end = false;
        let me = cx.id();
        cx.take_messages(|m| {
            if let Incoming::Data { from, tag, mut bytes, .. } = m {
                if bytes.is_empty() {
                    end = true;
                } else {
                    bytes.reverse();
                    send_data(me, from, tag, bytes, &[]);
                }
            }
        });
        if end {
            Step::Exit(Ending::Failed("asked to fail".into()))
        } else {
            Step::Wait(None)
        }
    }
}

/// Sends to an echo process, checks the reply, then monitors it, asks it to
/// fail and waits for the `Down`; then waits on a deadline with nothing to
/// come.
#[derive(Default)]
struct Client {
    phase: u32,
    echo: u64,
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl ForeignCode for Client {
    fn run(&mut self, cx: &mut Context<'_>) -> Step {
        loop {
            match self.phase {
                0 => {
                    self.echo = cx.spawn(Box::new(Echo), false);
                    // Large enough to go off-heap.
                    let big: Vec<u8> = (0..200u8).collect();
                    assert!(send_data(cx.id(), self.echo, 7, big, &[3, 4]));
                    self.phase = 1;
                }
                1 => {
                    let mut got = Vec::new();
                    cx.take_messages(|m| got.push(m));
                    if got.is_empty() {
                        return Step::Wait(None);
                    }
                    let want: Vec<u8> = (0..200u8).rev().collect();
                    assert_eq!(got, vec![Incoming::Data { from: self.echo, tag: 7, bytes: want, resources: vec![] }]);
                    self.log.lock().unwrap().push("reply".into());
                    cx.monitor(self.echo);
                    send_data(cx.id(), self.echo, 0, vec![], &[]);
                    self.phase = 2;
                }
                2 => {
                    let mut got = Vec::new();
                    cx.take_messages(|m| got.push(m));
                    if got.is_empty() {
                        return Step::Wait(None);
                    }
                    assert_eq!(got, vec![Incoming::Down { from: self.echo }]);
                    assert!(!exists(self.echo));
                    self.log.lock().unwrap().push("down".into());
                    self.phase = 3;
                    return Step::Wait(Some(Instant::now() + Duration::from_millis(20)));
                }
                _ => {
                    if !cx.timed_out() {
                        return Step::Wait(None);
                    }
                    self.log.lock().unwrap().push("timeout".into());
                    return Step::Exit(Ending::Status(3));
                }
            }
        }
    }
}

#[test]
fn foreign_processes_exchange_messages_monitor_and_time_out() {
    for n in [1, 2] {
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sched = Scheduler::with_schedulers(n);
        let main =
            new_process(Box::new(Client { log: log.clone(), ..Default::default() }), signals::default_group_leader());
        let serial = main.shared.serial;
        sched.spawn(main);
        let out = sched.run(Some(serial));
        assert!(matches!(out, Outcome::MainExited(3)), "{out:?}");
        assert_eq!(*log.lock().unwrap(), ["reply", "down", "timeout"]);
    }
}

#[test]
fn erlang_terms_convert_to_guest_messages() {
    let mut h = crate::term::testing::TestHeap::default();
    let bin = crate::binary::make_binary(&mut h, b"abc");
    assert_eq!(incoming(bin), Incoming::Data { from: 0, tag: 0, bytes: b"abc".to_vec(), resources: vec![] });
    let t = crate::term::make_tuple(&mut h, &[tag::small(5), bin]);
    assert_eq!(incoming(t), Incoming::Data { from: 0, tag: 5, bytes: b"abc".to_vec(), resources: vec![] });
    let other = crate::term::make_tuple(&mut h, &[known::NORMAL]);
    let ext = crate::etf::encode::term_to_binary(other, &Default::default()).unwrap();
    assert_eq!(incoming(other), Incoming::Data { from: 0, tag: 0, bytes: ext, resources: vec![] });
    let exit = crate::term::make_tuple(&mut h, &[known::EXIT_TAG, tag::pid(9), known::NORMAL]);
    assert_eq!(incoming(exit), Incoming::LinkExit { from: 9, normal: true });
}
