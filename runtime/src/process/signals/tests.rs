//! Unit tests of signal handling, driven without a scheduler: processes
//! are created directly and their inboxes drained by hand.

use super::*;
use crate::process::registry;

fn new_proc() -> Box<Process> {
    let p = Process::new(0);
    table::register(p.shared.clone());
    p
}

fn drop_proc(p: Box<Process>) {
    table::unregister(p.shared.serial);
}

fn elem(t: Term, i: usize) -> Term {
    // SAFETY: tests only call this on tuples with more than `i` elements.
    unsafe { *tag::boxed_ptr(t).add(i + 1) }
}

fn messages(p: &mut Process) -> Vec<Term> {
    drain(p);
    p.mailbox.terms().collect()
}

#[test]
fn link_exit_kills_non_trapping_and_notifies_trapping() {
    let mut a = new_proc();
    let mut b = new_proc();
    let mut c = new_proc();
    link(&mut a, b.pid()).unwrap();
    link(&mut c, b.pid()).unwrap();
    c.shared.sig.set_trap_exit(true);
    drain(&mut b);
    assert_eq!(b.shared.sig.lock().links.len(), 2);
    b.exit_reason = crate::atom::intern("boom");
    on_exit(&mut b);
    drain(&mut a);
    assert!(a.shared.sig.is_dying());
    assert_eq!(a.exit_reason, crate::atom::intern("boom"));
    let msgs = messages(&mut c);
    assert_eq!(msgs.len(), 1);
    assert_eq!(elem(msgs[0], 0), known::EXIT_TAG);
    assert_eq!(elem(msgs[0], 1), b.pid());
    assert_eq!(elem(msgs[0], 2), crate::atom::intern("boom"));
    assert!(c.shared.sig.lock().links.is_empty());
    for p in [a, b, c] {
        drop_proc(p);
    }
}

#[test]
fn normal_exit_is_ignored_and_kill_is_untrappable() {
    let mut a = new_proc();
    let b = new_proc();
    exit_other(&b, a.pid(), known::NORMAL);
    assert!(messages(&mut a).is_empty());
    assert!(!a.shared.sig.is_dying());
    a.shared.sig.set_trap_exit(true);
    exit_other(&b, a.pid(), KILL);
    drain(&mut a);
    assert!(a.shared.sig.is_dying());
    assert_eq!(a.exit_reason, KILLED);
    drop_proc(a);
    drop_proc(b);
}

#[test]
fn monitors_deliver_down_in_order_after_messages() {
    let mut a = new_proc();
    let mut b = new_proc();
    let r = monitor(&mut a, b.pid(), tag::NON_VALUE);
    drain(&mut b);
    assert_eq!(b.shared.sig.lock().monitored_by.len(), 1);
    crate::mailbox::send(a.pid(), tag::small(42));
    b.exit_reason = known::NORMAL;
    on_exit(&mut b);
    let msgs = messages(&mut a);
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0], tag::small(42));
    assert_eq!(elem(msgs[1], 0), DOWN);
    assert_eq!(ref_number(elem(msgs[1], 1)), ref_number(r));
    assert_eq!(elem(msgs[1], 4), known::NORMAL);
    assert!(a.shared.sig.lock().monitors.is_empty());
    drop_proc(a);
    drop_proc(b);
}

#[test]
fn demonitor_drops_the_down_and_dead_targets_give_noproc() {
    let mut a = new_proc();
    let mut b = new_proc();
    let r = monitor(&mut a, b.pid(), tag::NON_VALUE);
    assert!(demonitor(&mut a, ref_number(r).unwrap()));
    assert!(!demonitor(&mut a, ref_number(r).unwrap()));
    drain(&mut b);
    assert!(b.shared.sig.lock().monitored_by.is_empty());
    on_exit(&mut b);
    let dead = b.pid();
    drop_proc(b);
    assert!(messages(&mut a).is_empty());
    monitor(&mut a, dead, tag::NON_VALUE);
    let msgs = messages(&mut a);
    assert_eq!(msgs.len(), 1);
    assert_eq!(elem(msgs[0], 4), NOPROC);
    assert_eq!(link(&mut a, dead), Err(()));
    drop_proc(a);
}

