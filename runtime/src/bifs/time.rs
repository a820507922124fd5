//! Time BIFs: `erlang:monotonic_time/0,1`, `erlang:system_time/0,1` and
//! `os:system_time/0,1`.
//!
//! The native time unit is the nanosecond (as in OTP on Linux). Monotonic
//! time counts from the first call in this run, so it never goes back;
//! system time is the wall clock since the Unix epoch. Both work on wasm32
//! (WASI `clock_time_get`).

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::term::{bif_return, make_i128, view, BifResult, Error, TermAlloc, TermView};

/// Native time units per second.
const NATIVE_PER_SECOND: i128 = 1_000_000_000;

/// Parts per second of a time unit (`second`, `millisecond`, ..., `native`,
/// `perf_counter`, the deprecated plural forms, or a positive integer).
pub fn unit_parts_per_second(unit: Term) -> Result<i128, Error> {
    if let TermView::Small(n) = view(unit) {
        return if n > 0 { Ok(n as i128) } else { Err(Error::Badarg) };
    }
    if !tag::is_atom(unit) {
        return Err(Error::Badarg);
    }
    Ok(match atom::name(unit) {
        "second" | "seconds" => 1,
        "millisecond" | "milli_seconds" => 1_000,
        "microsecond" | "micro_seconds" => 1_000_000,
        "nanosecond" | "nano_seconds" | "native" | "perf_counter" => NATIVE_PER_SECOND,
        _ => return Err(Error::Badarg),
    })
}

/// `ns` native units converted to `unit` (rounded towards minus infinity).
pub fn convert_native<H: TermAlloc + ?Sized>(h: &mut H, ns: i128, unit: Term) -> BifResult {
    let per_second = unit_parts_per_second(unit)?;
    Ok(make_i128(h, (ns * per_second).div_euclid(NATIVE_PER_SECOND)))
}

/// Nanoseconds since the first call (never decreasing).
pub fn monotonic_ns() -> i128 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    Instant::now().duration_since(start).as_nanos() as i128
}

/// Nanoseconds since the Unix epoch (negative if the clock is before it).
pub fn system_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

#[no_mangle]
pub extern "C" fn kiln_bif_monotonic_time_0(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(make_i128(proc, monotonic_ns())))
}

#[no_mangle]
pub extern "C" fn kiln_bif_monotonic_time(p: *mut ProcessHeader, unit: Term) -> Term {
    bif_return(p, |proc| convert_native(proc, monotonic_ns(), unit))
}

/// `erlang:system_time/0` and `os:system_time/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_system_time_0(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(make_i128(proc, system_ns())))
}

/// `erlang:system_time/1` and `os:system_time/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_system_time(p: *mut ProcessHeader, unit: Term) -> Term {
    bif_return(p, |proc| convert_native(proc, system_ns(), unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::testing::TestHeap;

    #[test]
    fn units() {
        let mut h = TestHeap::new();
        let ns = 1_234_567_891_234i128;
        let conv = |h: &mut TestHeap, u: Term| convert_native(h, ns, u);
        assert_eq!(conv(&mut h, atom::intern("second")), Ok(tag::small(1234)));
        assert_eq!(conv(&mut h, atom::intern("millisecond")), Ok(tag::small(1_234_567)));
        assert_eq!(conv(&mut h, atom::intern("micro_seconds")), Ok(tag::small(1_234_567_891)));
        assert_eq!(conv(&mut h, atom::intern("native")), Ok(tag::small(ns as i64)));
        assert_eq!(conv(&mut h, tag::small(10)), Ok(tag::small(12_345)));
        // Rounds towards minus infinity, like OTP's conversions.
        assert_eq!(convert_native(&mut h, -1, atom::intern("second")), Ok(tag::small(-1)));
        for bad in [atom::intern("minute"), tag::small(0), tag::small(-5), tag::NIL] {
            assert_eq!(conv(&mut h, bad), Err(Error::Badarg));
        }
    }

    #[test]
    fn clocks() {
        let a = monotonic_ns();
        let b = monotonic_ns();
        assert!(a >= 0 && b >= a);
        // After 2020-01-01 and before 2200.
        let s = system_ns() / NATIVE_PER_SECOND;
        assert!(s > 1_577_836_800 && s < 7_258_118_400, "{s}");
    }
}
