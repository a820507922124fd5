//! Foreign processes: runtime processes whose code is Rust rather than
//! compiled Erlang — the WebAssembly guests of `kiln-host` are the reason.
//!
//! A foreign process is an ordinary [`Process`]: it has a pid, an inbox,
//! links, monitors, a place in the pid table and in the run queues, and the
//! schedulers run it like any other. Only its code differs: its `resume`
//! function is [`foreign_entry`], which calls [`ForeignCode::run`] for one
//! time slice. So everything that works between Erlang processes (messages,
//! links, monitors, `exit/2`, `is_process_alive/1`) works between an Erlang
//! process and a guest, in both directions, with no second mechanism.
//!
//! # Time slices
//!
//! `run` returns a [`Step`]: `Yield` (the slice is used up: requeued, as
//! an Erlang process whose reductions ran out), `Wait` (nothing to do until
//! a message arrives or the optional deadline passes: the process is parked
//! exactly like one waiting in `receive`, and the same wake protocol
//! applies), or `Exit`. A foreign process keeps no terms between slices:
//! [`Context::take_messages`] converts its messages into plain Rust values
//! ([`Incoming`]), so its heap holds only garbage, collected when it waits.
//!
//! # Messages between guests and Erlang
//!
//! A guest's message travels as the term `{wasm, FromPid, Tag, Data}`
//! (`Data` a binary; a fifth element lists the ids of host resources moved
//! with it, see [`send_data`]), so an Erlang process receives guests'
//! messages as that tuple. What an Erlang process sends to a guest becomes
//! a guest message: a binary is the data itself (tag 0), `{Tag, Binary}`
//! with an integer `Tag` a tagged message, any other term its external term
//! format (`term_to_binary/1`). Exit signals a guest traps arrive as
//! [`Incoming::LinkExit`], `'DOWN'` messages as [`Incoming::Down`].

use std::time::Instant;

use crate::abi::{status, tag, ProcessHeader, Term};
use crate::atom::known;
use crate::heap::Fragment;
use crate::mailbox::Message;
use crate::process::{signals, table, Process};

/// Code that runs as a process, one time slice per call.
pub trait ForeignCode: Send + 'static {
    /// Runs until the slice is used up, the process must wait, or it ends.
    fn run(&mut self, cx: &mut Context<'_>) -> Step;
}

/// What a slice of foreign code ended with.
#[derive(Debug)]
pub enum Step {
    /// Used up its slice; run again later.
    Yield,
    /// Wait for a message, or until the deadline.
    Wait(Option<Instant>),
    /// The process ends.
    Exit(Ending),
}

/// The exit status of a program whose foreign main process failed: that
/// of an aborted process, as for a trapping WASI command.
pub const FAILED_STATUS: i32 = 134;

/// How a foreign process ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Normally (exit reason `normal`).
    Normal,
    /// With an error: exit reason `{wasm_trap, Message}`, `Message` a binary
    /// (a main process's program exits [`FAILED_STATUS`]).
    Failed(String),
    /// WASI `proc_exit(Status)` with a non-zero status: exit reason
    /// `{exit_status, Status}`; a main process's status is the program's.
    Status(i32),
}

/// A message for a foreign process, converted from the term it arrived as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// Data: `from` is the sender's pid serial (0 when the sender is an
    /// Erlang process, which does not say), `resources` the ids a guest
    /// moved along with it.
    Data { from: u64, tag: i64, bytes: Vec<u8>, resources: Vec<u64> },
    /// A linked process ended (delivered only while exits are trapped).
    LinkExit { from: u64, normal: bool },
    /// A monitored process ended.
    Down { from: u64 },
    /// A [`notify`] (an event the process's code waits for, such as a
    /// socket becoming ready: it carries nothing, it only wakes).
    Notice,
}

/// A running foreign process, as its code sees it.
pub struct Context<'a> {
    proc: &'a mut Process,
}

