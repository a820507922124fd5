//! Whole files and directories: `read_file/1`, `write_file/2,3`,
//! `delete/1`, `rename/2`, `make_dir/1`, `del_dir/1`, `del_dir_r/1`,
//! `list_dir/1`, `list_dir_all/1`, `get_cwd/0`, `set_cwd/1`.

use std::fs;
use std::io::{self, Write};

use crate::abi::{tag, ProcessHeader, Term};
use crate::bifs::binary::iolist_bytes;
use crate::binary::make_binary_from_vec;
use crate::term::{atoms, bif_return, make_list, make_string};

use super::modes::{open_options, parse_modes, Modes};
use super::names::{error_tuple, io_error, ok_tuple, os_bytes, path_of, posix_name, unit_result, with_path};

/// The contents of a file; `eisdir` for a directory (WASI opens
/// directories and fails only when reading them).
pub(super) fn read_all(path: &std::path::Path) -> io::Result<Vec<u8>> {
    match fs::read(path) {
        Err(_) if fs::metadata(path).is_ok_and(|m| m.is_dir()) => Err(io::Error::from(io::ErrorKind::IsADirectory)),
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

fn write_file(p: *mut ProcessHeader, name: Term, data: Term, modes: Term) -> Term {
    bif_return(p, |proc| {
        let (Some(path), Some(bytes), Some(mut m)) = (path_of(name), iolist_bytes(data), parse_modes(modes)) else {
            return Ok(error_tuple(proc, "badarg"));
        };
        m.write = true;
        if m.append {
            // `[append]` adds to the end without truncating.
            m.read = false;
        }
        let r = open_options(&Modes { read: false, ..m }).open(&path).and_then(|mut f| f.write_all(&bytes));
        Ok(unit_result(proc, r))
    })
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_write_file(p: *mut ProcessHeader, name: Term, data: Term) -> Term {
    write_file(p, name, data, tag::NIL)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_write_file_3(p: *mut ProcessHeader, name: Term, data: Term, modes: Term) -> Term {
    write_file(p, name, data, modes)
}

#[no_mangle]
pub extern "C" fn kiln_bif_file_delete(p: *mut ProcessHeader, name: Term) -> Term {
    with_path(p, name, |proc, path| match fs::remove_file(&path) {
        Ok(()) => atoms::OK,
        // OTP on Linux: unlinking a directory is `eperm`.
        Err(e) if posix_name(&e) == "eisdir" => error_tuple(proc, "eperm"),
        Err(e) if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) && posix_name(&e) != "enoent" => {
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
    with_path(p, name, |proc, path| unit_result(proc, fs::create_dir(path)))
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
