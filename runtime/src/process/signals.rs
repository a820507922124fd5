//! Signals between processes: exit signals, links, monitors and `'DOWN'`.
//!
//! Everything one process does to another goes through the target's inbox
//! (the lock-free queue messages use) as a [`Signal`] riding on a
//! [`Message`]: the message's term is the signal's payload (an exit
//! reason), copied into the message's own fragment like any message. So
//! signals and messages from one sender arrive in the order they were sent
//! (a reply sent before dying is received before the `'DOWN'`), and no
//! process ever writes another's heap or link set.
//!
//! The target handles its signals itself, in order, when it next looks at
//! its inbox: at the start of a time slice ([`at_slice_start`], when
//! [`SharedSig::pending`] says signals are queued) and whenever `receive`
//! moves the inbox into its private queue ([`drain`]). Handling a signal
//! may turn it into a message (`{'EXIT', From, Reason}` when trapping exits,
//! `{'DOWN', Ref, process, Obj, Reason}`), update its links or monitors, or
//! decide that it dies: then [`SharedSig::dying`] is set, its `exit_reason`
//! holds the reason, and at the start of its next slice it ends through
//! [`kiln_signal_exit`] instead of running its code.
//!
//! A process's links and monitors live in its shared half behind a mutex
//! ([`SigState`]). Requests that need no ordering with messages (`link`,
//! `unlink`, `monitor`, `demonitor`) update both ends at once under each
//! end's lock (never two locks at a time), so `process_info/2` of another
//! process sees them right away, as OTP's ordered signals would. A
//! process that ends sets `closed` under its lock as it takes its links
//! and monitors: a request either lands before (and is answered by the
//! exit signal or `'DOWN'` with the real reason) or sees the process gone
//! (`noproc`). Exit signals and `'DOWN'`, which must stay behind the
//! messages their sender sent before, travel through the queue.
//!
//! `process_info` of another process's private items is a request signal
//! too ([`Signal::Info`], [`request_info`]): the target answers with a
//! message `{Ref, Answer}` when it handles it, or `undefined` if it dies
//! first (see `info` and `stdlib/erlang.erl`).

use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::abi::{header, status, tag, ProcessHeader, Term};
use crate::atom::known;
use crate::mailbox::Message;
use crate::process::{table, Process, Shared};

pub const DOWN: Term = known::predefined("DOWN");
pub const NOPROC: Term = known::predefined("noproc");
pub const KILLED: Term = known::predefined("killed");
pub const KILL: Term = known::predefined("kill");

/// A signal, carried by a [`Message`] whose term is its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// An exit signal with the message term as reason: from `exit/2`
    /// (`link` false) or from the death of a linked process (`link` true).
    Exit { from: Term, link: bool },
    /// The process `from` that the target monitors under `r` ended, with
    /// the message term as reason.
    Down { from: Term, r: u64 },
    /// `process_info` from `from` about private items (the message term:
    /// one item or a list; every item of `process_info/1` when `all`): the
    /// target answers `{Ref, Answer}` (`r` is the reference's number) as
    /// a message to `from`. `status` is the run state `from` saw.
    Info { from: Term, r: u64, all: bool, status: Term },
    /// A message sent through alias `r` (see `process::alias`).
    Alias { r: u64 },
}

/// A monitor this process holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Monitor {
    /// The reference's unique number.
    pub r: u64,
    /// The monitored pid.
    pub target: Term,
    /// The registered name it was monitored by, or `NON_VALUE`.
    pub name: Term,
}

/// Links and monitors, written only by the owner.
#[derive(Debug, Default)]
pub struct SigState {
    /// Set once by the process as it ends; then nobody may add a link or
    /// monitor to it.
    pub closed: bool,
    pub links: Vec<Term>,
    /// Monitors held by this process.
    pub monitors: Vec<Monitor>,
    /// Monitors of this process: (reference number, monitoring pid).
    pub monitored_by: Vec<(u64, Term)>,
    /// `{M, F, A}` of the spawn, as atoms and an arity.
    pub initial_call: Option<(Term, Term, u32)>,
    /// Active aliases (reference numbers) and how each ends.
    pub aliases: Vec<(u64, crate::process::alias::Mode)>,
}

