//! The scheduler loop: the only native frame below running Erlang code.
//!
//! One [`Scheduler`] per thread, each with a `crossbeam-deque` worker queue;
//! a global [`Injector`] takes processes made runnable by threads that are
//! not schedulers. Today a program runs exactly one scheduler, on the thread
//! that called `kiln_main` (on wasm32 there are no other threads at all);
//! running one per core and stealing between them (issue 4) adds threads
//! and `Stealer`s around this loop without changing it.
//!
//! Running a process means calling its code with the process pointer: its
//! `resume` function with `args[0..4]` in registers, or, when `resume` is
//! null (after a receive wait), the top frame's continuation with `a0 = []`.
//! Generated code runs a chain of tail calls and comes back with a status:
//!
//! - `YIELD`: reductions used up; requeue at the back.
//! - `WAIT`: parked until a message or its receive timer; see `process`
//!   for the wake-up protocol.
//! - `EXIT`: report abnormal exits, unregister the pid, free the process.
//!   When the main process ends, the loop returns the program's exit status.
//!
//! Receive timers are kept per scheduler in a binary heap keyed by
//! deadline (a timer wheel can replace it); when nothing is runnable the
//! loop sleeps until the earliest deadline.

use std::cell::{Cell, RefCell};
use std::cmp::Ordering as CmpOrdering;
use std::collections::BinaryHeap;
use std::ptr::NonNull;
use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Instant;

use crossbeam_deque::{Injector, Steal, Worker};

use crate::abi::{status, tag, ProcessHeader, Term, REDUCTIONS_PER_SLICE};
use crate::process::{self, table, Process, Shared};

/// A runnable process: owning it means being allowed to run it.
pub struct Task(NonNull<Process>);

// SAFETY: a task transfers exclusive ownership of its process (see the run
// states in `process`); the process itself has no thread affinity.
unsafe impl Send for Task {}

fn injector() -> &'static Injector<Task> {
    static INJECTOR: OnceLock<Injector<Task>> = OnceLock::new();
    INJECTOR.get_or_init(Injector::new)
}

/// A receive timer: wake `shared` at `deadline` unless `gen` is stale.
struct Timer {
    deadline: Instant,
    gen: u64,
    shared: Arc<Shared>,
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == CmpOrdering::Equal
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<CmpOrdering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    /// Reversed, so `BinaryHeap` (a max-heap) yields the earliest first.
    fn cmp(&self, other: &Self) -> CmpOrdering {
        other.deadline.cmp(&self.deadline).then(other.gen.cmp(&self.gen))
    }
}

/// Timers armed on a thread that is not running a scheduler; the next
/// scheduler iteration adopts them.
static ORPHAN_TIMERS: Mutex<Vec<Timer>> = Mutex::new(Vec::new());
static HAVE_ORPHANS: AtomicBool = AtomicBool::new(false);

thread_local! {
    static CURRENT: Cell<*const Scheduler> = const { Cell::new(std::ptr::null()) };
}

/// How [`Scheduler::run`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The main process ended; the program's exit status.
    MainExited(i32),
    /// Nothing is runnable and no timer is pending.
    Idle,
}

/// One scheduler (one per thread).
pub struct Scheduler {
    queue: Worker<Task>,
    timers: RefCell<BinaryHeap<Timer>>,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new()
    }
}

impl Scheduler {
    pub fn new() -> Scheduler {
        Scheduler { queue: Worker::new_fifo(), timers: RefCell::new(BinaryHeap::new()) }
    }

    /// Runs processes until the process with serial `main` exits (its exit
    /// status is returned) or, with `main = None` or a `main` that is still
    /// waiting, until nothing can run any more.
    pub fn run(&self, main: Option<u64>) -> Outcome {
        let prev = CURRENT.with(|c| c.replace(self));
        let out = self.run_loop(main);
        CURRENT.with(|c| c.set(prev));
        out
    }

    /// Registers a new process and puts it on this scheduler's queue;
    /// returns its pid.
    pub fn spawn(&self, proc: Box<Process>) -> Term {
        let pid = register(&proc);
        self.queue.push(Task(NonNull::from(Box::leak(proc))));
        pid
    }

    fn run_loop(&self, main: Option<u64>) -> Outcome {
        loop {
            let next_deadline = self.fire_timers();
            if let Some(task) = self.next_task() {
                // SAFETY: the task came from a run queue, so this scheduler
                // now owns the process.
                if let Some(code) = unsafe { self.run_one(task, main) } {
                    return Outcome::MainExited(code);
                }
                continue;
            }
            match next_deadline {
                Some(d) => std::thread::sleep(d.saturating_duration_since(Instant::now())),
                None => return Outcome::Idle,
            }
        }
    }

    fn next_task(&self) -> Option<Task> {
        if let Some(t) = self.queue.pop() {
            return Some(t);
        }
        loop {
            match injector().steal_batch_and_pop(&self.queue) {
                Steal::Success(t) => return Some(t),
                Steal::Empty => return None,
                Steal::Retry => {}
            }
        }
    }

