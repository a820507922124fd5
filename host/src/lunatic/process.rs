//! A guest process: one Wasm instance in its own `Store`, run as a foreign
//! process of the kiln runtime (see `kiln_runtime::foreign`).
//!
//! The instance runs inside a wasmtime async call — on a fiber of its own,
//! so it can stop in the middle of Wasm code and resume later on any
//! scheduler thread. Each time slice polls that call's future once:
//!
//! - wasmtime suspends it every [`SLICE_FUEL`] units of fuel
//!   (`fuel_async_yield_interval`): the slice ends with `Yield`, the
//!   process goes to the back of the run queue, and an endless loop never
//!   stalls the scheduler;
//! - a host function that must wait (`receive`, `sleep_ms`, a socket that
//!   is not ready) records what it waits for with [`wait`] and suspends: the
//!   slice ends with `Wait`, and the runtime parks the process until a
//!   message, a notice or the deadline;
//! - the call's end (return, trap, `proc_exit`) ends the process.
//!
//! Host functions reach the runtime (messages, links, spawning) through
//! [`with_context`]: the slice's `Context` is published in a thread-local
//! for exactly the duration of the poll, and host functions only ever run
//! inside it.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll, Waker};
use std::time::Instant;

use kiln_runtime::foreign::{Context, Ending, ForeignCode, Step};
use wasmtime::{format_err, Result};
use wasmtime::{Store, Val};
use wasmtime_wasi::I32Exit;

use super::config::{GuestConfig, FUEL_UNIT};
use super::state::GuestState;
use super::GuestModule;

/// Fuel a process burns per time slice (about as many Wasm instructions).
pub const SLICE_FUEL: u64 = 20_000;

/// Guest processes alive at once, at most (Erlang's default process limit):
/// a guest spawning in a loop gets an error instead of exhausting the
/// host's memory. `kiln run --max-processes N` changes it.
pub const DEFAULT_PROCESS_LIMIT: usize = 262_144;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_PROCESS_LIMIT);

/// Sets the limit of guest processes alive at once.
pub fn set_process_limit(n: usize) {
    LIMIT.store(n.max(1), Ordering::Relaxed);
}

/// `Err` (the reason, for the spawner) when no more guest processes may be
/// started.
pub fn check_process_limit() -> std::result::Result<(), String> {
    let limit = LIMIT.load(Ordering::Relaxed);
    if LIVE.load(Ordering::Relaxed) >= limit {
        return Err(format!("the limit of {limit} guest processes alive at once is reached"));
    }
    Ok(())
}

/// Counts a guest process among the live ones while it exists.
struct Live;