/// The signal-related half of [`Shared`].
#[derive(Debug)]
pub struct SharedSig {
    /// Signals queued in the inbox and not yet handled.
    pub(crate) pending: AtomicUsize,
    /// The process decided to die (its `exit_reason` holds the reason).
    dying: AtomicBool,
    trap_exit: AtomicBool,
    /// 0 low, 1 normal, 2 high, 3 max (for the scheduler to honour).
    priority: AtomicU8,
    /// The registered name (an atom), or 0; guarded by the registry lock.
    pub(crate) reg_name: AtomicU64,
    /// The group leader (a pid).
    group_leader: AtomicU64,
    /// `min_heap_size` in words.
    pub(crate) min_heap_size: AtomicUsize,
    /// Messages in the private queue, as last published by the owner.
    pub(crate) queue_len: AtomicUsize,
    /// Heap words, as last published by the owner (for `process_info`).
    pub(crate) heap_words: AtomicI64,
    /// Messages and signals pushed on the inbox and not yet drained.
    inbox_count: AtomicUsize,
    /// Reductions used in the slices that ended (the scheduler adds each).
    reductions: AtomicU64,
    state: Mutex<SigState>,
}

/// OTP's default `min_heap_size`.
pub const DEFAULT_MIN_HEAP: usize = 233;

impl Default for SharedSig {
    fn default() -> SharedSig {
        SharedSig {
            pending: AtomicUsize::new(0),
            dying: AtomicBool::new(false),
            trap_exit: AtomicBool::new(false),
            priority: AtomicU8::new(1),
            reg_name: AtomicU64::new(0),
            group_leader: AtomicU64::new(default_group_leader()),
            min_heap_size: AtomicUsize::new(DEFAULT_MIN_HEAP),
            queue_len: AtomicUsize::new(0),
            heap_words: AtomicI64::new(DEFAULT_MIN_HEAP as i64),
            inbox_count: AtomicUsize::new(0),
            reductions: AtomicU64::new(0),
            state: Mutex::new(SigState::default()),
        }
    }
}

/// The group leader a process starts with unless it inherits one: the
/// `user` I/O server (see `io_server`).
pub fn default_group_leader() -> Term {
    crate::io_server::default_group_leader()
}

impl SharedSig {
    /// Locks the links and monitors.
    pub fn lock(&self) -> MutexGuard<'_, SigState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
    pub fn trap_exit(&self) -> bool {
        self.trap_exit.load(Ordering::SeqCst)
    }
    pub(crate) fn set_trap_exit(&self, v: bool) -> bool {
        self.trap_exit.swap(v, Ordering::SeqCst)
    }
    pub fn priority(&self) -> u8 {
        self.priority.load(Ordering::Relaxed)
    }
    pub(crate) fn set_priority(&self, v: u8) -> u8 {
        self.priority.swap(v, Ordering::Relaxed)
    }
    pub fn group_leader(&self) -> Term {
        self.group_leader.load(Ordering::Relaxed)
    }
    pub(crate) fn set_group_leader(&self, gl: Term) {
        self.group_leader.store(gl, Ordering::Relaxed)
    }
    /// The registered name, if any.
    pub fn registered_name(&self) -> Option<Term> {
        match self.reg_name.load(Ordering::SeqCst) {
            0 => None,
            a => Some(a),
        }
    }
    /// Counts a push on the inbox (before pushing).
    pub(crate) fn note_push(&self) {
        self.inbox_count.fetch_add(1, Ordering::Relaxed);
    }
    /// Entries on the inbox, roughly (for `process_info` of others).
    pub fn inbox_count(&self) -> usize {
        self.inbox_count.load(Ordering::Relaxed)
    }
    /// Reductions used by the slices that ended.
    pub fn reductions(&self) -> u64 {
        self.reductions.load(Ordering::Relaxed)
    }
    /// Counts the reductions of a slice that just ended (the scheduler).
    pub(crate) fn add_reductions(&self, n: u64) {
        self.reductions.fetch_add(n, Ordering::Relaxed);
    }
    /// Whether the process has decided to die.
    pub fn is_dying(&self) -> bool {
        self.dying.load(Ordering::SeqCst)
    }
    /// Whether the owner must look at its inbox before running on.
    pub fn needs_attention(&self) -> bool {
        self.pending.load(Ordering::SeqCst) > 0 || self.is_dying()
    }
}

