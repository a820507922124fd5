//! Schedulers: the threads that run processes, and the loop on each that
//! is the only native frame below running Erlang code.
//!
//! # Threads and queues
//!
//! A [`Scheduler`] is a pool of `n` scheduler threads (one per core by
//! default, see [`configured_count`]); [`Scheduler::run`] runs scheduler 0
//! on the calling thread (the thread that called `kiln_main`) and `n - 1`
//! more on scoped threads. Each scheduler owns a `crossbeam-deque`
//! [`Worker`] (FIFO run queue) and holds the [`Stealer`]s of all the others;
//! the pool has one global [`Injector`] for processes made runnable by
//! threads that are not its schedulers (and for processes spawned before
//! `run`). A process made runnable on a scheduler thread (spawned, woken by
//! a message sent from it, yielding) goes on that scheduler's own queue.
//! On wasm32 there are no threads: one scheduler, same loop.
//!
//! Finding work, in order: the injector when it is not empty (it only
//! receives work from other threads, so this is one load in the steady
//! state), the own queue, the other schedulers' queues
//! (a batch is stolen, starting after the own index), then a short bounded
//! spin (a few rounds of the above with `yield_now`), then sleep.
//!
//! # Parking and the wake protocol
//!
//! A scheduler with nothing to run sleeps on the pool's condition variable
//! (with a timeout at the earliest receive deadline, if any). No wake is
//! ever lost:
//!
//! - A sleeper takes the pool's `sleep` mutex, increments `sleepers`
//!   (SeqCst), issues a SeqCst fence, and only then looks at every queue
//!   once more; it waits on the condvar (which releases the mutex) only if
//!   all are empty, and decrements `sleepers` when it wakes.
//! - Whoever makes a process runnable pushes it on a queue first, then
//!   issues a SeqCst fence, then reads `sleepers`; if it is non-zero it
//!   takes the `sleep` mutex and signals the condvar.
//!
//! By the two fences, either the sleeper's last look sees the task or the
//! pusher sees the sleeper counted; in the second case the pusher cannot
//! take the mutex until the sleeper is waiting on the condvar (it holds the
//! mutex from the increment to the wait), so the signal reaches it.
//! Spurious wake-ups just mean another look at the queues. A yield pushes
//! the process back on its own queue and signals only if that queue now
//! holds other work too (nobody needs to steal a lone yielder).
//!
//! The run-state machine of each process (see `process`) makes sure a
//! process is in at most one queue: only the winner of the `WAITING →
//! RUNNABLE` compare-and-swap enqueues it, and only the scheduler running
//! it moves it out of `RUNNING`.
//!
//! # Timers
//!
//! Receive timeouts, like every other timer, live in the program's timer
//! service ([`crate::timer`]). Every scheduler polls it once per loop
//! iteration (one atomic load while nothing is due; the service fires each
//! timer exactly once however many schedulers poll); sleepers sleep until
//! [`crate::timer::next_deadline`]. The pool registers the service's wake
//! hook, which wakes the sleepers when a new timer becomes the earliest, so
//! they shorten their sleep.
//!
//! # Shutdown
//!
//! When the main process ends, its scheduler records the outcome, sets the
//! pool's `stop` flag and wakes every sleeper; every scheduler finishes the
//! time slice it is in (at most one slice: reductions bound it), leaves its
//! loop, and `run` joins the threads and returns the exit status (the
//! processes still runnable or waiting are left as they are: the program
//! ends, as escript's `halt` after `main`). When every scheduler is asleep,
//! no queue holds work and no timer is pending, nothing can ever run again:
//! `run` returns [`Outcome::Idle`].
//!
//! # Running a process
//!
//! Calling its code with the process pointer: its `resume` function with
//! `args[0..4]` in registers, or, when `resume` is null (after a receive
//! wait), the top frame's continuation with `a0 = []`. Generated code runs a
//! chain of tail calls and comes back with a status:
//!
//! - `YIELD`: reductions used up; requeue at the back.
//! - `WAIT`: parked (its argument array released, see `process`) until a
//!   message or its receive timer.
//! - `EXIT`: report abnormal exits (`process::exit`), unregister the pid,
//!   free the process. When the main process ends, the pool stops.
//!
//! # API kept stable for other runtime modules
//!
//! [`spawn`] (register and make runnable), [`wake`] (make a waiting process
//! runnable, from any thread), [`enqueue`], [`add_timer`]: they work from
//! scheduler threads and from any other thread.

