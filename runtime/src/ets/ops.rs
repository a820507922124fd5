//! The table operations that are not match specifications: creating,
//! deleting and renaming tables, inserting, looking up and deleting
//! objects, traversal, ownership and fixation.
//!
//! Each function is the body of a BIF: it runs in the calling process,
//! checks its arguments and the caller's access exactly as OTP 25 does
//! (every misuse is `badarg`), and copies what it returns onto the caller's
//! heap.

use std::sync::Arc;

use super::key::key_of;
use super::registry::{self, Found};
use super::stored::Stored;
use super::table::{Access, Kind, Need, Options, Table};
use crate::abi::{tag, Term};
use crate::copy::copy_to_process;
use crate::process::Process;
use crate::term::{atoms, list_to_vec, tuple_elements, BifResult, Error};

/// `'$end_of_table'`.
pub fn end_of_table() -> Term {
    crate::atom::intern("$end_of_table")
}

/// The table `t` names, if the caller may do what `need` says.
pub fn table_for(proc: &Process, t: Term, need: Need) -> Result<Arc<Table>, Error> {
    let table = registry::resolve(t)?;
    table.check(proc.pid(), need)?;
    Ok(table)
}

/// Copies the stored objects onto the caller's heap, as a list.
pub fn copy_list<'a>(proc: &mut Process, objs: impl IntoIterator<Item = &'a Stored>) -> Term {
    let copies: Vec<Term> = objs.into_iter().map(|s| copy_to_process(proc, s.term())).collect();
    proc.list(&copies)
}

/// `ets:new/2`.
pub fn new(proc: &mut Process, name: Term, opts: Term) -> BifResult {
    if !tag::is_atom(name) {
        return Err(Error::Badarg);
    }
    let o = Options::parse(opts)?;
    let table = registry::create(name, proc.pid(), &o)?;
    Ok(table.id_term(proc))
}

/// `ets:delete/1`.
pub fn delete(proc: &mut Process, t: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    registry::delete(&table);
    Ok(atoms::TRUE)
}

/// `ets:delete/2`.
pub fn delete_key(proc: &mut Process, t: Term, key: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    table.write().remove_key(key);
    Ok(atoms::TRUE)
}

/// `ets:delete_object/2`.
pub fn delete_object(proc: &mut Process, t: Term, obj: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    key_of(obj, table.keypos).ok_or(Error::Badarg)?;
    table.write().delete_object(obj);
    Ok(atoms::TRUE)
}

/// The objects of an `insert` argument (one tuple or a proper list of
/// them), each holding a key; `badarg` otherwise.
fn objects(objs: Term, keypos: usize) -> Result<Vec<Term>, Error> {
    let list = if tuple_elements(objs).is_some() { vec![objs] } else { list_to_vec(objs).ok_or(Error::Badarg)? };
    if list.iter().all(|&o| key_of(o, keypos).is_some()) {
        Ok(list)
    } else {
        Err(Error::Badarg)
    }
}

/// `ets:insert/2` and (`only_new`) `ets:insert_new/2`.
///
/// As OTP 25 does, a `bag` takes the objects of a list last first (which
/// decides the order of objects with the same key); other types take them
/// in order, so the last of several objects with one key wins in a set.
pub fn insert(proc: &mut Process, t: Term, objs: Term, only_new: bool) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    let mut list = objects(objs, table.keypos)?;
    if table.kind == Kind::Bag && tuple_elements(objs).is_none() {
        list.reverse();
    }
    let stored: Vec<Stored> = list.iter().map(|&o| Stored::copy_of(o)).collect();
    let mut data = table.write();
    if only_new && list.iter().any(|&o| data.store.contains(key_of(o, table.keypos).expect("checked"))) {
        return Ok(atoms::FALSE);
    }
    for s in stored {
        data.store.insert(s);
    }
    Ok(atoms::TRUE)
}

/// `ets:lookup/2`.
pub fn lookup(proc: &mut Process, t: Term, key: Term) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let data = table.read();
    Ok(copy_list(proc, data.store.lookup(key)))
}

/// `ets:member/2`.
pub fn member(proc: &mut Process, t: Term, key: Term) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let found = table.read().store.contains(key);
    Ok(crate::term::boolean(found))
}

