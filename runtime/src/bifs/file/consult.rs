//! `consult/1`, over the term reader of [`crate::bifs::file_terms`].

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::bifs::file_terms::{self, ReadError};
use crate::term::{bif_return, make_list, make_string, make_tuple, Error, TermAlloc};

use super::names::{error_tuple, io_error, ok_tuple, path_of};
use super::whole::read_all;

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
