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
}

impl Message {
    /// Copies `term` into a new message.
    pub fn copy_of(term: Term) -> Message {
        let (term, frag) = crate::copy::copy_to_fragment(term);
        Message { term, frag }
    }
}

/// A process's private message queue and receive state.
#[derive(Debug, Default)]
pub struct Mailbox {
    queue: VecDeque<Message>,
    cursor: usize,
    /// The armed receive deadline, if any.
    deadline: Option<Instant>,
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
    fn fill(&mut self, inbox: &crossbeam_queue::SegQueue<Message>) {
        while let Some(m) = inbox.pop() {
            self.queue.push_back(m);
        }
    }

    /// Disarms the receive timer (a match was found, or it fired).
    fn disarm(&mut self, shared: &Shared) {
        if self.deadline.take().is_some() {
            shared.new_timer_generation();
        }
    }
}

/// Delivers `msg` to the process `shared` and wakes it if it waits.
pub fn deliver(shared: &Shared, msg: Message) {
    if shared.state() == crate::process::EXITED {
        return;
    }
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
    let mb = &mut proc.mailbox;
    if mb.cursor >= mb.queue.len() {
        mb.fill(&proc.shared.inbox);
    }
    mb.queue.get(mb.cursor).map_or(tag::NON_VALUE, |m| m.term)
}

/// `kiln_recv_next(P)`: move the cursor past the current message.
///
/// # Safety
/// `p` must be the running process's header.
#[no_mangle]
pub unsafe extern "C" fn kiln_recv_next(p: *mut ProcessHeader) {
    // SAFETY: per the caller, `p` is the running process.
    let mb = &mut unsafe { Process::from_header(p) }.mailbox;
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
            scheduler::add_timer(deadline, gen, shared.clone());
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
