//! Waiting without blocking a scheduler.
//!
//! Every socket is non-blocking. An operation that would block suspends the
//! guest process ([`wait`]) and retries when it is woken; the scheduler
//! thread meanwhile runs other processes. What wakes it is the *network
//! poller* (see `poller`), which wakes the processes recorded as waiting on
//! a socket when it becomes ready.
//!
//! A waiter is recorded *before* the operation is retried, so readiness that
//! comes between a failed attempt and the recording is never lost: either
//! the retry sees it, or the poller sees the waiter. Wakes that turn out
//! spurious (a message, another socket, data taken by a process sharing the
//! stream) only cost a retry.
//!
//! Timeouts (`tcp_connect`, `resolve`, and a stream's read, write and peek
//! timeouts) are deadlines of the same wait: when one passes the operation
//! returns [`TIMEOUT`](super::TIMEOUT) (9027), as lunatic does, and the guest sees
//! `ErrorKind::TimedOut`.
//!
//! The scheduler cannot see the poller: when every process waits and no
//! timer is pending it would end the program as deadlocked. A process
//! waiting for a socket or a lookup holds a
//! `kiln_runtime::foreign::ExternalWait`, which tells it otherwise.

use std::io;
use std::time::{Duration, Instant};

use mio::event::Source;
use wasmtime::{Caller, Result};

use super::poller::{Dir, Registered, Waiters};
use crate::lunatic::process::{wait, with_context};
use crate::lunatic::state::GuestState;

/// A timeout argument (or a stored timeout) meaning "none".
pub(super) const NO_TIMEOUT: u64 = u64::MAX;

/// The deadline of a timeout in milliseconds ([`NO_TIMEOUT`], or one past
/// any clock: none).
pub(super) fn deadline_after(ms: u64) -> Option<Instant> {
    match ms {
        NO_TIMEOUT => None,
        ms => Instant::now().checked_add(Duration::from_millis(ms)),
    }
}

/// Calls `attempt` until it gives an answer, suspending the process in
/// between (until a notice, a message or `deadline`); `None` when the
/// deadline passed first.
pub(super) async fn wait_for<R>(
    c: &mut Caller<'_, GuestState>,
    deadline: Option<Instant>,
    mut attempt: impl FnMut(&mut Caller<'_, GuestState>) -> Result<Option<R>>,
) -> Result<Option<R>> {
    let mut waited = false;
    let out = loop {
        match attempt(c) {
            Ok(Some(r)) => break Ok(Some(r)),
            Ok(None) => {}
            Err(e) => break Err(e),
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break Ok(None);
        }
        // Messages that arrive meanwhile are kept for later receives (and
        // notices are consumed).
        c.data_mut().pull_messages();
        waited = true;
        let _outside = kiln_runtime::foreign::ExternalWait::begin();
        wait(deadline).await;
    };
    if waited {
        with_context(|cx| cx.clear_deadline());
    }
    out
}

impl<S: Source> Registered<S> {
    /// Runs the non-blocking operation `op` on this socket until it does not
    /// answer `WouldBlock`, waiting for `dir` readiness in between; `None`
    /// when `deadline` passed first. The outer `Result` is a trap (`op`
    /// reads guest memory), the inner one the operation's outcome.
    pub(super) async fn io_op<R>(
        &self,
        c: &mut Caller<'_, GuestState>,
        dir: Dir,
        deadline: Option<Instant>,
        mut op: impl FnMut(&mut Caller<'_, GuestState>) -> Result<io::Result<R>>,
    ) -> Result<Option<io::Result<R>>> {
        let waiters = &*self.waiters;
        let pid = c.data().id;
        let mut try_op = move |c: &mut Caller<'_, GuestState>| -> Result<Option<io::Result<R>>> {
            loop {
                match op(c)? {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                    r => return Ok(Some(r)),
                }
            }
        };
        // The common case: ready at once, no bookkeeping.
        if let Some(r) = try_op(c)? {
            return Ok(Some(r));
        }
        // Forgets the waiter however the wait ends (also when the process is
        // killed while it waits and this future is dropped).
        struct Leave<'a>(&'a Waiters, u64, Dir);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                self.0.remove(self.1, self.2);
            }
        }
        let _leave = Leave(waiters, pid, dir);
        wait_for(c, deadline, |c| {
            // Recorded before retrying: readiness from now on wakes us.
            waiters.add(pid, dir);
            try_op(c)
        })
        .await
    }

    /// [`Registered::io_op`] without a deadline: the operation's outcome
    /// (`TimedOut` should the wait ever end without one).
    pub(super) async fn io_op_untimed<R>(
        &self,
        c: &mut Caller<'_, GuestState>,
        dir: Dir,
        op: impl FnMut(&mut Caller<'_, GuestState>) -> Result<io::Result<R>>,
    ) -> Result<io::Result<R>> {
        let done = self.io_op(c, dir, None, op).await?;
        Ok(done.unwrap_or_else(|| Err(io::ErrorKind::TimedOut.into())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_become_deadlines() {
        assert_eq!(deadline_after(NO_TIMEOUT), None);
        // Huge ones never overflow (they are either far away or none).
        assert!(deadline_after(u64::MAX - 1).is_none_or(|d| d > Instant::now()));
        let d = deadline_after(0).unwrap();
        assert!(d <= Instant::now());
        assert!(deadline_after(60_000).unwrap() > Instant::now());
    }
}
