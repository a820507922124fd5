//! Open files: `open/2`, `close/1`, `read/2`, `read_line/1`, `write/2`,
//! `position/2` on `{file_descriptor, kiln_file, N}` handles.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::bifs::binary::iolist_bytes;
use crate::binary::make_binary_from_vec;
use crate::term::{
    bif_return, make_byte_list, make_i128, make_tuple, tuple_elements, view, BifResult, TermAlloc, TermView,
};

use super::modes::{open_options, parse_modes};
use super::names::{error_tuple, io_error, ok_tuple, path_of, unit_result};

pub(super) struct OpenFile {
    pub(super) file: fs::File,
    pub(super) read: bool,
    pub(super) write: bool,
    pub(super) binary: bool,
    /// Bytes read ahead for `read_line/1` and not yet returned.
    buf: Vec<u8>,
    at: usize,
}

impl OpenFile {
    /// Gives back read-ahead bytes to the OS position (before a write or a
    /// seek).
    pub(super) fn drop_read_ahead(&mut self) -> io::Result<()> {
        let left = (self.buf.len() - self.at) as i64;
        self.buf.clear();
        self.at = 0;
        if left > 0 {
            self.file.seek(SeekFrom::Current(-left))?;
        }
        Ok(())
    }

    fn fill(&mut self) -> io::Result<bool> {
        if self.at < self.buf.len() {
            return Ok(true);
        }
        self.buf.resize(8192, 0);
        self.at = 0;
        let n = loop {
            match self.file.read(&mut self.buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.clear();
                    return Err(e);
                }
            }
        };
        self.buf.truncate(n);
        Ok(n > 0)
    }

    fn read_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        while self.fill()? {
            let avail = &self.buf[self.at..];
            if let Some(i) = avail.iter().position(|&b| b == b'\n') {
                out.extend_from_slice(&avail[..=i]);
                self.at += i + 1;
                return Ok(Some(out));
            }
            out.extend_from_slice(avail);
            self.at = self.buf.len();
        }
        Ok(if out.is_empty() { None } else { Some(out) })
    }

    pub(super) fn read_n(&mut self, n: usize) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        while out.len() < n && self.fill()? {
            let avail = &self.buf[self.at..];
            let k = avail.len().min(n - out.len());
            out.extend_from_slice(&avail[..k]);
            self.at += k;
        }
        Ok(if out.is_empty() && n > 0 { None } else { Some(out) })
    }
}

pub(super) fn files() -> std::sync::MutexGuard<'static, HashMap<u64, OpenFile>> {
    static FILES: LazyLock<Mutex<HashMap<u64, OpenFile>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
    FILES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The number of a `{file_descriptor, kiln_file, N}` handle.
