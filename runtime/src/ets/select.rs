//! `select`, `match` and `match_object` in all their forms, `select_count`
//! and `select_delete`: running a match specification over a table.
//!
//! Candidates are the objects with the keys every clause's head binds (a
//! lookup instead of a scan) or, failing that, every object in traversal
//! order (descending for `select_reverse` of an `ordered_set`). Each result
//! is built in scratch memory and copied onto the caller's heap.
//!
//! # Continuations
//!
//! `select/3` and friends return `{Results, Continuation}` with OTP's
//! shapes, and `'$end_of_table'` when nothing is left:
//!
//! - hash tables: `{Tid, NextHash, Limit, MatchSpec, Rest, RestCount}`: the
//!   traversal resumes at the first key whose hash is at least `NextHash`
//!   (a whole hash value is finished before a chunk ends, the matches
//!   beyond `Limit` wait in `Rest`);
//! - `ordered_set`: `{Tid, LastKey, [], Limit, MatchSpec, [], Reverse, 0}`:
//!   it resumes after (before, when `Reverse` is 1) `LastKey`.
//!
//! Where OTP keeps a compiled match specification (a magic reference) the
//! continuation holds the match specification itself, compiled again by
//! `select/1`: so continuations need no memory outside the caller's heap.
//! A compiled specification from `match_spec_compile/1` is accepted in a
//! continuation too (as after `repair_continuation/2`), not by `select/2`.

use std::collections::BTreeMap;

use super::key::{HKey, OKey};
use super::ms_compile::MatchSpec;
use super::ops::{end_of_table, table_for};
use super::scratch::Scratch;
use super::store::Store;
use super::stored::Stored;
use super::table::{Need, Table};
use crate::abi::{tag, Term};
use crate::copy::copy_to_process;
use crate::process::Process;
use crate::term::{atoms, list_to_vec, make_int, tuple_elements, BifResult, Error};

/// A match specification being run by one process.
pub struct Runner<'a> {
    ms: &'a MatchSpec,
    self_pid: Term,
    scratch: Scratch,
    vars: Vec<Term>,
}

impl<'a> Runner<'a> {
    pub fn new(ms: &'a MatchSpec, self_pid: Term) -> Runner<'a> {
        Runner { ms, self_pid, scratch: Scratch::default(), vars: Vec::new() }
    }

    /// The result for `obj`, valid until the next call.
    pub fn apply(&mut self, obj: Term) -> Option<Term> {
        self.scratch.reset();
        self.ms.run(obj, self.self_pid, &mut self.scratch, &mut self.vars)
    }
}

/// Compiles a match specification given to an operation (`badarg` if it
/// is not one).
pub fn compile_arg(ms: Term) -> Result<std::sync::Arc<MatchSpec>, Error> {
    MatchSpec::compile(ms).map(std::sync::Arc::new).map_err(|_| Error::Badarg)
}

/// The match specification of a continuation: the specification itself,
/// or one compiled by `match_spec_compile/1` (as `repair_continuation/2`
/// leaves it).
fn continuation_ms(ms: Term) -> Result<std::sync::Arc<MatchSpec>, Error> {
    match super::compiled::lookup(ms) {
        Some(c) => Ok(c),
        None => compile_arg(ms),
    }
}

/// `[{Pattern, [], [Result]}]` on the caller's heap (`match` uses `'$$'`,
/// `match_object` `'$_'`).
pub fn pattern_ms(proc: &mut Process, pattern: Term, result: &str) -> Term {
    let body = proc.list(&[crate::atom::intern(result)]);
    let clause = proc.tuple(&[pattern, tag::NIL, body]);
    proc.list(&[clause])
}

/// Calls `f` on every candidate object of `ms` (see the module doc).
pub fn for_candidates(data: &Store, ms: &MatchSpec, keypos: usize, reverse: bool, mut f: impl FnMut(&Stored)) {
    match ms.bound_keys(keypos) {
        Some(keys) => {
            for k in ordered_keys(data, keys, reverse) {
                data.lookup(k).iter().for_each(&mut f);
            }
        }
        None => match data {
            Store::Tree(t) => t.walk(None, reverse).for_each(f),
            Store::Hash(h) => h.iter().for_each(f),
        },
    }
}

/// `keys` without duplicates (as the table compares keys), in traversal
/// order.
fn ordered_keys(data: &Store, keys: Vec<Term>, reverse: bool) -> Vec<Term> {
    match data {
        Store::Tree(_) => {
            let set: BTreeMap<OKey, ()> = keys.into_iter().map(|k| (OKey(k), ())).collect();
            let v: Vec<Term> = set.into_keys().map(|k| k.0).collect();
            if reverse {
                v.into_iter().rev().collect()
            } else {
                v
            }
        }
        Store::Hash(_) => {
            let set: BTreeMap<HKey, ()> = keys.into_iter().map(|k| (HKey::of(k), ())).collect();
            set.into_keys().map(|k| k.key).collect()
        }
    }
}

/// `select/2`, `select_reverse/2` (and `match/2`, `match_object/2` through
/// [`pattern_ms`]): every result, in traversal order.
pub fn select_all(proc: &mut Process, t: Term, ms: Term, reverse: bool) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let spec = compile_arg(ms)?;
    let me = proc.pid();
    let mut run = Runner::new(&spec, me);
    let mut out = Vec::new();
    let data = table.read();
    for_candidates(&data.store, &spec, table.keypos, reverse, |s| {
        if let Some(r) = run.apply(s.term()) {
            out.push(copy_to_process(proc, r));
        }
    });
    Ok(proc.list(&out))
}

