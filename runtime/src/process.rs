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
//! timer, on any thread, against the owner going to sleep): it is a
//! compare-and-swap, and whoever wins enqueues the process, exactly once
//! (so a process is never in two run queues). The owner, after storing
//! `WAITING`, issues a SeqCst fence and re-checks the inbox and timer; a
//! waker pushes its message, then issues a SeqCst fence before its CAS. So
//! of "the owner sees the message" and "the waker sees `WAITING`" at least
//! one happens: a wake-up is never lost (see `scheduler`).
//!
//! # Parked processes
//!
//! A process waiting in `receive` needs none of its argument array
//! (`ProcessHeader::args`, 2 KiB: on a wait every live value is in the
//! continuation frame), so the scheduler *parks* it: [`Process::park`]
//! moves everything except the argument array into a small [`Parked`]
//! image and releases the full structure; whoever makes it runnable again
//! hands the image to a scheduler, which [`Process::unpark`]s it into a full
//! structure (recycled from a per-thread cache). The image is a bitwise
//! move: every field of `Process` after `header` travels as it is, so
//! fields added to `Process` need no code here (they must simply not be
//! pointed at from elsewhere: the structure moves on every wait).
//! `Shared::proc` points at the full structure while the process is
//! runnable or running and at its image while it is `WAITING`.
//!
//! # Memory of an idle process
//!
//! A process waiting in `receive` costs its image (a few hundred bytes),
//! its `Shared`, its heap ([`crate::heap::MIN_HEAP_WORDS`] words), its
//! Erlang stack ([`crate::stack::INITIAL_STACK_WORDS`] words) and a pid
//! table entry; see `docs/runtime-core.md` for measured numbers.

pub mod alias;
pub mod dict;
pub mod exit;
pub mod info;
pub mod registry;
pub mod signals;
pub mod table;

use std::alloc::Layout;
use std::cell::RefCell;
use std::mem::{offset_of, size_of, MaybeUninit};
use std::ptr::NonNull;
use std::sync::atomic::{fence, AtomicPtr, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

use crate::abi::{tag, ProcessHeader, Term, MAX_ARGS};
use crate::atom::known;
use crate::exception::Exception;
use crate::heap::{Heap, MIN_HEAP_WORDS};
use crate::mailbox::{Inbox, Mailbox};
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
    /// queue (lock-free, one word while empty).
    pub(crate) inbox: Inbox,
    /// The receive timer: `generation << 1 | fired`. The generation changes
    /// whenever the owner arms or disarms the timer, so a timer entry of an
    /// earlier `receive` is recognised as stale; `fired` is set (by a
    /// compare-and-swap on the whole word, so never for a stale entry) when
    /// the armed timer expires.
    timer: AtomicU64,
    /// The owned half: the `Process` while runnable or running, its
    /// [`Parked`] image while `WAITING`. Dereferenced only by the winner of
    /// the `WAITING → RUNNABLE` transition (which owns the process until it
    /// is run) and by the scheduler running it.
    proc: AtomicPtr<()>,
    /// Links, monitors, flags and pending signals (see `signals`).
    pub(crate) sig: signals::SharedSig,
}

