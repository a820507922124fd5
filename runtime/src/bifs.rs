//! The BIFs over terms: boolean operators and type tests (here), data access
//! ([`data`]), list operators ([`lists`]), conversions ([`convert`]) and
//! number conversions ([`numeric`]).
//!
//! Each `kiln_bif_*` is the entry point named in [`crate::bif_table`]: an
//! `extern "C" fn(P, T...) -> T` that returns the result, or `NON_VALUE`
//! after raising the exception in the process (via
//! [`crate::term::bif_return`]). The logic lives in plain functions that take
//! a [`crate::term::TermAlloc`] and return a [`BifResult`], so it is unit
//! tested without a process.

// The base64 module.
pub mod base64;
pub mod binary;
pub mod binary_module;
#[cfg(test)]
mod binary_tests;
pub mod convert;
pub mod data;
pub mod init;
// The ets module (tables and match specifications live in crate::ets).
pub mod ets;
// External term format and hash BIFs (etf::encode, bifs::hash).
pub mod external;
// The file module (file/; consult's term reader in file_terms/).
pub mod file;
pub mod file_terms;
pub mod funs;
pub mod hash;
pub mod lists;
pub mod maps;
pub mod math;
pub mod numeric;
// erlang:monotonic_time/system_time, os:system_time.
pub mod time;
// Calendar time: erlang:universaltime/localtime/timestamp, date/time.
pub mod time_local;
// Timers: send_after/start_timer/cancel_timer/read_timer (timers.rs);
// convert_time_unit, time_offset, now (timers_clock.rs).
pub mod timers;
pub mod timers_clock;
pub mod unicode;
pub mod wasm_host;
// VM services: the atomics, counters, persistent_term and os modules,
// erlang:statistics/1, system_info/1, system_flag/2, the text forms of
// pids/ports/refs, is_alive/nodes/halt/2, checksum combination and
// binary:encode_hex/decode_hex.
pub mod atomics;
pub mod binary_hex;
pub mod checksum_combine;
pub mod counters;
pub mod id_text;
pub mod node;
pub mod os;
pub mod persistent_term;
// Ports: open_port/2, port_command/2,3, port_info/1,2, ... (crate::port).
pub mod port;
pub mod statistics;
pub mod system_flag;
pub mod system_info;

use crate::abi::{tag, ProcessHeader, Term};
use crate::term::{atoms, bif_return_pure, boolean, view, BifResult, Error, TermView};

/// The truth value of a boolean atom; `badarg` for anything else.
fn truth(t: Term) -> Result<bool, Error> {
    match t {
        atoms::TRUE => Ok(true),
        atoms::FALSE => Ok(false),
        _ => Err(Error::Badarg),
    }
}

/// `not A`.
pub fn not(a: Term) -> BifResult {
    Ok(boolean(!truth(a)?))
}

/// `A and B` (both evaluated, both must be booleans).
pub fn and(a: Term, b: Term) -> BifResult {
    let (x, y) = (truth(a)?, truth(b)?);
    Ok(boolean(x && y))
}

/// `A or B`.
pub fn or(a: Term, b: Term) -> BifResult {
    let (x, y) = (truth(a)?, truth(b)?);
    Ok(boolean(x || y))
}

/// `A xor B`.
pub fn xor(a: Term, b: Term) -> BifResult {
    let (x, y) = (truth(a)?, truth(b)?);
    Ok(boolean(x != y))
}

/// `is_function(F, Arity)`: `badarg` unless `Arity` is a non-negative integer.
pub fn is_function_2(f: Term, arity: Term) -> BifResult {
    let want = match view(arity) {
        TermView::Small(n) if n >= 0 => n as u64,
        // A bignum arity matches no fun.
        TermView::Big(b) if !b.negative => return Ok(atoms::FALSE),
        _ => return Err(Error::Badarg),
    };
    Ok(boolean(match view(f) {
        TermView::Fun(fun) => u64::from(fun.info.arity) == want,
        TermView::Export { arity, .. } => u64::from(arity) == want,
        _ => false,
    }))
}

/// `is_record(T, Tag)`: a tuple whose first element is the atom `Tag`.
pub fn is_record_2(t: Term, record_tag: Term) -> BifResult {
    if !tag::is_atom(record_tag) {
        return Err(Error::Badarg);
    }
    Ok(boolean(matches!(view(t), TermView::Tuple(es) if es.first() == Some(&record_tag))))
}

