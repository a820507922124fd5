//! The timer service: every timer of the program (`erlang:send_after`,
//! `erlang:start_timer`, the `timer` module, and receive timeouts once the
//! scheduler uses it) lives here, shared by all scheduler threads.
//!
//! # API (stable; the scheduler calls it)
//!
//! - [`start`]`(deadline, action) -> TimerId`: arms a timer. O(log n).
//! - [`cancel`]`(id) -> Option<Duration>`: disarms it; the time that was
//!   left, or `None` if it already fired (or never existed). O(log n).
//!   Once `cancel` returns `Some`, the action never runs; once it returns
//!   `None` for a one-shot timer, the action has run (a message was already
//!   delivered: delivery happens under the service's lock).
//! - [`read`]`(id) -> Option<Duration>`: the time left, without disarming.
//! - [`next_deadline`]`() -> Option<Instant>`: the earliest pending
//!   deadline. Lock-free (one atomic load).
//! - [`fire_expired`]`(now) -> usize`: runs every action due at `now`;
//!   returns how many ran. Lock-free when nothing is due, so it may be
//!   called on every iteration of a scheduler loop. Safe to call from
//!   several threads at once (each timer fires exactly once).
//! - [`wake_hook`]`(f)`: registers the callback that [`start`] calls (on
//!   the starting thread, outside the service's lock) whenever a new timer
//!   becomes the earliest one, so a scheduler sleeping until the previous
//!   [`next_deadline`] can wake up and sleep less.
//!
//! # How the scheduler uses it
//!
//! ```text
//! at start-up:    timer::wake_hook(|| /* unpark / notify the sleeping scheduler(s) */);
//! each iteration: timer::fire_expired(Instant::now());
//! when idle:      match timer::next_deadline() {
//!                     Some(d) => sleep until d (or until the hook wakes us),
//!                     None => nothing can ever happen: idle }
//! receive ... after: id = timer::start(deadline, TimerAction::Wake { shared, gen });
//!                     timer::cancel(id) when the receive matches (optional:
//!                     a stale `gen` makes the wake-up a no-op anyway)
//! ```
//!
//! On wasm32 there are no threads: the single scheduler does exactly the
//! same (the lock is never contended).
//!
//! The schedulers register the wake hook at start-up ([`wake_hook`]) and
//! poll the service from their loops; a program never runs timers without
//! them.
//!
//! # Structure
//!
//! A `BTreeMap` ordered by `(deadline, id)` holds the actions, and a hash
//! map from id to deadline finds a timer for [`cancel`]/[`read`], both
//! behind one mutex; the earliest deadline is mirrored in an atomic for the
//! lock-free paths. Timers with the same deadline fire in the order they
//! were started. Millions of pending timers cost about 100 bytes each plus
//! their messages. Actions that may call back into the service
//! ([`TimerAction::Call`]) run after the lock is released; message
//! deliveries, spawns and wake-ups run under it (none of them touches the
//! service), at most [`BATCH`] per lock acquisition.
//!
//! Repeating timers ([`TimerAction::Repeat`]) keep their id: after each
//! firing they are re-armed at `previous deadline + period` (so they do not
//! drift), and they stop when the process they watch has exited.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, RwLock};
use std::time::{Duration, Instant};

use crate::abi::{tag, Term};
use crate::mailbox::Message;
use crate::process::Shared;

/// A timer's identity, unique in the program run (never reused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimerId(pub u64);

/// Who receives a timer's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest {
    /// A process, by pid serial; a message to an exited process is dropped.
    Pid(u64),
    /// A registered name (an atom), looked up when the timer fires; a
    /// message to a name nobody has registered then is dropped.
    Name(Term),
}

