//! Processes: the [`Process`] structure behind every `*mut ProcessHeader`,
//! its thread-shared half [`Shared`], and the run-state machine.
//!
//! A process is split in two because of who may touch what:
//!
//! - [`Process`] (heap, Erlang stack, received messages, dictionary,
//!   exception) is owned by whichever scheduler runs it; only that scheduler
//!   and the compiled code it calls ever dereference it.
//! - [`Shared`] (`Arc`, found through the pid table in [`table`]) is what
//!   other processes and timers use: the lock-free inbox, the run state and
//!   the receive-timer flags.
//!
//! # Run states
//!
//! `RUNNABLE` (in a run queue) → `RUNNING` (a scheduler called its code) →
//! `RUNNABLE` again on a yield, `WAITING` on a receive wait, `EXITED` at the
//! end. Only the transition `WAITING → RUNNABLE` is contended (a sender or a
//! timer against the owner going to sleep): it is a compare-and-swap, and
//! whoever wins enqueues the process. The owner, after storing `WAITING`,
//! re-checks the inbox, so a message pushed while it was still `RUNNING`
//! is never missed (see `scheduler`).

pub mod dict;
pub mod exit;
pub mod table;

use std::sync::atomic::{fence, AtomicPtr, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

use crossbeam_queue::SegQueue;

use crate::abi::{tag, ProcessHeader, Term, MAX_ARGS};
use crate::atom::known;
use crate::exception::Exception;
use crate::heap::{Heap, MIN_HEAP_WORDS};
use crate::mailbox::{Mailbox, Message};
use crate::stack::Stack;

use dict::Dictionary;

/// In a run queue (or about to be put in one).
pub const RUNNABLE: u8 = 0;
/// Being run by a scheduler.
pub const RUNNING: u8 = 1;
/// Parked in `receive`; a message or a timer makes it runnable.
pub const WAITING: u8 = 2;
/// Finished; its `Process` is freed.
pub const EXITED: u8 = 3;

/// The half of a process other threads may use.
pub struct Shared {
    /// The pid's serial number (`tag::pid(serial)`).
    pub serial: u64,
    state: AtomicU8,
    /// Messages sent to the process and not yet moved into its private
    /// queue. Lock-free MPSC use of an MPMC queue.
    pub(crate) inbox: SegQueue<Message>,
    /// The receive timer: `generation << 1 | fired`. The generation changes
    /// whenever the owner arms or disarms the timer, so a timer entry of an
    /// earlier `receive` is recognised as stale; `fired` is set (by a
    /// compare-and-swap on the whole word, so never for a stale entry) when
    /// the armed timer expires.
    timer: AtomicU64,
    /// The owned half. Dereferenced only by the winner of the
    /// `WAITING → RUNNABLE` transition (which owns the process until it is
    /// run) and by the scheduler running it.
    proc: AtomicPtr<Process>,
}

impl Shared {
    fn new(serial: u64) -> Shared {
        Shared {
            serial,
            state: AtomicU8::new(RUNNABLE),
            inbox: SegQueue::new(),
            timer: AtomicU64::new(0),
            proc: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// The process's pid.
    pub fn pid(&self) -> Term {
        tag::pid(self.serial)
    }

    /// The current run state.
    pub fn state(&self) -> u8 {
        self.state.load(Ordering::SeqCst)
    }

    pub(crate) fn set_state(&self, s: u8) {
        self.state.store(s, Ordering::SeqCst);
    }

    /// `WAITING → RUNNABLE`; true if this caller won and must enqueue the
    /// process (returned as a pointer).
    pub(crate) fn try_wake(&self) -> Option<*mut Process> {
        // Pairs with the fence in `scheduler` after the owner stores WAITING:
        // either the owner sees our message, or we see WAITING.
        fence(Ordering::SeqCst);
        self.state
            .compare_exchange(WAITING, RUNNABLE, Ordering::SeqCst, Ordering::SeqCst)
            .ok()
            .map(|_| self.proc.load(Ordering::SeqCst))
    }

    /// Whether a wake-up is pending: messages in the inbox or a fired timer.
    pub(crate) fn has_wakeup(&self) -> bool {
        !self.inbox.is_empty() || self.timer_fired()
    }

    /// Starts a new timer generation (owner only: arming or disarming);
    /// returns it. Clears `fired`.
    pub(crate) fn new_timer_generation(&self) -> u64 {
        let gen = (self.timer.load(Ordering::SeqCst) >> 1).wrapping_add(1);
        self.timer.store(gen << 1, Ordering::SeqCst);
        gen
    }

    /// The current timer generation.
    pub(crate) fn timer_generation(&self) -> u64 {
        self.timer.load(Ordering::SeqCst) >> 1
    }

    /// Marks the timer of generation `gen` fired; false if it is stale.
    pub(crate) fn fire_timer(&self, gen: u64) -> bool {
        self.timer.compare_exchange(gen << 1, gen << 1 | 1, Ordering::SeqCst, Ordering::SeqCst).is_ok()
    }

    /// Whether the armed timer fired.
    pub(crate) fn timer_fired(&self) -> bool {
        self.timer.load(Ordering::SeqCst) & 1 == 1
    }
}

// `Shared` holds a raw pointer only to pass ownership along (see `proc`);
// everything else in it is thread-safe.
// SAFETY: the pointer is dereferenced only under the ownership protocol
// above; all other fields are atomics or a concurrent queue.
unsafe impl Send for Shared {}
// SAFETY: as above; shared access goes through atomics and `SegQueue`.
unsafe impl Sync for Shared {}

/// A process. Starts with the header compiled code uses, so a
/// `*mut ProcessHeader` from generated code is a `*mut Process`.
#[repr(C)]
pub struct Process {
    pub header: ProcessHeader,
    pub(crate) heap: Heap,
    pub(crate) stack: Stack,
    pub(crate) mailbox: Mailbox,
    pub(crate) dict: Dictionary,
    /// The exception being raised or handled (GC roots).
    pub(crate) exception: Exception,
    /// Why the process ended (set by the base frame or by an uncaught
    /// exception); a GC root so that it survives until reported.
    pub(crate) exit_reason: Term,
    /// Whether it ended with an uncaught exception (`exception` holds it).
    pub(crate) crashed: bool,
    pub(crate) shared: Arc<Shared>,
}

fn next_serial() -> u64 {
    // Serial 0 is never used, so `<0.0.0>` never names a process.
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Process {
    /// A new process with a fresh pid, an empty heap of at least
    /// `heap_words`, and an Erlang stack holding only the base frame. It is
    /// not registered or scheduled yet (see `scheduler::spawn`).
    pub fn new(heap_words: usize) -> Box<Process> {
        let heap = Heap::new(heap_words.max(MIN_HEAP_WORDS));
        let (htop, hlimit) = (heap.block.start(), heap.block.end());
        let mut p = Box::new(Process {
            header: ProcessHeader {
                htop,
                hlimit,
                stop: std::ptr::null_mut(),
                slimit: std::ptr::null_mut(),
                reds: 0,
                resume: None,
                nlive: 0,
                args: [tag::NIL; MAX_ARGS],
            },
            heap,
            stack: Stack::new(),
            mailbox: Mailbox::default(),
            dict: Dictionary::default(),
            exception: Exception::NONE,
            exit_reason: known::NORMAL,
            crashed: false,
            shared: Arc::new(Shared::new(next_serial())),
        });
        let Process { header, stack, .. } = &mut *p;
        stack.reset(header);
        let raw: *mut Process = &mut *p;
        p.shared.proc.store(raw, Ordering::SeqCst);
        p
    }

    /// The process behind a header pointer from compiled code.
    ///
    /// # Safety
    /// `p` must point to the header of a live `Process` that nothing else
    /// accesses for `'a` (the process is running on this thread).
    pub unsafe fn from_header<'a>(p: *mut ProcessHeader) -> &'a mut Process {
        // SAFETY: `Process` is `#[repr(C)]` with the header first, so the
        // pointers coincide; exclusivity is the caller's promise.
        unsafe { &mut *(p as *mut Process) }
    }

    /// Allocates `words` on the heap without collecting. Uses a heap
    /// fragment when the block is full, and then sets `hlimit = htop` so the
    /// next heap test of compiled code collects. The words are
    /// uninitialised; the caller must fill them before the next collection.
    pub fn alloc(&mut self, words: usize) -> *mut Term {
        let ProcessHeader { htop, hlimit, .. } = &mut self.header;
        self.heap.alloc(htop, hlimit, words)
    }

    /// Records an exception of `class` (`error`, `exit` or `throw`) with a
    /// fresh stack trace; returns `NON_VALUE` for the caller to return.
    pub fn raise(&mut self, class: Term, reason: Term) -> Term {
        self.exception = Exception { class, reason, trace: crate::exception::fresh_trace(self) };
        tag::NON_VALUE
    }

    /// Raises `error:reason`.
    pub fn raise_error(&mut self, reason: Term) -> Term {
        self.raise(known::ERROR, reason)
    }

    /// Raises `error:badarg`.
    pub fn badarg(&mut self) -> Term {
        self.raise_error(known::BADARG)
    }

    /// This process's pid.
    pub fn pid(&self) -> Term {
        self.shared.pid()
    }

    /// The thread-shared half.
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Builds a tuple on the heap (no collection).
    pub fn tuple(&mut self, elems: &[Term]) -> Term {
        let p = self.alloc(elems.len() + 1);
        // SAFETY: `alloc` returned `len + 1` writable words.
        unsafe {
            p.write(crate::abi::header::tuple(elems.len() as u64));
            std::ptr::copy_nonoverlapping(elems.as_ptr(), p.add(1), elems.len());
        }
        tag::boxed(p)
    }

    /// Builds a proper list of `elems` on the heap (no collection).
    pub fn list(&mut self, elems: &[Term]) -> Term {
        self.list_with_tail(elems, tag::NIL)
    }

    /// Builds `elems ++ tail` on the heap (no collection).
    pub fn list_with_tail(&mut self, elems: &[Term], tail: Term) -> Term {
        if elems.is_empty() {
            return tail;
        }
        let p = self.alloc(2 * elems.len());
        let mut acc = tail;
        for (i, &e) in elems.iter().enumerate().rev() {
            // SAFETY: cell `i` lies within the `2 * len` words just allocated.
            unsafe {
                let cell = p.add(2 * i);
                cell.write(e);
                cell.add(1).write(acc);
                acc = tag::list(cell);
            }
        }
        acc
    }
}