/// `select_count/2`: the objects for which the result is `true`.
pub fn select_count(proc: &mut Process, t: Term, ms: Term) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let spec = compile_arg(ms)?;
    let mut run = Runner::new(&spec, proc.pid());
    let mut n = 0i64;
    let data = table.read();
    for_candidates(&data.store, &spec, table.keypos, false, |s| {
        if run.apply(s.term()) == Some(atoms::TRUE) {
            n += 1;
        }
    });
    Ok(make_int(proc, n))
}

/// `ets:internal_select_delete/2` (under `select_delete/2` and
/// `match_delete/2`): deletes the objects for which the result is `true`;
/// returns how many.
pub fn select_delete(proc: &mut Process, t: Term, ms: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    let spec = compile_arg(ms)?;
    let mut run = Runner::new(&spec, proc.pid());
    let mut data = table.write();
    let n = match spec.bound_keys(table.keypos) {
        Some(_) => {
            let mut doomed = Vec::new();
            for_candidates(&data.store, &spec, table.keypos, false, |s| {
                if run.apply(s.term()) == Some(atoms::TRUE) {
                    doomed.push(Stored::copy_of(s.term()));
                }
            });
            doomed.iter().map(|d| data.delete_object(d.term())).sum()
        }
        None => data.retain(|s| run.apply(s.term()) != Some(atoms::TRUE)),
    };
    Ok(make_int(proc, n as i64))
}

/// The chunk size of `select/3`: a positive small integer.
fn limit(t: Term) -> Result<usize, Error> {
    match tag::is_small(t).then(|| tag::small_value(t)) {
        Some(n) if n >= 1 => Ok(n as usize),
        _ => Err(Error::Badarg),
    }
}

/// Where a chunked select resumes.
enum Resume {
    /// Hash tables: the first hash to visit, and matches already found.
    Hash { next: u64, rest: Vec<Term> },
    /// `ordered_set`: after this key (`None`: from the start).
    Tree { after: Option<Term>, reverse: bool },
}

/// One past the largest hash: the traversal is over.
const HASH_END: u64 = 1 << 32;

/// `select/3`, `select_reverse/3` (and `match/3`, `match_object/3`).
pub fn select_chunk(proc: &mut Process, t: Term, ms: Term, limit_t: Term, reverse: bool) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let n = limit(limit_t)?;
    let spec = compile_arg(ms)?;
    let resume = match table.kind {
        super::table::Kind::OrderedSet => Resume::Tree { after: None, reverse },
        _ => Resume::Hash { next: 0, rest: Vec::new() },
    };
    chunk(proc, &table, ms, &spec, n, resume)
}

