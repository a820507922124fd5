//! `erlang:statistics/1`: what the runtime counted (see
//! [`crate::statistics`]) in the shapes OTP 25 returns.
//!
//! kiln runs no dirty schedulers, so the `_all` variants of the run-queue
//! and active-task items, and `scheduler_wall_time_all`, answer the same
//! lists as the plain ones: OTP appends the dirty queues and schedulers only
//! "if support for dirty schedulers exists". `microstate_accounting` is not
//! kept and is `badarg`, like any unknown item.

use std::sync::atomic::AtomicU64;

use crate::abi::{tag, ProcessHeader, Term, REDUCTIONS_PER_SLICE};
use crate::atom;
use crate::process::Process;
use crate::statistics::{self as stats, since_last};
use crate::term::{bif_return, make_i128, make_list, make_tuple, BifResult, Error, TermAlloc};

/// Previous totals for the `{Total, SinceLastCall}` items.
static LAST_RUNTIME_MS: AtomicU64 = AtomicU64::new(0);
static LAST_WALL_MS: AtomicU64 = AtomicU64::new(0);
static LAST_REDUCTIONS: AtomicU64 = AtomicU64::new(0);
static LAST_EXACT_REDUCTIONS: AtomicU64 = AtomicU64::new(0);

fn int<H: TermAlloc + ?Sized>(h: &mut H, v: u64) -> Term {
    make_i128(h, i128::from(v))
}

/// `{Total, SinceLastCall}`.
fn total_and_since<H: TermAlloc + ?Sized>(h: &mut H, total: u64, last: &AtomicU64) -> Term {
    let since = since_last(last, total);
    let (t, s) = (int(h, total), int(h, since));
    make_tuple(h, &[t, s])
}

fn int_list<H: TermAlloc + ?Sized>(h: &mut H, values: &[usize]) -> Term {
    let terms: Vec<Term> = values.iter().map(|&v| int(h, v as u64)).collect();
    make_list(h, &terms)
}

/// Processes ready to run or running, per scheduler.
fn active_tasks() -> Vec<usize> {
    let mut v = crate::scheduler::run_queue_lengths();
    for (i, n) in v.iter_mut().enumerate() {
        *n += usize::from(stats::scheduler_busy(i));
    }
    v
}

/// `[{SchedulerId, ActiveTime, TotalTime}]` (perf_counter units, which
/// are nanoseconds in kiln), or `undefined` while not enabled.
fn scheduler_wall_time<H: TermAlloc + ?Sized>(h: &mut H) -> Term {
    let Some(times) = stats::wall_time(crate::scheduler::current_schedulers()) else {
        return atom::intern("undefined");
    };
    let rows: Vec<Term> = times
        .iter()
        .enumerate()
        .map(|(i, &(active, total))| {
            let (id, a, t) = (int(h, i as u64 + 1), int(h, active), int(h, total));
            make_tuple(h, &[id, a, t])
        })
        .collect();
    make_list(h, &rows)
}

/// The reductions of the caller's current slice.
fn current_slice(proc: &Process) -> u64 {
    (REDUCTIONS_PER_SLICE - proc.header.reds).max(0) as u64
}

/// `erlang:statistics(Item)` in process `proc`.
pub fn statistics(proc: &mut Process, item: Term) -> BifResult {
    let name = atom::try_name(item).ok_or(Error::Badarg)?;
    let h = proc;
    Ok(match name {
        "runtime" => total_and_since(h, stats::cpu_time_ns() / 1_000_000, &LAST_RUNTIME_MS),
        "wall_clock" => total_and_since(h, stats::wall_clock_ms(), &LAST_WALL_MS),
        "reductions" => total_and_since(h, stats::totals().reductions, &LAST_REDUCTIONS),
        "exact_reductions" => {
            let total = stats::totals().reductions + current_slice(h);
            total_and_since(h, total, &LAST_EXACT_REDUCTIONS)
        }
        "context_switches" => {
            let n = int(h, stats::totals().context_switches);
            make_tuple(h, &[n, tag::small(0)])
        }
        "garbage_collection" => {
            let t = stats::totals();
            let (gcs, words) = (int(h, t.gcs), int(h, t.words_reclaimed));
            make_tuple(h, &[gcs, words, tag::small(0)])
        }
        "io" => {
            let t = stats::totals();
            let (i, o) = (int(h, t.io_in), int(h, t.io_out));
            let input = make_tuple(h, &[atom::intern("input"), i]);
            let output = make_tuple(h, &[atom::intern("output"), o]);
            make_tuple(h, &[input, output])
        }
        "run_queue" | "total_run_queue_lengths" | "total_run_queue_lengths_all" => {
            int(h, crate::scheduler::run_queue_lengths().iter().sum::<usize>() as u64)
        }
        "run_queue_lengths" | "run_queue_lengths_all" => int_list(h, &crate::scheduler::run_queue_lengths()),
        "active_tasks" | "active_tasks_all" => int_list(h, &active_tasks()),
        "total_active_tasks" | "total_active_tasks_all" => int(h, active_tasks().iter().sum::<usize>() as u64),
        "scheduler_wall_time" | "scheduler_wall_time_all" => scheduler_wall_time(h),
        _ => return Err(Error::Badarg),
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_statistics(p: *mut ProcessHeader, item: Term) -> Term {
    bif_return(p, |proc| statistics(proc, item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{tuple_elements, view, TermView};

    fn small(t: Term) -> i64 {
        match view(t) {
            TermView::Small(n) => n,
            other => panic!("not a small integer: {other:?}"),
        }
    }

    #[test]
    fn shapes_match_otp() {
        let mut proc = Process::new(0);
        let p = &mut *proc;
        for item in ["runtime", "wall_clock", "reductions", "exact_reductions", "context_switches"] {
            let t = statistics(p, atom::intern(item)).unwrap();
            let es = tuple_elements(t).unwrap();
            assert_eq!(es.len(), 2, "{item}");
            assert!(small(es[0]) >= small(es[1]), "{item}");
        }
        let gc = statistics(p, atom::intern("garbage_collection")).unwrap();
        assert_eq!(tuple_elements(gc).unwrap().len(), 3);
        let io = statistics(p, atom::intern("io")).unwrap();
        let parts = tuple_elements(io).unwrap();
        assert_eq!(tuple_elements(parts[0]).unwrap()[0], atom::intern("input"));
        assert_eq!(tuple_elements(parts[1]).unwrap()[0], atom::intern("output"));
        assert!(small(statistics(p, atom::intern("run_queue")).unwrap()) >= 0);
        assert_eq!(statistics(p, atom::intern("bogus")), Err(Error::Badarg));
        assert_eq!(statistics(p, crate::abi::tag::small(1)), Err(Error::Badarg));
    }

    #[test]
    fn since_last_call_resets() {
        let mut proc = Process::new(0);
        let p = &mut *proc;
        statistics(p, atom::intern("reductions")).unwrap();
        let t = statistics(p, atom::intern("reductions")).unwrap();
        let es = tuple_elements(t).unwrap();
        assert!(small(es[1]) <= small(es[0]));
    }
}