impl Shared {
    fn new(serial: u64) -> Shared {
        Shared {
            serial,
            state: AtomicU8::new(RUNNABLE),
            inbox: Inbox::new(),
            timer: AtomicU64::new(0),
            proc: AtomicPtr::new(std::ptr::null_mut()),
            sig: signals::SharedSig::default(),
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
        // A scheduler marks a process RUNNING just before running a slice of
        // it: queued signals are handled first (and may end it).
        if s == RUNNING && self.sig.needs_attention() {
            let p = self.proc.load(Ordering::SeqCst);
            if !p.is_null() {
                // SAFETY: only the scheduler that owns the process (it took
                // it from a run queue) marks it RUNNING, and it holds no
                // reference into it across this call.
                signals::at_slice_start(unsafe { &mut *(p as *mut Process) });
            }
        }
    }

    /// `WAITING → RUNNABLE`: `Some(image)` if this caller won and must
    /// hand the parked process to a scheduler (`scheduler::wake` does all
    /// of this; call that instead).
    pub(crate) fn try_wake(&self) -> Option<NonNull<Parked>> {
        // Pairs with the fence in `scheduler` after the owner stores WAITING:
        // either the owner sees our message, or we see WAITING.
        fence(Ordering::SeqCst);
        self.state
            .compare_exchange(WAITING, RUNNABLE, Ordering::SeqCst, Ordering::SeqCst)
            .ok()
            .and_then(|_| NonNull::new(self.proc.load(Ordering::SeqCst) as *mut Parked))
    }

    /// Records where the owned half lives now (owner only, before
    /// publishing a state that lets others take it).
    pub(crate) fn set_proc(&self, p: *mut ()) {
        self.proc.store(p, Ordering::SeqCst);
    }

    /// Whether a wake-up is pending: messages in the inbox or a fired timer.
    pub(crate) fn has_wakeup(&self) -> bool {
        !self.inbox.is_empty() || self.timer_fired() || self.sig.is_dying()
    }

    /// Starts a new timer generation (owner only: arming or disarming);
    /// returns it. Clears `fired`.
    pub(crate) fn new_timer_generation(&self) -> u64 {
        let gen = (self.timer.load(Ordering::SeqCst) >> 1).wrapping_add(1);
        self.timer.store(gen << 1, Ordering::SeqCst);
        gen
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
///
/// `header` must stay the first field and its `args` its last (see
/// [`Parked`]); fields may be added freely after it.
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
    /// The code of a foreign process (see `crate::foreign`); `None` for
    /// compiled Erlang.
    pub(crate) foreign: Option<Box<dyn crate::foreign::ForeignCode>>,
    /// A foreign main process's exit status (`proc_exit`).
    pub(crate) foreign_status: i32,
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
            foreign: None,
            foreign_status: 0,
        });
        let Process { header, stack, .. } = &mut *p;
        stack.reset(header);
        let raw: *mut Process = &mut *p;
        p.shared.set_proc(raw as *mut ());
        p
    }

    /// Moves a process that is about to wait into its small [`Parked`]
    /// image, releasing the full structure (to this thread's cache). The
    /// caller publishes the image with [`Shared::set_proc`].
    pub(crate) fn park(self: Box<Process>) -> NonNull<Parked> {
        let full = Box::into_raw(self);
        let mut img: Box<MaybeUninit<Parked>> = Box::new_uninit();
        // SAFETY: `full` is a live, exclusively owned Process; its bytes
        // `[0, HOT)` (the header's scalar fields) and `[TAIL_OFF, size)`
        // (every other field) are copied into the image, which is exactly
        // `HOT + TAIL` bytes. Copying moves those fields: the source is
        // never dropped, only its memory recycled (`recycle`), and its
        // argument array holds plain words that need no drop.
        unsafe {
            let src = full as *const u8;
            let dst = img.as_mut_ptr() as *mut u8;
            std::ptr::copy_nonoverlapping(src, dst, HOT);
            std::ptr::copy_nonoverlapping(src.add(TAIL_OFF), dst.add(HOT), TAIL);
            recycle(full);
            NonNull::new_unchecked(Box::into_raw(img) as *mut Parked)
        }
    }

    /// Rebuilds the full process from its image (taken from a run queue)
    /// and points `Shared::proc` at it. Its argument array holds stale
    /// words: a parked process resumes into its top frame and reads none.
    ///
    /// # Safety
    /// `img` must come from [`Process::park`] and be owned by the caller
    /// (it won the `WAITING → RUNNABLE` transition, or took the task from a
    /// run queue); it is consumed.
    pub(crate) unsafe fn unpark(img: NonNull<Parked>) -> Box<Process> {
        let full = fresh_allocation();
        // SAFETY: the reverse of `park`: the image's bytes go back to the
        // same offsets of a Process allocation whose argument array is
        // initialised (zeroed, or words of an earlier process); the image's
        // memory is then freed without dropping (its fields moved out).
        unsafe {
            let src = img.as_ptr() as *const u8;
            let dst = full as *mut u8;
            std::ptr::copy_nonoverlapping(src, dst, HOT);
            std::ptr::copy_nonoverlapping(src.add(HOT), dst.add(TAIL_OFF), TAIL);
            drop(Box::from_raw(img.as_ptr() as *mut MaybeUninit<Parked>));
            let p = Box::from_raw(full);
            p.shared.set_proc(full as *mut ());
            p
        }
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

/// Bytes of the header before the argument array: the scalar fields
/// (`htop` .. `nlive`) a parked process keeps.
const HOT: usize = offset_of!(ProcessHeader, args);
/// Where the fields after the header start.
const TAIL_OFF: usize = offset_of!(Process, heap);
/// Bytes of the fields after the header.
const TAIL: usize = size_of::<Process>() - TAIL_OFF;

// The argument array is the header's last field and the header is the
// process's first: the image leaves out exactly the argument array.
const _: () = assert!(offset_of!(Process, header) == 0);
const _: () = assert!(HOT + size_of::<[Term; MAX_ARGS]>() == size_of::<ProcessHeader>());
const _: () = assert!(TAIL_OFF >= size_of::<ProcessHeader>());

/// The image of a parked (waiting) process: the bytes of a [`Process`]
/// without its argument array (see the module docs). Opaque; only
/// [`Process::park`] and [`Process::unpark`] look inside.
#[repr(C, align(8))]
pub struct Parked {
    bytes: [MaybeUninit<u8>; HOT + TAIL],
}

/// Full process allocations kept per thread for [`Process::unpark`], so a
/// wait/wake cycle does not go to the allocator for 2 KiB twice.
struct Cache(Vec<NonNull<Process>>);

const CACHE_MAX: usize = 32;

impl Drop for Cache {
    fn drop(&mut self) {
        for p in self.0.drain(..) {
            // SAFETY: cached pointers are Process-sized allocations whose
            // fields were moved out; free the memory without dropping.
            unsafe { std::alloc::dealloc(p.as_ptr() as *mut u8, Layout::new::<Process>()) };
        }
    }
}

thread_local! {
    static CACHE: RefCell<Cache> = const { RefCell::new(Cache(Vec::new())) };
}

/// Keeps (or frees) the memory of a Process whose fields were moved out.
///
/// # Safety
/// `p` came from `Box<Process>` and nothing refers to it any more.
unsafe fn recycle(p: *mut Process) {
    let kept = CACHE
        .try_with(|c| {
            let mut c = c.borrow_mut();
            if c.0.len() < CACHE_MAX {
                // SAFETY: a Box pointer is never null.
                c.0.push(unsafe { NonNull::new_unchecked(p) });
                true
            } else {
                false
            }
        })
        .unwrap_or(false);
    if !kept {
        // SAFETY: per the caller; the fields were moved out, so only the
        // memory is freed (`Box<Process>` uses this layout).
        unsafe { std::alloc::dealloc(p as *mut u8, Layout::new::<Process>()) };
    }
}

/// A Process-sized allocation whose argument array holds initialised words
/// (every other byte is overwritten by `unpark`).
fn fresh_allocation() -> *mut Process {
    if let Some(p) = CACHE.try_with(|c| c.borrow_mut().0.pop()).ok().flatten() {
        return p.as_ptr();
    }
    let layout = Layout::new::<Process>();
    // SAFETY: Process has a non-zero size; zeroed words are initialised.
    let p = unsafe { std::alloc::alloc_zeroed(layout) } as *mut Process;
    if p.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    p
}

#[cfg(test)]
mod park_tests {
    use super::*;

    #[test]
    fn park_and_unpark_keep_everything_but_args() {
        let mut p = Process::new(0);
        let t = p.tuple(&[tag::small(1), tag::small(2)]);
        p.dict.put(tag::small(7), t);
        p.header.nlive = 3;
        let (htop, stop, serial) = (p.header.htop, p.header.stop, p.shared.serial);
        let shared = p.shared.clone();
        let img = p.park();
        assert!(size_of::<Parked>() < 600, "image is {} bytes", size_of::<Parked>());
        // SAFETY: the image is ours.
        let p = unsafe { Process::unpark(img) };
        assert_eq!((p.header.htop, p.header.stop, p.header.nlive, p.shared.serial), (htop, stop, 3, serial));
        assert_eq!(p.dict.get(tag::small(7)), Some(t));
        assert_eq!(shared.proc.load(Ordering::SeqCst), &*p as *const Process as *mut ());
    }
}