/// `select/1`, `select_reverse/1`, `match/1`, `match_object/1`.
pub fn select_continue(proc: &mut Process, cont: Term) -> BifResult {
    if cont == end_of_table() {
        return Ok(cont);
    }
    let elems = tuple_elements(cont).ok_or(Error::Badarg)?;
    let int = |t: Term| crate::term::to_i64(t).ok_or(Error::Badarg);
    let (tid, ms, n, resume) = match *elems {
        [tid, next, n, ms, rest, _] => {
            let next = u64::try_from(int(next)?).map_err(|_| Error::Badarg)?.min(HASH_END);
            (tid, ms, n, Resume::Hash { next, rest: list_to_vec(rest).ok_or(Error::Badarg)? })
        }
        [tid, last, _, n, ms, _, rev, _] => (tid, ms, n, Resume::Tree { after: Some(last), reverse: int(rev)? == 1 }),
        _ => return Err(Error::Badarg),
    };
    if crate::process::signals::ref_number(tid).is_none() {
        return Err(Error::Badarg);
    }
    let table = table_for(proc, tid, Need::Read)?;
    let spec = continuation_ms(ms)?;
    chunk(proc, &table, ms, &spec, limit(n)?, resume)
}

/// Runs one chunk and shapes the answer.
fn chunk(proc: &mut Process, table: &Table, ms: Term, spec: &MatchSpec, n: usize, resume: Resume) -> BifResult {
    let me = proc.pid();
    let mut run = Runner::new(spec, me);
    let data = table.read();
    let tid = super::registry::make_ref(proc, table.tid);
    match (&data.store, resume) {
        (Store::Tree(tr), Resume::Tree { after, reverse }) => {
            let mut out = Vec::new();
            let mut last = tag::NON_VALUE;
            for s in tr.walk(after, reverse) {
                if let Some(r) = run.apply(s.term()) {
                    out.push(copy_to_process(proc, r));
                    if out.len() == n {
                        last = super::key::key_of(s.term(), table.keypos).expect("stored objects hold their key");
                        break;
                    }
                }
            }
            if out.len() < n {
                return Ok(finish(proc, &out));
            }
            let last = copy_to_process(proc, last);
            let flag = tag::small(i64::from(reverse));
            let cont = proc.tuple(&[tid, last, tag::NIL, tag::small(n as i64), ms, tag::NIL, flag, tag::small(0)]);
            let list = proc.list(&out);
            Ok(proc.tuple(&[list, cont]))
        }
        (Store::Hash(h), Resume::Hash { next, mut rest }) => {
            let mut next_hash = HASH_END;
            if rest.len() < n && next < HASH_END {
                let mut current = None;
                for (hash, objs) in h.groups_from(next as u32) {
                    if rest.len() >= n && current != Some(hash) {
                        next_hash = u64::from(hash);
                        break;
                    }
                    current = Some(hash);
                    for s in objs {
                        if let Some(r) = run.apply(s.term()) {
                            rest.push(copy_to_process(proc, r));
                        }
                    }
                }
            } else if rest.len() >= n {
                next_hash = next;
            }
            if rest.len() < n {
                return Ok(finish(proc, &rest));
            }
            let more = rest.split_off(n);
            let more_list = proc.list(&more);
            let next_t = make_int(proc, next_hash as i64);
            let cont = proc.tuple(&[tid, next_t, tag::small(n as i64), ms, more_list, tag::small(more.len() as i64)]);
            let list = proc.list(&rest);
            Ok(proc.tuple(&[list, cont]))
        }
        _ => Err(Error::Badarg),
    }
}

/// The last chunk: `{Results, '$end_of_table'}`, or `'$end_of_table'` when
/// there is none.
fn finish(proc: &mut Process, out: &[Term]) -> Term {
    if out.is_empty() {
        return end_of_table();
    }
    let list = proc.list(out);
    proc.tuple(&[list, end_of_table()])
}
