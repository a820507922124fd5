//! Messages, mailboxes and `receive`.
//!
//! # Sending
//!
//! A message is copied ([`crate::copy`]) into a heap fragment owned by the
//! [`Message`] and pushed on the receiver's inbox, a lock-free queue in its
//! `Shared` half, so the send path takes no lock (beyond the sharded pid
//! table's read lock). A waiting receiver is woken (see `process` for the
//! state machine).
//!
//! # Receiving
//!
//! The receiver moves inbox messages, in order, into its private queue and
//! scans it with a cursor, BEAM's save pointer: [`kiln_recv_peek`] shows
//! the message at the cursor, [`kiln_recv_next`] skips it,
//! [`kiln_recv_accept`] removes it and resets the cursor. The cursor survives
//! waits, so messages already examined by this `receive` are not matched
//! again after a wake-up.
//!
//! A message in the queue stays in its own fragment: it is self-contained,
//! so the collector neither scans nor moves it (and a long queue costs no
//! collection time). An accepted message's fragment joins the heap's
//! from-space and is absorbed at the next collection. Terms of a peeked but
//! not accepted message may be held by compiled code across a collection:
//! they lie outside from-space, so they are left alone and stay valid while
//! the message stays queued.
//!
//! # Timeouts
//!
//! [`kiln_recv_timer`] arms a deadline (once per `receive`: calling it again
//! before each wait keeps the first deadline) in the current scheduler's
//! timer list; when it expires the process is woken and
//! [`kiln_recv_timed_out`] reports it. A message that arrives with the
//! timeout is still examined first, as in BEAM.

use std::collections::VecDeque;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;
use crate::heap::Fragment;
use crate::process::{Process, Shared};
use crate::scheduler;

/// A message: a term and the fragment holding it (`None` for immediates).
#[derive(Debug)]
pub struct Message {
    pub term: Term,
    pub frag: Option<Fragment>,
    /// A signal (exit, link, monitor, ...) riding in the message queue so
    /// that it stays ordered with messages; `None` for a plain message.
    /// See `process::signals`.
    pub signal: Option<Box<crate::process::signals::Signal>>,
}

impl Message {
    /// Copies `term` into a new message.
    pub fn copy_of(term: Term) -> Message {
        let (term, frag) = crate::copy::copy_to_fragment(term);
        Message { term, frag, signal: None }
    }
}

/// A process's inbox: where other processes (on any thread) push messages.
///
/// A lock-free multi-producer, single-consumer queue that costs one word
/// while empty (an idle process must stay small, see `process`): senders
/// push nodes on a Treiber stack with a compare-and-swap; the owner takes
/// the whole stack at once (one swap) and reverses it, which restores the
/// order in which the pushes happened. Two messages from one sender are
/// pushed in program order, so they are received in that order.
pub struct Inbox {
    head: AtomicPtr<InboxNode>,
}

struct InboxNode {
    msg: Message,
    next: *mut InboxNode,
}

impl Default for Inbox {
    fn default() -> Self {
        Inbox::new()
    }
}

impl Inbox {
    pub const fn new() -> Inbox {
        Inbox { head: AtomicPtr::new(ptr::null_mut()) }
    }

    /// Pushes a message (any thread).
    pub fn push(&self, msg: Message) {
        let node = Box::into_raw(Box::new(InboxNode { msg, next: ptr::null_mut() }));
        let mut head = self.head.load(Ordering::Relaxed);
        loop {
            // SAFETY: `node` is ours until the compare-and-swap publishes it.
            unsafe { (*node).next = head };
            // SeqCst (not just Release): pairs with the fence the owner
            // issues after storing WAITING (see `process`).
            match self.head.compare_exchange_weak(head, node, Ordering::SeqCst, Ordering::Relaxed) {
                Ok(_) => return,
                Err(h) => head = h,
            }
        }
    }

    /// Whether no message is waiting (any thread).
    pub fn is_empty(&self) -> bool {
        self.head.load(Ordering::SeqCst).is_null()
    }

    /// Takes every pushed message, oldest first, onto the back of `queue`
    /// (the owner only).
    pub(crate) fn drain_into(&self, queue: &mut VecDeque<Message>) {
        if self.head.load(Ordering::Relaxed).is_null() {
            return;
        }
        let mut node = self.head.swap(ptr::null_mut(), Ordering::Acquire);
        // Reverse the stack (newest first) into push order.
        let mut rev: *mut InboxNode = ptr::null_mut();
        while !node.is_null() {
            // SAFETY: the swap gave us exclusive ownership of the whole
            // chain; every node came from `Box::into_raw` in `push`.
            unsafe {
                let next = (*node).next;
                (*node).next = rev;
                rev = node;
                node = next;
            }
        }
        while !rev.is_null() {
            // SAFETY: as above; each node is turned back into its box once.
            let b = unsafe { Box::from_raw(rev) };
            rev = b.next;
            queue.push_back(b.msg);
        }
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        let mut node = *self.head.get_mut();
        while !node.is_null() {
            // SAFETY: `&mut self`: nobody else can push; every node came
            // from `Box::into_raw`.
            let b = unsafe { Box::from_raw(node) };
            node = b.next;
        }
    }
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Inbox {{ empty: {} }}", self.is_empty())
    }
}