/// What a timer does when it expires.
pub enum TimerAction {
    /// Deliver `msg` to `to` (through the mailbox, waking the receiver).
    Send { to: Dest, msg: Message },
    /// Spawn a process running `apply(M, F, Args)`; `mfa` holds the tuple
    /// `{M, F, Args}`.
    Spawn { mfa: Message },
    /// Expire the receive timer of generation `gen` of `shared` and wake the
    /// process (a stale generation does nothing).
    Wake { shared: Arc<Shared>, gen: u64 },
    /// Run a closure (after the service's lock is released; it may start or
    /// cancel timers).
    Call(Box<dyn FnOnce() + Send>),
    /// Run `action` (a `Send` or `Spawn`: messages are copied for each
    /// firing) every `period` (at least 1 ms), as long as the process with
    /// serial `watch` (if any) has not exited.
    Repeat { period: Duration, watch: Option<u64>, action: Box<TimerAction> },
}

// SAFETY: a `Message`'s fragment is owned by the message alone and holds no
// pointer outside itself, so moving it to another thread is fine; `Shared`
// is `Send + Sync`, and `Call` closures are required to be `Send`.
unsafe impl Send for TimerAction {}

impl std::fmt::Debug for TimerAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TimerAction::Send { to, .. } => write!(f, "Send({to:?})"),
            TimerAction::Spawn { .. } => write!(f, "Spawn"),
            TimerAction::Wake { gen, .. } => write!(f, "Wake({gen})"),
            TimerAction::Call(_) => write!(f, "Call"),
            TimerAction::Repeat { period, action, .. } => {
                write!(f, "Repeat({period:?}, {action:?})")
            }
        }
    }
}

/// At most this many due actions run per acquisition of the lock.
pub const BATCH: usize = 1024;

/// The smallest period of a repeating timer.
pub const MIN_PERIOD: Duration = Duration::from_millis(1);

/// No pending timer (the value of [`TimerService::earliest`]).
const NONE: u64 = u64::MAX;

/// Hashes timer ids (sequential integers) by one multiplication: cheap, and
/// spreads them over the high bits the hash table probes with.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[derive(Default)]
struct Inner {
    by_deadline: BTreeMap<(Instant, u64), TimerAction>,
    deadlines: HashMap<u64, Instant, BuildHasherDefault<IdHasher>>,
}

impl Inner {
    fn insert(&mut self, deadline: Instant, id: u64, action: TimerAction) {
        self.by_deadline.insert((deadline, id), action);
        self.deadlines.insert(id, deadline);
    }
}

/// A set of timers. The program has one ([`global`]); tests make their own.
pub struct TimerService {
    inner: Mutex<Inner>,
    /// The earliest deadline in nanoseconds after [`base`], or [`NONE`].
    earliest: AtomicU64,
    next_id: AtomicU64,
}

impl Default for TimerService {
    fn default() -> Self {
        TimerService::new()
    }
}

/// The instant deadlines are measured from in the atomic mirror.
fn base() -> Instant {
    static BASE: OnceLock<Instant> = OnceLock::new();
    *BASE.get_or_init(Instant::now)
}

/// `t` as nanoseconds after [`base`] (0 before it, saturating far after).
fn to_ns(t: Instant) -> u64 {
    u64::try_from(t.saturating_duration_since(base()).as_nanos()).unwrap_or(NONE - 1)
}

