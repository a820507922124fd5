//! I/O BIFs (`io:format/1,2`, `io:put_chars/1`, `io_lib:format/2`,
//! `erlang:display/1`) and the buffered standard output they share.
//!
//! # Standard output
//!
//! Everything the runtime prints to stdout goes through [`write_stdout`]
//! into one buffer, so output stays in program order whatever prints it.
//! The buffer is written out when it grows past [`FLUSH_AT`] bytes, at once
//! when stdout is a terminal, and by [`flush_stdout`], which the exit path
//! calls (and which anything writing to stderr calls first, see
//! [`write_stderr`], so the two streams interleave as they were produced).
//!
//! # Encoding
//!
//! Like an escript's standard output, the device is `latin1`: characters
//! up to 255 are written as single bytes and larger ones as `\x{HEX}`
//! (what OTP's I/O server does for such a device).

use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::abi::{ProcessHeader, Term};
use crate::format::{control, display, strings};
use crate::term::{atoms, bif_return, bif_return_pure, make_string, BifResult, Error, TermAlloc};

/// Buffered bytes beyond which the buffer is written out.
pub const FLUSH_AT: usize = 8192;

struct Stdout {
    buf: Vec<u8>,
    terminal: bool,
}

fn stdout_buffer() -> &'static Mutex<Stdout> {
    static OUT: OnceLock<Mutex<Stdout>> = OnceLock::new();
    OUT.get_or_init(|| Mutex::new(Stdout { buf: Vec::new(), terminal: std::io::stdout().is_terminal() }))
}

/// Appends bytes to standard output.
pub fn write_stdout(bytes: &[u8]) {
    let mut out = stdout_buffer().lock().unwrap_or_else(PoisonError::into_inner);
    out.buf.extend_from_slice(bytes);
    if out.terminal || out.buf.len() >= FLUSH_AT {
        flush_locked(&mut out);
    }
}

fn flush_locked(out: &mut Stdout) {
    if out.buf.is_empty() {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    // A closed stdout (EPIPE) loses the output, as it would under OTP; there
    // is no one left to report it to.
    let _ = stdout.write_all(&out.buf);
    let _ = stdout.flush();
    out.buf.clear();
}

/// Writes out everything buffered for standard output.
pub fn flush_stdout() {
    let mut out = stdout_buffer().lock().unwrap_or_else(PoisonError::into_inner);
    flush_locked(&mut out);
}

/// Writes to standard error after flushing standard output.
pub fn write_stderr(bytes: &[u8]) {
    flush_stdout();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(bytes);
    let _ = err.flush();
}

/// The bytes a `latin1` device writes for `text`.
pub fn device_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let v = c as u32;
        if v <= 0xFF {
            out.push(v as u8);
        } else {
            out.extend_from_slice(format!("\\x{{{v:X}}}").as_bytes());
        }
    }
    out
}

/// Writes characters (code points) to standard output.
pub fn put_text(text: &str) {
    write_stdout(&device_bytes(text));
}

/// `io:format(Format, Args)`.
pub fn io_format(fmt: Term, args: Term) -> BifResult {
    let text = control::format(fmt, args)?;
    put_text(&text);
    Ok(atoms::OK)
}

/// `io:put_chars(CharData)`.
pub fn put_chars(data: Term) -> BifResult {
    let cs = strings::unicode_chardata(data).ok_or(Error::Badarg)?;
    let text: String = cs.into_iter().map(|c| char::from_u32(c).ok_or(Error::Badarg)).collect::<Result<_, _>>()?;
    put_text(&text);
    Ok(atoms::OK)
}

/// `io_lib:format(Format, Args)`: the characters as a (flat) list.
pub fn io_lib_format<H: TermAlloc + ?Sized>(h: &mut H, fmt: Term, args: Term) -> BifResult {
    let text = control::format(fmt, args)?;
    Ok(make_string(h, &text))
}

/// `erlang:display(Term)`: the emulator's format and `"\r\n"` (as OTP
/// writes it), then `true`.
pub fn display_term(t: Term) -> Term {
    let mut bytes = display::display(t);
    bytes.extend_from_slice(b"\r\n");
    write_stdout(&bytes);
    atoms::TRUE
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_format_1(p: *mut ProcessHeader, fmt: Term) -> Term {
    bif_return_pure(p, io_format(fmt, crate::abi::tag::NIL))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_format_2(p: *mut ProcessHeader, fmt: Term, args: Term) -> Term {
    bif_return_pure(p, io_format(fmt, args))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_put_chars(p: *mut ProcessHeader, data: Term) -> Term {
    bif_return_pure(p, put_chars(data))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_lib_format(p: *mut ProcessHeader, fmt: Term, args: Term) -> Term {
    bif_return(p, |proc| io_lib_format(proc, fmt, args))
}

#[no_mangle]
pub extern "C" fn kiln_bif_display(_p: *mut ProcessHeader, t: Term) -> Term {
    display_term(t)
}