/// `is_record(T, Tag, Size)`: also of size `Size`.
pub fn is_record_3(t: Term, record_tag: Term, size: Term) -> BifResult {
    if !tag::is_atom(record_tag) {
        return Err(Error::Badarg);
    }
    let size = match view(size) {
        TermView::Small(n) => n,
        _ => return Err(Error::Badarg),
    };
    Ok(boolean(matches!(view(t),
        TermView::Tuple(es) if es.first() == Some(&record_tag) && es.len() as i64 == size)))
}

/// The type tests of one argument.
pub fn type_test(t: Term, test: TypeTest) -> bool {
    let v = view(t);
    match test {
        TypeTest::Atom => matches!(v, TermView::Atom(_)),
        TypeTest::Binary => matches!(v, TermView::Binary(_)),
        TypeTest::Bitstring => matches!(v, TermView::Binary(_) | TermView::Bitstring(_)),
        TypeTest::Boolean => t == atoms::TRUE || t == atoms::FALSE,
        TypeTest::Float => matches!(v, TermView::Float(_)),
        TypeTest::Function => matches!(v, TermView::Fun(_) | TermView::Export { .. }),
        TypeTest::Integer => matches!(v, TermView::Small(_) | TermView::Big(_)),
        TypeTest::List => matches!(v, TermView::Cons(..) | TermView::Nil),
        TypeTest::Map => matches!(v, TermView::Map(_)),
        TypeTest::Number => matches!(v, TermView::Small(_) | TermView::Big(_) | TermView::Float(_)),
        TypeTest::Pid => matches!(v, TermView::Pid(_)),
        TypeTest::Port => matches!(v, TermView::Port(_)),
        TypeTest::Reference => matches!(v, TermView::Ref(_)),
        TypeTest::Tuple => matches!(v, TermView::Tuple(_)),
    }
}

/// The one-argument type tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeTest {
    Atom,
    Binary,
    Bitstring,
    Boolean,
    Float,
    Function,
    Integer,
    List,
    Map,
    Number,
    Pid,
    Port,
    Reference,
    Tuple,
}

macro_rules! type_test_bif {
    ($($name:ident => $test:ident;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(_p: *mut ProcessHeader, a: Term) -> Term {
            boolean(type_test(a, TypeTest::$test))
        }
    )*};
}

type_test_bif! {
    kiln_bif_is_atom => Atom;
    kiln_bif_is_binary => Binary;
    kiln_bif_is_bitstring => Bitstring;
    kiln_bif_is_boolean => Boolean;
    kiln_bif_is_float => Float;
    kiln_bif_is_function => Function;
    kiln_bif_is_integer => Integer;
    kiln_bif_is_list => List;
    kiln_bif_is_map => Map;
    kiln_bif_is_number => Number;
    kiln_bif_is_pid => Pid;
    kiln_bif_is_port => Port;
    kiln_bif_is_reference => Reference;
    kiln_bif_is_tuple => Tuple;
}

#[no_mangle]
pub extern "C" fn kiln_bif_not(p: *mut ProcessHeader, a: Term) -> Term {
    bif_return_pure(p, not(a))
}

#[no_mangle]
pub extern "C" fn kiln_bif_and(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return_pure(p, and(a, b))
}

#[no_mangle]
pub extern "C" fn kiln_bif_or(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return_pure(p, or(a, b))
}

#[no_mangle]
pub extern "C" fn kiln_bif_xor(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    bif_return_pure(p, xor(a, b))
}

#[no_mangle]
pub extern "C" fn kiln_bif_is_function_2(p: *mut ProcessHeader, f: Term, arity: Term) -> Term {
    bif_return_pure(p, is_function_2(f, arity))
}

#[no_mangle]
pub extern "C" fn kiln_bif_is_record_2(p: *mut ProcessHeader, t: Term, record_tag: Term) -> Term {
    bif_return_pure(p, is_record_2(t, record_tag))
}

#[no_mangle]
pub extern "C" fn kiln_bif_is_record_3(p: *mut ProcessHeader, t: Term, record_tag: Term, size: Term) -> Term {
    bif_return_pure(p, is_record_3(t, record_tag, size))
}

#[cfg(test)]
mod tests;
