//! File information: `read_file_info/1,2` and `read_link_info/1,2`,
//! building the `#file_info{}` record tuple.

use std::fs;
use std::io;

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::bifs::time_local::{datetime_from_secs, local_datetime, make_datetime};
use crate::term::{bif_return, list_iter, make_i128, make_tuple, tuple_elements, TermAlloc};

use super::names::{error_tuple, io_error, ok_tuple, path_of};

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
    Raw { ctime: secs_of(m.modified()), mode: kind | perm, links: 1, major: 0, minor: 0, inode: 0, uid: 0, gid: 0 }
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
        let m = if follow { fs::metadata(&path) } else { fs::symlink_metadata(&path) };
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
pub extern "C" fn kiln_bif_file_read_file_info_2(p: *mut ProcessHeader, name: Term, opts: Term) -> Term {
    read_info(p, name, opts, true)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_link_info(p: *mut ProcessHeader, name: Term) -> Term {
    read_info(p, name, tag::NIL, false)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_read_link_info_2(p: *mut ProcessHeader, name: Term, opts: Term) -> Term {
    read_info(p, name, opts, false)
}
