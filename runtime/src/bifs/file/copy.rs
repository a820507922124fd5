//! `copy/2,3`: between filenames, `{Filename, Modes}` pairs and open
//! handles.

use std::fs;
use std::io::{Read, Write};
use std::path::PathBuf;

use crate::abi::{ProcessHeader, Term};
use crate::atom;
use crate::term::{bif_return, make_i128, tuple_elements, view, TermView};

use super::handles::{files, handle_id};
use super::modes::parse_modes;
use super::names::{error_tuple, io_error, ok_tuple, path_of};

/// A copy endpoint: a filename, `{Filename, Modes}`, or an open handle.
pub(super) enum End {
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
pub extern "C" fn kiln_bif_file_copy_3(p: *mut ProcessHeader, src: Term, dst: Term, n: Term) -> Term {
    copy(p, src, dst, n)
}
