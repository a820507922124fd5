//! What happens when a process ends: exit signals to its links and
//! `'DOWN'` to its monitors (see `signals`), the error report of a crashed
//! process, and the program's exit status when the main process ends.
//!
//! Like `escript`: the main process returning means exit status 0; an
//! uncaught exception in it prints `escript: exception Class: Reason` to
//! stderr and means 127; killed by an exit signal, it prints what `init`
//! prints when its boot process dies and means 1. Any other process that
//! dies of an error (or an uncaught throw) makes OTP's logger print its
//! `=ERROR REPORT====` on standard output (an escript's default handler
//! writes there) unless the primary log level is above `error`; exits
//! (`exit/1`, exit signals) are silent, as in OTP.
//!
//! The logger's primary level lives here too (`logger:set_primary_config/2`
//! in `stdlib/logger.erl` sets it through `erlang:'$logger_set_level'/1`).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicI8, Ordering};

use crate::abi::tag;
use crate::atom::known;
use crate::exception::{self, Exception};
use crate::format::{Encoding, Mode};
use crate::io_bifs::{write_stderr, write_stdout};
use crate::process::Process;

/// Logger levels, most severe first; a level's index is its severity.
const LEVELS: [&str; 8] = ["emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"];
/// `none`: nothing is logged.
const LEVEL_NONE: i8 = -1;
/// OTP's default primary level, `notice`.
static LOG_LEVEL: AtomicI8 = AtomicI8::new(5);

fn level_index(name: &str) -> Option<i8> {
    match name {
        "none" => Some(LEVEL_NONE),
        "all" => Some(7),
        _ => LEVELS.iter().position(|l| *l == name).map(|i| i as i8),
    }
}

/// Sets the primary level from an atom; false if it is not a level.
pub fn set_log_level(level: crate::abi::Term) -> bool {
    match crate::atom::try_name(level).and_then(level_index) {
        Some(i) => {
            LOG_LEVEL.store(i, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

/// The primary level as an atom.
pub fn log_level_atom() -> crate::abi::Term {
    let i = LOG_LEVEL.load(Ordering::Relaxed);
    crate::atom::intern(if i < 0 { "none" } else { LEVELS[(i as usize).min(7)] })
}

/// Whether an event of `level` passes the primary level.
fn allowed(level: &str) -> bool {
    level_index(level).is_some_and(|i| i >= 0 && i <= LOG_LEVEL.load(Ordering::Relaxed))
}

/// Prints `text` as OTP's default handler does for an event of `level`
/// (an atom): `=LEVEL REPORT==== Time ===`, the text, a newline. Nothing
/// when the primary level filters it out.
pub fn log_report(level: crate::abi::Term, text: &str) {
    let name = crate::atom::try_name(level).unwrap_or("error");
    if !allowed(name) {
        return;
    }
    let out = format!("={} REPORT==== {} ===\n{}\n", name.to_uppercase(), timestamp(), text);
    write_stdout(&crate::io_bifs::device_bytes(&out));
}

/// Reports how `proc` ended and sends its exit signals; returns the
/// program's exit status if it is the main process (0 otherwise).
pub fn finish(proc: &mut Process, is_main: bool) -> i32 {
    let exc = proc.exception;
    // The crash report goes out before the exit signals: a process that
    // sees the `'DOWN'` and then changes the log level must not race it.
    let crashed = proc.crashed && (exc.class == known::ERROR || exc.class == known::THROW);
    if !is_main && crashed && !proc.shared.sig.is_dying() {
        let text = format!(
            "Error in process {} with exit value:\n{}\n",
            term_to_string(proc.pid()),
            term_to_string(proc.exit_reason)
        );
        log_report(known::ERROR, &text);
    }
    let by_signal = super::signals::on_exit(proc);
    if is_main && proc.foreign.is_some() {
        // A foreign main process reports its own failures (kiln-host).
        return match proc.foreign_status {
            0 if by_signal || proc.exit_reason != known::NORMAL => 1,
            n => n,
        };
    }
    if is_main {
        if by_signal {
            let reason = term_to_string(proc.exit_reason);
            let text = format!(
                "{{\"init terminating in do_boot\",{reason}}}\ninit terminating in do_boot ({reason})\n\nCrash dump is being written to: erl_crash.dump...done\n"
            );
            write_stderr(text.as_bytes());
            return 1;
        }
        if !proc.crashed {
            return 0;
        }
        let class = crate::atom::try_name(exc.class).unwrap_or("error");
        let text = format!("escript: exception {class}: {}\n", term_to_string(exc.reason));
        write_stderr(text.as_bytes());
        return 127;
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
