//! The network poller: what wakes a process waiting for a socket.
//!
//! It is one thread for the whole program (started on first use) that waits
//! on an epoll/kqueue set (`mio`) in which every socket is registered for
//! reading and writing, edge-triggered, under a token of its own. Each
//! socket keeps the processes waiting on it, and in which direction
//! ([`Waiters`]); when the poller sees a socket become readable (or
//! writable), it takes the waiters of that direction out and wakes each one
//! with `kiln_runtime::foreign::notify`.

use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use mio::event::Source;
use mio::{Interest, Token};

/// Which readiness a waiting process needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dir {
    Read,
    Write,
}

/// The processes waiting on one socket.
#[derive(Default)]
pub struct Waiters {
    list: Mutex<Vec<(u64, Dir)>>,
}

impl Waiters {
    fn lock(&self) -> MutexGuard<'_, Vec<(u64, Dir)>> {
        self.list.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records that process `pid` waits for `dir` (once).
    pub(super) fn add(&self, pid: u64, dir: Dir) {
        let mut list = self.lock();
        if !list.contains(&(pid, dir)) {
            list.push((pid, dir));
        }
    }

    pub(super) fn remove(&self, pid: u64, dir: Dir) {
        self.lock().retain(|&w| w != (pid, dir));
    }

    /// Wakes (and forgets) the processes waiting for what became ready.
    fn wake(&self, readable: bool, writable: bool) {
        let pids = take_ready(&mut self.lock(), readable, writable);
        for pid in pids {
            kiln_runtime::foreign::notify(pid);
        }
    }
}

/// Removes from `list` the waiters that `readable`/`writable` satisfy;
/// returns their process ids.
fn take_ready(list: &mut Vec<(u64, Dir)>, readable: bool, writable: bool) -> Vec<u64> {
    let mut ready = Vec::new();
    list.retain(|&(pid, dir)| {
        let hit = match dir {
            Dir::Read => readable,
            Dir::Write => writable,
        };
        if hit {
            ready.push(pid);
        }
        !hit
    });
    ready
}

/// The sockets registered with the poller, by token.
type Sources = Arc<Mutex<HashMap<usize, Arc<Waiters>>>>;

struct Poller {
    registry: mio::Registry,
    sources: Sources,
    next_token: AtomicUsize,
}

impl Poller {
    fn sources(&self) -> MutexGuard<'_, HashMap<usize, Arc<Waiters>>> {
        self.sources.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The poller, started on first use.
fn poller() -> io::Result<&'static Poller> {
    static POLLER: OnceLock<std::result::Result<Poller, String>> = OnceLock::new();
    POLLER
        .get_or_init(|| {
            let poll = mio::Poll::new().map_err(|e| e.to_string())?;
            let registry = poll.registry().try_clone().map_err(|e| e.to_string())?;
            let sources: Sources = Arc::default();
            let shared = sources.clone();
            std::thread::Builder::new()
                .name("kiln-net-poller".into())
                .spawn(move || poll_loop(poll, shared))
                .map_err(|e| e.to_string())?;
            Ok(Poller { registry, sources, next_token: AtomicUsize::new(0) })
        })
        .as_ref()
        .map_err(|e| io::Error::other(format!("cannot start the network poller: {e}")))
}

/// The poller thread: waits for readiness and wakes the waiting processes.
fn poll_loop(mut poll: mio::Poll, sources: Sources) {
    let mut events = mio::Events::with_capacity(1024);
    loop {
        if let Err(e) = poll.poll(&mut events, None) {
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            eprintln!("kiln: the network poller failed: {e}");
            return;
        }
        for ev in events.iter() {
            let waiters = sources.lock().unwrap_or_else(|e| e.into_inner()).get(&ev.token().0).cloned();
            if let Some(w) = waiters {
                let error = ev.is_error();
                w.wake(
                    ev.is_readable() || ev.is_read_closed() || error,
                    ev.is_writable() || ev.is_write_closed() || error,
                );
            }
        }
    }
}

/// A socket registered with the poller (for as long as it lives).
pub struct Registered<S: Source> {
    pub(super) io: S,
    token: Token,
    pub(super) waiters: Arc<Waiters>,
}

impl<S: Source> Registered<S> {
    pub(super) fn new(mut io: S) -> io::Result<Registered<S>> {
        let p = poller()?;
        let token = Token(p.next_token.fetch_add(1, Ordering::Relaxed));
        let waiters = Arc::new(Waiters::default());
        p.sources().insert(token.0, waiters.clone());
        if let Err(e) = p.registry.register(&mut io, token, Interest::READABLE | Interest::WRITABLE) {
            p.sources().remove(&token.0);
            return Err(e);
        }
        Ok(Registered { io, token, waiters })
    }
}

impl<S: Source> Drop for Registered<S> {
    fn drop(&mut self) {
        if let Ok(p) = poller() {
            let _ = p.registry.deregister(&mut self.io);
            p.sources().remove(&self.token.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_wakes_only_the_matching_direction() {
        let mut list = vec![(1, Dir::Read), (2, Dir::Write), (3, Dir::Read)];
        assert_eq!(take_ready(&mut list, true, false), vec![1, 3]);
        assert_eq!(list, vec![(2, Dir::Write)]);
        assert_eq!(take_ready(&mut list, false, false), Vec::<u64>::new());
        assert_eq!(take_ready(&mut list, true, true), vec![2]);
        assert!(list.is_empty());
    }

    #[test]
    fn waiters_are_recorded_once() {
        let w = Waiters::default();
        w.add(7, Dir::Read);
        w.add(7, Dir::Read);
        w.add(7, Dir::Write);
        assert_eq!(w.lock().len(), 2);
        w.remove(7, Dir::Read);
        assert_eq!(*w.lock(), vec![(7, Dir::Write)]);
    }

    #[test]
    fn sockets_register_with_the_poller_and_leave_it() {
        let l = Registered::new(mio::net::TcpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap()).unwrap();
        let token = l.token.0;
        assert!(poller().unwrap().sources().contains_key(&token));
        drop(l);
        assert!(!poller().unwrap().sources().contains_key(&token));
    }
}
