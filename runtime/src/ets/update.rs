//! `update_counter/3,4` and `update_element/3`: changing elements of the
//! object with a key in place (tables of type `set` and `ordered_set`).
//!
//! Every operation of a call is checked before any is applied, so a call
//! that fails changes nothing, as in OTP. New element values that are
//! immediates (small counters) are written into the stored object; anything
//! else makes a new stored copy of the whole object.

use num_bigint::BigInt;

use super::key::key_of;
use super::ops::{position, table_for};
use super::scratch::Scratch;
use super::stored::Stored;
use super::table::Need;
use crate::abi::Term;
use crate::process::Process;
use crate::term::{atoms, list_to_vec, make_bigint, make_tuple, to_bigint, tuple_elements, BifResult, Error};

/// One counter operation: `{Pos, Incr}` or `{Pos, Incr, Threshold, SetValue}`.
struct CounterOp {
    pos: usize,
    incr: BigInt,
    threshold: Option<(BigInt, BigInt)>,
}

fn counter_op(op: Term, keypos: usize) -> Result<CounterOp, Error> {
    let int = |t: Term| to_bigint(t).ok_or(Error::Badarg);
    if let Some(incr) = to_bigint(op) {
        return Ok(CounterOp { pos: keypos + 1, incr, threshold: None });
    }
    let elems = tuple_elements(op).ok_or(Error::Badarg)?;
    let (pos, incr, threshold) = match *elems {
        [p, i] => (p, int(i)?, None),
        [p, i, t, s] => (p, int(i)?, Some((int(t)?, int(s)?))),
        _ => return Err(Error::Badarg),
    };
    Ok(CounterOp { pos: position(pos)?, incr, threshold })
}

/// The operations of `UpdateOp`; whether it was a list.
fn counter_ops(ops: Term, keypos: usize) -> Result<(Vec<CounterOp>, bool), Error> {
    match list_to_vec(ops) {
        Some(list) if !crate::term::is_integer(ops) => {
            Ok((list.into_iter().map(|o| counter_op(o, keypos)).collect::<Result<_, _>>()?, true))
        }
        _ => Ok((vec![counter_op(ops, keypos)?], false)),
    }
}

/// The new value of one counter.
fn apply_op(op: &CounterOp, old: &BigInt) -> BigInt {
    let new = old + &op.incr;
    match &op.threshold {
        Some((th, set)) if (op.incr >= BigInt::from(0) && new > *th) || (op.incr < BigInt::from(0) && new < *th) => {
            set.clone()
        }
        _ => new,
    }
}

/// `ets:update_counter/3,4` (`default` is `NON_VALUE` for the 3-argument
/// form).
pub fn update_counter(proc: &mut Process, t: Term, key: Term, ops: Term, default: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    if !table.kind.is_set() {
        return Err(Error::Badarg);
    }
    let (ops, is_list) = counter_ops(ops, table.keypos)?;
    if ops.iter().any(|o| o.pos == table.keypos) {
        return Err(Error::Badarg);
    }
    let mut data = table.write();
    let mut h = Scratch::default();
    let current = match data.store.lookup(key).first() {
        Some(s) => s.term(),
        None if default == crate::abi::tag::NON_VALUE => return Err(Error::Badarg),
        None => with_key(&mut h, default, key, table.keypos)?,
    };
    let elems = tuple_elements(current).expect("objects are tuples").to_vec();
    let mut new_elems = elems.clone();
    let mut results = Vec::with_capacity(ops.len());
    for op in &ops {
        let old = new_elems.get(op.pos - 1).and_then(|&e| to_bigint(e)).ok_or(Error::Badarg)?;
        let v = make_bigint(&mut h, &apply_op(op, &old))?;
        new_elems[op.pos - 1] = v;
        results.push(v);
    }
    store_updated(&mut data.store, key, current, &elems, &new_elems, &mut h);
    let results: Vec<Term> = results.iter().map(|&r| crate::copy::copy_to_process(proc, r)).collect();
    Ok(if is_list { proc.list(&results) } else { results[0] })
}

/// The default object of `update_counter/4` with its key replaced by `key`.
fn with_key(h: &mut Scratch, default: Term, key: Term, keypos: usize) -> Result<Term, Error> {
    key_of(default, keypos).ok_or(Error::Badarg)?;
    let mut elems = tuple_elements(default).expect("checked").to_vec();
    elems[keypos - 1] = key;
    Ok(make_tuple(h, &elems))
}

/// Stores the object with `new` elements in place of `current` (whose
/// elements were `old`): in place when only immediates changed in an
/// object already stored, else as a new copy.
fn store_updated(
    store: &mut super::store::Store,
    key: Term,
    current: Term,
    old: &[Term],
    new: &[Term],
    h: &mut Scratch,
) {
    if let Some(s) = store.single_mut(key).filter(|s| s.term() == current) {
        let changed: Vec<usize> = (0..new.len()).filter(|&i| new[i] != old[i]).collect();
        if changed.iter().all(|&i| super::stored::is_immediate(new[i]) && super::stored::is_immediate(old[i])) {
            for i in changed {
                s.set_element(i + 1, new[i]);
            }
            return;
        }
    }
    let obj = make_tuple(h, new);
    store.insert(Stored::copy_of(obj));
}

/// `ets:update_element/3`: `true`, or `false` when no object has the key.
pub fn update_element(proc: &mut Process, t: Term, key: Term, changes: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    if !table.kind.is_set() {
        return Err(Error::Badarg);
    }
    let list =
        if tuple_elements(changes).is_some() { vec![changes] } else { list_to_vec(changes).ok_or(Error::Badarg)? };
    let mut pairs = Vec::with_capacity(list.len());
    for c in list {
        match tuple_elements(c) {
            Some(&[pos, value]) => pairs.push((position(pos)?, value)),
            _ => return Err(Error::Badarg),
        }
    }
    let mut data = table.write();
    let Some(current) = data.store.lookup(key).first().map(Stored::term) else {
        return Ok(atoms::FALSE);
    };
    let elems = tuple_elements(current).expect("objects are tuples").to_vec();
    if pairs.iter().any(|&(pos, _)| pos == table.keypos || pos > elems.len()) {
        return Err(Error::Badarg);
    }
    let mut new_elems = elems.clone();
    for &(pos, value) in &pairs {
        new_elems[pos - 1] = value;
    }
    let mut h = Scratch::default();
    store_updated(&mut data.store, key, current, &elems, &new_elems, &mut h);
    Ok(atoms::TRUE)
}
