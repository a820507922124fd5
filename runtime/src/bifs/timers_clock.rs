//! Clock BIFs next to the timers: `erlang:convert_time_unit/3`,
//! `erlang:time_offset/0,1` and the deprecated `erlang:now/0`. (The
//! clocks themselves are in [`super::time`].)

use std::sync::atomic::{AtomicU64, Ordering};

use num_bigint::BigInt;
use num_integer::Integer;

use super::time::{convert_native, monotonic_ns, system_ns, unit_parts_per_second};
use crate::abi::{ProcessHeader, Term};
use crate::term::{bif_return, make_bigint, make_i128, make_tuple, to_bigint, BifResult, Error, TermAlloc};

/// `Time` in unit `from` converted to unit `to`, rounded towards minus
/// infinity (as OTP does).
pub fn convert_time_unit<H: TermAlloc + ?Sized>(h: &mut H, time: Term, from: Term, to: Term) -> BifResult {
    let t = to_bigint(time).ok_or(Error::Badarg)?;
    let from = unit_parts_per_second(from)?;
    let to = unit_parts_per_second(to)?;
    let r = (t * BigInt::from(to)).div_floor(&BigInt::from(from));
    make_bigint(h, &r)
}

/// The offset between system time and monotonic time, in native units.
fn offset_ns() -> i128 {
    system_ns() - monotonic_ns()
}

#[no_mangle]
pub extern "C" fn kiln_bif_convert_time_unit(p: *mut ProcessHeader, time: Term, from: Term, to: Term) -> Term {
    bif_return(p, |proc| convert_time_unit(proc, time, from, to))
}

#[no_mangle]
pub extern "C" fn kiln_bif_time_offset_0(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(make_i128(proc, offset_ns())))
}

#[no_mangle]
pub extern "C" fn kiln_bif_time_offset(p: *mut ProcessHeader, unit: Term) -> Term {
    bif_return(p, |proc| convert_native(proc, offset_ns(), unit))
}

/// Microseconds since the epoch for `now/0`: the system time, but always
/// greater than the previous call's (OTP's guarantee of unique values).
fn now_us() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = u64::try_from(system_ns() / 1_000).unwrap_or(0);
    let mut prev = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(prev + 1);
        match LAST.compare_exchange_weak(prev, next, Ordering::SeqCst, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(p) => prev = p,
        }
    }
}

/// `erlang:now/0`: `{MegaSecs, Secs, MicroSecs}`, strictly increasing.
#[no_mangle]
pub extern "C" fn kiln_bif_now(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| {
        let us = now_us();
        let parts = [us / 1_000_000_000_000, us / 1_000_000 % 1_000_000, us % 1_000_000];
        let elems = parts.map(|v| crate::abi::tag::small(v as i64));
        Ok(make_tuple(proc, &elems))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;
    use crate::atom;
    use crate::term::testing::TestHeap;

    #[test]
    fn conversions() {
        let mut h = TestHeap::new();
        let [s, ms, us, native] = ["second", "millisecond", "microsecond", "native"].map(atom::intern);
        let c = |h: &mut TestHeap, t: i64, f, to| convert_time_unit(h, tag::small(t), f, to);
        assert_eq!(c(&mut h, -1, native, s), Ok(tag::small(-1)));
        assert_eq!(c(&mut h, -1, ms, us), Ok(tag::small(-1000)));
        assert_eq!(c(&mut h, 1999, ms, s), Ok(tag::small(1)));
        assert_eq!(c(&mut h, 7, s, tag::small(3)), Ok(tag::small(21)));
        assert_eq!(c(&mut h, 1, atom::intern("foo"), s), Err(Error::Badarg));
        assert_eq!(convert_time_unit(&mut h, atom::intern("x"), s, s), Err(Error::Badarg));
    }

    #[test]
    fn now_is_strictly_increasing() {
        let a = now_us();
        let b = now_us();
        assert!(b > a);
    }
}
