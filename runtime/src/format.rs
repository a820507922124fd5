//! Printing terms exactly as OTP 25 does.
//!
//! - [`write`]: `io_lib:write/2` (`~w`, `~W`): one line, no string detection.
//! - [`pretty`]: `io_lib_pretty` (`~p`, `~P`, `io_lib:print/1`): printable
//!   lists as strings, and lines broken at the line length (80) with OTP's
//!   indentation rules.
//! - [`control`]: the `io_lib:format/2` engine (control sequences, field
//!   width, precision, padding) behind `io:format` and `io_lib:format`.
//! - [`display`]: `erlang:display/1`'s own format (the emulator's printer).
//! - [`float`]: float texts: the shortest round-trip form OTP prints for
//!   `~w`/`~p`, and `~e`/`~f`/`~g`.
//!
//! Texts are Rust `String`s of code points; what a device makes of code
//! points above 255 is the I/O layer's business (see [`crate::io_bifs`]).

pub mod atoms;
pub mod chars;
pub mod control;
mod deep;
pub mod display;
pub mod float;
pub mod pretty;
pub mod strings;
pub mod write;

#[cfg(test)]
mod tests;

use crate::abi::Term;

/// How a term is printed: `~p` or `~w`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `io_lib:print` (`~p`): strings detected, lines broken at 80 columns.
    Print,
    /// `io_lib:write` (`~w`).
    Write,
}

/// The character encoding a control sequence assumes: `latin1` by default,
/// `unicode` with the `t` modifier (`~tp`, `~ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Latin1,
    Unicode,
}

/// Formats `t` as `~p` (starting in column 1) or `~w`, with the `latin1`
/// encoding.
pub fn format_term(t: Term, mode: Mode) -> String {
    format_term_with(t, mode, Encoding::Latin1, 1)
}

/// Formats `t` as `~p`/`~w` with the given encoding (`~tp`/`~tw`), the
/// `~p` output starting in `column` (1-based: continuation lines are
/// indented to it).
pub fn format_term_with(t: Term, mode: Mode, enc: Encoding, column: i64) -> String {
    match mode {
        Mode::Write => write::write(t, -1, enc),
        Mode::Print => {
            let opts = pretty::PrintOptions { column, encoding: enc, ..pretty::PrintOptions::default() };
            pretty::print(t, &opts)
        }
    }
}
