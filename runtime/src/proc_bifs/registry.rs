//! The registry BIFs: `register`, `unregister`, `whereis`, `registered`.

use super::running;
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;
use crate::process::registry;

/// `register/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_register(p: *mut ProcessHeader, name: Term, pid: Term) -> Term {
    if registry::register(name, pid) {
        known::TRUE
    } else {
        running(p).badarg()
    }
}

/// `unregister/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_unregister(p: *mut ProcessHeader, name: Term) -> Term {
    if tag::is_atom(name) && registry::unregister(name) {
        known::TRUE
    } else {
        running(p).badarg()
    }
}

/// `whereis/1`: the pid, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_whereis(p: *mut ProcessHeader, name: Term) -> Term {
    if !tag::is_atom(name) {
        return running(p).badarg();
    }
    registry::whereis(name).map_or(known::UNDEFINED, |s| s.pid())
}

/// `registered/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_registered(p: *mut ProcessHeader) -> Term {
    let names = registry::registered();
    running(p).list(&names)
}