use std::cell::Cell;
use std::ptr::NonNull;
use std::sync::atomic::{fence, AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError, Weak};
use std::time::Instant;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use crate::abi::{status, tag, ProcessHeader, Term, REDUCTIONS_PER_SLICE};
use crate::process::{self, table, Parked, Process, Shared};

/// A runnable process: owning it means being allowed to run it. Either the
/// full process or, for one woken from a receive wait, its parked image.
pub struct Task {
    ptr: NonNull<()>,
    parked: bool,
}

// SAFETY: a task transfers exclusive ownership of its process (see the run
// states in `process`); the process itself has no thread affinity.
unsafe impl Send for Task {}

impl Task {
    fn running(p: NonNull<Process>) -> Task {
        Task { ptr: p.cast(), parked: false }
    }

    fn parked(p: NonNull<Parked>) -> Task {
        Task { ptr: p.cast(), parked: true }
    }

    /// The full process, unparking it if needed.
    ///
    /// # Safety
    /// The caller owns the task.
    unsafe fn into_process(self) -> *mut Process {
        if self.parked {
            // SAFETY: a parked task holds an image made by `park`, owned
            // by the task's owner.
            Box::into_raw(unsafe { Process::unpark(self.ptr.cast()) })
        } else {
            self.ptr.cast().as_ptr()
        }
    }
}

/// Locks, ignoring poisoning (a panicking scheduler thread aborts the
/// program anyway; the data under these locks stays consistent).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the schedulers of one pool share.
struct Pool {
    /// Number of schedulers (threads) in the pool.
    n: usize,
    injector: Injector<Task>,
    stealers: Vec<Stealer<Task>>,
    /// Held by a scheduler from "counted as a sleeper" to "waiting on
    /// `wakeup`", and by a waker while it signals (see the module docs).
    sleep: Mutex<()>,
    wakeup: Condvar,
    sleepers: AtomicUsize,
    /// Set when the pool must stop (main process ended, or idle).
    stop: AtomicBool,
    outcome: Mutex<Option<Outcome>>,
    /// The serial of the process whose end ends the run.
    main: AtomicU64,
}

impl Pool {
    /// Wakes one sleeping scheduler, if any (after a push; see the module
    /// docs for why the fence comes first).
    fn notify(&self) {
        fence(Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            let _g = lock(&self.sleep);
            self.wakeup.notify_one();
        }
    }

    fn notify_all(&self) {
        let _g = lock(&self.sleep);
        self.wakeup.notify_all();
    }

    fn finish(&self, outcome: Outcome) {
        {
            let mut o = lock(&self.outcome);
            if o.is_none() {
                *o = Some(outcome);
            }
        }
        self.stop.store(true, Ordering::SeqCst);
        self.notify_all();
    }

    /// Whether any queue may hold work (racy; exact under the protocol's
    /// fence when used by a sleeper).
    fn has_work(&self, local: &Worker<Task>) -> bool {
        !local.is_empty()
            || !self.injector.is_empty()
            || !orphans().is_empty()
            || self.stealers.iter().any(|s| !s.is_empty())
    }
}

/// Fires the timers that are due (a single atomic load when none is).
fn fire_timers() {
    if let Some(d) = crate::timer::next_deadline() {
        let now = Instant::now();
        if now >= d {
            crate::timer::fire_expired(now);
        }
    }
}

/// Runnable tasks from threads that run no scheduler while no pool is
/// running; every pool takes from it.
fn orphans() -> &'static Injector<Task> {
    static ORPHANS: OnceLock<Injector<Task>> = OnceLock::new();
    ORPHANS.get_or_init(Injector::new)
}

/// The pool that ran most recently: where threads that run no scheduler
/// send the processes they wake and the timers they arm.
static DEFAULT_POOL: Mutex<Option<Weak<Pool>>> = Mutex::new(None);

