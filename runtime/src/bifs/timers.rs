//! Timer BIFs over [`crate::timer`]: `erlang:send_after/3,4`,
//! `erlang:start_timer/3,4`, `erlang:cancel_timer/1,2`,
//! `erlang:read_timer/1,2`, and `erlang:'$timer_start'/4`, the primitive
//! under `stdlib/timer.erl`'s intervals and `apply_after`.
//!
//! A timer reference is an ordinary reference term whose number is
//! `timer::REF_BASE + id` (see [`crate::timer::ref_number`]); any other
//! reference names no timer (`cancel_timer` gives `false`, as OTP does for
//! an unknown reference). Times are milliseconds; `{abs, true}` makes the
//! time an `erlang:monotonic_time(millisecond)` value.
//!
//! Destinations are pids or registered names (atoms); a name is looked up
//! when the timer fires, and the message is dropped if nobody has it then
//! (as in OTP).

use std::time::{Duration, Instant};

use crate::abi::{header, tag, ErlFn, ProcessHeader, Term, MAX_ARGS};
use crate::atom::{self, known};
use crate::process::Process;
use crate::term::{atoms, bif_return, list_to_vec, tuple_elements, view, BifResult, Error, TermView};
use crate::timer::{self, Dest, TimerAction, TimerId};

/// Deadlines further away than this are clamped to it (no program waits
/// a century; `Instant` arithmetic cannot overflow).
const FAR: Duration = Duration::from_secs(100 * 365 * 86_400);

/// The deadline of a relative time in milliseconds (a non-negative small
/// integer), or of an absolute monotonic time in milliseconds.
fn deadline(time: Term, abs: bool) -> Result<Instant, Error> {
    // A negative absolute time is before the monotonic clock's start: out
    // of range, as in OTP.
    let TermView::Small(ms) = view(time) else {
        return Err(Error::Badarg);
    };
    if ms < 0 {
        return Err(Error::Badarg);
    }
    let d = Duration::from_millis(ms as u64).min(FAR);
    // The same absolute time always gives the same instant, so timers set
    // for one time fire in the order they were started.
    Ok(if abs { monotonic_start() + d } else { Instant::now() + d })
}

/// The instant `erlang:monotonic_time()` counts from (`monotonic_ns` is
/// the time elapsed since its own start instant), computed once.
fn monotonic_start() -> Instant {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *START.get_or_init(|| {
        let now = Instant::now();
        let ns = u64::try_from(super::time::monotonic_ns()).unwrap_or(0);
        now.checked_sub(Duration::from_nanos(ns)).unwrap_or(now)
    })
}

/// The `{Name, Bool}` options of a proper list, each name among `known`
/// (else `badarg`); the last occurrence wins.
fn bool_options<const N: usize>(opts: Term, known: [&str; N], mut values: [bool; N]) -> Result<[bool; N], Error> {
    for o in list_to_vec(opts).ok_or(Error::Badarg)? {
        let Some(&[name, value]) = tuple_elements(o) else {
            return Err(Error::Badarg);
        };
        let b = match value {
            atoms::TRUE => true,
            atoms::FALSE => false,
            _ => return Err(Error::Badarg),
        };
        if !tag::is_atom(name) {
            return Err(Error::Badarg);
        }
        let i = known.iter().position(|k| *k == atom::name(name)).ok_or(Error::Badarg)?;
        values[i] = b;
    }
    Ok(values)
}

/// The destination of a timer message: a pid or a registered name.
fn dest(t: Term) -> Result<Dest, Error> {
    if tag::is_pid(t) {
        Ok(Dest::Pid(tag::pid_serial(t)))
    } else if tag::is_atom(t) {
        Ok(Dest::Name(t))
    } else {
        Err(Error::Badarg)
    }
}

/// The pid serial a repeating timer to `to` watches: the process, or the
/// one registered under the name now (serial 0, which no process has, if
/// none: the timer then stops at its first expiry).
fn watch_of(to: Dest) -> u64 {
    match to {
        Dest::Pid(serial) => serial,
        Dest::Name(name) => crate::process::registry::whereis(name).map_or(0, |s| s.serial),
    }
}

