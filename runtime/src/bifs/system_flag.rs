//! `erlang:system_flag/2`: the system-wide settings a program may change,
//! and their current values for `erlang:system_info/1`.
//!
//! Supported flags, each validated and answering the old value as OTP 25:
//!
//! - `backtrace_depth` (0..; stored capped at 64): kiln records no call
//!   stack in exceptions yet, so the setting has nothing to limit; it is
//!   kept so that programs that set and read it back see OTP's answers.
//! - `scheduler_wall_time` (booleans): turns slice timing on and off
//!   (see [`crate::statistics`]); real.
//! - `schedulers_online`: 1..=`schedulers`, else `badarg`. kiln's pool
//!   cannot take schedulers offline, so setting it to fewer than all
//!   raises `notsup` (after validating, so `badarg` cases match OTP).
//! - `fullsweep_after`, `min_heap_size`, `min_bin_vheap_size`,
//!   `max_heap_size`: the system-wide defaults `system_info/1` reports.
//!   kiln's collector has one generation and sizes heaps itself, so they do
//!   not change how it collects (nor, yet, what `process_info/2` of a new
//!   process reports).
//! - `time_offset` (`finalize`): kiln's time offset follows the OS clock
//!   (multi-time-warp behaviour), so the state stays `volatile`.
//! - `trace_control_word`: stored (there is no tracing to read it).
//!
//! Any other flag (`multi_scheduling`, `microstate_accounting`,
//! `cpu_topology`, `dirty_*_schedulers_online`, `erts_alloc`,
//! `system_logger`, `outstanding_system_requests_limit`, ...) is `badarg`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::process::signals::DEFAULT_MIN_HEAP;
use crate::process::Process;
use crate::term::{bif_return, boolean, make_map_sorted, map_view, BifResult, Error, TermAlloc};

/// OTP's default and ceiling of `backtrace_depth`.
const DEFAULT_BACKTRACE_DEPTH: u64 = 8;
const MAX_BACKTRACE_DEPTH: u64 = 64;
/// OTP's defaults.
const DEFAULT_FULLSWEEP_AFTER: u64 = 65535;
const DEFAULT_MIN_BIN_VHEAP: u64 = 46422;

static BACKTRACE_DEPTH: AtomicU64 = AtomicU64::new(DEFAULT_BACKTRACE_DEPTH);
static FULLSWEEP_AFTER: AtomicU64 = AtomicU64::new(DEFAULT_FULLSWEEP_AFTER);
static MIN_HEAP_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MIN_HEAP as u64);
static MIN_BIN_VHEAP_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MIN_BIN_VHEAP);
static TRACE_CONTROL_WORD: AtomicU64 = AtomicU64::new(0);

/// The system-wide `max_heap_size`: size in words (0 = none), `kill`,
/// `error_logger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxHeapSize {
    pub size: u64,
    pub kill: bool,
    pub error_logger: bool,
}

static MAX_HEAP_SIZE: Mutex<MaxHeapSize> = Mutex::new(MaxHeapSize { size: 0, kill: true, error_logger: true });

/// Current `backtrace_depth`.
pub fn backtrace_depth() -> u64 {
    BACKTRACE_DEPTH.load(Ordering::Relaxed)
}

/// Current `fullsweep_after`.
pub fn fullsweep_after() -> u64 {
    FULLSWEEP_AFTER.load(Ordering::Relaxed)
}

/// Current system-wide `min_heap_size` (words).
pub fn min_heap_size() -> u64 {
    MIN_HEAP_SIZE.load(Ordering::Relaxed)
}

/// Current system-wide `min_bin_vheap_size` (words).
pub fn min_bin_vheap_size() -> u64 {
    MIN_BIN_VHEAP_SIZE.load(Ordering::Relaxed)
}

/// Current `trace_control_word`.
pub fn trace_control_word() -> u64 {
    TRACE_CONTROL_WORD.load(Ordering::Relaxed)
}