impl Context<'_> {
    /// The process's pid serial (what guests see as their process id).
    pub fn id(&self) -> u64 {
        self.proc.shared.serial
    }

    /// Takes every message that has arrived, converted, in order.
    pub fn take_messages(&mut self, mut out: impl FnMut(Incoming)) {
        signals::drain(self.proc);
        for m in self.proc.mailbox.take_all() {
            out(incoming(m.term));
        }
        self.proc.shared.sig.queue_len.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether the deadline of the last [`Step::Wait`] has passed.
    pub fn timed_out(&self) -> bool {
        self.proc.mailbox.deadline().is_some_and(|d| self.proc.shared.timer_fired() || Instant::now() >= d)
    }

    /// Forgets the deadline of the last wait (what it waited for came).
    pub fn clear_deadline(&mut self) {
        let Process { mailbox, shared, .. } = &mut *self.proc;
        mailbox.disarm(shared);
    }

    /// Trap exits (`process_flag(trap_exit, B)`): linked processes' exits
    /// arrive as [`Incoming::LinkExit`] instead of ending this process
    /// (abnormal ones; normal ones never end it).
    pub fn set_trap_exit(&mut self, trap: bool) {
        self.proc.shared.sig.set_trap_exit(trap);
    }

    /// `link/1`; false when the other process does not exist (and exits
    /// are not trapped: the caller decides how to fail).
    pub fn link(&mut self, id: u64) -> bool {
        signals::link(self.proc, tag::pid(id)).is_ok()
    }

    /// `unlink/1`.
    pub fn unlink(&mut self, id: u64) {
        signals::unlink(self.proc, tag::pid(id));
    }

    /// `monitor(process, Pid)`; returns the monitor's number (for
    /// [`Context::demonitor`]).
    pub fn monitor(&mut self, id: u64) -> u64 {
        let r = signals::monitor(self.proc, tag::pid(id), tag::NON_VALUE);
        signals::ref_number(r).unwrap_or(0)
    }

    /// `demonitor(Ref, [flush])`.
    pub fn demonitor(&mut self, monitor: u64) {
        signals::demonitor(self.proc, monitor);
        signals::flush_down(self.proc, monitor);
    }

    /// `exit(Pid, kill)`.
    pub fn kill(&mut self, id: u64) {
        signals::exit_other(self.proc, tag::pid(id), signals::KILL);
    }

    /// Spawns another foreign process, linked to this one when `link`;
    /// returns its id.
    pub fn spawn(&mut self, code: Box<dyn ForeignCode>, link: bool) -> u64 {
        let child = new_process(code, self.proc.shared.sig.group_leader());
        tag::pid_serial(crate::proc_bifs::start_child(self.proc, child, link, false))
    }
}

/// A new, not yet scheduled foreign process running `code`.
pub fn new_process(code: Box<dyn ForeignCode>, group_leader: Term) -> Box<Process> {
    let mut proc = Process::new(0);
    proc.header.resume = Some(foreign_entry);
    proc.foreign = Some(code);
    proc.shared.sig.set_group_leader(group_leader);
    proc
}

/// Spawns a foreign process from outside any process (a program's first
/// process, or a spawn on behalf of an Erlang process that links or
/// monitors it itself); returns its id.
pub fn spawn(code: Box<dyn ForeignCode>) -> u64 {
    tag::pid_serial(crate::scheduler::spawn(new_process(code, signals::default_group_leader())))
}

/// Whether the process `id` exists (is alive).
pub fn exists(id: u64) -> bool {
    table::lookup(id).is_some_and(|s| s.state() != crate::process::EXITED)
}

/// Sends a guest message (`{wasm, From, Tag, Data}`, plus the resource ids
/// when there are any) to process `to`; false when `to` does not exist.
pub fn send_data(from: u64, to: u64, msg_tag: i64, bytes: Vec<u8>, resources: &[u64]) -> bool {
    let Some(target) = table::lookup(to) else { return false };
    crate::mailbox::deliver(&target, data_message(from, msg_tag, bytes, resources));
    true
}