/// A new reference term for timer `id`.
fn make_ref(proc: &mut Process, id: TimerId) -> Term {
    let w = proc.alloc(2);
    // SAFETY: `alloc` returned two fresh words.
    unsafe {
        w.write(header::make(header::REF, 1));
        w.add(1).write(timer::ref_number(id));
    }
    tag::boxed(w)
}

/// The timer a `TimerRef` argument names: `Ok(None)` for a reference that
/// is not a timer's, `badarg` for anything but a reference.
fn timer_of(r: Term) -> Result<Option<TimerId>, Error> {
    match view(r) {
        TermView::Ref(n) => Ok(timer::id_of_ref_number(n)),
        _ => Err(Error::Badarg),
    }
}

/// Milliseconds left (rounded up), or `false`.
fn ms_left(left: Option<Duration>) -> Term {
    match left {
        Some(d) => {
            let ms = d.as_nanos().div_ceil(1_000_000);
            tag::small(i64::try_from(ms).unwrap_or(i64::MAX).min(tag::SMALL_MAX))
        }
        None => atoms::FALSE,
    }
}

/// `send_after` (`timeout = false`) and `start_timer` (`true`).
fn start(proc: &mut Process, time: Term, to: Term, msg: Term, opts: Term, timeout: bool) -> BifResult {
    let [abs] = bool_options(opts, ["abs"], [false])?;
    let deadline = deadline(time, abs)?;
    let to = dest(to)?;
    // The id comes first: `start_timer`'s message names the reference.
    let id = timer::new_id();
    let r = make_ref(proc, id);
    let msg = if timeout { proc.tuple(&[atom::intern("timeout"), r, msg]) } else { msg };
    timer::start_with_id(id, deadline, TimerAction::Send { to, msg: timer::message(msg) });
    Ok(r)
}

#[no_mangle]
pub extern "C" fn kiln_bif_send_after(p: *mut ProcessHeader, time: Term, to: Term, msg: Term) -> Term {
    bif_return(p, |proc| start(proc, time, to, msg, tag::NIL, false))
}

#[no_mangle]
pub extern "C" fn kiln_bif_send_after_4(p: *mut ProcessHeader, time: Term, to: Term, msg: Term, opts: Term) -> Term {
    bif_return(p, |proc| start(proc, time, to, msg, opts, false))
}

#[no_mangle]
pub extern "C" fn kiln_bif_start_timer(p: *mut ProcessHeader, time: Term, to: Term, msg: Term) -> Term {
    bif_return(p, |proc| start(proc, time, to, msg, tag::NIL, true))
}

#[no_mangle]
pub extern "C" fn kiln_bif_start_timer_4(p: *mut ProcessHeader, time: Term, to: Term, msg: Term, opts: Term) -> Term {
    bif_return(p, |proc| start(proc, time, to, msg, opts, true))
}

/// `cancel_timer` / `read_timer` with their options: the result, or `ok`
/// (with `{async, true}` the result comes as `{Tag, TRef, Result}` to the
/// caller; with `{info, false}` it does not come at all).
fn cancel_or_read(proc: &mut Process, r: Term, opts: Term, cancel: bool) -> BifResult {
    let (is_async, info) = if cancel {
        let [a, i] = bool_options(opts, ["async", "info"], [false, true])?;
        (a, i)
    } else {
        let [a] = bool_options(opts, ["async"], [false])?;
        (a, true)
    };
    let id = timer_of(r)?;
    let left = id.and_then(|id| if cancel { timer::cancel(id) } else { timer::read(id) });
    let result = ms_left(left);
    if !info {
        return Ok(atoms::OK);
    }
    if is_async {
        let name = atom::intern(if cancel { "cancel_timer" } else { "read_timer" });
        let m = proc.tuple(&[name, r, result]);
        crate::mailbox::send(proc.pid(), m);
        return Ok(atoms::OK);
    }
    Ok(result)
}