fn default_pool() -> Option<Arc<Pool>> {
    lock(&DEFAULT_POOL).as_ref().and_then(Weak::upgrade)
}

/// The scheduler running on this thread.
struct Ctx {
    pool: *const Pool,
    local: *const Worker<Task>,
}

thread_local! {
    static CURRENT: Cell<Option<NonNull<Ctx>>> = const { Cell::new(None) };
}

/// Calls `f` with this thread's scheduler, if it runs one.
fn with_current<R>(f: impl FnOnce(Option<(&Pool, &Worker<Task>)>) -> R) -> R {
    let ctx = CURRENT.try_with(Cell::get).ok().flatten();
    match ctx {
        // SAFETY: CURRENT points at a `Ctx` on the stack of `worker_loop`,
        // running on this thread, whose pool and worker outlive the loop; it
        // is cleared before the loop returns.
        Some(c) => unsafe {
            let c = c.as_ref();
            f(Some((&*c.pool, &*c.local)))
        },
        None => f(None),
    }
}

/// How [`Scheduler::run`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The main process ended; the program's exit status.
    MainExited(i32),
    /// Nothing is runnable and no timer is pending.
    Idle,
}

/// Upper bound on schedulers (a bad `KILN_SCHEDULERS` must not spawn a
/// million threads).
pub const MAX_SCHEDULERS: usize = 1024;

/// The default set by the executable (`kiln build --schedulers N`); 0 =
/// one per core.
static BUILD_DEFAULT: AtomicU32 = AtomicU32::new(0);

/// `kiln_set_default_schedulers(n)`: called by the generated C `main`
/// before `kiln_main` when the program was built with `--schedulers N`.
#[no_mangle]
pub extern "C" fn kiln_set_default_schedulers(n: u32) {
    BUILD_DEFAULT.store(n, Ordering::SeqCst);
}

/// How many schedulers a program runs: `KILN_SCHEDULERS` if set to a
/// positive number, else the build-time default, else one per core
/// (`available_parallelism`). Always 1 on wasm32 (no threads).
pub fn configured_count() -> usize {
    if cfg!(target_family = "wasm") {
        return 1;
    }
    let env = std::env::var("KILN_SCHEDULERS").ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|&n| n > 0);
    let build = Some(BUILD_DEFAULT.load(Ordering::SeqCst) as usize).filter(|&n| n > 0);
    let n = env.or(build).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    n.clamp(1, MAX_SCHEDULERS)
}

/// Native stack of each scheduler thread: as much as a main thread usually
/// gets (runtime code recurses on deep terms).
const THREAD_STACK: usize = 8 << 20;

/// A pool of schedulers (see the module docs).
pub struct Scheduler {
    pool: Arc<Pool>,
    /// The run queues, handed to the threads during `run`.
    workers: Mutex<Vec<Worker<Task>>>,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new()
    }
}

impl Scheduler {
    /// One scheduler (runs on the thread calling `run`).
    pub fn new() -> Scheduler {
        Scheduler::with_schedulers(1)
    }

    /// `n` schedulers (1 on wasm32).
    pub fn with_schedulers(n: usize) -> Scheduler {
        let n = if cfg!(target_family = "wasm") { 1 } else { n.clamp(1, MAX_SCHEDULERS) };
        let workers: Vec<Worker<Task>> = (0..n).map(|_| Worker::new_fifo()).collect();
        let pool = Pool {
            n,
            injector: Injector::new(),
            stealers: workers.iter().map(Worker::stealer).collect(),
            sleep: Mutex::new(()),
            wakeup: Condvar::new(),
            sleepers: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            outcome: Mutex::new(None),
            main: AtomicU64::new(0),
        };
        Scheduler { pool: Arc::new(pool), workers: Mutex::new(workers) }
    }

    /// Number of schedulers.
    pub fn schedulers(&self) -> usize {
        self.pool.n
    }