/// Sends a guest message to `to` at `deadline` (`erlang:send_after/3`
/// semantics: nothing happens if `to` is gone by then); returns the timer's
/// id for [`cancel_timer`].
pub fn send_data_after(deadline: Instant, from: u64, to: u64, msg_tag: i64, bytes: Vec<u8>, resources: &[u64]) -> u64 {
    let msg = data_message(from, msg_tag, bytes, resources);
    let action = crate::timer::TimerAction::Send { to: crate::timer::Dest::Pid(to), msg };
    crate::timer::start(deadline, action).0
}

/// Cancels a timer of [`send_data_after`]; false when it already fired (or
/// never existed).
pub fn cancel_timer(id: u64) -> bool {
    crate::timer::cancel(crate::timer::TimerId(id)).is_some()
}

/// Held while a foreign process waits for a [`notify`] from outside the
/// schedulers (a socket, a helper thread): until it is dropped, the program
/// is not considered deadlocked when nothing else can run.
pub struct ExternalWait(());

impl ExternalWait {
    pub fn begin() -> ExternalWait {
        crate::scheduler::external_wait(true);
        ExternalWait(())
    }
}

impl Drop for ExternalWait {
    fn drop(&mut self) {
        crate::scheduler::external_wait(false);
    }
}

/// Wakes process `id` with an [`Incoming::Notice`] (from any thread).
pub fn notify(id: u64) {
    if let Some(target) = table::lookup(id) {
        crate::mailbox::deliver(&target, Message { term: notice_atom(), frag: None, signal: None });
    }
}

/// An atom interned once (the atom table takes a lock per lookup; these are
/// used on every guest message).
macro_rules! cached_atom {
    ($name:ident, $text:literal) => {
        fn $name() -> Term {
            static ATOM: std::sync::OnceLock<Term> = std::sync::OnceLock::new();
            *ATOM.get_or_init(|| crate::atom::intern($text))
        }
    };
}

cached_atom!(notice_atom, "$kiln_notice");
cached_atom!(wasm_atom, "wasm");
cached_atom!(process_atom, "process");
cached_atom!(wasm_trap_atom, "wasm_trap");
cached_atom!(exit_status_atom, "exit_status");

/// Builds a guest message in a fragment of its own (no process heap is
/// involved: the sender may be on any thread).
fn data_message(from: u64, msg_tag: i64, bytes: Vec<u8>, resources: &[u64]) -> Message {
    let bin_words = if bytes.len() <= crate::binary::HEAP_BIN_MAX { 2 + bytes.len().div_ceil(8) } else { 3 };
    let words = 6 + 3 + bin_words + 2 * resources.len() + 3 * resources.len();
    let mut fa = Fragment::new(words);
    let data = crate::binary::make_binary_from_vec(&mut fa, bytes);
    let tag_term = crate::term::make_int(&mut fa, msg_tag);
    let mut elems = vec![wasm_atom(), tag::pid(from), tag_term, data];
    if !resources.is_empty() {
        let mut list = tag::NIL;
        for &r in resources.iter().rev() {
            let id = crate::term::make_int(&mut fa, r as i64);
            list = crate::term::cons(&mut fa, id, list);
        }
        elems.push(list);
    }
    let t = crate::term::make_tuple(&mut fa, &elems);
    Message { term: t, frag: Some(fa), signal: None }
}

fn int_value(t: Term) -> Option<i64> {
    if tag::is_small(t) {
        return Some(tag::small_value(t));
    }
    crate::term::to_i64(t)
}