/// A process's private message queue and receive state.
#[derive(Debug, Default)]
pub struct Mailbox {
    queue: VecDeque<Message>,
    cursor: usize,
    /// The armed receive deadline, if any, and its timer.
    deadline: Option<Instant>,
    timer: Option<crate::timer::TimerId>,
}

impl Mailbox {
    /// Messages in the private queue.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Whether the private queue is empty.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Moves every message of the inbox into the private queue.
    fn fill(&mut self, inbox: &Inbox) {
        inbox.drain_into(&mut self.queue);
    }

    /// Moves every message of the inbox into the private queue (signals
    /// included: `process::signals::drain` takes those out again).
    pub(crate) fn fill_from(&mut self, inbox: &Inbox) {
        self.fill(inbox);
    }

    /// Takes the queued messages from index `at` on out of the queue.
    pub(crate) fn split_off(&mut self, at: usize) -> VecDeque<Message> {
        self.queue.split_off(at.min(self.queue.len()))
    }

    /// Appends a message to the private queue.
    pub(crate) fn push_back(&mut self, m: Message) {
        self.queue.push_back(m);
    }

    /// Removes the queued messages whose term satisfies `f` (keeping the
    /// receive cursor on the same message).
    pub(crate) fn remove_where(&mut self, mut f: impl FnMut(Term) -> bool) {
        let mut i = 0;
        while i < self.queue.len() {
            if f(self.queue[i].term) {
                self.queue.remove(i);
                if i < self.cursor {
                    self.cursor -= 1;
                }
            } else {
                i += 1;
            }
        }
    }

    /// The queued messages' terms, oldest first.
    pub(crate) fn terms(&self) -> impl Iterator<Item = Term> + '_ {
        self.queue.iter().map(|m| m.term)
    }

    /// Takes every queued message out (a foreign process converts them all
    /// at once, see `crate::foreign`).
    pub(crate) fn take_all(&mut self) -> VecDeque<Message> {
        self.cursor = 0;
        std::mem::take(&mut self.queue)
    }

    /// Arms the receive timer for `deadline`, keeping it when that deadline
    /// is already armed (a foreign process re-arms on every wait).
    pub(crate) fn arm(&mut self, shared: &Arc<Shared>, deadline: Instant) {
        if self.deadline == Some(deadline) {
            return;
        }
        self.disarm(shared);
        self.deadline = Some(deadline);
        let gen = shared.new_timer_generation();
        self.timer = Some(scheduler::add_timer(deadline, gen, shared.clone()));
    }

    /// The armed deadline, if any.
    pub(crate) fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Disarms the receive timer (a match was found, or it fired).
    pub(crate) fn disarm(&mut self, shared: &Shared) {
        if self.deadline.take().is_some() {
            shared.new_timer_generation();
        }
        if let Some(id) = self.timer.take() {
            crate::timer::cancel(id);
        }
    }
}

/// Delivers `msg` to the process `shared` and wakes it if it waits.
pub fn deliver(shared: &Shared, msg: Message) {
    if shared.state() == crate::process::EXITED {
        return;
    }
    shared.sig.note_push();
    shared.inbox.push(msg);
    scheduler::wake(shared);
}

/// Sends a copy of `term` to `pid`; sends to a dead or unknown pid are
/// dropped, like Erlang's.
pub fn send(pid: Term, term: Term) {
    if let Some(shared) = crate::process::table::lookup(tag::pid_serial(pid)) {
        deliver(&shared, Message::copy_of(term));
    }
}

/// `kiln_recv_peek(P) -> T`: the message at the cursor, or `NON_VALUE` when
/// every message has been examined.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_recv_peek(p: *mut ProcessHeader) -> Term {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    if proc.mailbox.cursor >= proc.mailbox.queue.len() {
        // Moves the inbox in, handling signals (see `process::signals`).
        crate::process::signals::drain(proc);
        if proc.shared.sig.is_dying() {
            return tag::NON_VALUE;
        }
    }
    let mb = &proc.mailbox;
    mb.queue.get(mb.cursor).map_or(tag::NON_VALUE, |m| m.term)
}