    /// Runs processes until the process with serial `main` exits (its exit
    /// status is returned) or, with `main = None` or a `main` that is still
    /// waiting, until nothing can run any more. May be called again.
    pub fn run(&self, main: Option<u64>) -> Outcome {
        // Unit tests run many pools in one program, but timers and wakes from
        // threads outside a pool go to "the" pool: one runs at a time.
        #[cfg(test)]
        let _one_at_a_time = {
            static RUNNING: Mutex<()> = Mutex::new(());
            lock(&RUNNING)
        };
        let pool = &*self.pool;
        pool.main.store(main.unwrap_or(0), Ordering::SeqCst);
        pool.stop.store(false, Ordering::SeqCst);
        *lock(&pool.outcome) = None;
        *lock(&DEFAULT_POOL) = Some(Arc::downgrade(&self.pool));
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            // A new earliest timer: sleepers re-compute how long to sleep.
            crate::timer::wake_hook(|| {
                if let Some(pool) = default_pool() {
                    if pool.sleepers.load(Ordering::SeqCst) > 0 {
                        pool.notify_all();
                    }
                }
            })
        });
        let mut workers = std::mem::take(&mut *lock(&self.workers));
        let first = workers.remove(0);
        let others = std::thread::scope(|scope| {
            let handles: Vec<_> = workers
                .into_iter()
                .enumerate()
                .map(|(i, w)| {
                    std::thread::Builder::new()
                        .name(format!("kiln-scheduler-{}", i + 1))
                        .stack_size(THREAD_STACK)
                        .spawn_scoped(scope, move || {
                            worker_loop(pool, &w, i + 1);
                            w
                        })
                        .expect("cannot start a scheduler thread")
                })
                .collect();
            worker_loop(pool, &first, 0);
            let mut back = vec![first];
            back.extend(handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))));
            back
        });
        *lock(&self.workers) = others;
        lock(&pool.outcome).unwrap_or(Outcome::Idle)
    }

    /// Registers a new process and puts it on the pool's injector; returns
    /// its pid.
    pub fn spawn(&self, proc: Box<Process>) -> Term {
        let pid = register(&proc);
        self.pool.injector.push(Task::running(NonNull::from(Box::leak(proc))));
        self.pool.notify();
        pid
    }
}

/// Rounds of looking for work (with `yield_now` in between) before sleeping.
const SPIN_ROUNDS: usize = 3;

/// The loop of scheduler `index` of `pool`, with run queue `local`.
fn worker_loop(pool: &Pool, local: &Worker<Task>, index: usize) {
    let ctx = Ctx { pool, local };
    let prev = CURRENT.with(|c| c.replace(Some(NonNull::from(&ctx))));
    crate::statistics::enter_scheduler(index);
    let mut tick: u32 = 0;
    while !pool.stop.load(Ordering::Relaxed) {
        fire_timers();
        tick = tick.wrapping_add(1);
        let mut task = find_task(pool, local, index, tick);
        let mut round = 0;
        while task.is_none() && round < SPIN_ROUNDS {
            std::thread::yield_now();
            fire_timers();
            task = find_task(pool, local, index, tick);
            round += 1;
        }
        match task {
            // SAFETY: the task came from a run queue, so this scheduler
            // now owns the process.
            Some(t) => unsafe { run_one(pool, local, t) },
            None => sleep(pool, local),
        }
    }
    crate::statistics::leave_scheduler();
    CURRENT.with(|c| c.set(prev));
}

fn steal_into(from: impl Fn() -> Steal<Task>) -> Option<Task> {
    loop {
        match from() {
            Steal::Success(t) => return Some(t),
            Steal::Empty => return None,
            Steal::Retry => std::hint::spin_loop(),
        }
    }
}

fn find_task(pool: &Pool, local: &Worker<Task>, index: usize, tick: u32) -> Option<Task> {
    // Newcomers from other threads first (the injector is empty in the
    // steady state, so this costs one load).
    if !pool.injector.is_empty() || tick % 61 == 0 {
        if let Some(t) = steal_into(|| pool.injector.steal_batch_and_pop(local)) {
            return Some(t);
        }
    }
    if let Some(t) = local.pop() {
        return Some(t);
    }
    if let Some(t) = steal_into(|| pool.injector.steal_batch_and_pop(local)) {
        return Some(t);
    }
    let n = pool.stealers.len();
    for k in 1..n {
        let s = &pool.stealers[(index + k) % n];
        if let Some(t) = steal_into(|| s.steal_batch_and_pop(local)) {
            return Some(t);
        }
    }
    steal_into(|| orphans().steal_batch_and_pop(local))
}