/// `ets:lookup_element/3`: the element of the object (a list of them for
/// a bag); `badarg` if the key is missing or an object is too small.
pub fn lookup_element(proc: &mut Process, t: Term, key: Term, pos: Term) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let pos = position(pos)?;
    let data = table.read();
    let objs = data.store.lookup(key);
    if objs.is_empty() {
        return Err(Error::Badarg);
    }
    let elems: Vec<Term> = objs.iter().map(|s| s.element(pos).ok_or(Error::Badarg)).collect::<Result<_, _>>()?;
    let copies: Vec<Term> = elems.iter().map(|&e| copy_to_process(proc, e)).collect();
    if table.kind.is_set() {
        Ok(copies[0])
    } else {
        Ok(proc.list(&copies))
    }
}

/// A tuple position: a small integer of at least 1.
pub fn position(pos: Term) -> Result<usize, Error> {
    match tag::is_small(pos).then(|| tag::small_value(pos)) {
        Some(n) if n >= 1 => Ok(n as usize),
        _ => Err(Error::Badarg),
    }
}

/// `ets:take/2`.
pub fn take(proc: &mut Process, t: Term, key: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    let removed = table.write().remove_key(key);
    Ok(copy_list(proc, &removed))
}

/// `ets:first/1` (`last` false) and `ets:last/1`.
pub fn first(proc: &mut Process, t: Term, last: bool) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let data = table.read();
    let key = if last { data.store.last() } else { data.store.first() };
    Ok(key.map_or_else(end_of_table, |k| copy_to_process(proc, k)))
}

/// `ets:next/2` (`prev` false) and `ets:prev/2`. For hash tables the key
/// must be present (or deleted while the table is fixed), else `badarg`;
/// an `ordered_set` accepts any key.
pub fn next(proc: &mut Process, t: Term, key: Term, prev: bool) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let data = table.read();
    if table.kind != Kind::OrderedSet && !data.knows_key(key) {
        return Err(Error::Badarg);
    }
    let found = if prev { data.store.prev(key) } else { data.store.next(key) };
    Ok(found.map_or_else(end_of_table, |k| copy_to_process(proc, k)))
}

/// `ets:slot/2`: the objects of slot `i` (one key group of a hash table,
/// one object of an `ordered_set`); `'$end_of_table'` just past the last
/// slot, `badarg` beyond.
pub fn slot(proc: &mut Process, t: Term, i: Term) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let i = match tag::is_small(i).then(|| tag::small_value(i)) {
        Some(n) if n >= 0 => n as usize,
        _ => return Err(Error::Badarg),
    };
    let data = table.read();
    let (objs, count): (&[Stored], usize) = match &data.store {
        super::store::Store::Hash(h) => match h.slot(i) {
            Ok(objs) => (objs, 0),
            Err(n) => (&[], n),
        },
        super::store::Store::Tree(tr) => match tr.nth(i) {
            Some(s) => (std::slice::from_ref(s), 0),
            None => (&[], tr.len()),
        },
    };
    if !objs.is_empty() {
        return Ok(copy_list(proc, objs));
    }
    if i == count {
        Ok(end_of_table())
    } else {
        Err(Error::Badarg)
    }
}

/// `ets:rename/2`: the table's new identifier.
pub fn rename(proc: &mut Process, t: Term, name: Term) -> BifResult {
    let table = table_for(proc, t, Need::Write)?;
    if !tag::is_atom(name) {
        return Err(Error::Badarg);
    }
    registry::rename(&table, name)?;
    Ok(table.id_term(proc))
}

/// `ets:whereis/1`.
pub fn whereis(proc: &mut Process, name: Term) -> BifResult {
    if !tag::is_atom(name) {
        return Err(Error::Badarg);
    }
    match registry::find(name) {
        Found::Table(t) => Ok(registry::make_ref(proc, t.tid)),
        _ => Ok(crate::atom::known::UNDEFINED),
    }
}

/// `ets:all/0`: every table's identifier.
pub fn all(proc: &mut Process) -> BifResult {
    let ids: Vec<Term> = registry::all().iter().map(|t| t.id_term(proc)).collect();
    Ok(proc.list(&ids))
}