/// Sends `sig` with payload `term` (copied) to `target`.
pub fn send_signal(target: &Shared, term: Term, sig: Signal) {
    let mut m = Message::copy_of(term);
    m.signal = Some(Box::new(sig));
    target.sig.pending.fetch_add(1, Ordering::SeqCst);
    crate::mailbox::deliver(target, m);
}

/// Sends a `process_info` request (see [`Signal::Info`]) about `items`
/// from `proc` to `target`; the reference the answer will carry, on
/// `proc`'s heap, or `None` when `target` has ended (or is ending).
///
/// The push happens under `target`'s signal lock, after checking
/// `closed`: a process that ends sets `closed` under that lock and then
/// answers what is left in its inbox ([`on_exit`]), so every request sent
/// gets exactly one answer.
pub fn request_info(proc: &mut Process, target: &Shared, items: Term, all: bool, status: Term) -> Option<Term> {
    let r = next_ref();
    let mut m = Message::copy_of(items);
    m.signal = Some(Box::new(Signal::Info { from: proc.pid(), r, all, status }));
    {
        let st = target.sig.lock();
        if st.closed || target.sig.is_dying() {
            return None;
        }
        target.sig.pending.fetch_add(1, Ordering::SeqCst);
        target.sig.note_push();
        target.inbox.push(m);
    }
    crate::scheduler::wake(target);
    Some(ref_term(proc, r))
}

/// Sends `{Ref, Answer}` (`r` the reference's number) to `to`.
fn reply_info(proc: &mut Process, to: Term, r: u64, answer: Term) {
    let rt = ref_term(proc, r);
    let t = proc.tuple(&[rt, answer]);
    crate::mailbox::send(to, t);
}

/// Answers `undefined` to an info request `sig`, if it is one (the
/// process is ending); returns whether it was.
fn refuse_info(proc: &mut Process, sig: &Signal) -> bool {
    match *sig {
        Signal::Info { from, r, .. } => {
            reply_info(proc, from, r, known::UNDEFINED);
            true
        }
        _ => false,
    }
}

/// Applies a link or monitor request to `target`'s state unless it has
/// closed itself; false if it has (the target is gone).
fn request(target: &Shared, f: impl FnOnce(&mut SigState)) -> bool {
    let mut st = target.sig.lock();
    if st.closed {
        return false;
    }
    f(&mut st);
    true
}

/// Puts a plain message built by `proc` itself (from terms on its heap) in
/// its own inbox, behind what already arrived.
pub fn send_self(proc: &mut Process, term: Term) {
    let m = Message::copy_of(term);
    proc.shared.sig.note_push();
    proc.shared.inbox.push(m);
}

/// A new reference number (shared with `make_ref/0`).
pub fn next_ref() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Builds the reference term for number `r` on `proc`'s heap.
pub fn ref_term(proc: &mut Process, r: u64) -> Term {
    let w = proc.alloc(2);
    // SAFETY: `alloc` returned two fresh words.
    unsafe {
        w.write(header::make(header::REF, 1));
        w.add(1).write(r);
    }
    tag::boxed(w)
}

/// The number of a reference term made by [`ref_term`], if `t` is one.
pub fn ref_number(t: Term) -> Option<u64> {
    if !tag::is_boxed(t) {
        return None;
    }
    let p = tag::boxed_ptr(t);
    // SAFETY: a boxed term points at its header word; a REF has its raw
    // words after it.
    unsafe {
        let h = *p;
        (h & tag::MASK == tag::HEADER && header::subtag(h) == header::REF && header::arity(h) >= 1).then(|| *p.add(1))
    }
}

/// `{Name, node()}`.
pub fn name_node(proc: &mut Process, name: Term) -> Term {
    let node = crate::atom::intern(crate::etf::encode::NODE);
    proc.tuple(&[name, node])
}