impl Live {
    fn new() -> Live {
        LIVE.fetch_add(1, Ordering::Relaxed);
        Live
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

thread_local! {
    /// The running slice's runtime context (null outside a poll).
    static CONTEXT: Cell<*mut ()> = const { Cell::new(std::ptr::null_mut()) };
    /// Set by [`wait`] when a host function suspends the process to wait:
    /// `Some(deadline)`.
    static WAIT: Cell<Option<Option<Instant>>> = const { Cell::new(None) };
}

/// Runs `f` with the runtime context of the process whose host function is
/// running.
///
/// # Panics
/// Outside a host function (no slice is being run on this thread): a bug
/// in the host, never reachable by a guest.
pub fn with_context<R>(f: impl FnOnce(&mut Context<'_>) -> R) -> R {
    let p = CONTEXT.with(|c| c.get());
    assert!(!p.is_null(), "kiln-host: a guest host function ran outside its process's time slice");
    // SAFETY: `p` was set by `GuestProcess::run` from a `&mut Context` that
    // outlives the poll during which host functions run, and is cleared
    // after; host functions run on the polling thread, one at a time, and
    // no other reference to the context is used while they do.
    f(unsafe { &mut *(p as *mut Context<'_>) })
}

/// Suspends the calling host function until a message arrives, a notice
/// wakes the process, or `deadline` passes; then it should look again.
pub async fn wait(deadline: Option<Instant>) {
    let mut suspended = false;
    std::future::poll_fn(move |_| {
        if suspended {
            return Poll::Ready(());
        }
        suspended = true;
        WAIT.with(|w| w.set(Some(deadline)));
        Poll::Pending
    })
    .await
}

type Run = Pin<Box<dyn Future<Output = Result<()>> + Send>>;

/// A guest process as the runtime sees it.
pub struct GuestProcess {
    run: Run,
    /// Its output is captured (a test's): its failure is reported by the
    /// test runner, not on stderr.
    quiet: bool,
    _live: Live,
}

/// What a new process runs: `function` of `module` with `params`.
pub struct Entry {
    pub module: Arc<GuestModule>,
    pub config: Arc<GuestConfig>,
    pub function: String,
    pub params: Vec<Val>,
}

impl GuestProcess {
    /// A process that will instantiate `entry.module` and call the entry
    /// function once it first runs (on whichever scheduler picks it up).
    /// Its id is known only then: `Context::id`.
    pub fn new(entry: Entry) -> GuestProcess {
        let quiet = entry.config.capture.is_some();
        let run = async move {
            let id = with_context(|cx| cx.id());
            let Entry { module, config, function, params } = entry;
            let fuel = config.max_fuel.map_or(u64::MAX, |f| f.saturating_mul(FUEL_UNIT));
            let mut store = Store::new(module.pre.module().engine(), GuestState::new(id, module.clone(), config));
            store.limiter(|s| s as &mut dyn wasmtime::ResourceLimiter);
            store.set_fuel(fuel)?;
            store.fuel_async_yield_interval(Some(SLICE_FUEL))?;
            // The memory is created during the first poll, on this thread.
            super::memory::set_pending_image(module.image.clone());
            let instance = module.pre.instantiate_async(&mut store).await;
            super::memory::set_pending_image(None);
            let instance = instance?;
            let memory = instance.get_memory(&mut store, "memory");
            store.data_mut().memory = memory;
            let func = instance
                .get_func(&mut store, &function)
                .ok_or_else(|| format_err!("the module exports no function `{function}`"))?;
            let mut results = vec![Val::I32(0); func.ty(&store).results().len()];
            func.call_async(&mut store, &params, &mut results).await
        };
        GuestProcess { run: Box::pin(run), quiet, _live: Live::new() }
    }
}

impl ForeignCode for GuestProcess {
    fn run(&mut self, cx: &mut Context<'_>) -> Step {
        let id = cx.id();
        CONTEXT.with(|c| c.set(cx as *mut Context<'_> as *mut ()));
        WAIT.with(|w| w.set(None));
        let polled = self.run.as_mut().poll(&mut TaskContext::from_waker(Waker::noop()));
        CONTEXT.with(|c| c.set(std::ptr::null_mut()));
        match polled {
            Poll::Pending => match WAIT.with(|w| w.take()) {
                Some(deadline) => Step::Wait(deadline),
                None => Step::Yield,
            },
            Poll::Ready(Ok(())) => Step::Exit(Ending::Normal),
            Poll::Ready(Err(e)) => Step::Exit(ending(id, e, self.quiet)),
        }
    }
}

/// How a process whose call failed ends: `proc_exit` is an exit status
/// (0 is a normal end), anything else a failure, reported on stderr as
/// lunatic reports it.
fn ending(id: u64, e: wasmtime::Error, quiet: bool) -> Ending {
    if let Some(I32Exit(status)) = e.downcast_ref::<I32Exit>() {
        return if *status == 0 { Ending::Normal } else { Ending::Status(*status) };
    }
    let text = describe(&e);
    if !quiet {
        eprintln!("kiln: process {id} failed: {text}");
    }
    Ending::Failed(text)
}

/// One line naming why a call failed: the trap, or the host error.
pub fn describe(e: &wasmtime::Error) -> String {
    let root = e.root_cause().to_string();
    match e.downcast_ref::<wasmtime::Trap>() {
        Some(trap) if root != trap.to_string() => format!("{trap}: {root}"),
        _ => root,
    }
}