/// `ets:give_away/3`.
pub fn give_away(proc: &mut Process, t: Term, pid: Term, gift: Term) -> BifResult {
    let table = table_for(proc, t, Need::Owner)?;
    let me = proc.pid();
    if !tag::is_pid(pid) || pid == me || !registry::is_alive(pid) {
        return Err(Error::Badarg);
    }
    registry::transfer(&table, me, pid);
    registry::send_transfer(&table, me, pid, gift);
    Ok(atoms::TRUE)
}

/// `ets:setopts/2`: `{heir, Pid, Data}`, `{heir, none}` and
/// `{protection, P}`, alone or in a list; owner only.
pub fn setopts(proc: &mut Process, t: Term, opts: Term) -> BifResult {
    let table = table_for(proc, t, Need::Owner)?;
    let list = if tuple_elements(opts).is_some() { vec![opts] } else { list_to_vec(opts).ok_or(Error::Badarg)? };
    let mut changes = Vec::with_capacity(list.len());
    for o in list {
        changes.push(setopt(o)?);
    }
    for c in changes {
        match c {
            SetOpt::Heir(h) => {
                table.meta().heir = h.map(|(pid, data)| super::table::Heir { pid, data: Stored::copy_of(data) })
            }
            SetOpt::Protection(a) => table.set_access(a),
        }
    }
    Ok(atoms::TRUE)
}

enum SetOpt {
    Heir(Option<(Term, Term)>),
    Protection(Access),
}

fn setopt(o: Term) -> Result<SetOpt, Error> {
    let elems = tuple_elements(o).ok_or(Error::Badarg)?;
    match (elems.first().and_then(|&k| crate::atom::try_name(k)), elems) {
        (Some("heir"), &[_, none]) if crate::atom::try_name(none) == Some("none") => Ok(SetOpt::Heir(None)),
        (Some("heir"), &[_, pid, data]) if tag::is_pid(pid) => Ok(SetOpt::Heir(Some((pid, data)))),
        (Some("protection"), &[_, p]) => Access::parse(p).map(SetOpt::Protection).ok_or(Error::Badarg),
        _ => Err(Error::Badarg),
    }
}

/// `ets:safe_fixtable/2`.
pub fn safe_fixtable(proc: &mut Process, t: Term, fix: Term) -> BifResult {
    let table = table_for(proc, t, Need::Read)?;
    let me = proc.pid();
    match fix {
        atoms::TRUE => fix_table(&table, me),
        atoms::FALSE => unfix(&table, me, false),
        _ => return Err(Error::Badarg),
    }
    Ok(atoms::TRUE)
}

fn fix_table(table: &Table, pid: Term) {
    let mut meta = table.meta();
    if meta.fixations.is_empty() {
        let now = (crate::bifs::time::monotonic_ns(), crate::bifs::time::system_ns());
        meta.fixed_at = Some(now);
        table.write().set_fixed(true);
    }
    match meta.fixations.iter_mut().find(|(p, _)| *p == pid) {
        Some((_, n)) => *n += 1,
        None => {
            meta.fixations.insert(0, (pid, 1));
            registry::note_fixer(pid, table.tid, true);
        }
    }
}

/// Releases one fixation of `pid` (all of them when `all`).
fn unfix(table: &Table, pid: Term, all: bool) {
    let mut meta = table.meta();
    let Some(i) = meta.fixations.iter().position(|(p, _)| *p == pid) else {
        return;
    };
    meta.fixations[i].1 -= 1;
    if all || meta.fixations[i].1 == 0 {
        meta.fixations.remove(i);
        registry::note_fixer(pid, table.tid, false);
    }
    if meta.fixations.is_empty() {
        meta.fixed_at = None;
        table.write().set_fixed(false);
    }
}

/// Releases every fixation of `pid` (which is ending).
pub fn unfix_all(table: &Table, pid: Term) {
    unfix(table, pid, true);
}

/// `ets:internal_delete_all/2` (under `delete_all_objects/1` and
/// `select_delete/2`): the number of objects deleted. Only `undefined` is
/// accepted as the second argument (OTP passes other values only when it
/// resumes a trapped deletion, which kiln never does).
pub fn internal_delete_all(proc: &mut Process, t: Term, from: Term) -> BifResult {
    if from != crate::atom::known::UNDEFINED {
        return Err(Error::Badarg);
    }
    let table = table_for(proc, t, Need::Write)?;
    let n = table.write().clear();
    Ok(crate::term::make_int(proc, n as i64))
}
