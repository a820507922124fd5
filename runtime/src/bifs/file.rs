//! The `file` module's BIFs, over `std::fs` (on wasm32-wasip1 through the
//! WASI preopened directories; `tests/wasi-run.mjs` preopens `.`).
//!
//! - Filenames are strings (character codes, UTF-8 encoded for the OS),
//!   atoms, deep lists of those, or binaries (raw bytes) at the top level;
//!   anything else gives `{error, badarg}`, as in OTP. Relative names are
//!   relative to the current directory (`get_cwd/0`, `set_cwd/1`; on
//!   wasm32-wasip1 the current directory starts as `/`, which is the
//!   preopened directory).
//! - Errors are OTP's POSIX atoms (`{error, enoent}`, ...), including its
//!   Linux quirks: `delete/1` of a directory is `eperm`, `del_dir/1` of a
//!   non-empty directory is `eexist`.
//! - `read_file_info/1,2` returns the `#file_info{}` record tuple in OTP's
//!   field order; times are local `{{Y,M,D},{H,Mi,S}}` by default, or
//!   `[{time, universal | local | posix}]`. On wasm32-wasip1 the device,
//!   inode, uid and gid fields are 0 and the mode is made up from the file
//!   type and the read-only flag.
//! - `open/2` returns `{ok, Fd}` where `Fd` is the opaque tuple
//!   `{file_descriptor, kiln_file, N}` (N unique per run), usable from any
//!   process; `read/2`, `read_line/1`, `write/2`, `position/2`, `close/1`
//!   take it. Modes: `read`, `write`, `append`, `exclusive`, `binary`,
//!   `list`; other options (`raw`, `read_ahead`, `delayed_write`, `sync`,
//!   `{encoding, latin1}`, ...) are accepted and ignored, as OTP ignores
//!   unknown ones; `{encoding, utf8}` is refused with `badarg`. A closed handle gives `{error, terminated}`; reading a handle
//!   not opened for reading (or writing one not opened for writing) gives
//!   `{error, ebadf}`.
//! - `consult/1` reads terms with [`super::file_terms`].
//!
//! `format_error/1` is Erlang (`stdlib/file.erl`).

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, PoisonError};

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::bifs::binary::iolist_bytes;
use crate::bifs::file_terms::{self, ReadError};
use crate::bifs::time_local::{datetime_from_secs, local_datetime, make_datetime};
use crate::binary::make_binary_from_vec;
use crate::term::{
    atoms, bif_return, list_iter, make_byte_list, make_i128, make_list, make_string, make_tuple,
    tuple_elements, view, BifResult, Error, TermAlloc, TermView,
};

