//! The options of `write_file/3` and `open/2`, and the `std::fs`
//! open options they stand for.

use std::fs;

use crate::abi::Term;
use crate::atom;
use crate::term::{list_iter, tuple_elements};

/// The options of `write_file/3` and `open/2`.
#[derive(Default, Debug, Clone, Copy)]
pub(super) struct Modes {
    pub(super) read: bool,
    pub(super) write: bool,
    pub(super) append: bool,
    pub(super) exclusive: bool,
    pub(super) binary: bool,
}

pub(super) fn parse_modes(t: Term) -> Option<Modes> {
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

pub(super) fn open_options(m: &Modes) -> fs::OpenOptions {
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