impl TimerService {
    pub fn new() -> TimerService {
        base();
        TimerService { inner: Mutex::new(Inner::default()), earliest: AtomicU64::new(NONE), next_id: AtomicU64::new(1) }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Refreshes the atomic mirror of the earliest deadline (lock held).
    fn publish(&self, inner: &Inner) {
        let e = inner.by_deadline.keys().next().map_or(NONE, |&(d, _)| to_ns(d));
        self.earliest.store(e, Ordering::SeqCst);
    }

    /// A fresh timer id, for [`TimerService::start_with_id`].
    pub fn new_id(&self) -> TimerId {
        TimerId(self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    /// Arms a timer; the second value is true when it became the earliest
    /// (the caller then runs the wake hook).
    pub fn start_timer(&self, deadline: Instant, action: TimerAction) -> (TimerId, bool) {
        let id = self.new_id();
        (id, self.start_with_id(id, deadline, action))
    }

    /// Arms a timer under an id from [`TimerService::new_id`] (used once);
    /// true when it became the earliest.
    pub fn start_with_id(&self, id: TimerId, deadline: Instant, action: TimerAction) -> bool {
        let mut inner = self.lock();
        let earlier = inner.by_deadline.keys().next().is_none_or(|&(d, _)| deadline < d);
        inner.insert(deadline, id.0, action);
        if earlier {
            self.publish(&inner);
        }
        earlier
    }

    /// Disarms a timer; the time that was left, or `None`.
    pub fn cancel(&self, id: TimerId) -> Option<Duration> {
        let mut inner = self.lock();
        let deadline = inner.deadlines.remove(&id.0)?;
        let was_first = inner.by_deadline.keys().next() == Some(&(deadline, id.0));
        inner.by_deadline.remove(&(deadline, id.0));
        if was_first {
            self.publish(&inner);
        }
        drop(inner);
        Some(deadline.saturating_duration_since(Instant::now()))
    }

    /// The time left before a timer fires, or `None`.
    pub fn read(&self, id: TimerId) -> Option<Duration> {
        let deadline = *self.lock().deadlines.get(&id.0)?;
        Some(deadline.saturating_duration_since(Instant::now()))
    }

    /// The earliest pending deadline.
    pub fn next_deadline(&self) -> Option<Instant> {
        match self.earliest.load(Ordering::SeqCst) {
            NONE => None,
            ns => Some(base() + Duration::from_nanos(ns)),
        }
    }

    /// Pending timers.
    pub fn len(&self) -> usize {
        self.lock().deadlines.len()
    }

    /// Whether no timer is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs the actions due at `now`; returns how many ran.
    pub fn fire_expired(&self, now: Instant) -> usize {
        if self.earliest.load(Ordering::SeqCst) > to_ns(now) {
            return 0;
        }
        let mut fired = 0;
        loop {
            let mut calls: Vec<Box<dyn FnOnce() + Send>> = Vec::new();
            let more;
            {
                let mut inner = self.lock();
                let mut rearm = Vec::new();
                let mut n = 0;
                while n < BATCH {
                    let Some(entry) = inner.by_deadline.first_entry() else {
                        break;
                    };
                    if entry.key().0 > now {
                        break;
                    }
                    let ((deadline, id), action) = entry.remove_entry();
                    inner.deadlines.remove(&id);
                    n += 1;
                    match action {
                        TimerAction::Call(f) => calls.push(f),
                        TimerAction::Repeat { period, watch, action } => {
                            if watch.is_none_or(alive) {
                                run(&action);
                                let next = deadline.checked_add(period.max(MIN_PERIOD));
                                if let Some(next) = next {
                                    rearm.push((next, id, TimerAction::Repeat { period, watch, action }));
                                }
                            }
                        }
                        other => run(&other),
                    }
                }
                // A repeating timer that is already due again (it fell
                // behind) fires again in this call: it advances by at least
                // MIN_PERIOD each time, so this ends.
                let due_again = rearm.iter().any(|&(d, _, _)| d <= now);
                for (d, id, a) in rearm {
                    inner.insert(d, id, a);
                }
                more = n == BATCH || due_again;
                fired += n;
                self.publish(&inner);
            }
            for f in calls {
                f();
            }
            if !more {
                return fired;
            }
        }
    }
}

/// Whether the process with pid serial `serial` has not exited.
fn alive(serial: u64) -> bool {
    crate::process::table::lookup(serial).is_some_and(|s| s.state() != crate::process::EXITED)
}

/// Runs a one-shot action (not `Call`, not `Repeat`); messages of a
/// repeating timer are copied, so `action` stays usable.
fn run(action: &TimerAction) {
    match action {
        TimerAction::Send { to, msg } => {
            let target = match *to {
                Dest::Pid(serial) => crate::process::table::lookup(serial),
                Dest::Name(name) => crate::process::registry::whereis(name),
            };
            if let Some(shared) = target {
                crate::mailbox::deliver(&shared, Message::copy_of(msg.term));
            }
        }
        TimerAction::Spawn { mfa } => crate::bifs::timers::spawn_apply(mfa.term),
        TimerAction::Wake { shared, gen } => crate::mailbox::timer_expired(shared, *gen),
        TimerAction::Call(_) | TimerAction::Repeat { .. } => {}
    }
}

/// The program's timer service.
pub fn global() -> &'static TimerService {
    static GLOBAL: OnceLock<TimerService> = OnceLock::new();
    GLOBAL.get_or_init(TimerService::new)
}

type Hook = Arc<dyn Fn() + Send + Sync>;

fn hook_slot() -> &'static RwLock<Option<Hook>> {
    static HOOK: RwLock<Option<Hook>> = RwLock::new(None);
    &HOOK
}

/// Registers the callback run when a new timer becomes the earliest (see
/// the module docs). It runs on the thread that started the timer, with no
/// lock of the service held; it must not block. A later registration
/// replaces the earlier one.
pub fn wake_hook(hook: impl Fn() + Send + Sync + 'static) {
    *hook_slot().write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(hook));
}