pub(super) fn handle_id(t: Term) -> Option<u64> {
    match tuple_elements(t)? {
        [a, b, n] if atom::try_name(*a) == Some("file_descriptor") && atom::try_name(*b) == Some("kiln_file") => {
            match view(*n) {
                TermView::Small(i) if i >= 0 => Some(i as u64),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Runs `body` on the open file `fd`: `{error, badarg}` for a term that is
/// not a handle, `{error, terminated}` for a closed one.
fn with_file(
    p: *mut ProcessHeader,
    fd: Term,
    body: impl FnOnce(&mut crate::process::Process, &mut OpenFile) -> BifResult,
) -> Term {
    bif_return(p, |proc| {
        let Some(id) = handle_id(fd) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        let mut table = files();
        match table.get_mut(&id) {
            Some(f) => body(proc, f),
            None => Ok(error_tuple(proc, "terminated")),
        }
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_open(p: *mut ProcessHeader, name: Term, modes: Term) -> Term {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    bif_return(p, |proc| {
        let (Some(path), Some(m)) = (path_of(name), parse_modes(modes)) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        let file = match open_options(&m).open(&path) {
            Ok(f) => f,
            Err(e) => return Ok(io_error(proc, &e)),
        };
        // Opening a directory succeeds on some systems; OTP refuses it.
        if file.metadata().is_ok_and(|md| md.is_dir()) {
            return Ok(error_tuple(proc, "eisdir"));
        }
        let write = m.write || m.append || m.exclusive;
        let of = OpenFile { file, read: m.read || !write, write, binary: m.binary, buf: Vec::new(), at: 0 };
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        files().insert(id, of);
        let n = make_i128(proc, id as i128);
        let fd = make_tuple(proc, &[atom::intern("file_descriptor"), atom::intern("kiln_file"), n]);
        Ok(ok_tuple(proc, fd))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_close(p: *mut ProcessHeader, fd: Term) -> Term {
    bif_return(p, |proc| {
        let Some(id) = handle_id(fd) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        Ok(match files().remove(&id) {
            Some(mut f) => unit_result(proc, f.file.flush()),
            None => error_tuple(proc, "terminated"),
        })
    })
}

fn data_term<H: TermAlloc + ?Sized>(h: &mut H, binary: bool, bytes: Vec<u8>) -> Term {
    if binary {
        make_binary_from_vec(h, bytes)
    } else {
        make_byte_list(h, &bytes)
    }
}

fn read_result<H: TermAlloc + ?Sized>(h: &mut H, binary: bool, r: io::Result<Option<Vec<u8>>>) -> Term {
    match r {
        Ok(Some(bytes)) => {
            let d = data_term(h, binary, bytes);
            ok_tuple(h, d)
        }
        Ok(None) => atom::intern("eof"),
        Err(e) => io_error(h, &e),
    }
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_line(p: *mut ProcessHeader, fd: Term) -> Term {
    with_file(p, fd, |proc, f| {
        if !f.read {
            return Ok(error_tuple(proc, "ebadf"));
        }
        let r = f.read_line();
        Ok(read_result(proc, f.binary, r))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read(p: *mut ProcessHeader, fd: Term, n: Term) -> Term {
    with_file(p, fd, |proc, f| {
        let n = match view(n) {
            TermView::Small(n) if n >= 0 => n as usize,
            _ => return Ok(error_tuple(proc, "badarg")),
        };
        if !f.read {
            return Ok(error_tuple(proc, "ebadf"));
        }
        let r = f.read_n(n);
        Ok(read_result(proc, f.binary, r))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_write(p: *mut ProcessHeader, fd: Term, data: Term) -> Term {
    with_file(p, fd, |proc, f| {
        let Some(bytes) = iolist_bytes(data) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        if !f.write {
            return Ok(error_tuple(proc, "ebadf"));
        }
        let r = f.drop_read_ahead().and_then(|()| f.file.write_all(&bytes));
        Ok(unit_result(proc, r))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_position(p: *mut ProcessHeader, fd: Term, at: Term) -> Term {
    with_file(p, fd, |proc, f| {
        let offset = |t: Term| match view(t) {
            TermView::Small(n) => Some(n),
            _ => None,
        };
        let target = if let TermView::Small(n) = view(at) {
            (n >= 0).then_some(SeekFrom::Start(n as u64))
        } else if let Some(name) = atom::try_name(at) {
            match name {
                "bof" => Some(SeekFrom::Start(0)),
                "cur" => Some(SeekFrom::Current(0)),
                "eof" => Some(SeekFrom::End(0)),
                _ => None,
            }
        } else {
            match tuple_elements(at) {
                Some([k, n]) => match (atom::try_name(*k), offset(*n)) {
                    (Some("bof"), Some(n)) if n >= 0 => Some(SeekFrom::Start(n as u64)),
                    (Some("cur"), Some(n)) => Some(SeekFrom::Current(n)),
                    (Some("eof"), Some(n)) => Some(SeekFrom::End(n)),
                    _ => None,
                },
                _ => None,
            }
        };
        let Some(target) = target else {
            return Ok(error_tuple(proc, "einval"));
        };
        let r = f.drop_read_ahead().and_then(|()| f.file.seek(target));
        Ok(match r {
            Ok(pos) => {
                let t = make_i128(proc, pos as i128);
                ok_tuple(proc, t)
            }
            Err(e) => io_error(proc, &e),
        })
    })
}