/// Sleeps until work may be available (see the wake protocol in the
/// module docs), the earliest timer deadline, or the pool stopping.
fn sleep(pool: &Pool, local: &Worker<Task>) {
    let guard = lock(&pool.sleep);
    let sleepers = pool.sleepers.fetch_add(1, Ordering::SeqCst) + 1;
    fence(Ordering::SeqCst);
    let done = |g: MutexGuard<'_, ()>| {
        pool.sleepers.fetch_sub(1, Ordering::SeqCst);
        drop(g);
    };
    if pool.stop.load(Ordering::SeqCst) || pool.has_work(local) {
        return done(guard);
    }
    let Some(next) = crate::timer::next_deadline() else {
        if sleepers == pool.n && EXTERNAL_WAITS.load(Ordering::SeqCst) == 0 {
            // Every scheduler is here, nothing is queued and no timer is
            // pending: nothing can ever run again.
            done(guard);
            pool.finish(Outcome::Idle);
            return;
        }
        let g = pool.wakeup.wait(guard).unwrap_or_else(PoisonError::into_inner);
        return done(g);
    };
    let wait = next.saturating_duration_since(Instant::now());
    if wait.is_zero() {
        return done(guard);
    }
    let (g, _) = pool.wakeup.wait_timeout(guard, wait).unwrap_or_else(PoisonError::into_inner);
    done(g)
}

/// Processes waiting for a wake-up from outside the schedulers (a socket's
/// readiness, a helper thread): while there are any, a pool with nothing to
/// run and no timer pending sleeps instead of ending as deadlocked.
static EXTERNAL_WAITS: AtomicUsize = AtomicUsize::new(0);