/// Arms a timer in the program's service.
pub fn start(deadline: Instant, action: TimerAction) -> TimerId {
    let id = new_id();
    start_with_id(id, deadline, action);
    id
}

/// A fresh id for [`start_with_id`] (when the action must name its own
/// timer, like `start_timer`'s `{timeout, TRef, Msg}`).
pub fn new_id() -> TimerId {
    global().new_id()
}

/// Arms a timer under an id from [`new_id`] (each id used once).
pub fn start_with_id(id: TimerId, deadline: Instant, action: TimerAction) {
    if global().start_with_id(id, deadline, action) {
        notify_earlier();
    }
}

/// Runs the wake hook, if a scheduler registered one.
fn notify_earlier() {
    let hook = hook_slot().read().unwrap_or_else(PoisonError::into_inner).clone();
    if let Some(h) = hook {
        h();
    }
}

/// Disarms a timer of the program's service: the time that was left, or
/// `None` if it already fired or was cancelled.
pub fn cancel(id: TimerId) -> Option<Duration> {
    global().cancel(id)
}

/// The time left before a timer of the program's service fires, or `None`.
pub fn read(id: TimerId) -> Option<Duration> {
    global().read(id)
}

/// The earliest pending deadline of the program's service.
pub fn next_deadline() -> Option<Instant> {
    global().next_deadline()
}

/// Runs the program's timers due at `now`; returns how many fired.
pub fn fire_expired(now: Instant) -> usize {
    global().fire_expired(now)
}

/// The reference term numbers of timer references start here, so they
/// never equal a `make_ref/0` reference (which counts up from 1). They
/// print as `#Ref<0.0.32768.N>`.
pub const REF_BASE: u64 = 1 << 47;

/// The reference number of a timer's `TimerRef`.
pub fn ref_number(id: TimerId) -> u64 {
    REF_BASE + id.0
}

/// The timer of a reference number, if it is a timer reference.
pub fn id_of_ref_number(n: u64) -> Option<TimerId> {
    n.checked_sub(REF_BASE).filter(|&i| i > 0 && i < REF_BASE).map(TimerId)
}

/// A message term for a timer: `term` copied into its own fragment.
pub fn message(term: Term) -> Message {
    Message::copy_of(term)
}

/// A `Send` action to the process with pid `pid`.
pub fn send_to_pid(pid: Term, term: Term) -> TimerAction {
    TimerAction::Send { to: Dest::Pid(tag::pid_serial(pid)), msg: message(term) }
}

#[cfg(test)]
#[path = "timer_tests.rs"]
mod tests;