/// Moves the inbox into the private queue, handling signals on the way.
/// Stops early when a signal kills the process.
pub fn drain(proc: &mut Process) {
    let old = proc.mailbox.len();
    let Process { mailbox, shared, heap, .. } = proc;
    mailbox.fill_from(&shared.inbox);
    let moved = mailbox.len() - old;
    let _ =
        shared.sig.inbox_count.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(moved)));
    shared.sig.heap_words.store(proc_heap_words(heap), Ordering::Relaxed);
    // A sender counts a signal in `pending` before pushing it, so a signal
    // in this batch is seen here.
    if proc.shared.sig.pending.load(Ordering::SeqCst) > 0 && proc.mailbox.len() > old {
        let batch = proc.mailbox.split_off(old);
        for mut m in batch {
            if proc.shared.sig.is_dying() {
                // Messages and signals are dropped with the process; info
                // requests are answered `undefined` (it is no longer alive).
                if let Some(sig) = m.signal.take() {
                    proc.shared.sig.pending.fetch_sub(1, Ordering::SeqCst);
                    refuse_info(proc, &sig);
                }
                continue;
            }
            match m.signal.take() {
                None => proc.mailbox.push_back(m),
                Some(sig) => {
                    proc.shared.sig.pending.fetch_sub(1, Ordering::SeqCst);
                    handle(proc, *sig, m);
                }
            }
        }
    }
    proc.shared.sig.queue_len.store(proc.mailbox.len(), Ordering::Relaxed);
}

fn proc_heap_words(h: &crate::heap::Heap) -> i64 {
    h.size() as i64
}

/// Called by the scheduler (through `Shared::set_state(RUNNING)`) when it
/// is about to run a process whose [`SharedSig::needs_attention`]: handles
/// the queued signals; a process that must die ends through
/// [`kiln_signal_exit`] instead of resuming its code.
pub fn at_slice_start(proc: &mut Process) {
    drain(proc);
    if proc.shared.sig.is_dying() {
        proc.header.resume = Some(kiln_signal_exit);
    }
}

/// The code a process killed by a signal runs: it ends with the reason
/// already in `exit_reason`.
///
/// # Safety
/// `p` must be the running process's header.
pub unsafe extern "C" fn kiln_signal_exit(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    proc.crashed = false;
    status::EXIT
}

/// Decides that `proc` dies of `reason` (a term on its heap, or in `frag`
/// which then joins the heap).
fn die(proc: &mut Process, reason: Term, frag: Option<crate::heap::Fragment>) {
    if let Some(f) = frag {
        proc.heap.adopt(f);
    }
    proc.exit_reason = reason;
    proc.shared.sig.dying.store(true, Ordering::SeqCst);
}

/// Makes the running process die right now of `reason` from inside a BIF
/// (`exit(self(), R)`): nothing may catch it, so the Erlang stack is
/// emptied and an `exit` exception raised; unwinding then finds no handler
/// and ends the process. Returns `NON_VALUE` for the BIF to return.
pub fn die_now(proc: &mut Process, reason: Term) -> Term {
    proc.shared.sig.dying.store(true, Ordering::SeqCst);
    let Process { stack, header, .. } = proc;
    stack.reset(header);
    proc.raise(known::EXIT, reason)
}

/// Handles one signal; `m` carries its payload.
fn handle(proc: &mut Process, sig: Signal, m: Message) {
    let me = proc.pid();
    match sig {
        Signal::Exit { from, link } => {
            let reason = m.term;
            if link {
                let mut st = proc.shared.sig.lock();
                let Some(i) = st.links.iter().position(|&l| l == from) else {
                    return;
                };
                st.links.swap_remove(i);
            }
            if !link && reason == KILL {
                die(proc, KILLED, None);
            } else if proc.shared.sig.trap_exit() {
                let t = proc.tuple(&[known::EXIT_TAG, from, reason]);
                proc.mailbox.push_back(Message::copy_of(t));
            } else if reason == known::NORMAL {
                if from == me && !link {
                    die(proc, known::NORMAL, None);
                }
            } else {
                die(proc, reason, m.frag);
            }
        }
        Signal::Down { from, r } => {
            let mon = {
                let mut st = proc.shared.sig.lock();
                let Some(i) = st.monitors.iter().position(|mo| mo.r == r) else {
                    return;
                };
                st.monitors.remove(i)
            };
            let _ = from;
            end_monitor_alias(proc, r);
            let msg = down_message(proc, mon, m.term);
            proc.mailbox.push_back(Message::copy_of(msg));
        }
        Signal::Info { from, r, all, status } => {
            let answer = crate::process::info::answer(proc, m.term, all, status);
            reply_info(proc, from, r, answer);
        }
        Signal::Alias { r } => crate::process::alias::receive(proc, r, m),
    }
}

