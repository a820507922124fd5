//! The counters behind `erlang:statistics/1` and the per-scheduler facts
//! `erlang:system_info/1` reports (`scheduler_id`), kept where the work
//! happens: the scheduler loop (time slices, reductions, busy time), the
//! collector (collections, words reclaimed) and standard I/O (bytes in and
//! out).
//!
//! # Why per-thread counters
//!
//! A slice ends millions of times a second across all schedulers; one
//! shared counter would bounce its cache line between them on every slice.
//! Each thread that runs processes (or collects, or writes) instead owns a
//! cache-line-sized [`ThreadStats`] that only it writes, with relaxed
//! atomics; readers (the `statistics/1` BIF, rarely called) sum every
//! thread's block. Blocks are registered once per thread and never removed,
//! so totals keep the work of threads that have ended (a pool that was
//! torn down) and only ever grow, as OTP's do.
//!
//! # Scheduler wall time
//!
//! `erlang:system_flag(scheduler_wall_time, true)` turns on the timing of
//! slices (two clock reads per slice, so it is off by default as in OTP);
//! each scheduler then accumulates the nanoseconds it spent running
//! processes since the flag was turned on (see [`wall_time`]).

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Instant;

/// What one thread did; written only by that thread.
#[repr(align(128))]
#[derive(Default)]
pub struct ThreadStats {
    /// `index + 1` of the scheduler this thread runs, 0 for none.
    scheduler: AtomicUsize,
    /// Reductions of the slices this thread ran to their end.
    reductions: AtomicU64,
    /// Slices started (OTP's context switches).
    slices: AtomicU64,
    /// A process is running on this thread right now.
    busy: AtomicBool,
    /// Nanoseconds spent in slices since wall-time accounting started, and
    /// the start of the slice in progress (nanoseconds since [`start`]).
    busy_ns: AtomicU64,
    slice_start_ns: AtomicU64,
    /// Garbage collections and the words they reclaimed.
    gcs: AtomicU64,
    reclaimed: AtomicU64,
}

/// Adds `n` to a counter that only the calling thread writes.
fn bump(c: &AtomicU64, n: u64) {
    c.store(c.load(Ordering::Relaxed).wrapping_add(n), Ordering::Relaxed);
}

fn registry() -> &'static Mutex<Vec<Arc<ThreadStats>>> {
    static ALL: OnceLock<Mutex<Vec<Arc<ThreadStats>>>> = OnceLock::new();
    ALL.get_or_init(|| Mutex::new(Vec::new()))
}

thread_local! {
    static MINE: Arc<ThreadStats> = {
        let s = Arc::new(ThreadStats::default());
        registry().lock().unwrap_or_else(PoisonError::into_inner).push(s.clone());
        s
    };
}

fn with_mine(f: impl FnOnce(&ThreadStats)) {
    // A thread being torn down has no block any more: its late work is
    // not counted (nothing of the kind happens on a scheduler thread).
    let _ = MINE.try_with(|s| f(s));
}

fn all() -> Vec<Arc<ThreadStats>> {
    registry().lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Bytes read from and written to the standard devices.
static IO_IN: AtomicU64 = AtomicU64::new(0);
static IO_OUT: AtomicU64 = AtomicU64::new(0);

/// Whether slices are timed (`system_flag(scheduler_wall_time, _)`), and
/// when accounting started (nanoseconds since [`start`]).
static WALL_TIME_ON: AtomicBool = AtomicBool::new(false);
static WALL_TIME_SINCE: AtomicU64 = AtomicU64::new(0);

/// The moment the program started (the first call; `start::run_main`
/// makes that the start of the run).
pub fn start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(|| {
        // Pin monotonic time's origin to the same moment, so that
        // `system_info(start_time)` is the monotonic time of the start.
        let _ = crate::bifs::time::monotonic_ns();
        Instant::now()
    })
}

fn now_ns() -> u64 {
    u64::try_from(start().elapsed().as_nanos()).unwrap_or(u64::MAX)
}