#[no_mangle]
pub extern "C" fn kiln_bif_cancel_timer(p: *mut ProcessHeader, r: Term) -> Term {
    bif_return(p, |proc| cancel_or_read(proc, r, tag::NIL, true))
}

#[no_mangle]
pub extern "C" fn kiln_bif_cancel_timer_2(p: *mut ProcessHeader, r: Term, opts: Term) -> Term {
    bif_return(p, |proc| cancel_or_read(proc, r, opts, true))
}

#[no_mangle]
pub extern "C" fn kiln_bif_read_timer(p: *mut ProcessHeader, r: Term) -> Term {
    bif_return(p, |proc| cancel_or_read(proc, r, tag::NIL, false))
}

#[no_mangle]
pub extern "C" fn kiln_bif_read_timer_2(p: *mut ProcessHeader, r: Term, opts: Term) -> Term {
    bif_return(p, |proc| cancel_or_read(proc, r, opts, false))
}

/// `erlang:'$timer_start'(Kind, Time, Target, Payload) -> TimerRef`, for
/// `stdlib/timer.erl`; `Time` is relative milliseconds:
///
/// - `send_once`: send `Payload` to `Target` (a pid or a name);
/// - `send_interval`: send `Payload` to `Target` every `Time` while the
///   process (the one registered under the name at the start) lives;
/// - `apply_once`: spawn `apply(M, F, A)` once, `Payload = {M, F, A}`;
/// - `apply_interval`: the same every `Time` while the pid `Target` lives.
fn timer_start(proc: &mut Process, kind: Term, time: Term, target: Term, payload: Term) -> BifResult {
    let deadline = deadline(time, false)?;
    let period = Duration::from_millis(tag::small_value(time) as u64);
    let valid_mfa = || matches!(tuple_elements(payload), Some(&[m, f, a]) if tag::is_atom(m) && tag::is_atom(f) && list_to_vec(a).is_some());
    let action = match atom::name(kind) {
        "send_once" => TimerAction::Send { to: dest(target)?, msg: timer::message(payload) },
        "send_interval" => {
            let to = dest(target)?;
            let send = TimerAction::Send { to, msg: timer::message(payload) };
            TimerAction::Repeat { period, watch: Some(watch_of(to)), action: Box::new(send) }
        }
        "apply_once" if valid_mfa() => TimerAction::Spawn { mfa: timer::message(payload) },
        "apply_interval" if valid_mfa() && tag::is_pid(target) => {
            let spawn = TimerAction::Spawn { mfa: timer::message(payload) };
            TimerAction::Repeat { period, watch: Some(tag::pid_serial(target)), action: Box::new(spawn) }
        }
        _ => return Err(Error::Badarg),
    };
    let id = timer::new_id();
    let r = make_ref(proc, id);
    timer::start_with_id(id, deadline, action);
    Ok(r)
}

#[no_mangle]
pub extern "C" fn kiln_bif_timer_start(
    p: *mut ProcessHeader,
    kind: Term,
    time: Term,
    target: Term,
    payload: Term,
) -> Term {
    bif_return(p, |proc| {
        if !tag::is_atom(kind) {
            return Err(Error::Badarg);
        }
        timer_start(proc, kind, time, target, payload)
    })
}

/// Spawns a process running `apply(M, F, Args)` for `mfa = {M, F, Args}`
/// (already validated); one that dies of `undef` if the function does not
/// exist. Callable from any thread (timer actions).
pub(crate) fn spawn_apply(mfa: Term) {
    let Some(&[m, f, a]) = tuple_elements(mfa) else {
        return;
    };
    let Some(args) = list_to_vec(a) else { return };
    if args.len() >= MAX_ARGS {
        return;
    }
    match crate::apply::lookup(m, f, args.len() as u32) {
        Some(code) => spawn_with(code, &args),
        None => spawn_with(die_undef, &[m, f, a]),
    }
}

