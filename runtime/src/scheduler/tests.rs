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
