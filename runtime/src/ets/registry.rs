//! The table registry: table ids and names to tables, and the tables each
//! process owns or has fixed.
//!
//! An operation reads the registry only to find its table (a brief read
//! lock; the table's `Arc` is cloned out), then works under the table's own
//! lock, so no global lock is held across operations. Table ids are
//! references, as in OTP 25 (`ets:new(foo, [])` returns `#Ref<...>`); a
//! named table is also found by its name.
//!
//! The per-process lists are sharded by pid so that process exits, which
//! all look there, do not contend; [`process_exited`] is called by the exit
//! path before links and monitors fire, as in OTP, so a process that sees
//! the owner's `'DOWN'` also sees its tables gone (or inherited).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};

use super::scratch::Scratch;
use super::stored::Stored;
use super::table::{Options, Table};
use crate::abi::{header, tag, Term};
use crate::process::Process;
use crate::term::{make_tuple, Error, TermAlloc};

static TABLES: RwLock<BTreeMap<u64, Arc<Table>>> = RwLock::new(BTreeMap::new());
static NAMES: RwLock<BTreeMap<Term, Arc<Table>>> = RwLock::new(BTreeMap::new());

const SHARDS: usize = 16;
/// Per process (by pid serial): the tables it owns and has fixed.
static PROCS: [Mutex<BTreeMap<u64, ProcTables>>; SHARDS] = [const { Mutex::new(BTreeMap::new()) }; SHARDS];
/// Entries in [`PROCS`]: lets the exit of a process that never touched a
/// table skip the lookup.
static PROC_ENTRIES: AtomicUsize = AtomicUsize::new(0);

#[derive(Default)]
struct ProcTables {
    owned: Vec<u64>,
    fixed: Vec<u64>,
}

fn procs(serial: u64) -> MutexGuard<'static, BTreeMap<u64, ProcTables>> {
    PROCS[(serial as usize) % SHARDS].lock().unwrap_or_else(PoisonError::into_inner)
}