/// The scheduler loop of scheduler `index` starts on this thread.
pub fn enter_scheduler(index: usize) {
    with_mine(|s| s.scheduler.store(index + 1, Ordering::Relaxed));
}

/// The scheduler loop on this thread ends.
pub fn leave_scheduler() {
    with_mine(|s| s.scheduler.store(0, Ordering::Relaxed));
}

/// The 1-based scheduler id of this thread (`system_info(scheduler_id)`),
/// if it runs a scheduler.
pub fn scheduler_id() -> Option<usize> {
    let mut id = 0;
    with_mine(|s| id = s.scheduler.load(Ordering::Relaxed));
    (id > 0).then_some(id)
}

/// A time slice begins on this thread.
pub fn slice_begin() {
    with_mine(|s| {
        bump(&s.slices, 1);
        s.busy.store(true, Ordering::Relaxed);
        if WALL_TIME_ON.load(Ordering::Relaxed) {
            s.slice_start_ns.store(now_ns(), Ordering::Relaxed);
        }
    });
}

/// The slice on this thread ended after `reductions` reductions.
pub fn slice_end(reductions: u64) {
    with_mine(|s| {
        bump(&s.reductions, reductions);
        s.busy.store(false, Ordering::Relaxed);
        if WALL_TIME_ON.load(Ordering::Relaxed) {
            let begun = s.slice_start_ns.load(Ordering::Relaxed).max(WALL_TIME_SINCE.load(Ordering::Relaxed));
            bump(&s.busy_ns, now_ns().saturating_sub(begun));
        }
    });
}

/// A collection on this thread reclaimed `words`.
pub fn gc_done(words: usize) {
    with_mine(|s| {
        bump(&s.gcs, 1);
        bump(&s.reclaimed, words as u64);
    });
}

/// `n` bytes were read from standard input.
pub fn io_input(n: usize) {
    IO_IN.fetch_add(n as u64, Ordering::Relaxed);
}

/// `n` bytes were written to standard output or standard error.
pub fn io_output(n: usize) {
    IO_OUT.fetch_add(n as u64, Ordering::Relaxed);
}

/// Totals over every thread that ever ran processes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub reductions: u64,
    pub context_switches: u64,
    pub gcs: u64,
    pub words_reclaimed: u64,
    pub io_in: u64,
    pub io_out: u64,
}

/// The counters summed now.
pub fn totals() -> Totals {
    let mut t =
        Totals { io_in: IO_IN.load(Ordering::Relaxed), io_out: IO_OUT.load(Ordering::Relaxed), ..Totals::default() };
    for s in all() {
        t.reductions = t.reductions.wrapping_add(s.reductions.load(Ordering::Relaxed));
        t.context_switches = t.context_switches.wrapping_add(s.slices.load(Ordering::Relaxed));
        t.gcs = t.gcs.wrapping_add(s.gcs.load(Ordering::Relaxed));
        t.words_reclaimed = t.words_reclaimed.wrapping_add(s.reclaimed.load(Ordering::Relaxed));
    }
    t
}

/// Whether scheduler `index` (0-based) is running a process now.
pub fn scheduler_busy(index: usize) -> bool {
    all().iter().any(|s| s.scheduler.load(Ordering::Relaxed) == index + 1 && s.busy.load(Ordering::Relaxed))
}

/// Turns slice timing on or off; returns whether it was on. Turning it on
/// restarts every scheduler's count.
pub fn set_wall_time(on: bool) -> bool {
    if on && !WALL_TIME_ON.load(Ordering::SeqCst) {
        WALL_TIME_SINCE.store(now_ns(), Ordering::SeqCst);
        for s in all() {
            s.busy_ns.store(0, Ordering::Relaxed);
        }
    }
    WALL_TIME_ON.swap(on, Ordering::SeqCst)
}