#[test]
fn unlink_stops_exit_signals() {
    let mut a = new_proc();
    let mut b = new_proc();
    link(&mut a, b.pid()).unwrap();
    drain(&mut b);
    unlink(&mut a, b.pid());
    b.exit_reason = crate::atom::intern("boom");
    on_exit(&mut b);
    drain(&mut a);
    assert!(!a.shared.sig.is_dying());
    drop_proc(a);
    drop_proc(b);
}

#[test]
fn registry_names() {
    let a = new_proc();
    let name = crate::atom::intern("kiln_signals_test_name");
    assert!(registry::register(name, a.pid()));
    assert!(!registry::register(name, a.pid()));
    assert_eq!(registry::whereis(name).map(|s| s.pid()), Some(a.pid()));
    assert_eq!(a.shared.sig.registered_name(), Some(name));
    registry::remove_dead(&a.shared);
    assert!(registry::whereis(name).is_none());
    assert!(!registry::unregister(name));
    drop_proc(a);
}

#[test]
fn info_request_is_answered_by_the_target_with_its_private_items() {
    let mut a = new_proc();
    let mut b = new_proc();
    let k = crate::atom::intern("alpha");
    b.dict.put(k, tag::small(1));
    // Two plain messages queued before the request count in its queue.
    crate::mailbox::send(b.pid(), tag::small(7));
    crate::mailbox::send(b.pid(), tag::small(8));
    let items = a.list(&[crate::atom::intern("dictionary"), crate::atom::intern("message_queue_len")]);
    let status = crate::atom::intern("waiting");
    let r = request_info(&mut a, &b.shared, items, false, status).expect("b is alive");
    assert!(messages(&mut a).is_empty(), "no answer before b handles its signals");
    drain(&mut b);
    assert_eq!(b.shared.sig.pending.load(Ordering::SeqCst), 0);
    assert_eq!(b.mailbox.len(), 2, "the request is not a message");
    let msgs = messages(&mut a);
    assert_eq!(msgs.len(), 1);
    assert_eq!(ref_number(elem(msgs[0], 0)), ref_number(r));
    let answer = crate::term::list_to_vec(elem(msgs[0], 1)).unwrap();
    assert_eq!(answer.len(), 2);
    let dict = crate::term::list_to_vec(elem(answer[0], 1)).unwrap();
    assert_eq!(dict.len(), 1);
    assert_eq!((elem(dict[0], 0), elem(dict[0], 1)), (k, tag::small(1)));
    assert_eq!(elem(answer[1], 1), tag::small(2));
    for p in [a, b] {
        drop_proc(p);
    }
}

#[test]
fn info_request_to_an_ending_process_is_answered_undefined() {
    let mut a = new_proc();
    let mut b = new_proc();
    let item = crate::atom::intern("reductions");
    let status = crate::atom::intern("running");
    request_info(&mut a, &b.shared, item, false, status).expect("b is alive");
    on_exit(&mut b);
    let msgs = messages(&mut a);
    assert_eq!(msgs.len(), 1);
    assert_eq!(elem(msgs[0], 1), known::UNDEFINED);
    assert_eq!(b.shared.sig.pending.load(Ordering::SeqCst), 0);
    assert!(request_info(&mut a, &b.shared, item, false, status).is_none(), "closed");
    for p in [a, b] {
        drop_proc(p);
    }
}

#[test]
fn info_request_answers_undefined_from_a_dying_process() {
    let mut a = new_proc();
    let mut b = new_proc();
    exit_other(&a, b.pid(), crate::atom::intern("boom"));
    let item = crate::atom::intern("messages");
    // Sent before b handled the exit signal: b dies first, then refuses.
    let status = crate::atom::intern("runnable");
    request_info(&mut a, &b.shared, item, true, status).expect("b is not dying yet");
    drain(&mut b);
    assert!(b.shared.sig.is_dying());
    let msgs = messages(&mut a);
    assert_eq!(msgs.len(), 1);
    assert_eq!(elem(msgs[0], 1), known::UNDEFINED);
    for p in [a, b] {
        drop_proc(p);
    }
}