fn with_proc(pid: Term, f: impl FnOnce(&mut ProcTables)) {
    let serial = tag::pid_serial(pid);
    let mut shard = procs(serial);
    let entry = shard.entry(serial).or_insert_with(|| {
        PROC_ENTRIES.fetch_add(1, Ordering::Relaxed);
        ProcTables::default()
    });
    f(entry);
    if entry.owned.is_empty() && entry.fixed.is_empty() {
        shard.remove(&serial);
        PROC_ENTRIES.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Builds the reference term number `n` in `h` (the layout of
/// `process::signals::ref_term`).
pub fn make_ref<H: TermAlloc + ?Sized>(h: &mut H, n: u64) -> Term {
    let w = h.alloc_words(2);
    // SAFETY: `alloc_words` returned two fresh words.
    unsafe {
        w.write(header::make(header::REF, 1));
        w.add(1).write(n);
    }
    tag::boxed(w)
}

/// What a table identifier names.
pub enum Found {
    Table(Arc<Table>),
    /// A well-formed identifier of no (live) table.
    Missing,
    /// Not an atom or a reference.
    BadId,
}

/// Looks up the table named by `t` (a reference or, for named tables, an
/// atom).
pub fn find(t: Term) -> Found {
    let found = if tag::is_atom(t) {
        NAMES.read().unwrap_or_else(PoisonError::into_inner).get(&t).cloned()
    } else if let Some(n) = crate::process::signals::ref_number(t) {
        TABLES.read().unwrap_or_else(PoisonError::into_inner).get(&n).cloned()
    } else {
        return Found::BadId;
    };
    match found {
        Some(tb) if !tb.is_deleted() => Found::Table(tb),
        _ => Found::Missing,
    }
}

/// The table named by `t`; `badarg` if there is none.
pub fn resolve(t: Term) -> Result<Arc<Table>, Error> {
    match find(t) {
        Found::Table(tb) => Ok(tb),
        _ => Err(Error::Badarg),
    }
}

/// The table with id number `tid`, if it exists.
pub fn by_tid(tid: u64) -> Option<Arc<Table>> {
    TABLES.read().unwrap_or_else(PoisonError::into_inner).get(&tid).cloned().filter(|t| !t.is_deleted())
}

/// Creates a table owned by `owner`; `badarg` if it is named and the name
/// is taken.
pub fn create(name: Term, owner: Term, opts: &Options) -> Result<Arc<Table>, Error> {
    let tid = crate::process::signals::next_ref();
    let table = Arc::new(Table::new(tid, name, owner, opts));
    if opts.named {
        let mut names = NAMES.write().unwrap_or_else(PoisonError::into_inner);
        if names.contains_key(&name) {
            return Err(Error::Badarg);
        }
        names.insert(name, table.clone());
    }
    TABLES.write().unwrap_or_else(PoisonError::into_inner).insert(tid, table.clone());
    with_proc(owner, |p| p.owned.push(tid));
    Ok(table)
}

/// Deletes `table`: it disappears from the registry and its objects are
/// freed (an operation still holding it finds it marked deleted).
pub fn delete(table: &Arc<Table>) {
    table.mark_deleted();
    TABLES.write().unwrap_or_else(PoisonError::into_inner).remove(&table.tid);
    if table.named {
        let mut names = NAMES.write().unwrap_or_else(PoisonError::into_inner);
        if names.get(&table.name()).is_some_and(|t| Arc::ptr_eq(t, table)) {
            names.remove(&table.name());
        }
    }
    with_proc(table.owner(), |p| p.owned.retain(|&t| t != table.tid));
    let fixers: Vec<Term> = table.meta().fixations.iter().map(|&(pid, _)| pid).collect();
    for pid in fixers {
        with_proc(pid, |p| p.fixed.retain(|&t| t != table.tid));
    }
    table.write().clear();
}

/// Renames `table`; `badarg` if it is named and `name` is taken.
pub fn rename(table: &Arc<Table>, name: Term) -> Result<(), Error> {
    if !table.named {
        table.set_name(name);
        return Ok(());
    }
    let mut names = NAMES.write().unwrap_or_else(PoisonError::into_inner);
    if names.contains_key(&name) {
        return Err(Error::Badarg);
    }
    if names.get(&table.name()).is_some_and(|t| Arc::ptr_eq(t, table)) {
        names.remove(&table.name());
    }
    names.insert(name, table.clone());
    table.set_name(name);
    Ok(())
}

/// Every table, oldest first.
pub fn all() -> Vec<Arc<Table>> {
    TABLES.read().unwrap_or_else(PoisonError::into_inner).values().filter(|t| !t.is_deleted()).cloned().collect()
}

/// Makes `to` the owner of `table` (owned by `from`).
pub fn transfer(table: &Table, from: Term, to: Term) {
    with_proc(from, |p| p.owned.retain(|&t| t != table.tid));
    table.set_owner(to);
    with_proc(to, |p| p.owned.push(table.tid));
}

/// Records that `pid` fixed (`fixed`) or released `table`.
pub fn note_fixer(pid: Term, tid: u64, fixed: bool) {
    with_proc(pid, |p| {
        p.fixed.retain(|&t| t != tid);
        if fixed {
            p.fixed.push(tid);
        }
    });
}

/// Whether `pid` is a process that is alive and not ending.
pub fn is_alive(pid: Term) -> bool {
    crate::process::table::lookup(tag::pid_serial(pid)).is_some_and(|s| !s.sig.is_dying() && !s.sig.lock().closed)
}

/// Sends `{'ETS-TRANSFER', Tab, From, Data}` to `to`.
pub fn send_transfer(table: &Table, from: Term, to: Term, data: Term) {
    let mut h = Scratch::default();
    let id = table.id_term(&mut h);
    let msg = make_tuple(&mut h, &[crate::atom::intern("ETS-TRANSFER"), id, from, data]);
    crate::mailbox::send(to, msg);
}

/// The exit path of `proc`: releases its fixations, gives each table it
/// owns to the table's heir (if the heir is alive and not `proc` itself),
/// deletes the others.
pub fn process_exited(proc: &Process) {
    if PROC_ENTRIES.load(Ordering::Relaxed) == 0 {
        return;
    }
    let me = proc.pid();
    let serial = tag::pid_serial(me);
    let Some(entry) = procs(serial).remove(&serial) else {
        return;
    };
    PROC_ENTRIES.fetch_sub(1, Ordering::Relaxed);
    for tid in entry.fixed {
        if let Some(table) = by_tid(tid) {
            super::ops::unfix_all(&table, me);
        }
    }
    for tid in entry.owned {
        let Some(table) = by_tid(tid) else { continue };
        let heir = {
            let meta = table.meta();
            meta.heir
                .as_ref()
                .filter(|h| h.pid != me && is_alive(h.pid))
                .map(|h| (h.pid, Stored::copy_of(h.data.term())))
        };
        match heir {
            Some((pid, data)) => {
                transfer(&table, me, pid);
                send_transfer(&table, me, pid, data.term());
            }
            None => delete(&table),
        }
    }
}
