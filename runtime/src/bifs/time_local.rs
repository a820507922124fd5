//! Calendar time BIFs: `erlang:universaltime/0`, `localtime/0`, `date/0`,
//! `time/0`, `timestamp/0` (and `os:timestamp/0`),
//! `universaltime_to_localtime/1`, `localtime_to_universaltime/1,2`; and
//! the civil-date arithmetic that `file:read_file_info/2` shares.
//!
//! Dates are proleptic Gregorian; `{{Y,M,D},{H,Mi,S}}` tuples as in OTP.
//!
//! Time zone: on native Unix targets the local offset comes from the C
//! library (`localtime_r`, which honours `TZ` and `/etc/localtime`). On
//! wasm32-wasip1 WASI has no time zone interface, so local time *is* UTC
//! there (and wherever the offset cannot be determined).

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::term::{bif_return, make_i128, make_tuple, tuple_elements, view, BifResult, Error, TermAlloc, TermView};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Days from 1970-01-01 to the civil date `y-m-d` (`m` 1..=12).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    // Shift the year so it starts in March: the leap day ends it.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // 0..=399
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1; // 0..=365
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // 0..=146096
    era * 146_097 + doe - 719_468
}

/// The civil date `(y, m, d)` `z` days after 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

/// A date and time of day: `((y, m, d), (h, mi, s))`.
pub type DateTime = ((i64, i64, i64), (i64, i64, i64));

/// The date and time `secs` seconds after the Unix epoch.
pub fn datetime_from_secs(secs: i64) -> DateTime {
    let days = secs.div_euclid(DAY);
    let s = secs.rem_euclid(DAY);
    (civil_from_days(days), (s / 3600, s / 60 % 60, s % 60))
}

/// Seconds after the Unix epoch of a date and time.
pub fn secs_from_datetime(((y, m, d), (h, mi, s)): DateTime) -> i64 {
    days_from_civil(y, m, d) * DAY + h * 3600 + mi * 60 + s
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_days(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The `{{Y,M,D},{H,Mi,S}}` term as a valid date and time.
pub fn parse_datetime(t: Term) -> Option<DateTime> {
    let [date, time] = tuple_elements(t)? else {
        return None;
    };
    let small = |t: Term| match view(t) {
        TermView::Small(n) => Some(n),
        _ => None,
    };
    let three = |t: Term| -> Option<(i64, i64, i64)> {
        let [a, b, c] = tuple_elements(t)? else {
            return None;
        };
        Some((small(*a)?, small(*b)?, small(*c)?))
    };
    let (y, m, d) = three(*date)?;
    let (h, mi, s) = three(*time)?;
    let ok = (0..1 << 40).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= month_days(y, m)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..60).contains(&s);
    ok.then_some(((y, m, d), (h, mi, s)))
}

/// The tuple `{A, B, C}` of integers.
fn triple<H: TermAlloc + ?Sized>(h: &mut H, a: i64, b: i64, c: i64) -> Term {
    let (a, b, c) = (make_i128(h, a as i128), make_i128(h, b as i128), make_i128(h, c as i128));
    make_tuple(h, &[a, b, c])
}

/// The term `{{Y,M,D},{H,Mi,S}}`.
pub fn make_datetime<H: TermAlloc + ?Sized>(h: &mut H, ((y, m, d), (hh, mi, s)): DateTime) -> Term {
    let date = triple(h, y, m, d);
    let time = triple(h, hh, mi, s);
    make_tuple(h, &[date, time])
}

/// Nanoseconds since the Unix epoch.
fn now_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// Whole seconds since the Unix epoch.
pub fn now_secs() -> i64 {
    now_ns().div_euclid(1_000_000_000) as i64
}

#[cfg(all(unix, not(target_os = "wasi")))]
mod zone {
    use std::os::raw::{c_char, c_int, c_long};

    /// `struct tm` of glibc and musl on 64-bit and 32-bit Linux (both have
    /// `tm_gmtoff` and `tm_zone` after the nine `int`s).
    #[repr(C)]
    struct Tm {
        tm_sec: c_int,
        tm_min: c_int,
        tm_hour: c_int,
        tm_mday: c_int,
        tm_mon: c_int,
        tm_year: c_int,
        tm_wday: c_int,
        tm_yday: c_int,
        tm_isdst: c_int,
        tm_gmtoff: c_long,
        tm_zone: *const c_char,
    }

    extern "C" {
        fn localtime_r(t: *const i64, out: *mut Tm) -> *mut Tm;
        fn tzset();
    }

    /// The local offset from UTC, in seconds, at `secs` after the epoch.
    pub fn offset_at(secs: i64) -> i64 {
        static INIT: std::sync::Once = std::sync::Once::new();
        // SAFETY: `tzset` only reads the environment and zone files; it is
        // called once, before any `localtime_r`.
        INIT.call_once(|| unsafe { tzset() });
        let mut tm = Tm {
            tm_sec: 0,
            tm_min: 0,
            tm_hour: 0,
            tm_mday: 0,
            tm_mon: 0,
            tm_year: 0,
            tm_wday: 0,
            tm_yday: 0,
            tm_isdst: 0,
            tm_gmtoff: 0,
            tm_zone: std::ptr::null(),
        };
        // SAFETY: both pointers are valid for the call; `localtime_r` is
        // thread-safe and writes only `tm`. `time_t` is 64 bits on the
        // targets this module builds for (x86_64, aarch64 Linux).
        let r = unsafe { localtime_r(&secs, &mut tm) };
        if r.is_null() {
            0
        } else {
            tm.tm_gmtoff as i64
        }
    }
}

#[cfg(not(all(unix, not(target_os = "wasi"))))]
mod zone {
    /// No time zone information: local time is UTC.
    pub fn offset_at(_secs: i64) -> i64 {
        0
    }
}

/// The local offset from UTC in seconds at `secs` after the epoch (0 on
/// wasm32-wasip1).
pub fn local_offset_at(secs: i64) -> i64 {
    zone::offset_at(secs)
}

/// The local date and time at `secs` after the epoch.
pub fn local_datetime(secs: i64) -> DateTime {
    datetime_from_secs(secs + local_offset_at(secs))
}

/// Seconds after the epoch of the local date and time `local` (the later
/// reading when a clock change makes it ambiguous).
pub fn local_to_secs(local: DateTime) -> i64 {
    let l = secs_from_datetime(local);
    let guess = l - local_offset_at(l);
    l - local_offset_at(guess)
}

fn datetime_arg(t: Term) -> Result<DateTime, Error> {
    parse_datetime(t).ok_or(Error::Badarg)
}

/// `erlang:universaltime_to_localtime/1`.
pub fn universaltime_to_localtime<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> BifResult {
    let u = datetime_arg(t)?;
    Ok(make_datetime(h, local_datetime(secs_from_datetime(u))))
}

/// `erlang:localtime_to_universaltime/1,2` (the DST flag is accepted and
/// ignored: the zone rules decide).
pub fn localtime_to_universaltime<H: TermAlloc + ?Sized>(h: &mut H, t: Term, dst: Term) -> BifResult {
    let l = datetime_arg(t)?;
    if !matches!(atom::try_name(dst), Some("true" | "false" | "undefined")) {
        return Err(Error::Badarg);
    }
    Ok(make_datetime(h, datetime_from_secs(local_to_secs(l))))
}

#[no_mangle]
pub extern "C" fn kiln_bif_universaltime(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(make_datetime(proc, datetime_from_secs(now_secs()))))
}

