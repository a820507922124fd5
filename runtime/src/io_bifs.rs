//! The buffered standard output everything shares, `erlang:display/1`,
//! and the `io_lib` BIFs (`format/2`, `write/1,2`, `print/1,4`,
//! `write_atom/1`). The `io` module's output goes through the I/O servers
//! (`io_server`), which write here.
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
//! Like an escript's standard output, the device is `latin1` unless a
//! program sets it to `unicode`: [`device_bytes`] is what a `latin1` device
//! writes, characters up to 255 as single bytes and larger ones as
//! `\x{HEX}` (what OTP's I/O server does for such a device).

use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::abi::{ProcessHeader, Term};
use crate::format::{control, display};
use crate::term::{atoms, bif_return, make_string, BifResult, Error, TermAlloc};

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
    crate::statistics::io_output(bytes.len());
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
    write_fully(&mut stdout, &out.buf);
    out.buf.clear();
}

/// Writes all of `bytes`, retrying short writes, interruptions and a full
/// non-blocking pipe (node's WASI can hand back `EAGAIN` when the reader is
/// slow; giving up there would silently lose output). Any other error — a
/// closed stdout (EPIPE) — loses the output, as it would under OTP: there is
/// no one left to report it to.
fn write_fully(w: &mut impl Write, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        match w.write(bytes) {
            Ok(0) => return,
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(1))
            }
            Err(_) => return,
        }
    }
    let _ = w.flush();
}

/// Writes out everything buffered for standard output.
pub fn flush_stdout() {
    let mut out = stdout_buffer().lock().unwrap_or_else(PoisonError::into_inner);
    flush_locked(&mut out);
}

/// Writes to standard error after flushing standard output.
pub fn write_stderr(bytes: &[u8]) {
    crate::statistics::io_output(bytes.len());
    flush_stdout();
    let mut err = std::io::stderr().lock();
    write_fully(&mut err, bytes);
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
pub extern "C" fn kiln_bif_io_lib_format(p: *mut ProcessHeader, fmt: Term, args: Term) -> Term {
    bif_return(p, |proc| io_lib_format_deep(proc, fmt, args))
}

#[no_mangle]
pub extern "C" fn kiln_bif_display(_p: *mut ProcessHeader, t: Term) -> Term {
    display_term(t)
}

fn view_atom_name(t: Term) -> Option<&'static str> {
    match crate::term::view(t) {
        crate::term::TermView::Atom(a) => Some(crate::atom::name(a)),
        _ => None,
    }
}

/// `io_lib:format(Format, Args)` with OTP's deep list structure.
pub fn io_lib_format_deep<H: TermAlloc + ?Sized>(h: &mut H, fmt: Term, args: Term) -> BifResult {
    let chars = control::format_chars(fmt, args)?;
    Ok(chars.into_term(h))
}

fn encoding_option(opts: Term) -> Result<(i64, crate::format::Encoding), Error> {
    use crate::term::{list_iter, tuple_elements};
    let mut depth = -1;
    let mut enc = crate::format::Encoding::Latin1;
    for o in list_iter(opts) {
        let o = o.map_err(|_| Error::Badarg)?;
        if let Some(&[k, v]) = tuple_elements(o) {
            match (view_atom_name(k), crate::term::view(v)) {
                (Some("depth"), crate::term::TermView::Small(d)) => depth = d,
                (Some("encoding"), _) => {
                    enc = match view_atom_name(v) {
                        Some("unicode" | "utf8") => crate::format::Encoding::Unicode,
                        _ => crate::format::Encoding::Latin1,
                    }
                }
                _ => {}
            }
        }
    }
    Ok((depth, enc))
}

/// `io_lib:write(Term, Depth | Options)`.
pub fn io_lib_write<H: TermAlloc + ?Sized>(h: &mut H, t: Term, d: Term) -> BifResult {
    let (depth, enc) = match crate::term::view(d) {
        crate::term::TermView::Small(d) => (d, crate::format::Encoding::Latin1),
        crate::term::TermView::Nil | crate::term::TermView::Cons(..) => encoding_option(d)?,
        _ => return Err(Error::Badarg),
    };
    Ok(crate::format::write::write_chars(t, depth, enc).into_term(h))
}

/// `io_lib:print(Term, Column, LineLength, Depth)`.
pub fn io_lib_print<H: TermAlloc + ?Sized>(h: &mut H, t: Term, col: Term, ll: Term, d: Term) -> BifResult {
    let small = |x: Term| match crate::term::view(x) {
        crate::term::TermView::Small(v) => Ok(v),
        _ => Err(Error::Badarg),
    };
    let opts = crate::format::pretty::PrintOptions {
        column: small(col)?,
        line_length: small(ll)?,
        depth: small(d)?,
        ..Default::default()
    };
    Ok(crate::format::pretty::print_chars(t, &opts).into_term(h))
}

/// `io_lib:write_atom(Atom)`: the atom, quoted when it must be.
pub fn io_lib_write_atom<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    let name = view_atom_name(a).ok_or(Error::Badarg)?;
    Ok(make_string(h, &crate::format::atoms::atom_text(name, crate::format::Encoding::Unicode)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_lib_write(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return(p, |proc| Ok(crate::format::write::write_chars(t, -1, crate::format::Encoding::Latin1).into_term(proc)))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_lib_write_2(p: *mut ProcessHeader, t: Term, d: Term) -> Term {
    bif_return(p, |proc| io_lib_write(proc, t, d))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_lib_print(p: *mut ProcessHeader, t: Term) -> Term {
    bif_return(p, |proc| {
        Ok(crate::format::pretty::print_chars(t, &crate::format::pretty::PrintOptions::default()).into_term(proc))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_lib_print_4(p: *mut ProcessHeader, t: Term, col: Term, ll: Term, d: Term) -> Term {
    bif_return(p, |proc| io_lib_print(proc, t, col, ll, d))
}

#[no_mangle]
pub extern "C" fn kiln_bif_io_lib_write_atom(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return(p, |proc| io_lib_write_atom(proc, a))
}