/// Current system-wide `max_heap_size`.
pub fn max_heap_size() -> MaxHeapSize {
    *MAX_HEAP_SIZE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `#{error_logger => B, kill => B, size => N}`, as OTP prints it.
pub fn max_heap_size_term<H: TermAlloc + ?Sized>(h: &mut H, m: MaxHeapSize) -> Term {
    let keys = [atom::intern("error_logger"), atom::intern("kill"), atom::intern("size")];
    let size = crate::term::make_i128(h, i128::from(m.size));
    make_map_sorted(h, &keys, &[boolean(m.error_logger), boolean(m.kill), size])
}

/// A non-negative small integer.
fn non_neg(t: Term) -> Result<u64, Error> {
    match tag::is_small(t) && tag::small_value(t) >= 0 {
        true => Ok(tag::small_value(t) as u64),
        false => Err(Error::Badarg),
    }
}

fn truth(t: Term) -> Result<bool, Error> {
    match t {
        crate::term::atoms::TRUE => Ok(true),
        crate::term::atoms::FALSE => Ok(false),
        _ => Err(Error::Badarg),
    }
}

/// `max_heap_size`'s value: a size, or a map of `size`, `kill` and
/// `error_logger` (the missing ones keep their current values).
fn parse_max_heap_size(value: Term, current: MaxHeapSize) -> Result<MaxHeapSize, Error> {
    if tag::is_small(value) {
        return Ok(MaxHeapSize { size: non_neg(value)?, ..current });
    }
    let m = map_view(value).ok_or(Error::Badarg)?;
    let mut out = current;
    for (k, v) in m.iter() {
        match atom::try_name(k) {
            Some("size") => out.size = non_neg(v)?,
            Some("kill") => out.kill = truth(v)?,
            Some("error_logger") => out.error_logger = truth(v)?,
            _ => return Err(Error::Badarg),
        }
    }
    Ok(out)
}

/// Stores a non-negative setting; answers the old value.
fn swap_setting(cell: &AtomicU64, value: Term) -> BifResult {
    let v = non_neg(value)?;
    Ok(tag::small(cell.swap(v, Ordering::Relaxed) as i64))
}

/// `erlang:system_flag(Flag, Value)` in process `proc`.
pub fn system_flag(proc: &mut Process, flag: Term, value: Term) -> BifResult {
    match atom::try_name(flag).ok_or(Error::Badarg)? {
        "backtrace_depth" => {
            let v = non_neg(value)?.min(MAX_BACKTRACE_DEPTH);
            Ok(tag::small(BACKTRACE_DEPTH.swap(v, Ordering::Relaxed) as i64))
        }
        "scheduler_wall_time" => Ok(boolean(crate::statistics::set_wall_time(truth(value)?))),
        "schedulers_online" => schedulers_online(proc, value),
        "fullsweep_after" => swap_setting(&FULLSWEEP_AFTER, value),
        "min_heap_size" => swap_setting(&MIN_HEAP_SIZE, value),
        "min_bin_vheap_size" => swap_setting(&MIN_BIN_VHEAP_SIZE, value),
        "trace_control_word" => {
            let v = non_neg(value)?;
            if v > u64::from(u32::MAX) {
                return Err(Error::Badarg);
            }
            Ok(tag::small(TRACE_CONTROL_WORD.swap(v, Ordering::Relaxed) as i64))
        }
        "max_heap_size" => {
            let mut cell = MAX_HEAP_SIZE.lock().unwrap_or_else(PoisonError::into_inner);
            let new = parse_max_heap_size(value, *cell)?;
            let old = std::mem::replace(&mut *cell, new);
            drop(cell);
            Ok(max_heap_size_term(proc, old))
        }
        "time_offset" if value == atom::intern("finalize") => Ok(atom::intern("volatile")),
        _ => Err(Error::Badarg),
    }
}

/// `schedulers_online`: validated as OTP; only "all of them" is possible.
fn schedulers_online(proc: &mut Process, value: Term) -> BifResult {
    let n = crate::scheduler::current_schedulers() as u64;
    let want = non_neg(value)?;
    if want == 0 || want > n {
        return Err(Error::Badarg);
    }
    if want != n {
        return Ok(proc.raise_error(atom::intern("notsup")));
    }
    Ok(tag::small(n as i64))
}

#[no_mangle]
pub extern "C" fn kiln_bif_system_flag(p: *mut ProcessHeader, flag: Term, value: Term) -> Term {
    bif_return(p, |proc| system_flag(proc, flag, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backtrace_depth_answers_the_old_value_and_caps_at_64() {
        let mut proc = Process::new(0);
        let flag = atom::intern("backtrace_depth");
        let first = system_flag(&mut proc, flag, tag::small(300)).unwrap();
        assert_eq!(system_flag(&mut proc, flag, first), Ok(tag::small(64)));
        assert_eq!(system_flag(&mut proc, flag, tag::small(-1)), Err(Error::Badarg));
        assert_eq!(system_flag(&mut proc, atom::intern("no_such_flag"), tag::small(1)), Err(Error::Badarg));
    }

    #[test]
    fn max_heap_size_accepts_sizes_and_maps() {
        let cur = MaxHeapSize { size: 0, kill: true, error_logger: true };
        assert_eq!(parse_max_heap_size(tag::small(100), cur).unwrap().size, 100);
        let mut proc = Process::new(0);
        let m = make_map_sorted(&mut *proc, &[atom::intern("kill")], &[crate::term::atoms::FALSE]);
        assert_eq!(parse_max_heap_size(m, cur), Ok(MaxHeapSize { kill: false, ..cur }));
        let bad = make_map_sorted(&mut *proc, &[atom::intern("bogus")], &[tag::small(1)]);
        assert_eq!(parse_max_heap_size(bad, cur), Err(Error::Badarg));
    }
}