    /// Fires expired timers; returns the earliest pending deadline.
    fn fire_timers(&self) -> Option<Instant> {
        let mut timers = self.timers.borrow_mut();
        if HAVE_ORPHANS.load(Ordering::Relaxed) && HAVE_ORPHANS.swap(false, Ordering::SeqCst) {
            timers.extend(ORPHAN_TIMERS.lock().unwrap_or_else(PoisonError::into_inner).drain(..));
        }
        let mut now = None;
        loop {
            let top = timers.peek()?;
            if top.shared.timer_generation() != top.gen || top.shared.state() == process::EXITED {
                timers.pop(); // disarmed (the receive matched), or its process is gone
                continue;
            }
            let now = *now.get_or_insert_with(Instant::now);
            if top.deadline > now {
                return Some(top.deadline);
            }
            if let Some(t) = timers.pop() {
                crate::mailbox::timer_expired(&t.shared, t.gen);
            }
        }
    }

    /// Runs one time slice of `task`. Returns the exit status when it was
    /// the main process and it ended.
    ///
    /// # Safety
    /// The caller must own `task` (it came from a run queue).
    unsafe fn run_one(&self, task: Task, main: Option<u64>) -> Option<i32> {
        let p = task.0.as_ptr();
        let h = p as *mut ProcessHeader;
        // SAFETY: we own the process; no reference to it is held across the
        // call into its code, which takes its own through `from_header`.
        let status = unsafe {
            (*p).shared.set_state(process::RUNNING);
            (*p).header.reds = REDUCTIONS_PER_SLICE;
            let code = match (*p).header.resume.take() {
                Some(f) => Some((f, (*p).header.args[0], (*p).header.args[1], (*p).header.args[2], (*p).header.args[3])),
                None => (*p).stack.top_code(&(*p).header).map(|f| (f, tag::NIL, tag::NIL, tag::NIL, tag::NIL)),
            };
            match code {
                Some((f, a0, a1, a2, a3)) => f(h, a0, a1, a2, a3),
                None => u64::MAX, // corrupt stack: treated like a bad status
            }
        };
        match status {
            status::YIELD => {
                // SAFETY: still owned; it goes back to the queue.
                unsafe { (*p).shared.set_state(process::RUNNABLE) };
                self.queue.push(task);
                None
            }
            status::WAIT => {
                // SAFETY: still owned until the state store below publishes
                // WAITING; the Arc keeps `Shared` alive after that.
                let shared = unsafe { (*p).shared.clone() };
                shared.set_state(process::WAITING);
                // Pairs with the fence in `Shared::try_wake`: a message
                // pushed before we stored WAITING is seen here.
                fence(Ordering::SeqCst);
                if shared.has_wakeup() {
                    if let Some(p) = shared.try_wake() {
                        enqueue_ptr(p);
                    }
                }
                None
            }
            other => {
                // SAFETY: we own the process and it has ended; nothing else
                // refers to the `Process` once it is unregistered.
                let mut proc = unsafe { Box::from_raw(p) };
                if other != status::EXIT {
                    process::exit::bad_status(&mut proc, other);
                }
                let serial = proc.shared.serial;
                let is_main = main == Some(serial);
                let code = process::exit::finish(&mut proc, is_main);
                table::unregister(serial);
                proc.shared.set_state(process::EXITED);
                drop(proc);
                is_main.then_some(code)
            }
        }
    }
}

fn enqueue_ptr(p: *mut Process) {
    if let Some(p) = NonNull::new(p) {
        enqueue(Task(p));
    }
}

/// Makes a task runnable: on the current scheduler's queue, or the global
/// injector from other threads.
pub fn enqueue(task: Task) {
    CURRENT.with(|c| {
        let s = c.get();
        if s.is_null() {
            injector().push(task);
        } else {
            // SAFETY: CURRENT points at the scheduler running on this
            // thread for the duration of its `run` call.
            unsafe { (*s).queue.push(task) };
        }
    });
}

/// Wakes `shared` if it is waiting (a message or a timer arrived).
pub fn wake(shared: &Shared) {
    if let Some(p) = shared.try_wake() {
        enqueue_ptr(p);
    }
}

fn register(proc: &Process) -> Term {
    table::register(proc.shared().clone());
    proc.shared().set_state(process::RUNNABLE);
    proc.pid()
}

/// Registers a new process and makes it runnable (on the current
/// scheduler, or through the injector from other threads); returns its pid.
pub fn spawn(proc: Box<Process>) -> Term {
    let pid = register(&proc);
    enqueue(Task(NonNull::from(Box::leak(proc))));
    pid
}

/// Arms a receive timer on the current scheduler.
pub(crate) fn add_timer(deadline: Instant, gen: u64, shared: Arc<Shared>) {
    let timer = Timer { deadline, gen, shared };
    CURRENT.with(|c| {
        let s = c.get();
        if s.is_null() {
            ORPHAN_TIMERS.lock().unwrap_or_else(PoisonError::into_inner).push(timer);
            HAVE_ORPHANS.store(true, Ordering::SeqCst);
        } else {
            // SAFETY: as in `enqueue`; the borrow is not held across any
            // call into process code.
            unsafe { (*s).timers.borrow_mut().push(timer) };
        }
    });
}

#[cfg(test)]
mod tests;
