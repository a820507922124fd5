//! The logger BIFs under `stdlib`'s `logger`: `'$logger_level'/0`,
//! `'$logger_set_level'/1`, `'$logger_emit'/2` and `'$logger_write'/1`.

use super::running;
use crate::abi::{ProcessHeader, Term};
use crate::atom::known;

/// `erlang:'$logger_level'/0`: the primary log level (an atom).
#[no_mangle]
pub extern "C" fn kiln_bif_logger_level(_p: *mut ProcessHeader) -> Term {
    crate::process::exit::log_level_atom()
}

/// `erlang:'$logger_set_level'/1`: `true`, or `false` for a name that is
/// not a level.
#[no_mangle]
pub extern "C" fn kiln_bif_logger_set_level(_p: *mut ProcessHeader, level: Term) -> Term {
    if crate::process::exit::set_log_level(level) {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `erlang:'$logger_emit'/2`: prints `Chardata` as a report of `Level`
/// when the primary level lets it through; `ok`.
#[no_mangle]
pub extern "C" fn kiln_bif_logger_emit(p: *mut ProcessHeader, level: Term, text: Term) -> Term {
    let Some(s) = crate::term::list_to_string(text) else { return running(p).badarg() };
    crate::process::exit::log_report(level, &s);
    known::OK
}

/// `erlang:'$logger_write'/1`: writes an event already formatted (by
/// OTP's logger_formatter) to standard output, as the default handler
/// does; `ok`.
#[no_mangle]
pub extern "C" fn kiln_bif_logger_write(p: *mut ProcessHeader, text: Term) -> Term {
    let Some(s) = crate::term::list_to_string(text) else { return running(p).badarg() };
    crate::io_bifs::write_stdout(&crate::io_bifs::device_bytes(&s));
    known::OK
}