// ---------------------------------------------------------------------------
// Filenames and errors.

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
                    TermView::Atom(_) | TermView::Cons(..) | TermView::Nil => {
                        push_name(e, out, depth + 1)?
                    }
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
fn os_bytes(s: &std::ffi::OsStr) -> Vec<u8> {
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

fn ok_tuple<H: TermAlloc + ?Sized>(h: &mut H, t: Term) -> Term {
    make_tuple(h, &[atoms::OK, t])
}

fn error_tuple<H: TermAlloc + ?Sized>(h: &mut H, reason: &str) -> Term {
    let r = atom::intern(reason);
    make_tuple(h, &[atom::known::ERROR, r])
}

fn io_error<H: TermAlloc + ?Sized>(h: &mut H, e: &io::Error) -> Term {
    error_tuple(h, posix_name(e))
}

/// `ok` or `{error, Posix}`.
fn unit_result<H: TermAlloc + ?Sized>(h: &mut H, r: io::Result<()>) -> Term {
    match r {
        Ok(()) => atoms::OK,
        Err(e) => io_error(h, &e),
    }
}

/// Runs `body` on the path named by `name`, or returns `{error, badarg}`.
fn with_path(
    p: *mut ProcessHeader,
    name: Term,
    body: impl FnOnce(&mut crate::process::Process, PathBuf) -> Term,
) -> Term {
    bif_return(p, |proc| match path_of(name) {
        Some(path) => Ok(body(proc, path)),
        None => Ok(error_tuple(proc, "badarg")),
    })
}

// ---------------------------------------------------------------------------
// Whole files and directories.

/// The contents of a file; `eisdir` for a directory (WASI opens
/// directories and fails only when reading them).
fn read_all(path: &std::path::Path) -> io::Result<Vec<u8>> {
    match fs::read(path) {
        Err(_) if fs::metadata(path).is_ok_and(|m| m.is_dir()) => {
            Err(io::Error::from(io::ErrorKind::IsADirectory))
        }
        r => r,
    }
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_file(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| match read_all(&path) {
        Ok(bytes) => {
            let b = make_binary_from_vec(proc, bytes);
            ok_tuple(proc, b)
        }
        Err(e) => io_error(proc, &e),
    })
}

/// The options of `write_file/3` and `open/2`.
#[derive(Default, Debug, Clone, Copy)]
struct Modes {
    read: bool,
    write: bool,
    append: bool,
    exclusive: bool,
    binary: bool,
}

fn parse_modes(t: Term) -> Option<Modes> {
    let mut m = Modes::default();
    for e in list_iter(t) {
        let e = e.ok()?;
        if let Some(name) = atom::try_name(e) {
            match name {
                "read" => m.read = true,
                "write" => m.write = true,
                "append" => m.append = true,
                "exclusive" => m.exclusive = true,
                "binary" => m.binary = true,
                "list" => m.binary = false,
                // Like OTP, other options (raw, read_ahead, sync, ...)
                // are accepted and ignored.
                _ => {}
            }
            continue;
        }
        if let Some([k, v]) = tuple_elements(e) {
            if atom::try_name(*k) == Some("encoding") && atom::try_name(*v) != Some("latin1") {
                // Only latin1 (byte) files are supported.
                return None;
            }
        }
    }
    Some(m)
}

fn open_options(m: &Modes) -> fs::OpenOptions {
    let mut o = fs::OpenOptions::new();
    let write = m.write || m.append || m.exclusive;
    let read = m.read || !write;
    o.read(read);
    if write {
        o.write(true);
        if m.append {
            o.append(true).create(true);
        } else if m.exclusive {
            o.create_new(true);
        } else {
            o.create(true);
            // `[read, write]` keeps the contents; `[write]` truncates.
            o.truncate(!m.read);
        }
    }
    o
}

fn write_file(p: *mut ProcessHeader, name: Term, data: Term, modes: Term) -> Term {
    bif_return(p, |proc| {
        let (Some(path), Some(bytes), Some(mut m)) =
            (path_of(name), iolist_bytes(data), parse_modes(modes))
        else {
            return Ok(error_tuple(proc, "badarg"));
        };
        m.write = true;
        if m.append {
            // `[append]` adds to the end without truncating.
            m.read = false;
        }
        let r = open_options(&Modes { read: false, ..m })
            .open(&path)
            .and_then(|mut f| f.write_all(&bytes));
        Ok(unit_result(proc, r))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_write_file(p: *mut ProcessHeader, name: Term, data: Term) -> Term {
    write_file(p, name, data, tag::NIL)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_write_file_3(
    p: *mut ProcessHeader,
    name: Term,
    data: Term,
    modes: Term,
) -> Term {
    write_file(p, name, data, modes)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_delete(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| match fs::remove_file(&path) {
        Ok(()) => atoms::OK,
        // OTP on Linux: unlinking a directory is `eperm`.
        Err(e) if posix_name(&e) == "eisdir" => error_tuple(proc, "eperm"),
        Err(e)
            if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir())
                && posix_name(&e) != "enoent" =>
        {
            error_tuple(proc, "eperm")
        }
        Err(e) => io_error(proc, &e),
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_rename(p: *mut ProcessHeader, from: Term, to: Term) -> Term {
    bif_return(p, |proc| {
        let (Some(a), Some(b)) = (path_of(from), path_of(to)) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        Ok(match fs::rename(a, b) {
            Ok(()) => atoms::OK,
            Err(e) if posix_name(&e) == "enotempty" => error_tuple(proc, "eexist"),
            Err(e) => io_error(proc, &e),
        })
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_make_dir(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| {
        unit_result(proc, fs::create_dir(path))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_del_dir(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| match fs::remove_dir(path) {
        Ok(()) => atoms::OK,
        // OTP on Linux: a directory that is not empty is `eexist`.
        Err(e) if posix_name(&e) == "enotempty" => error_tuple(proc, "eexist"),
        Err(e) => io_error(proc, &e),
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_del_dir_r(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| match fs::symlink_metadata(&path) {
        Ok(m) if m.is_dir() => unit_result(proc, fs::remove_dir_all(&path)),
        Ok(_) => error_tuple(proc, "enotdir"),
        Err(e) => io_error(proc, &e),
    })
}

fn list_dir(p: *mut ProcessHeader, name: Term, all: bool) -> Term {
    with_path(p, name, |proc, path| {
        let entries = match fs::read_dir(&path) {
            Ok(rd) => rd,
            Err(e) => return io_error(proc, &e),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => return io_error(proc, &e),
            };
            let bytes = os_bytes(&entry.file_name());
            let t = match std::str::from_utf8(&bytes) {
                Ok(s) => make_string(proc, s),
                // Names that are not UTF-8: raw binaries from list_dir_all,
                // left out by list_dir (as OTP does under a UTF-8 file name
                // encoding).
                Err(_) if all => make_binary_from_vec(proc, bytes),
                Err(_) => continue,
            };
            names.push(t);
        }
        let l = make_list(proc, &names);
        ok_tuple(proc, l)
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_list_dir(p: *mut ProcessHeader, name: Term) -> Term {
    list_dir(p, name, false)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_list_dir_all(p: *mut ProcessHeader, name: Term) -> Term {
    list_dir(p, name, true)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_get_cwd(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| {
        Ok(match std::env::current_dir() {
            Ok(d) => {
                let bytes = os_bytes(d.as_os_str());
                let s = String::from_utf8_lossy(&bytes).into_owned();
                let t = make_string(proc, &s);
                ok_tuple(proc, t)
            }
            Err(e) => io_error(proc, &e),
        })
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_set_cwd(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| {
        // Check first: not every platform's chdir tells the reasons apart.
        match fs::metadata(&path) {
            Ok(m) if !m.is_dir() => error_tuple(proc, "enotdir"),
            Ok(_) => unit_result(proc, std::env::set_current_dir(&path)),
            Err(e) => io_error(proc, &e),
        }
    })
}

// ---------------------------------------------------------------------------
// File information.

/// How `read_file_info/2` reports times.
#[derive(Clone, Copy)]
enum TimeKind {
    Local,
    Universal,
    Posix,
}

fn time_option(opts: Term) -> Option<TimeKind> {
    let mut kind = TimeKind::Local;
    for e in list_iter(opts) {
        let e = e.ok()?;
        match tuple_elements(e)? {
            [k, v] if atom::try_name(*k) == Some("time") => {
                kind = match atom::try_name(*v)? {
                    "local" => TimeKind::Local,
                    "universal" => TimeKind::Universal,
                    "posix" => TimeKind::Posix,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(kind)
}

fn secs_of(t: io::Result<std::time::SystemTime>) -> i64 {
    match t {
        Ok(t) => match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs() as i64,
            Err(e) => -(e.duration().as_secs_f64().ceil() as i64),
        },
        Err(_) => 0,
    }
}

fn time_term<H: TermAlloc + ?Sized>(h: &mut H, secs: i64, kind: TimeKind) -> Term {
    match kind {
        TimeKind::Posix => make_i128(h, secs as i128),
        TimeKind::Universal => make_datetime(h, datetime_from_secs(secs)),
        TimeKind::Local => make_datetime(h, local_datetime(secs)),
    }
}

/// The numeric fields of a `#file_info{}` that depend on the platform.
struct Raw {
    ctime: i64,
    mode: u64,
    links: u64,
    major: u64,
    minor: u64,
    inode: u64,
    uid: u64,
    gid: u64,
}

#[cfg(unix)]
fn raw_info(m: &fs::Metadata) -> Raw {
    use std::os::unix::fs::MetadataExt;
    Raw {
        ctime: m.ctime(),
        mode: u64::from(m.mode()),
        links: m.nlink(),
        major: m.dev(),
        minor: m.rdev(),
        inode: m.ino(),
        uid: u64::from(m.uid()),
        gid: u64::from(m.gid()),
    }
}

#[cfg(not(unix))]
fn raw_info(m: &fs::Metadata) -> Raw {
    let ft = m.file_type();
    let kind = if ft.is_dir() {
        0o040000
    } else if ft.is_symlink() {
        0o120000
    } else {
        0o100000
    };
    // WASI preview 1 file stats carry no permission bits: report the
    // usual defaults.
    let perm = if ft.is_dir() { 0o755 } else { 0o644 };
    Raw {
        ctime: secs_of(m.modified()),
        mode: kind | perm,
        links: 1,
        major: 0,
        minor: 0,
        inode: 0,
        uid: 0,
        gid: 0,
    }
}

fn file_type_name(m: &fs::Metadata) -> &'static str {
    let ft = m.file_type();
    if ft.is_symlink() {
        return "symlink";
    }
    if ft.is_dir() {
        return "directory";
    }
    if ft.is_file() {
        return "regular";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_block_device() || ft.is_char_device() {
            return "device";
        }
    }
    "other"
}

fn file_info<H: TermAlloc + ?Sized>(h: &mut H, m: &fs::Metadata, kind: TimeKind) -> Term {
    let raw = raw_info(m);
    // Access from the owner's permission bits (read-only flag elsewhere).
    let access = match (raw.mode & 0o400 != 0, raw.mode & 0o200 != 0) {
        (true, true) => "read_write",
        (true, false) => "read",
        (false, true) => "write",
        (false, false) => "none",
    };
    let atime = time_term(h, secs_of(m.accessed()), kind);
    let mtime = time_term(h, secs_of(m.modified()), kind);
    let ctime = time_term(h, raw.ctime, kind);
    let int = |h: &mut H, v: u64| make_i128(h, v as i128);
    let fields = [
        atom::intern("file_info"),
        int(h, m.len()),
        atom::intern(file_type_name(m)),
        atom::intern(access),
        atime,
        mtime,
        ctime,
        int(h, raw.mode),
        int(h, raw.links),
        int(h, raw.major),
        int(h, raw.minor),
        int(h, raw.inode),
        int(h, raw.uid),
        int(h, raw.gid),
    ];
    make_tuple(h, &fields)
}

fn read_info(p: *mut ProcessHeader, name: Term, opts: Term, follow: bool) -> Term {
    bif_return(p, |proc| {
        let (Some(path), Some(kind)) = (path_of(name), time_option(opts)) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        let m = if follow {
            fs::metadata(&path)
        } else {
            fs::symlink_metadata(&path)
        };
        Ok(match m {
            Ok(m) => {
                let info = file_info(proc, &m, kind);
                ok_tuple(proc, info)
            }
            Err(e) => io_error(proc, &e),
        })
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_file_info(p: *mut ProcessHeader, name: Term) -> Term {
    read_info(p, name, tag::NIL, true)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_file_info_2(
    p: *mut ProcessHeader,
    name: Term,
    opts: Term,
) -> Term {
    read_info(p, name, opts, true)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_link_info(p: *mut ProcessHeader, name: Term) -> Term {
    read_info(p, name, tag::NIL, false)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_link_info_2(
    p: *mut ProcessHeader,
    name: Term,
    opts: Term,
) -> Term {
    read_info(p, name, opts, false)
}

// ---------------------------------------------------------------------------
// consult/1.

/// The `{Line, Module, Message}` term of a read error.
fn read_error_term<H: TermAlloc + ?Sized>(h: &mut H, e: &ReadError) -> Term {
    let (line, module, msg) = match e {
        ReadError::Unterminated { line, quote, text } => {
            let s = make_string(h, text);
            let m = make_tuple(h, &[atom::intern("string"), tag::small(*quote as i64), s]);
            (*line, "erl_scan", m)
        }
        ReadError::Char { line } => (*line, "erl_scan", atom::intern("char")),
        ReadError::Illegal { line, what } => {
            let m = make_tuple(h, &[atom::intern("illegal"), atom::intern(what)]);
            (*line, "erl_scan", m)
        }
        ReadError::Syntax { line, before } => {
            let head = make_string(h, "syntax error before: ");
            let text = match before {
                Some(s) => make_string(h, s),
                None => tag::NIL,
            };
            (*line, "erl_parse", make_list(h, &[head, text]))
        }
        ReadError::BadTerm { line } => (*line, "erl_parse", make_string(h, "bad term")),
    };
    make_tuple(h, &[tag::small(i64::from(line)), atom::intern(module), msg])
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_consult(p: *mut ProcessHeader, name: Term) -> Term {
    bif_return(p, |proc| {
        let Some(path) = path_of(name) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        let bytes = match read_all(&path) {
            Ok(b) => b,
            Err(e) => return Ok(io_error(proc, &e)),
        };
        let text = file_terms::decode_text(&bytes);
        match file_terms::read_terms(&text) {
            Ok(values) => {
                let mut terms = Vec::with_capacity(values.len());
                for v in &values {
                    terms.push(file_terms::build(proc, v).ok_or(Error::SystemLimit)?);
                }
                let l = make_list(proc, &terms);
                Ok(ok_tuple(proc, l))
            }
            Err(e) => {
                let reason = read_error_term(proc, &e);
                Ok(make_tuple(proc, &[atom::known::ERROR, reason]))
            }
        }
    })
}

// ---------------------------------------------------------------------------
// Open files.

struct OpenFile {
    file: fs::File,
    read: bool,
    write: bool,
    binary: bool,
    /// Bytes read ahead for `read_line/1` and not yet returned.
    buf: Vec<u8>,
    at: usize,
}

impl OpenFile {
    /// Gives back read-ahead bytes to the OS position (before a write or a
    /// seek).
    fn drop_read_ahead(&mut self) -> io::Result<()> {
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

    fn read_n(&mut self, n: usize) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        while out.len() < n && self.fill()? {
            let avail = &self.buf[self.at..];
            let k = avail.len().min(n - out.len());
            out.extend_from_slice(&avail[..k]);
            self.at += k;
        }
        Ok(if out.is_empty() && n > 0 {
            None
        } else {
            Some(out)
        })
    }
}

fn files() -> std::sync::MutexGuard<'static, HashMap<u64, OpenFile>> {
    static FILES: LazyLock<Mutex<HashMap<u64, OpenFile>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    FILES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The number of a `{file_descriptor, kiln_file, N}` handle.
fn handle_id(t: Term) -> Option<u64> {
    match tuple_elements(t)? {
        [a, b, n]
            if atom::try_name(*a) == Some("file_descriptor")
                && atom::try_name(*b) == Some("kiln_file") =>
        {
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
        let of = OpenFile {
            file,
            read: m.read || !write,
            write,
            binary: m.binary,
            buf: Vec::new(),
            at: 0,
        };
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        files().insert(id, of);
        let n = make_i128(proc, id as i128);
        let fd = make_tuple(
            proc,
            &[
                atom::intern("file_descriptor"),
                atom::intern("kiln_file"),
                n,
            ],
        );
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

fn read_result<H: TermAlloc + ?Sized>(
    h: &mut H,
    binary: bool,
    r: io::Result<Option<Vec<u8>>>,
) -> Term {
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

// ---------------------------------------------------------------------------
// copy/2,3.

/// A copy endpoint: a filename, `{Filename, Modes}`, or an open handle.
enum End {
    Path(PathBuf),
    Handle(u64),
}

fn copy_end(t: Term) -> Option<End> {
    if let Some(id) = handle_id(t) {
        return Some(End::Handle(id));
    }
    if let Some([name, modes]) = tuple_elements(t) {
        parse_modes(*modes)?;
        return path_of(*name).map(End::Path);
    }
    path_of(t).map(End::Path)
}

fn copy(p: *mut ProcessHeader, src: Term, dst: Term, limit: Term) -> Term {
    bif_return(p, |proc| {
        let limit = match view(limit) {
            TermView::Small(n) if n >= 0 => n as u64,
            TermView::Big(_) => u64::MAX,
            _ if atom::try_name(limit) == Some("infinity") => u64::MAX,
            _ => return Ok(error_tuple(proc, "badarg")),
        };
        let (Some(src), Some(dst)) = (copy_end(src), copy_end(dst)) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        // Read the source (up to `limit` bytes), then write it out.
        let data = match src {
            End::Path(path) => fs::File::open(path).and_then(|f| {
                let mut v = Vec::new();
                f.take(limit).read_to_end(&mut v).map(|_| v)
            }),
            End::Handle(id) => match files().get_mut(&id) {
                Some(f) if f.read => {
                    let n = usize::try_from(limit).unwrap_or(usize::MAX);
                    f.read_n(n).map(Option::unwrap_or_default)
                }
                Some(_) => return Ok(error_tuple(proc, "ebadf")),
                None => return Ok(error_tuple(proc, "terminated")),
            },
        };
        let data = match data {
            Ok(d) => d,
            Err(e) => return Ok(io_error(proc, &e)),
        };
        let r = match dst {
            End::Path(path) => fs::File::create(path).and_then(|mut f| f.write_all(&data)),
            End::Handle(id) => match files().get_mut(&id) {
                Some(f) if f.write => f.drop_read_ahead().and_then(|()| f.file.write_all(&data)),
                Some(_) => return Ok(error_tuple(proc, "ebadf")),
                None => return Ok(error_tuple(proc, "terminated")),
            },
        };
        Ok(match r {
            Ok(()) => {
                let n = make_i128(proc, data.len() as i128);
                ok_tuple(proc, n)
            }
            Err(e) => io_error(proc, &e),
        })
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_copy(p: *mut ProcessHeader, src: Term, dst: Term) -> Term {
    copy(p, src, dst, atom::intern("infinity"))
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_copy_3(
    p: *mut ProcessHeader,
    src: Term,
    dst: Term,
    n: Term,
) -> Term {
    copy(p, src, dst, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::testing::TestHeap;

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