/// Counts one external wait (see [`EXTERNAL_WAITS`]); `false` ends it.
pub fn external_wait(begin: bool) {
    if begin {
        EXTERNAL_WAITS.fetch_add(1, Ordering::SeqCst);
    } else {
        EXTERNAL_WAITS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs one time slice of `task`.
///
/// # Safety
/// The caller must own `task` (it came from a run queue).
unsafe fn run_one(pool: &Pool, local: &Worker<Task>, task: Task) {
    // SAFETY: per the caller.
    let p = unsafe { task.into_process() };
    let h = p as *mut ProcessHeader;
    // SAFETY: we own the process; no reference to it is held across the
    // call into its code, which takes its own through `from_header`.
    let status = unsafe {
        // The budget is set first: signals handled as the slice starts
        // (`set_state(RUNNING)`) may read the reductions used so far.
        (*p).header.reds = REDUCTIONS_PER_SLICE;
        (*p).shared.set_state(process::RUNNING);
        crate::statistics::slice_begin();
        let code = match (*p).header.resume.take() {
            Some(f) => Some((f, (*p).header.args[0], (*p).header.args[1], (*p).header.args[2], (*p).header.args[3])),
            None => (*p).stack.top_code(&(*p).header).map(|f| (f, tag::NIL, tag::NIL, tag::NIL, tag::NIL)),
        };
        match code {
            Some((f, a0, a1, a2, a3)) => f(h, a0, a1, a2, a3),
            None => u64::MAX, // corrupt stack: treated like a bad status
        }
    };
    // SAFETY: still owned (every arm below takes it from here).
    unsafe {
        let used = (REDUCTIONS_PER_SLICE - (*p).header.reds).max(0) as u64;
        (&(*p).shared).sig.add_reductions(used);
        crate::statistics::slice_end(used);
    }
    match status {
        status::YIELD => {
            // SAFETY: still owned; it goes back to the queue.
            unsafe { (*p).shared.set_state(process::RUNNABLE) };
            // SAFETY: a live process pointer is never null.
            local.push(Task::running(unsafe { NonNull::new_unchecked(p) }));
            if local.len() > 1 {
                pool.notify();
            }
        }
        status::WAIT => {
            // SAFETY: still owned until the state store below publishes
            // WAITING; the Arc keeps `Shared` alive after that.
            let proc = unsafe { Box::from_raw(p) };
            let shared = proc.shared.clone();
            if shared.has_wakeup() {
                // A message (or the timer) came during the slice: run again
                // without parking.
                shared.set_state(process::RUNNABLE);
                local.push(Task::running(NonNull::from(Box::leak(proc))));
                return;
            }
            let img = proc.park();
            shared.set_proc(img.as_ptr() as *mut ());
            shared.set_state(process::WAITING);
            // Pairs with the fence in `Shared::try_wake`: a message
            // pushed before we stored WAITING is seen here.
            fence(Ordering::SeqCst);
            if shared.has_wakeup() {
                if let Some(img) = shared.try_wake() {
                    local.push(Task::parked(img));
                }
            }
        }
        other => {
            // SAFETY: we own the process and it has ended; nothing else
            // refers to the `Process` once it is unregistered.
            let mut proc = unsafe { Box::from_raw(p) };
            if other != status::EXIT {
                process::exit::bad_status(&mut proc, other);
            }
            let serial = proc.shared.serial;
            let is_main = pool.main.load(Ordering::Relaxed) == serial;
            let code = process::exit::finish(&mut proc, is_main);
            table::unregister(serial);
            proc.shared.set_state(process::EXITED);
            drop(proc);
            if is_main {
                pool.finish(Outcome::MainExited(code));
            }
        }
    }
}

/// Makes a task runnable: on the current scheduler's queue, or (from a
/// thread that runs no scheduler) the injector of the pool that ran last.
pub fn enqueue(task: Task) {
    with_current(|cur| match cur {
        Some((pool, local)) => {
            local.push(task);
            pool.notify();
        }
        None => match default_pool() {
            Some(pool) => {
                pool.injector.push(task);
                pool.notify();
            }
            None => orphans().push(task),
        },
    });
}

/// Wakes `shared` if it is waiting (a message or a timer arrived), from
/// any thread. Call it after making the wake-up visible (pushing the
/// message, setting the flag `Shared::has_wakeup` reads).
pub fn wake(shared: &Shared) {
    if let Some(img) = shared.try_wake() {
        enqueue(Task::parked(img));
    }
}

fn register(proc: &Process) -> Term {
    table::register(proc.shared().clone());
    proc.shared().set_state(process::RUNNABLE);
    proc.pid()
}

/// The schedulers of the pool running on this thread (else of the pool
/// that ran last, else as configured), for `erlang:system_info/1`.
pub fn current_schedulers() -> usize {
    with_current(|cur| cur.map(|(pool, _)| pool.n))
        .or_else(|| default_pool().map(|p| p.n))
        .unwrap_or_else(configured_count)
}

/// The processes waiting in each scheduler's run queue (for
/// `erlang:statistics/1`), from the pool running on this thread, else the
/// pool that ran last. Processes in the pool's injector (made runnable
/// from outside the schedulers, not yet taken) count as queued on the
/// first scheduler.
pub fn run_queue_lengths() -> Vec<usize> {
    let lengths = |pool: &Pool| {
        let mut v: Vec<usize> = pool.stealers.iter().map(Stealer::len).collect();
        if let Some(first) = v.first_mut() {
            *first += pool.injector.len() + orphans().len();
        }
        v
    };
    with_current(|cur| cur.map(|(pool, _)| lengths(pool)))
        .or_else(|| default_pool().map(|p| lengths(&p)))
        .unwrap_or_else(|| vec![orphans().len()])
}

/// Registers a new process and makes it runnable (on the current
/// scheduler, or through an injector from other threads); returns its pid.
pub fn spawn(proc: Box<Process>) -> Term {
    let pid = register(&proc);
    enqueue(Task::running(NonNull::from(Box::leak(proc))));
    pid
}

/// Arms a receive timer in the timer service: `shared` is woken at
/// `deadline` unless its timer generation has moved past `gen` by then.
pub(crate) fn add_timer(deadline: Instant, gen: u64, shared: Arc<Shared>) -> crate::timer::TimerId {
    crate::timer::start(deadline, crate::timer::TimerAction::Wake { shared, gen })
}

#[cfg(test)]
mod tests;
