//! Compiled match specifications as terms (`ets:match_spec_compile/1`,
//! `is_compiled_ms/1`, `match_spec_run_r/3`) and `erlang:match_spec_test/3`.
//!
//! OTP returns a magic reference whose program is freed when the last
//! reference to it is collected. kiln's collector has no finalizers, so a
//! compiled specification is a reference whose number names an entry of a
//! registry that is never emptied. To bound that memory, compiling a
//! specification `=:=` to one compiled before returns the same reference.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::ms_compile::MatchSpec;
use super::scratch::Scratch;
use super::stored::Stored;
use crate::abi::{tag, Term};
use crate::compare::exact_eq;
use crate::process::Process;
use crate::term::{atoms, make_string, make_tuple, BifResult, Error};

/// A compiled specification and the source it was compiled from.
struct Entry {
    spec: Arc<MatchSpec>,
    source: Stored,
}

#[derive(Default)]
struct Registry {
    by_ref: BTreeMap<u64, Entry>,
    /// Reference numbers by hash of the source, to reuse entries.
    by_hash: BTreeMap<u32, Vec<u64>>,
}

static COMPILED: Mutex<Option<Registry>> = Mutex::new(None);

fn with_registry<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    let mut guard = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
    f(guard.get_or_insert_with(Registry::default))
}

/// The compiled specification `t` is a reference to, if it is one.
pub fn lookup(t: Term) -> Option<Arc<MatchSpec>> {
    let n = crate::process::signals::ref_number(t)?;
    with_registry(|r| r.by_ref.get(&n).map(|e| e.spec.clone()))
}

/// `ets:match_spec_compile/1`.
pub fn match_spec_compile(proc: &mut Process, ms: Term) -> BifResult {
    let hash = super::key::key_hash(ms);
    let existing = with_registry(|r| {
        r.by_hash.get(&hash).and_then(|ids| ids.iter().copied().find(|id| exact_eq(r.by_ref[id].source.term(), ms)))
    });
    if let Some(id) = existing {
        return Ok(super::registry::make_ref(proc, id));
    }
    let spec = MatchSpec::compile_owned(ms).map_err(|_| Error::Badarg)?;
    let id = crate::process::signals::next_ref();
    with_registry(|r| {
        r.by_ref.insert(id, Entry { spec: Arc::new(spec), source: Stored::copy_of(ms) });
        r.by_hash.entry(hash).or_default().push(id);
    });
    Ok(super::registry::make_ref(proc, id))
}

/// `ets:is_compiled_ms/1`.
pub fn is_compiled_ms(t: Term) -> Term {
    crate::term::boolean(lookup(t).is_some())
}

/// `ets:match_spec_run_r/3`: the results for the elements of `list`
/// (in order) pushed on `acc`, so last first.
pub fn match_spec_run_r(proc: &mut Process, list: Term, compiled: Term, acc: Term) -> BifResult {
    let spec = lookup(compiled).ok_or(Error::Badarg)?;
    let items = crate::term::list_to_vec(list).ok_or(Error::Badarg)?;
    let me = proc.pid();
    let mut run = super::select::Runner::new(&spec, me);
    let mut out = acc;
    for item in items {
        if let Some(r) = run.apply(item) {
            let r = crate::copy::copy_to_process(proc, r);
            out = crate::term::cons(proc, r, out);
        }
    }
    Ok(out)
}

/// `erlang:match_spec_test(Term, MatchSpec, table)`: `{ok, Result, [], []}`
/// (`Result` is `false` when no clause matches) or `{error, Errors}` with
/// OTP's messages. The `trace` dialect is not implemented: it raises
/// `notsup`.
pub fn match_spec_test(proc: &mut Process, t: Term, ms: Term, kind: Term) -> Result<Term, Term> {
    match crate::atom::try_name(kind) {
        Some("table") => {}
        Some("trace") => return Err(crate::atom::intern("notsup")),
        _ => return Err(atoms::BADARG),
    }
    let spec = match MatchSpec::compile(ms) {
        Ok(s) => s,
        Err(errors) => return Ok(error_list(proc, &errors)),
    };
    let mut h = Scratch::default();
    let mut vars = Vec::new();
    let result = spec.run(t, proc.pid(), &mut h, &mut vars).unwrap_or(atoms::FALSE);
    let result = crate::copy::copy_to_process(proc, result);
    Ok(proc.tuple(&[crate::atom::intern("ok"), result, tag::NIL, tag::NIL]))
}

/// `{error, [{error, Message}, ...]}`.
fn error_list(proc: &mut Process, errors: &[String]) -> Term {
    let error = crate::atom::intern("error");
    let items: Vec<Term> = errors
        .iter()
        .map(|e| {
            let s = make_string(proc, e);
            make_tuple(proc, &[error, s])
        })
        .collect();
    let list = proc.list(&items);
    proc.tuple(&[error, list])
}