/// `{'DOWN', Ref, process, Obj, Reason}` on `proc`'s heap.
fn down_message(proc: &mut Process, mon: Monitor, reason: Term) -> Term {
    let r = ref_term(proc, mon.r);
    let obj = if mon.name == tag::NON_VALUE { mon.target } else { name_node(proc, mon.name) };
    let kind = if crate::port::is_port(mon.target) { "port" } else { "process" };
    let process = crate::atom::intern(kind);
    proc.tuple(&[DOWN, r, process, obj, reason])
}

/// `link(Pid)` from `proc`: `Ok(())`, or `Err(())` when `pid` is gone and
/// `proc` does not trap exits (the caller raises `noproc`).
pub fn link(proc: &mut Process, pid: Term) -> Result<(), ()> {
    let me = proc.pid();
    if pid == me || proc.shared.sig.lock().links.contains(&pid) {
        return Ok(());
    }
    let sent = table::lookup(tag::pid_serial(pid)).is_some_and(|t| {
        request(&t, |st| {
            if !st.links.contains(&me) {
                st.links.push(me);
            }
        })
    });
    if sent {
        proc.shared.sig.lock().links.push(pid);
        return Ok(());
    }
    if proc.shared.sig.trap_exit() {
        let t = proc.tuple(&[known::EXIT_TAG, pid, NOPROC]);
        send_self(proc, t);
        return Ok(());
    }
    Err(())
}

/// `unlink(Pid)` from `proc`.
pub fn unlink(proc: &mut Process, pid: Term) {
    let removed = {
        let mut st = proc.shared.sig.lock();
        let before = st.links.len();
        st.links.retain(|&l| l != pid);
        st.links.len() != before
    };
    if removed {
        if let Some(t) = table::lookup(tag::pid_serial(pid)) {
            let me = proc.pid();
            t.sig.lock().links.retain(|&l| l != me);
        }
    }
}

/// `monitor(process, ...)` of `pid` (monitored by registered name `name`,
/// or `NON_VALUE`, or `pid` = `NON_VALUE` for a name that is not
/// registered); returns the reference.
pub fn monitor(proc: &mut Process, pid: Term, name: Term) -> Term {
    let r = next_ref();
    let rt = ref_term(proc, r);
    let me = proc.pid();
    if pid == me {
        return rt; // monitoring oneself does nothing
    }
    let target = if pid == tag::NON_VALUE { None } else { table::lookup(tag::pid_serial(pid)) };
    let mon = Monitor { r, target: pid, name };
    if target.is_some_and(|t| request(&t, |st| st.monitored_by.push((r, me)))) {
        proc.shared.sig.lock().monitors.push(mon);
    } else {
        let msg = down_message(proc, mon, NOPROC);
        send_self(proc, msg);
    }
    rt
}

/// `demonitor(Ref)`: whether the monitor was active.
pub fn demonitor(proc: &mut Process, r: u64) -> bool {
    let mon = {
        let mut st = proc.shared.sig.lock();
        st.monitors.iter().position(|m| m.r == r).map(|i| st.monitors.remove(i))
    };
    let Some(mon) = mon else { return false };
    end_monitor_alias(proc, r);
    if crate::port::is_port(mon.target) {
        crate::port::control::demonitor(mon.target, r);
        return true;
    }
    if let Some(t) = table::lookup(tag::pid_serial(mon.target)) {
        t.sig.lock().monitored_by.retain(|&(n, _)| n != r);
    }
    true
}

/// A monitor created with `{alias, demonitor | reply_demonitor}` ends its
/// alias when it goes.
fn end_monitor_alias(proc: &mut Process, r: u64) {
    use crate::process::alias::{self, Mode};
    if matches!(alias::mode(proc, r), Some(Mode::Demonitor | Mode::Reply)) {
        alias::deactivate(proc, r);
    }
}

/// Removes every `{'DOWN', Ref, ...}` message for reference number `r`.
pub fn flush_down(proc: &mut Process, r: u64) {
    drain(proc);
    proc.mailbox.remove_where(|t| is_down_for(t, r));
    proc.shared.sig.queue_len.store(proc.mailbox.len(), Ordering::Relaxed);
}

