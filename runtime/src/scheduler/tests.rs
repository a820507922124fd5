//! Scheduler tests. Process "code" is Rust `extern "C"` functions with the
//! `ErlFn` signature, following the protocol compiled code uses: push a
//! frame and return `WAIT` to park in `receive`, set `resume` and return
//! `YIELD` to yield, return into the top frame to finish.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::*;
use crate::abi::{frame, ErlFn};
use crate::atom::known;
use crate::mailbox::*;
use crate::proc_bifs::*;

fn running<'a>(p: *mut ProcessHeader) -> &'a mut Process {
    // SAFETY: only called from process code with the running process.
    unsafe { Process::from_header(p) }
}

fn elem(t: Term, i: usize) -> Term {
    // SAFETY: tests only call this on tuples with more than `i` elements.
    unsafe { *tag::boxed_ptr(t).add(i + 1) }
}

/// Returns `v` into the top frame, as compiled code does.
fn ret(p: *mut ProcessHeader, v: Term) -> u64 {
    let proc = running(p);
    let f = proc.stack.top_code(&proc.header).expect("a frame");
    // SAFETY: `f` is the top frame's continuation of the running process.
    unsafe { f(p, v, tag::NIL, tag::NIL, tag::NIL) }
}

/// Parks in `receive`: a frame continuing at `k`, then `WAIT`.
fn wait_in(p: *mut ProcessHeader, k: ErlFn) -> u64 {
    let Process { header, stack, .. } = running(p);
    stack.push_frame(header, &[], k, frame::NORMAL);
    status::WAIT
}

/// Pops the zero-value frame a continuation was entered through.
fn pop(p: *mut ProcessHeader) {
    let h = &mut running(p).header;
    h.stop = h.stop.wrapping_sub(2);
}

fn start(s: &Scheduler, code: ErlFn, args: &[Term]) -> u64 {
    let mut proc = Process::new(0);
    proc.header.args[..args.len()].copy_from_slice(args);
    proc.header.nlive = args.len() as u64;
    proc.header.resume = Some(code);
    let serial = proc.shared().serial;
    s.spawn(proc);
    serial
}

static ORDER: Mutex<Vec<i64>> = Mutex::new(Vec::new());

/// `args[0]` = id, `args[1]` = steps left: record the id, yield, repeat.
unsafe extern "C" fn yielder(p: *mut ProcessHeader, id: Term, n: Term, _a2: Term, _a3: Term) -> u64 {
    if tag::small_value(n) == 0 {
        return ret(p, known::OK);
    }
    ORDER.lock().unwrap().push(tag::small_value(id));
    let proc = running(p);
    proc.header.args[0] = id;
    proc.header.args[1] = tag::small(tag::small_value(n) - 1);
    proc.header.resume = Some(yielder);
    status::YIELD
}

#[test]
fn yielding_processes_take_turns() {
    let s = Scheduler::new();
    start(&s, yielder, &[tag::small(1), tag::small(3)]);
    start(&s, yielder, &[tag::small(2), tag::small(3)]);
    assert_eq!(s.run(None), Outcome::Idle);
    // Other tests use `yielder` with other ids.
    let order: Vec<i64> = ORDER.lock().unwrap().iter().copied().filter(|&i| i == 1 || i == 2).collect();
    assert_eq!(order, vec![1, 2, 1, 2, 1, 2]);
}

static PONGS: AtomicU64 = AtomicU64::new(0);

/// Receives `{From, N}`, replies `N + 1`; stops after replying to 10.
unsafe extern "C" fn server(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    loop {
        // SAFETY: `p` is the running process (for all calls below).
        let m = unsafe { kiln_recv_peek(p) };
        if m == tag::NON_VALUE {
            return wait_in(p, server_k);
        }
        // SAFETY: as above.
        unsafe { kiln_recv_accept(p) };
        let (from, n) = (elem(m, 0), tag::small_value(elem(m, 1)));
        kiln_bif_send(p, from, tag::small(n + 1));
        if n >= 10 {
            return ret(p, known::OK);
        }
    }
}

