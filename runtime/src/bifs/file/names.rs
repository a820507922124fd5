//! Filenames and errors: filename terms to OS paths, OTP's POSIX error
//! atoms, and the `ok` / `{error, Reason}` results the BIFs return.

use std::ffi::OsString;
use std::io;
use std::path::PathBuf;

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::term::{atoms, bif_return, list_iter, make_tuple, view, TermAlloc, TermView};

/// The bytes of a filename term; `None` if it is not a filename.
pub fn filename_bytes(t: Term) -> Option<Vec<u8>> {
    if let TermView::Binary(b) = view(t) {
        return Some(b.to_vec());
    }
    let mut out = Vec::new();
    push_name(t, &mut out, 0)?;
    Some(out)
}

fn push_name(t: Term, out: &mut Vec<u8>, depth: usize) -> Option<()> {
    if depth > 1000 {
        return None;
    }
    match view(t) {
        TermView::Atom(a) => out.extend_from_slice(atom::try_name(a)?.as_bytes()),
        TermView::Nil => {}
        TermView::Cons(..) => {
            for e in list_iter(t) {
                let e = e.ok()?;
                match view(e) {
                    TermView::Small(c) => {
                        let ch = char::from_u32(u32::try_from(c).ok()?)?;
                        let mut buf = [0; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    TermView::Atom(_) | TermView::Cons(..) | TermView::Nil => push_name(e, out, depth + 1)?,
                    _ => return None,
                }
            }
        }
        _ => return None,
    }
    Some(())
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(target_os = "wasi")]
fn os_string(bytes: Vec<u8>) -> OsString {
    use std::os::wasi::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(any(unix, target_os = "wasi")))]
fn os_string(bytes: Vec<u8>) -> OsString {
    OsString::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// The path a filename term names.
pub fn path_of(t: Term) -> Option<PathBuf> {
    let bytes = filename_bytes(t)?;
    if bytes.contains(&0) {
        return None;
    }
    Some(PathBuf::from(os_string(bytes)))
}

/// The bytes of an OS name (a directory entry, the current directory).
pub(super) fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        s.as_bytes().to_vec()
    }
    #[cfg(target_os = "wasi")]
    {
        use std::os::wasi::ffi::OsStrExt;
        s.as_bytes().to_vec()
    }
    #[cfg(not(any(unix, target_os = "wasi")))]
    {
        s.to_string_lossy().into_owned().into_bytes()
    }
}

/// OTP's POSIX error atom for an I/O error.
pub fn posix_name(e: &io::Error) -> &'static str {
    use io::ErrorKind as K;
    if let Some(n) = e.raw_os_error() {
        if let Some(name) = errno_name(n) {
            return name;
        }
    }
    match e.kind() {
        K::NotFound => "enoent",
        K::PermissionDenied => "eacces",
        K::AlreadyExists => "eexist",
        K::NotADirectory => "enotdir",
        K::IsADirectory => "eisdir",
        K::DirectoryNotEmpty => "enotempty",
        K::InvalidInput | K::InvalidData | K::InvalidFilename => "einval",
        K::ReadOnlyFilesystem => "erofs",
        K::StorageFull => "enospc",
        K::FileTooLarge => "efbig",
        K::ResourceBusy => "ebusy",
        K::CrossesDevices => "exdev",
        K::TooManyLinks => "emlink",
        K::Unsupported => "enotsup",
        K::Interrupted => "eintr",
        K::WouldBlock => "eagain",
        K::UnexpectedEof => "eof",
        K::OutOfMemory => "enomem",
        _ => "eio",
    }
}

/// Names of the errno values that `ErrorKind` does not tell apart.
#[cfg(target_os = "linux")]
fn errno_name(n: i32) -> Option<&'static str> {
    Some(match n {
        1 => "eperm",
        2 => "enoent",
        5 => "eio",
        9 => "ebadf",
        13 => "eacces",
        17 => "eexist",
        20 => "enotdir",
        21 => "eisdir",
        22 => "einval",
        24 => "emfile",
        36 => "enametoolong",
        39 => "enotempty",
        40 => "eloop",
        _ => return None,
    })
}

/// WASI's errno numbering.
#[cfg(target_os = "wasi")]
fn errno_name(n: i32) -> Option<&'static str> {
    Some(match n {
        2 => "eacces",
        8 => "ebadf",
        20 => "eexist",
        28 => "einval",
        29 => "eio",
        31 => "eisdir",
        32 => "eloop",
        33 => "emfile",
        37 => "enametoolong",
        44 => "enoent",
        54 => "enotdir",
        55 => "enotempty",
        63 => "eperm",
        76 => "enotcapable",
        _ => return None,
    })
}

#[cfg(not(any(target_os = "linux", target_os = "wasi")))]
fn errno_name(_n: i32) -> Option<&'static str> {
    None
}

pub(super) fn ok_tuple<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> Term {
    make_tuple(h, &[atoms::OK, t])
}

pub(super) fn error_tuple<H: TermAlloc + ?Sized>(h: &mut H, reason: &str) -> Term {
    let r = atom::intern(reason);
    make_tuple(h, &[atom::known::ERROR, r])
}

pub(super) fn io_error<H: TermAlloc + ?Sized>(h: &mut H, e: &io::Error) -> Term {
    error_tuple(h, posix_name(e))
}

/// `ok` or `{error, Posix}`.
pub(super) fn unit_result<H: TermAlloc + ?Sized>(h: &mut H, r: io::Result<()>) -> Term {
    match r {
        Ok(()) => atoms::OK,
        Err(e) => io_error(h, &e),
    }
}

/// Runs `body` on the path named by `name`, or returns `{error, badarg}`.
pub(super) fn with_path(
    p: *mut ProcessHeader,
    name: Term,
    body: impl FnOnce(&mut crate::process::Process, PathBuf) -> Term,
) -> Term {
    bif_return(p, |proc| match path_of(name) {
        Some(path) => Ok(body(proc, path)),
        None => Ok(error_tuple(proc, "badarg")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;
    use crate::binary::make_binary_from_vec;
    use crate::term::testing::TestHeap;
    use crate::term::{make_list, make_string};

    #[test]
    fn filenames() {
        let mut h = TestHeap::new();
        let s = make_string(&mut h, "a/b");
        assert_eq!(filename_bytes(s), Some(b"a/b".to_vec()));
        let deep = {
            let x = make_string(&mut h, "x");
            let l = make_list(&mut h, &[atom::intern("d"), x]);
            make_list(&mut h, &[l, tag::small('/' as i64), atom::intern("f")])
        };
        assert_eq!(filename_bytes(deep), Some(b"dx/f".to_vec()));
        let bin = make_binary_from_vec(&mut h, b"raw".to_vec());
        assert_eq!(filename_bytes(bin), Some(b"raw".to_vec()));
        // A binary inside a list, or a number, is not a filename.
        let bad = make_list(&mut h, &[bin]);
        assert_eq!(filename_bytes(bad), None);
        assert_eq!(filename_bytes(tag::small(1)), None);
        let uni = make_string(&mut h, "é");
        assert_eq!(filename_bytes(uni), Some("é".as_bytes().to_vec()));
    }

    #[test]
    fn errors() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(posix_name(&e), "enoent");
        let e = io::Error::from(io::ErrorKind::DirectoryNotEmpty);
        assert_eq!(posix_name(&e), "enotempty");
    }
}