/// `[(ActiveNs, TotalNs)]` for schedulers `0..n` since slice timing was
/// turned on, or `None` while it is off. A slice in progress counts up to
/// now.
pub fn wall_time(n: usize) -> Option<Vec<(u64, u64)>> {
    if !WALL_TIME_ON.load(Ordering::SeqCst) {
        return None;
    }
    let since = WALL_TIME_SINCE.load(Ordering::SeqCst);
    let now = now_ns();
    let mut out = vec![(0u64, now.saturating_sub(since)); n];
    for s in all() {
        let id = s.scheduler.load(Ordering::Relaxed);
        if id == 0 || id > n {
            continue;
        }
        let mut active = s.busy_ns.load(Ordering::Relaxed);
        if s.busy.load(Ordering::Relaxed) {
            let begun = s.slice_start_ns.load(Ordering::Relaxed).max(since);
            active = active.saturating_add(now.saturating_sub(begun));
        }
        out[id - 1].0 = out[id - 1].0.saturating_add(active).min(out[id - 1].1);
    }
    Some(out)
}

/// CPU time the whole program used, in nanoseconds: user plus system time
/// of every thread, as OTP's `runtime`. Where the platform cannot tell
/// (a WASI host without a process CPU clock), the time since the start:
/// wasm32 runs one thread, so that is an upper bound.
pub fn cpu_time_ns() -> u64 {
    cpu_clock().unwrap_or_else(now_ns)
}

#[cfg(unix)]
fn cpu_clock() -> Option<u64> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| (ts.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(ts.tv_nsec as u64))
}

#[cfg(target_os = "wasi")]
fn cpu_clock() -> Option<u64> {
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        fn clock_time_get(id: u32, precision: u64, time: *mut u64) -> u16;
    }
    /// WASI's `clockid::process_cputime_id`.
    const PROCESS_CPUTIME: u32 = 2;
    let mut t = 0u64;
    // SAFETY: `t` is a valid, writable u64; the import is WASI preview 1's
    // `clock_time_get`, which every WASI host provides (it answers an
    // error code for clocks it does not have).
    let rc = unsafe { clock_time_get(PROCESS_CPUTIME, 1, &mut t) };
    (rc == 0).then_some(t)
}

#[cfg(not(any(unix, target_os = "wasi")))]
fn cpu_clock() -> Option<u64> {
    None
}

/// Milliseconds since the start.
pub fn wall_clock_ms() -> u64 {
    now_ns() / 1_000_000
}

/// For the `{Total, SinceLastCall}` answers: the previous total of one
/// statistic, replaced by `total`; returns the difference.
pub fn since_last(last: &AtomicU64, total: u64) -> u64 {
    total.wrapping_sub(last.swap(total, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_gcs_and_io_add_up_across_threads() {
        let before = totals();
        std::thread::spawn(|| {
            enter_scheduler(0);
            slice_begin();
            slice_end(100);
            gc_done(7);
            leave_scheduler();
        })
        .join()
        .unwrap();
        slice_begin();
        slice_end(5);
        io_output(3);
        io_input(2);
        let after = totals();
        assert!(after.reductions >= before.reductions + 105);
        assert!(after.context_switches >= before.context_switches + 2);
        assert!(after.gcs > before.gcs);
        assert!(after.words_reclaimed >= before.words_reclaimed + 7);
        assert!(after.io_out >= before.io_out + 3 && after.io_in >= before.io_in + 2);
    }

    #[test]
    fn since_last_reports_the_difference() {
        let last = AtomicU64::new(0);
        assert_eq!(since_last(&last, 10), 10);
        assert_eq!(since_last(&last, 25), 15);
        assert_eq!(since_last(&last, 25), 0);
    }

    #[test]
    fn cpu_time_and_wall_time_advance() {
        let a = cpu_time_ns();
        let mut x = 0u64;
        for i in 0..2_000_000u64 {
            x = x.wrapping_add(i * i);
        }
        std::hint::black_box(x);
        assert!(cpu_time_ns() >= a);
        assert!(wall_clock_ms() < 1_000_000_000);
    }
}