/// `kiln_recv_next(P)`: move the cursor past the current message.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_recv_next(p: *mut ProcessHeader) {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    // Scanning a long queue costs reductions like any other work (the next
    // function entry yields once the slice is used up).
    proc.header.reds -= 1;
    let mb = &mut proc.mailbox;
    if mb.cursor < mb.queue.len() {
        mb.cursor += 1;
    }
}

/// `kiln_recv_accept(P)`: remove the message at the cursor (its fragment
/// joins the heap), reset the cursor and disarm the receive timer.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_recv_accept(p: *mut ProcessHeader) {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let cursor = proc.mailbox.cursor;
    if let Some(Message { frag: Some(frag), .. }) = proc.mailbox.queue.remove(cursor) {
        proc.heap.adopt(frag);
        // Many absorbed messages and little allocation would otherwise
        // pile up fragments until the next heap test happens to fail.
        if proc.heap.fragment_words > proc.heap.size() {
            proc.header.hlimit = proc.header.htop;
        }
    }
    proc.mailbox.cursor = 0;
    proc.shared.sig.queue_len.store(proc.mailbox.len(), std::sync::atomic::Ordering::Relaxed);
    let Process { mailbox, shared, .. } = proc;
    mailbox.disarm(shared);
}

/// The milliseconds of a receive timeout: `Ok(None)` for `infinity` (and for
/// a positive bignum, which no program outlives), `Err` for anything that is
/// not a non-negative integer.
fn timeout_ms(t: Term) -> Result<Option<u64>, ()> {
    if t == known::INFINITY {
        return Ok(None);
    }
    if tag::is_small(t) {
        let v = tag::small_value(t);
        return if v < 0 { Err(()) } else { Ok(Some(v as u64)) };
    }
    if tag::is_boxed(t) {
        // SAFETY: boxed terms point at a header word.
        let h = unsafe { *tag::boxed_ptr(t) };
        if crate::abi::header::subtag(h) == crate::abi::header::POS_BIG {
            return Ok(None);
        }
    }
    Err(())
}

/// `kiln_recv_timer(P, timeout) -> u64`: arm the receive timeout before a
/// wait. Returns 1 when it has expired (timeout 0, or an armed deadline
/// has passed): the cursor is reset and the `after` body runs. Returns 0 to
/// wait. Returns 2 after raising `error:timeout_value` (as OTP does) for a
/// timeout that is neither `infinity` nor a non-negative integer.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_recv_timer(p: *mut ProcessHeader, timeout: Term) -> u64 {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    if proc.shared.sig.is_dying() {
        return 0; // killed by a signal: wait, and end at the next slice
    }
    let ms = match timeout_ms(timeout) {
        Ok(ms) => ms,
        Err(()) => {
            // The receive is abandoned: the next one starts from the front.
            proc.mailbox.cursor = 0;
            proc.raise_error(crate::atom::intern("timeout_value"));
            return 2;
        }
    };
    let Process { mailbox, shared, .. } = proc;
    let now = Instant::now();
    let expired = match (mailbox.deadline, ms) {
        (Some(d), _) => shared.timer_fired() || now >= d,
        (None, None) => false,
        (None, Some(0)) => true,
        (None, Some(ms)) => {
            // A deadline past what `Instant` can represent never comes.
            let Some(deadline) = now.checked_add(Duration::from_millis(ms)) else {
                return 0;
            };
            mailbox.deadline = Some(deadline);
            let gen = shared.new_timer_generation();
            mailbox.timer = Some(scheduler::add_timer(deadline, gen, shared.clone()));
            false
        }
    };
    if expired {
        mailbox.disarm(shared);
        mailbox.cursor = 0;
        return 1;
    }
    0
}

/// `kiln_recv_timed_out(P) -> u64`: after resuming from a wait, 1 if the
/// timeout fired and no unexamined message is left (the cursor is reset; run
/// the `after` body), else 0.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_recv_timed_out(p: *mut ProcessHeader) -> u64 {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let Process { mailbox, shared, .. } = proc;
    if mailbox.deadline.is_none() || !shared.timer_fired() {
        return 0;
    }
    if mailbox.cursor < mailbox.queue.len() || !shared.inbox.is_empty() {
        // Examine what arrived first; the next `kiln_recv_timer` sees the
        // expired deadline.
        return 0;
    }
    mailbox.disarm(shared);
    mailbox.cursor = 0;
    1
}

/// Called by the scheduler when a timer entry expires: marks the timeout
/// fired (if the entry is not stale) and wakes the process.
pub(crate) fn timer_expired(shared: &Shared, gen: u64) {
    if shared.fire_timer(gen) {
        scheduler::wake(shared);
    }
}