/// Converts a received term into what a foreign process sees.
fn incoming(t: Term) -> Incoming {
    if t == notice_atom() {
        return Incoming::Notice;
    }
    if let Some(bytes) = crate::binary::binary_bytes(t) {
        return Incoming::Data { from: 0, tag: 0, bytes: bytes.to_vec(), resources: Vec::new() };
    }
    if let Some(e) = crate::term::tuple_elements(t) {
        let pid_of = |t: Term| tag::is_pid(t).then(|| tag::pid_serial(t));
        match e {
            [w, from, msg_tag, data, rest @ ..] if *w == wasm_atom() && rest.len() <= 1 => {
                if let (Some(from), Some(msg_tag), Some(bytes)) =
                    (pid_of(*from), int_value(*msg_tag), crate::binary::binary_bytes(*data))
                {
                    let resources = rest.first().map(|&l| list_ints(l)).unwrap_or_default();
                    return Incoming::Data { from, tag: msg_tag, bytes: bytes.to_vec(), resources };
                }
            }
            [exit, from, reason] if *exit == known::EXIT_TAG => {
                if let Some(from) = pid_of(*from) {
                    return Incoming::LinkExit { from, normal: *reason == known::NORMAL };
                }
            }
            [down, _r, process, from, _reason] if *down == signals::DOWN && *process == process_atom() => {
                if let Some(from) = pid_of(*from) {
                    return Incoming::Down { from };
                }
            }
            [msg_tag, data] => {
                if let (Some(msg_tag), Some(bytes)) = (int_value(*msg_tag), crate::binary::binary_bytes(*data)) {
                    return Incoming::Data { from: 0, tag: msg_tag, bytes: bytes.to_vec(), resources: Vec::new() };
                }
            }
            _ => {}
        }
    }
    let bytes = crate::etf::encode::term_to_binary(t, &Default::default()).unwrap_or_default();
    Incoming::Data { from: 0, tag: 0, bytes, resources: Vec::new() }
}

/// The non-negative integers of a proper list (others are skipped).
fn list_ints(mut l: Term) -> Vec<u64> {
    let mut out = Vec::new();
    while tag::is_list(l) {
        let p = tag::list_ptr(l);
        // SAFETY: a list cell is two words, head then tail.
        let (h, t) = unsafe { (*p, *p.add(1)) };
        if let Some(v) = int_value(h).filter(|&v| v >= 0) {
            out.push(v as u64);
        }
        l = t;
    }
    out
}

/// The `resume` function of every foreign process: one slice of its code.
///
/// # Safety
/// `p` must be the running process's header (called by a scheduler).
pub unsafe extern "C" fn foreign_entry(p: *mut ProcessHeader, _a0: Term, _a1: Term, _a2: Term, _a3: Term) -> u64 {
    // SAFETY: per the caller, `p` is the running process.
    let proc = unsafe { Process::from_header(p) };
    let Some(mut code) = proc.foreign.take() else {
        return status::EXIT;
    };
    let step = code.run(&mut Context { proc: &mut *proc });
    proc.foreign = Some(code);
    proc.header.resume = Some(foreign_entry);
    match step {
        Step::Yield => status::YIELD,
        Step::Wait(deadline) => {
            if let Some(d) = deadline {
                let crate::process::Process { mailbox, shared, .. } = &mut *proc;
                mailbox.arm(shared, d);
            }
            // Converted messages and signal tuples leave only garbage.
            if proc.heap.fragment_words > 0 {
                crate::gc::collect(proc, 0, 0);
            }
            status::WAIT
        }
        Step::Exit(ending) => {
            proc.crashed = false;
            proc.exit_reason = match ending {
                Ending::Normal => known::NORMAL,
                Ending::Failed(msg) => {
                    proc.foreign_status = FAILED_STATUS;
                    let bin = crate::binary::make_binary(proc, msg.as_bytes());
                    proc.tuple(&[wasm_trap_atom(), bin])
                }
                Ending::Status(n) => {
                    proc.foreign_status = n;
                    proc.tuple(&[exit_status_atom(), tag::small(n as i64)])
                }
            };
            status::EXIT
        }
    }
}

#[cfg(test)]
mod tests;