#[no_mangle]
pub extern "C" fn kiln_bif_localtime(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(make_datetime(proc, local_datetime(now_secs()))))
}

/// `date/0`: today's local date.
#[no_mangle]
pub extern "C" fn kiln_bif_date(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| {
        let ((y, m, d), _) = local_datetime(now_secs());
        Ok(triple(proc, y, m, d))
    })
}

/// `time/0`: the local time of day.
#[no_mangle]
pub extern "C" fn kiln_bif_time(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| {
        let (_, (h, mi, s)) = local_datetime(now_secs());
        Ok(triple(proc, h, mi, s))
    })
}

/// `erlang:timestamp/0` and `os:timestamp/0`: `{MegaSecs, Secs, MicroSecs}`.
#[no_mangle]
pub extern "C" fn kiln_bif_timestamp(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| {
        let us = now_ns().div_euclid(1000);
        let (mega, rest) = (us.div_euclid(1_000_000_000_000), us.rem_euclid(1_000_000_000_000));
        Ok(triple(proc, mega as i64, (rest / 1_000_000) as i64, (rest % 1_000_000) as i64))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_universaltime_to_localtime(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return(p, |proc| universaltime_to_localtime(proc, t))
}

#[no_mangle]
pub extern "C" fn kiln_bif_localtime_to_universaltime(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return(p, |proc| localtime_to_universaltime(proc, t, atom::intern("undefined")))
}

#[no_mangle]
pub extern "C" fn kiln_bif_localtime_to_universaltime_2(p: *mut ProcessHeader, t: Term, dst: Term) -> Term {
    bif_return(p, |proc| localtime_to_universaltime(proc, t, dst))
}

/// `erlang:posixtime_to_universaltime/1` (undocumented; OTP's
/// logger_formatter and calendar use it): seconds since the epoch (a small
/// integer) as a date and time.
#[no_mangle]
pub extern "C" fn kiln_bif_posixtime_to_universaltime(p: *mut ProcessHeader, secs: Term) -> Term {
    bif_return(p, |proc| {
        if !crate::abi::tag::is_small(secs) {
            return Err(Error::Badarg);
        }
        let dt = datetime_from_secs(crate::abi::tag::small_value(secs));
        Ok(make_datetime(proc, dt))
    })
}

/// `erlang:universaltime_to_posixtime/1`: the inverse.
#[no_mangle]
pub extern "C" fn kiln_bif_universaltime_to_posixtime(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return(p, |proc| {
        let dt = datetime_arg(t)?;
        Ok(crate::term::make_int(proc, secs_from_datetime(dt)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(days_from_civil(0, 1, 1)), (0, 1, 1));
        for z in -800_000..800_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(datetime_from_secs(1_700_000_000), ((2023, 11, 14), (22, 13, 20)));
        assert_eq!(secs_from_datetime(((2023, 11, 14), (22, 13, 20))), 1_700_000_000);
        assert_eq!(datetime_from_secs(-1), ((1969, 12, 31), (23, 59, 59)));
    }
}