fn spawn_with(code: ErlFn, args: &[Term]) {
    let words: usize = args.iter().map(|&t| crate::copy::size_of(t)).sum();
    let mut child = Process::new(words.saturating_mul(2));
    for (i, &t) in args.iter().enumerate() {
        child.header.args[i] = crate::copy::copy_to_process(&mut child, t);
    }
    child.header.nlive = args.len() as u64;
    child.header.resume = Some(code);
    crate::scheduler::spawn(child);
}

/// The start of a process applying a function that does not exist
/// (`args[0..3]` = `M`, `F`, the argument list): it dies of `undef`.
unsafe extern "C" fn die_undef(p: *mut ProcessHeader, m: Term, f: Term, args: Term, _a3: Term) -> u64 {
    // SAFETY: the scheduler calls a process's code with its own header.
    let proc = unsafe { Process::from_header(p) };
    let frame = proc.tuple(&[m, f, args, tag::NIL]);
    let trace = proc.list(&[frame]);
    proc.raise_error(known::UNDEF);
    proc.exception.trace = trace;
    // SAFETY: `p` is the running process; a fresh stack has no catch, so
    // this ends the process with the error.
    unsafe { crate::exception::kiln_process_died(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_refs_and_results() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let me = proc.pid();
        let r = kiln_bif_send_after(p, tag::small(60_000), me, tag::small(1));
        assert!(matches!(view(r), TermView::Ref(n) if n > timer::REF_BASE));
        let left = kiln_bif_read_timer(p, r);
        assert!((59_000..=60_000).contains(&tag::small_value(left)));
        let left = kiln_bif_cancel_timer(p, r);
        assert!((59_000..=60_000).contains(&tag::small_value(left)));
        assert_eq!(kiln_bif_cancel_timer(p, r), atoms::FALSE);
        assert_eq!(kiln_bif_read_timer(p, r), atoms::FALSE);
        // Not a reference: badarg; another reference: false.
        assert_eq!(kiln_bif_cancel_timer(p, tag::small(1)), tag::NON_VALUE);
        let other = crate::proc_bifs::kiln_bif_make_ref(p);
        assert_eq!(kiln_bif_cancel_timer(p, other), atoms::FALSE);
        // Bad times and options.
        assert_eq!(kiln_bif_send_after(p, tag::small(-1), me, tag::NIL), tag::NON_VALUE);
        assert_eq!(kiln_bif_send_after(p, atoms::OK, me, tag::NIL), tag::NON_VALUE);
        assert_eq!(kiln_bif_send_after(p, tag::small(1), tag::small(3), tag::NIL), tag::NON_VALUE);
        let bad = proc.tuple(&[atom::intern("bad"), atoms::TRUE]);
        let opts = proc.list(&[bad]);
        assert_eq!(kiln_bif_start_timer_4(p, tag::small(1), me, tag::NIL, opts), tag::NON_VALUE);
        // cancel_timer with {info, false} answers ok.
        let r = kiln_bif_start_timer(p, tag::small(60_000), me, tag::NIL);
        let info = proc.tuple(&[atom::intern("info"), atoms::FALSE]);
        let opts = proc.list(&[info]);
        assert_eq!(kiln_bif_cancel_timer_2(p, r, opts), atoms::OK);
        assert_eq!(kiln_bif_cancel_timer(p, r), atoms::FALSE);
    }

    #[test]
    fn absolute_deadlines() {
        let now_ms = (super::super::time::monotonic_ns() / 1_000_000) as i64;
        let d = deadline(tag::small(now_ms + 5_000), true).unwrap();
        let left = d.saturating_duration_since(Instant::now());
        assert!(left > Duration::from_millis(4_000) && left <= Duration::from_millis(5_001), "{left:?}");
        let past = deadline(tag::small(now_ms), true).unwrap();
        assert!(past <= Instant::now());
        assert!(deadline(tag::small(-1), true).is_err());
    }
}