unsafe extern "C" fn server_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    pop(p);
    // SAFETY: continuing the same process.
    unsafe { server(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

/// `args[0]` = server: sends `{self(), 0}`, then `{self(), Reply}` for
/// each reply until one exceeds 10.
unsafe extern "C" fn client(p: *mut ProcessHeader, server_pid: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    let proc = running(p);
    proc.dict.put(known::OK, server_pid);
    let msg = proc.tuple(&[proc.pid(), tag::small(0)]);
    kiln_bif_send(p, server_pid, msg);
    // SAFETY: continuing the same process.
    unsafe { client_loop(p) }
}

unsafe fn client_loop(p: *mut ProcessHeader) -> u64 {
    loop {
        // SAFETY: `p` is the running process.
        let m = unsafe { kiln_recv_peek(p) };
        if m == tag::NON_VALUE {
            return wait_in(p, client_k);
        }
        // SAFETY: as above.
        unsafe { kiln_recv_accept(p) };
        PONGS.fetch_add(1, Ordering::SeqCst);
        if tag::small_value(m) > 10 {
            return ret(p, known::OK);
        }
        let proc = running(p);
        let server_pid = proc.dict.get(known::OK).unwrap();
        let msg = proc.tuple(&[proc.pid(), m]);
        kiln_bif_send(p, server_pid, msg);
    }
}

unsafe extern "C" fn client_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    pop(p);
    // SAFETY: continuing the same process.
    unsafe { client_loop(p) }
}

#[test]
fn two_processes_exchange_messages() {
    let s = Scheduler::new();
    let srv = start(&s, server, &[]);
    start(&s, client, &[tag::pid(srv)]);
    assert_eq!(s.run(None), Outcome::Idle);
    assert_eq!(PONGS.load(Ordering::SeqCst), 11);
    assert!(table::lookup(srv).is_none(), "the server exited");
}

/// `receive after 30 -> ok end`, then records the time.
unsafe extern "C" fn sleeper(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: `p` is the running process.
    unsafe {
        assert_eq!(kiln_recv_peek(p), tag::NON_VALUE);
        match kiln_recv_timer(p, tag::small(30)) {
            0 => wait_in(p, sleeper_k),
            _ => ret(p, known::OK),
        }
    }
}

unsafe extern "C" fn sleeper_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    pop(p);
    // SAFETY: `p` is the running process.
    if unsafe { kiln_recv_timed_out(p) } == 1 {
        return ret(p, known::OK);
    }
    // SAFETY: as above; re-arming keeps the first deadline.
    unsafe { sleeper(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

#[test]
fn receive_after_sleeps_until_the_timer() {
    let s = Scheduler::new();
    let t0 = Instant::now();
    let serial = start(&s, sleeper, &[]);
    assert_eq!(s.run(Some(serial)), Outcome::MainExited(0));
    assert!(t0.elapsed() >= Duration::from_millis(30));
}

#[test]
fn receive_timer_edge_cases() {
    let mut proc = Process::new(0);
    let p: *mut ProcessHeader = &mut proc.header;
    // SAFETY: `p` is a live process owned by this test.
    unsafe {
        assert_eq!(kiln_recv_timer(p, tag::small(0)), 1, "after 0 expires at once");
        assert_eq!(kiln_recv_timer(p, known::INFINITY), 0);
        assert_eq!(kiln_recv_timer(p, tag::small(-1)), 2);
        assert_eq!(kiln_recv_timer(p, known::OK), 2);
        assert_eq!(kiln_recv_timed_out(p), 0);
    }
}

#[test]
fn selective_receive_keeps_the_cursor() {
    let mut proc = Process::new(0);
    let shared = proc.shared().clone();
    let p: *mut ProcessHeader = &mut proc.header;
    for name in ["a", "b", "c"] {
        let t = crate::atom::intern(name);
        let mut q = Process::new(0);
        let m = q.tuple(&[t, tag::small(1)]);
        deliver(&shared, Message::copy_of(m));
    }
    let b = crate::atom::intern("b");
    // SAFETY: `p` is a live process owned by this test.
    unsafe {
        let m = kiln_recv_peek(p);
        assert_eq!(elem(m, 0), crate::atom::intern("a"));
        kiln_recv_next(p);
        let m = kiln_recv_peek(p);
        assert_eq!(elem(m, 0), b);
        // A message arriving now is queued after the examined ones.
        deliver(&shared, Message::copy_of(tag::small(4)));
        kiln_recv_accept(p);
        assert!(!proc.heap.fragments.is_empty(), "the accepted message joins the heap");
        proc.header.args[0] = m;
        crate::gc::collect(&mut proc, 0, 1);
        assert!(proc.heap.fragments.is_empty());
        assert_eq!(elem(proc.header.args[0], 0), b);
        let p: *mut ProcessHeader = &mut proc.header;
        assert_eq!(elem(kiln_recv_peek(p), 0), crate::atom::intern("a"), "the cursor was reset");
        kiln_recv_next(p);
        kiln_recv_next(p);
        assert_eq!(kiln_recv_peek(p), tag::small(4));
        kiln_recv_next(p);
        assert_eq!(kiln_recv_peek(p), tag::NON_VALUE);
        assert_eq!(proc.mailbox.len(), 3);
    }
}

/// Dies of `error:boom` with nothing to catch it.
unsafe extern "C" fn crasher(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    kiln_bif_error(p, crate::atom::intern("boom"));
    // SAFETY: `p` is the running process with an exception recorded.
    unsafe {
        let (loc, bif) = (crate::abi::trace::NO_LOC, crate::abi::trace::NO_BIF);
        let handler = crate::exception::kiln_unwind(p, std::ptr::null(), loc, bif);
        handler(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL)
    }
}

#[test]
fn crashes_end_only_the_crashing_process() {
    let s = Scheduler::new();
    start(&s, crasher, &[]);
    let ok = start(&s, yielder, &[tag::small(9), tag::small(1)]);
    assert_eq!(s.run(None), Outcome::Idle);
    assert!(table::lookup(ok).is_none());
    let main = start(&s, crasher, &[]);
    assert_eq!(s.run(Some(main)), Outcome::MainExited(127));
}

static GOT: AtomicU64 = AtomicU64::new(0);

/// Spawned through `spawn/3`: `args[0]` = parent; sends it `hello`.
unsafe extern "C" fn greeter(p: *mut ProcessHeader, parent: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    kiln_bif_send(p, parent, known::OK);
    ret(p, known::OK)
}

/// Spawns `greeter` via `spawn/3` and waits for its message.
unsafe extern "C" fn spawner(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    let m = crate::atom::intern("kiln_sched_test");
    let f = crate::atom::intern("greeter");
    let proc = running(p);
    let args = proc.list(&[proc.pid()]);
    let child = kiln_bif_spawn_3(p, m, f, args);
    assert!(tag::is_pid(child));
    // A missing function spawns a process that dies of undef.
    assert!(tag::is_pid(kiln_bif_spawn_3(p, m, crate::atom::intern("nope"), tag::NIL)));
    // SAFETY: continuing the same process.
    unsafe { spawner_k(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

unsafe extern "C" fn spawner_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: `p` is the running process.
    unsafe {
        if running(p).stack.depth(&running(p).header) > 1 {
            pop(p);
        }
        let m = kiln_recv_peek(p);
        if m == tag::NON_VALUE {
            return wait_in(p, spawner_k);
        }
        kiln_recv_accept(p);
        GOT.store(m, Ordering::SeqCst);
    }
    ret(p, known::OK)
}

#[test]
fn spawn_3_runs_a_registered_function() {
    crate::apply::register(crate::atom::intern("kiln_sched_test"), crate::atom::intern("greeter"), 1, greeter);
    let s = Scheduler::new();
    let main = start(&s, spawner, &[]);
    assert_eq!(s.run(Some(main)), Outcome::MainExited(0));
    assert_eq!(GOT.load(Ordering::SeqCst), known::OK);
}

/// Sends 200 lists of 100 elements to `args[0]`.
unsafe extern "C" fn producer(p: *mut ProcessHeader, to: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    for i in 0..200 {
        let elems: Vec<Term> = (0..100).map(|j| tag::small(i * 100 + j)).collect();
        let l = running(p).list(&elems);
        kiln_bif_send(p, to, l);
    }
    ret(p, known::OK)
}

static SUM: AtomicU64 = AtomicU64::new(0);

/// Accepts 200 lists, keeps them all (`args[0]`), collecting as it goes;
/// then sums everything it kept.
unsafe extern "C" fn consumer(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: `p` is the running process.
    unsafe {
        loop {
            let proc = running(p);
            let m = kiln_recv_peek(p);
            if m == tag::NON_VALUE {
                return wait_in(p, consumer_k);
            }
            kiln_recv_accept(p);
            let kept = proc.header.args[0];
            proc.header.args[0] = proc.list_with_tail(&[m], kept);
            let n = crate::term::list_length(proc.header.args[0]).unwrap();
            if n.is_multiple_of(16) {
                crate::gc::collect(proc, 0, 1);
            }
            if n == 200 {
                let mut total = 0i64;
                for l in crate::term::list_to_vec(proc.header.args[0]).unwrap() {
                    total += crate::term::list_to_vec(l).unwrap().iter().map(|&x| tag::small_value(x)).sum::<i64>();
                }
                SUM.store(total as u64, Ordering::SeqCst);
                return ret(p, known::OK);
            }
        }
    }
}

unsafe extern "C" fn consumer_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    pop(p);
    // SAFETY: continuing the same process.
    unsafe { consumer(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

#[test]
fn messages_survive_collections() {
    let s = Scheduler::new();
    let c = start(&s, consumer, &[tag::NIL]);
    start(&s, producer, &[tag::pid(c)]);
    assert_eq!(s.run(Some(c)), Outcome::MainExited(0));
    assert_eq!(SUM.load(Ordering::SeqCst), (0..20_000u64).sum::<u64>());
}

// ---------------------------------------------------------------------
// Multi-scheduler stress tests: each runs with 1, 2 and 8 schedulers (8
// oversubscribes a small machine, which must not change any result).
// Process code cannot panic usefully (it is `extern "C"`), so checks made
// inside processes count failures in `ERRORS`.

static ERRORS: AtomicU64 = AtomicU64::new(0);

fn check(ok: bool) {
    if !ok {
        ERRORS.fetch_add(1, Ordering::SeqCst);
    }
}

const SCHEDULERS: [usize; 3] = [1, 2, 8];

/// Starts a process from process code: `code(args...)`, made runnable on
/// this scheduler.
fn child(code: ErlFn, args: &[Term]) -> Term {
    let mut proc = Process::new(0);
    proc.header.args[..args.len()].copy_from_slice(args);
    proc.header.nlive = args.len() as u64;
    proc.header.resume = Some(code);
    spawn(proc)
}

fn dict_get(p: *mut ProcessHeader, k: i64) -> Term {
    running(p).dict.get(tag::small(k)).unwrap_or(tag::NIL)
}

fn dict_put(p: *mut ProcessHeader, k: i64, v: Term) {
    running(p).dict.put(tag::small(k), v);
}

/// `args` = [N, Notify]: receives N messages, then sends `ok` to `Notify`
/// (if it is a pid) and ends. Messages `{Sender, Seq}` must arrive in
/// `Seq` order per sender.
unsafe extern "C" fn collector(p: *mut ProcessHeader, n: Term, notify: Term, _a2: Term, _a3: Term) -> u64 {
    dict_put(p, -1, n);
    dict_put(p, -2, notify);
    dict_put(p, -3, tag::small(0));
    // SAFETY: continuing the same process.
    unsafe { collector_loop(p) }
}

unsafe fn collector_loop(p: *mut ProcessHeader) -> u64 {
    loop {
        // SAFETY: `p` is the running process.
        let m = unsafe { kiln_recv_peek(p) };
        if m == tag::NON_VALUE {
            return wait_in(p, collector_k);
        }
        // SAFETY: as above.
        unsafe { kiln_recv_accept(p) };
        if tag::is_boxed(m) {
            let (from, seq) = (tag::small_value(elem(m, 0)), elem(m, 1));
            let last = dict_get(p, 1_000_000 + from);
            check(last == tag::NIL || tag::small_value(last) + 1 == tag::small_value(seq));
            dict_put(p, 1_000_000 + from, seq);
        }
        let count = tag::small_value(dict_get(p, -3)) + 1;
        dict_put(p, -3, tag::small(count));
        if count == tag::small_value(dict_get(p, -1)) {
            let notify = dict_get(p, -2);
            if tag::is_pid(notify) {
                kiln_bif_send(p, notify, known::OK);
            }
            return ret(p, known::OK);
        }
    }
}

unsafe extern "C" fn collector_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    pop(p);
    // SAFETY: continuing the same process.
    unsafe { collector_loop(p) }
}

/// `args` = [To, Id, Next, Total]: sends `{Id, Seq}` for Seq in
/// Next..Total to `To`, yielding after every 10.
unsafe extern "C" fn sender(p: *mut ProcessHeader, to: Term, id: Term, next: Term, total: Term) -> u64 {
    let (mut j, k) = (tag::small_value(next), tag::small_value(total));
    let stop = (j + 10).min(k);
    while j < stop {
        let msg = running(p).tuple(&[id, tag::small(j)]);
        kiln_bif_send(p, to, msg);
        j += 1;
    }
    if j == k {
        return ret(p, known::OK);
    }
    let h = &mut running(p).header;
    h.args[..4].copy_from_slice(&[to, id, tag::small(j), total]);
    h.resume = Some(sender);
    status::YIELD
}

fn many_to_one(n: usize) {
    let (senders, each) = (200, 50);
    let s = Scheduler::with_schedulers(n);
    let main = start(&s, collector, &[tag::small(senders * each), tag::NIL]);
    for i in 0..senders {
        start(&s, sender, &[tag::pid(main), tag::small(i), tag::small(0), tag::small(each)]);
    }
    assert_eq!(s.run(Some(main)), Outcome::MainExited(0), "{n} schedulers");
}

#[test]
fn stress_many_processes_send_to_one() {
    for n in SCHEDULERS {
        many_to_one(n);
    }
    assert_eq!(ERRORS.load(Ordering::SeqCst), 0);
}

static ALL_PIDS: Mutex<Vec<Term>> = Mutex::new(Vec::new());

/// `args` = [Id, Main]: sends `{Id, 0}` to every process in `ALL_PIDS`
/// but itself, then collects as many messages and tells `Main`.
unsafe extern "C" fn all_to_all(p: *mut ProcessHeader, id: Term, main: Term, _a2: Term, _a3: Term) -> u64 {
    let me = running(p).pid();
    let pids = ALL_PIDS.lock().unwrap().clone();
    for &to in &pids {
        if to != me {
            let msg = running(p).tuple(&[id, tag::small(0)]);
            kiln_bif_send(p, to, msg);
        }
    }
    // SAFETY: continuing the same process.
    unsafe { collector(p, tag::small(pids.len() as i64 - 1), main, tag::NIL, tag::NIL) }
}

#[test]
fn stress_all_to_all_across_schedulers() {
    let procs = 60;
    for n in SCHEDULERS {
        let s = Scheduler::with_schedulers(n);
        let main = start(&s, collector, &[tag::small(procs), tag::NIL]);
        let mut pids = Vec::new();
        for i in 0..procs {
            pids.push(tag::pid(start(&s, all_to_all, &[tag::small(i), tag::pid(main)])));
        }
        *ALL_PIDS.lock().unwrap() = pids;
        assert_eq!(s.run(Some(main)), Outcome::MainExited(0), "{n} schedulers");
    }
    assert_eq!(ERRORS.load(Ordering::SeqCst), 0);
}

/// `args` = [Main]: sends `ok` to `Main` and ends.
unsafe extern "C" fn notifier(p: *mut ProcessHeader, main: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    kiln_bif_send(p, main, known::OK);
    ret(p, known::OK)
}

/// `args` = [Main, Grandchildren]: spawns that many `notifier`s, tells
/// `Main` itself, and ends.
unsafe extern "C" fn tree_child(p: *mut ProcessHeader, main: Term, grand: Term, _a2: Term, _a3: Term) -> u64 {
    for _ in 0..tag::small_value(grand) {
        check(tag::is_pid(child(notifier, &[main])));
    }
    kiln_bif_send(p, main, known::OK);
    ret(p, known::OK)
}

/// `args` = [Children, Grandchildren]: spawns the tree, then collects a
/// message from every process in it.
unsafe extern "C" fn storm(p: *mut ProcessHeader, children: Term, grand: Term, _a2: Term, _a3: Term) -> u64 {
    let me = running(p).pid();
    let (c, g) = (tag::small_value(children), tag::small_value(grand));
    for _ in 0..c {
        child(tree_child, &[me, grand]);
    }
    // SAFETY: continuing the same process.
    unsafe { collector(p, tag::small(c * (g + 1)), tag::NIL, tag::NIL, tag::NIL) }
}

#[test]
fn stress_spawn_storm() {
    for n in SCHEDULERS {
        let s = Scheduler::with_schedulers(n);
        let main = start(&s, storm, &[tag::small(100), tag::small(50)]);
        assert_eq!(s.run(Some(main)), Outcome::MainExited(0), "{n} schedulers");
    }
    assert_eq!(ERRORS.load(Ordering::SeqCst), 0);
}

static VICTIMS: Mutex<Vec<Term>> = Mutex::new(Vec::new());

/// Waits for one message, then ends (while others keep sending to it).
unsafe extern "C" fn victim(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: `p` is the running process.
    unsafe {
        if running(p).stack.depth(&running(p).header) > 1 {
            pop(p);
        }
        if kiln_recv_peek(p) == tag::NON_VALUE {
            return wait_in(p, victim);
        }
    }
    ret(p, known::OK)
}

/// `args` = [Main, Rounds]: sends a message to every victim per round,
/// yielding between rounds, then tells `Main`.
unsafe extern "C" fn spammer(p: *mut ProcessHeader, main: Term, rounds: Term, _a2: Term, _a3: Term) -> u64 {
    let victims = VICTIMS.lock().unwrap().clone();
    for &v in &victims {
        let l = running(p).list(&[tag::small(1), tag::small(2)]);
        kiln_bif_send(p, v, l);
    }
    let left = tag::small_value(rounds) - 1;
    if left == 0 {
        kiln_bif_send(p, main, known::OK);
        return ret(p, known::OK);
    }
    let h = &mut running(p).header;
    h.args[..2].copy_from_slice(&[main, tag::small(left)]);
    h.resume = Some(spammer);
    status::YIELD
}

#[test]
fn stress_exiting_while_being_sent_to() {
    let spammers = 20;
    for n in SCHEDULERS {
        let s = Scheduler::with_schedulers(n);
        let main = start(&s, collector, &[tag::small(spammers), tag::NIL]);
        let victims: Vec<u64> = (0..300).map(|_| start(&s, victim, &[])).collect();
        *VICTIMS.lock().unwrap() = victims.iter().map(|&v| tag::pid(v)).collect();
        for _ in 0..spammers {
            start(&s, spammer, &[tag::pid(main), tag::small(5)]);
        }
        assert_eq!(s.run(Some(main)), Outcome::MainExited(0), "{n} schedulers");
        // Every victim got a message: let the stragglers finish.
        assert_eq!(s.run(None), Outcome::Idle);
        for v in victims {
            assert!(table::lookup(v).is_none(), "victim {v} exited ({n} schedulers)");
        }
    }
    assert_eq!(ERRORS.load(Ordering::SeqCst), 0);
}

/// `loop() -> loop().`: burns its reductions as compiled code does (one
/// per call) and yields, forever.
unsafe extern "C" fn looper(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    let h = &mut running(p).header;
    while h.reds > 0 {
        h.reds = std::hint::black_box(h.reds) - 1;
    }
    h.resume = Some(looper);
    status::YIELD
}

/// `args` = [Main, Steps]: yields `Steps` times, then tells `Main`.
unsafe extern "C" fn worker(p: *mut ProcessHeader, main: Term, steps: Term, _a2: Term, _a3: Term) -> u64 {
    let left = tag::small_value(steps);
    if left == 0 {
        kiln_bif_send(p, main, known::OK);
        return ret(p, known::OK);
    }
    let h = &mut running(p).header;
    h.args[..2].copy_from_slice(&[main, tag::small(left - 1)]);
    h.resume = Some(worker);
    status::YIELD
}

#[test]
fn endless_loops_do_not_starve_others() {
    for n in SCHEDULERS {
        let s = Scheduler::with_schedulers(n);
        let main = start(&s, collector, &[tag::small(20), tag::NIL]);
        for _ in 0..n.min(2) {
            start(&s, looper, &[]);
        }
        for _ in 0..20 {
            start(&s, worker, &[tag::pid(main), tag::small(20)]);
        }
        let t0 = Instant::now();
        // The main process's end ends the run although the loopers never do.
        assert_eq!(s.run(Some(main)), Outcome::MainExited(0), "{n} schedulers");
        assert!(t0.elapsed() < Duration::from_secs(20));
    }
}

/// `receive after 20 -> ok end` in many processes at once, then tell Main.
unsafe extern "C" fn timed(p: *mut ProcessHeader, main: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    dict_put(p, -5, main);
    // SAFETY: continuing the same process.
    unsafe { timed_k(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

unsafe extern "C" fn timed_k(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: `p` is the running process.
    unsafe {
        if running(p).stack.depth(&running(p).header) > 1 {
            pop(p);
            if kiln_recv_timed_out(p) == 1 {
                kiln_bif_send(p, dict_get(p, -5), known::OK);
                return ret(p, known::OK);
            }
        }
        check(kiln_recv_peek(p) == tag::NON_VALUE);
        match kiln_recv_timer(p, tag::small(20)) {
            0 => wait_in(p, timed_k),
            _ => {
                kiln_bif_send(p, dict_get(p, -5), known::OK);
                ret(p, known::OK)
            }
        }
    }
}

#[test]
fn receive_timeouts_fire_with_many_schedulers() {
    for n in SCHEDULERS {
        let s = Scheduler::with_schedulers(n);
        let main = start(&s, collector, &[tag::small(200), tag::NIL]);
        for _ in 0..200 {
            start(&s, timed, &[tag::pid(main)]);
        }
        let t0 = Instant::now();
        assert_eq!(s.run(Some(main)), Outcome::MainExited(0), "{n} schedulers");
        assert!(t0.elapsed() >= Duration::from_millis(20));
    }
    assert_eq!(ERRORS.load(Ordering::SeqCst), 0);
}

#[test]
fn idle_is_detected_with_many_schedulers() {
    for n in SCHEDULERS {
        let s = Scheduler::with_schedulers(n);
        // Waits forever: nothing can send to it.
        let main = start(&s, victim, &[]);
        assert_eq!(s.run(Some(main)), Outcome::Idle, "{n} schedulers");
    }
}
