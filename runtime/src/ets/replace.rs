//! `select_replace/2`: replacing matched objects by the results of a match
//! specification, which must keep the key.
//!
//! As in OTP 25 the check is static ([`keeps_key`], OTP's
//! `db_match_keeps_key`): each clause's body must be one expression that
//! is `'$_'`, or a tuple `{{...}}` (or a constant `{const, {...}}`) whose
//! key element is the head's key term (same variable or same constant), or
//! `{element, KeyPos, '$_'}`. Otherwise, and for bags, the call is
//! `badarg` and nothing changes. Objects of a `duplicate_bag` are replaced
//! one by one, where they are.

use super::ms_compile::{variable, MatchSpec};
use super::ops::table_for;
use super::select::{for_candidates, Runner};
use super::store::Store;
use super::stored::Stored;
use super::table::{Kind, Need};
use crate::abi::{tag, Term};
use crate::compare::exact_eq;
use crate::process::Process;
use crate::term::{list_iter, make_int, tuple_elements, view, BifResult, Error, TermView};

fn atom_is(t: Term, name: &str) -> bool {
    crate::atom::try_name(t) == Some(name)
}

/// Whether the body of the clause with head `head` returns objects with
/// the key the head matched.
pub fn keeps_key(keypos: usize, head: Term, body: Term) -> bool {
    let Some(&[single]) = crate::term::list_to_vec(body).as_deref() else {
        return false;
    };
    if atom_is(single, "$_") {
        return true;
    }
    let Some(es) = tuple_elements(single) else {
        return false;
    };
    let Some(match_key) = super::key::key_of(head, keypos) else {
        return false;
    };
    let (sub, const_mode) = match *es {
        [c, x] if atom_is(c, "const") => (x, true),
        [x] => (x, false),
        _ => return false,
    };
    let Some(body_key) = super::key::key_of(sub, keypos) else {
        return false;
    };
    if eq_body(match_key, body_key, const_mode) {
        return true;
    }
    if const_mode {
        return false;
    }
    matches!(tuple_elements(body_key), Some(&[e, p, w])
        if atom_is(e, "element") && tag::is_small(p) && tag::small_value(p) == keypos as i64 && atom_is(w, "$_"))
}

/// OTP's `db_match_eq_body`: whether the body expression `b` always
/// evaluates to the head term `a`.
fn eq_body(a: Term, b: Term, const_mode: bool) -> bool {
    let mut stack = vec![(a, b, const_mode)];
    while let Some((a, mut b, cm)) = stack.pop() {
        match view(b) {
            TermView::Cons(bh, bt) => match view(a) {
                TermView::Cons(ah, at) => {
                    stack.push((at, bt, cm));
                    stack.push((ah, bh, cm));
                }
                _ => return false,
            },
            TermView::Tuple(_) => {
                if !cm {
                    match *tuple_elements(b).expect("a tuple") {
                        [inner] if tuple_elements(inner).is_some() => b = inner,
                        [c, x] if atom_is(c, "const") => {
                            stack.push((a, x, true));
                            continue;
                        }
                        _ => return false,
                    }
                }
                let (Some(ae), Some(be)) = (tuple_elements(a), tuple_elements(b)) else {
                    return false;
                };
                if ae.len() != be.len() {
                    return false;
                }
                stack.extend(ae.iter().zip(be).map(|(&x, &y)| (x, y, cm)));
            }
            TermView::Map(_) => return false,
            _ if tag::is_boxed(b) => {
                if !exact_eq(a, b) {
                    return false;
                }
            }
            _ => {
                if a != b || atom_is(a, "_") || atom_is(a, "$$") || atom_is(a, "$_") || (cm && variable(a).is_some()) {
                    return false;
                }
            }
        }
    }
    true
}

/// `ets:select_replace/2`: the number of objects replaced.
pub fn select_replace(proc: &mut Process, t: Term, ms: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    if table.kind == Kind::Bag {
        return Err(Error::Badarg);
    }
    let spec = MatchSpec::compile(ms).map_err(|_| Error::Badarg)?;
    for clause in list_iter(ms) {
        let c = clause.map_err(|_| Error::Badarg)?;
        let &[head, _, body] = tuple_elements(c).ok_or(Error::Badarg)? else {
            return Err(Error::Badarg);
        };
        if !keeps_key(table.keypos, head, body) {
            return Err(Error::Badarg);
        }
    }
    let keypos = table.keypos;
    let mut run = Runner::new(&spec, proc.pid());
    let mut replacement = |s: &Stored| {
        let r = run.apply(s.term())?;
        let same_key = match (super::key::key_of(r, keypos), super::key::key_of(s.term(), keypos)) {
            (Some(a), Some(b)) => exact_eq(a, b),
            _ => false,
        };
        same_key.then(|| Stored::copy_of(r))
    };
    let mut data = table.write();
    let n = match &mut data.store {
        // Objects of a duplicate bag are replaced where they are.
        Store::Hash(h) if table.kind == Kind::DuplicateBag => h.replace_each(replacement),
        store => {
            let mut new_objs = Vec::new();
            for_candidates(store, &spec, keypos, false, |s| new_objs.extend(replacement(s)));
            let n = new_objs.len();
            for o in new_objs {
                store.insert(o);
            }
            n
        }
    };
    Ok(make_int(proc, n as i64))
}
