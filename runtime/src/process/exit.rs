//! What happens when a process ends: the error report of a crashed process,
//! and the program's exit status when the main process ends.
//!
//! Like `escript`: the main process returning means exit status 0; an
//! uncaught exception in it prints `escript: exception Class: Reason` to
//! stderr and means 127. Any other process that dies of an error (or an
//! uncaught throw) prints OTP's `=ERROR REPORT====` to stderr and harms
//! nothing else; exits (`exit/1`) are silent, as in OTP. (Links and
//! monitors, issue 5, will propagate exit signals from here.)

use std::fmt::Write as _;

use crate::abi::tag;
use crate::atom::known;
use crate::exception::{self, Exception};
use crate::format::{Encoding, Mode};
use crate::io_bifs::write_stderr;
use crate::process::Process;

/// Reports how `proc` ended; returns the program's exit status if it is
/// the main process (0 otherwise).
pub fn finish(proc: &mut Process, is_main: bool) -> i32 {
    let exc = proc.exception;
    if is_main {
        if !proc.crashed {
            return 0;
        }
        let class = crate::atom::try_name(exc.class).unwrap_or("error");
        let text = format!("escript: exception {class}: {}\n", term_to_string(exc.reason));
        write_stderr(text.as_bytes());
        return 127;
    }
    if proc.crashed && (exc.class == known::ERROR || exc.class == known::THROW) {
        let text = format!(
            "=ERROR REPORT==== {} ===\nError in process {} with exit value:\n{}\n\n",
            timestamp(),
            term_to_string(proc.pid()),
            term_to_string(proc.exit_reason)
        );
        write_stderr(text.as_bytes());
    }
    0
}

/// Ends `proc` because its code returned status `s`, which is not one of
/// `abi::status` (a code generator bug): an error exit, reported.
pub fn bad_status(proc: &mut Process, s: u64) {
    let atom = crate::atom::intern("kiln_bad_status");
    let n = i64::try_from(s).ok().filter(|&v| tag::small_fits(v)).map_or(tag::NIL, tag::small);
    let reason = proc.tuple(&[atom, n]);
    proc.exception = Exception { class: known::ERROR, reason, trace: tag::NIL };
    proc.exit_reason = exception::exit_reason(proc, proc.exception);
    proc.crashed = true;
}

/// Formats a term like `~tp`.
pub fn term_to_string(t: crate::abi::Term) -> String {
    crate::format::format_term_with(t, Mode::Print, Encoding::Unicode, 1)
}

/// `D-Mon-YYYY::HH:MM:SS.uuuuuu` in UTC (OTP prints local time; the
/// runtime has no time zone database).
fn timestamp() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut out = String::new();
    let _ = write!(
        out,
        "{}-{}-{}::{:02}:{:02}:{:02}.{:06}",
        day,
        MONTHS[((month - 1) as usize).min(11)],
        year,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_micros()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_shape() {
        let t = timestamp();
        assert!(t.contains("::") && t.contains('-'), "{t}");
    }

    #[test]
    fn main_exit_status() {
        let mut p = Process::new(0);
        assert_eq!(finish(&mut p, true), 0);
        p.raise_error(known::BADARG);
        p.crashed = true;
        assert_eq!(finish(&mut p, true), 127);
        assert_eq!(finish(&mut p, false), 0);
    }
}