fn is_down_for(t: Term, r: u64) -> bool {
    if !tag::is_boxed(t) {
        return false;
    }
    let p = tag::boxed_ptr(t);
    // SAFETY: a boxed term points at its header; a 5-tuple has 5 elements.
    unsafe { *p == header::tuple(5) && *p.add(1) == DOWN && ref_number(*p.add(2)) == Some(r) }
}

/// `exit(Pid, Reason)` from `proc` to another process.
pub fn exit_other(proc: &Process, pid: Term, reason: Term) {
    if let Some(t) = table::lookup(tag::pid_serial(pid)) {
        send_signal(&t, reason, Signal::Exit { from: proc.pid(), link: false });
    }
}

/// `exit(self(), Reason)`: `Ok(())` when the process goes on (the signal
/// became a message or was ignored), else the BIF's `NON_VALUE` after
/// [`die_now`].
pub fn exit_self(proc: &mut Process, reason: Term) -> Result<(), Term> {
    let me = proc.pid();
    if reason == KILL {
        return Err(die_now(proc, KILLED));
    }
    if proc.shared.sig.trap_exit() {
        let t = proc.tuple(&[known::EXIT_TAG, me, reason]);
        send_self(proc, t);
        return Ok(());
    }
    Err(die_now(proc, reason))
}

/// Sets up the links and monitors of a process being spawned by `parent`
/// (not running yet, so written directly). Returns the monitor's reference
/// number when `monitor` is set.
pub fn spawn_relations(parent: &mut Process, child: &Process, link: bool, monitor: bool) -> Option<u64> {
    let (me, cpid) = (parent.pid(), child.pid());
    if link {
        child.shared.sig.lock().links.push(me);
        parent.shared.sig.lock().links.push(cpid);
    }
    monitor.then(|| {
        let r = next_ref();
        child.shared.sig.lock().monitored_by.push((r, me));
        parent.shared.sig.lock().monitors.push(Monitor { r, target: cpid, name: tag::NON_VALUE });
        r
    })
}

/// What an ending process owes others: closes it against new links and
/// monitors, handles what is still queued, then sends exit signals to its
/// links, `'DOWN'` to its monitors' owners, and drops its own monitors.
/// Returns whether it died of a signal.
pub fn on_exit(proc: &mut Process) -> bool {
    let by_signal = proc.shared.sig.is_dying();
    crate::process::registry::remove_dead(&proc.shared);
    // Its ETS tables go (or pass to their heirs) before links and
    // monitors fire, as in OTP.
    crate::ets::process_exited(proc);
    crate::process::alias::drop_all(proc);
    let st = {
        let mut guard = proc.shared.sig.lock();
        let st = std::mem::take(&mut *guard);
        guard.closed = true;
        guard.initial_call = st.initial_call;
        st
    };
    // Nothing can be pushed with a request any more: answer those still
    // queued (see `request_info`); other signals and messages go with it.
    let mut rest = std::collections::VecDeque::new();
    proc.shared.inbox.drain_into(&mut rest);
    for mut m in rest {
        if let Some(sig) = m.signal.take() {
            proc.shared.sig.pending.fetch_sub(1, Ordering::SeqCst);
            refuse_info(proc, &sig);
        }
    }
    let me = proc.pid();
    let reason = proc.exit_reason;
    for l in st.links {
        if crate::port::is_port(l) {
            crate::port::control::exit_signal(l, me, reason, true);
            continue;
        }
        if let Some(t) = table::lookup(tag::pid_serial(l)) {
            send_signal(&t, reason, Signal::Exit { from: me, link: true });
        }
    }
    for (r, watcher) in st.monitored_by {
        if let Some(t) = table::lookup(tag::pid_serial(watcher)) {
            send_signal(&t, reason, Signal::Down { from: me, r });
        }
    }
    for m in st.monitors {
        if crate::port::is_port(m.target) {
            crate::port::control::demonitor(m.target, m.r);
            continue;
        }
        if let Some(t) = table::lookup(tag::pid_serial(m.target)) {
            t.sig.lock().monitored_by.retain(|&(n, _)| n != m.r);
        }
    }
    by_signal
}

#[cfg(test)]
mod tests;
