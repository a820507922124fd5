//! One table: its fixed properties, its owner, protection, heir and
//! fixations, and its contents behind a reader-writer lock.
//!
//! Operations lock only the table they use (the registry is read briefly
//! to find it), so tables are used by all schedulers in parallel. The
//! owner, name and protection change rarely and are read by every
//! operation, so they are atomics; the heir and the fixations sit behind a
//! mutex that only `setopts`, `safe_fixtable`, `give_away`, `info` and the
//! owner's exit take.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::store::{Data, Store};
use super::stored::Stored;
use crate::abi::{tag, Term};
use crate::term::{list_iter, tuple_elements, Error};

/// The table types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Set,
    OrderedSet,
    Bag,
    DuplicateBag,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Set => "set",
            Kind::OrderedSet => "ordered_set",
            Kind::Bag => "bag",
            Kind::DuplicateBag => "duplicate_bag",
        }
    }

    /// `set` or `ordered_set`: at most one object per key.
    pub fn is_set(self) -> bool {
        matches!(self, Kind::Set | Kind::OrderedSet)
    }
}

/// Who may read and write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Public = 0,
    Protected = 1,
    Private = 2,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Protected => "protected",
            Access::Private => "private",
        }
    }

    fn from_u8(v: u8) -> Access {
        match v {
            0 => Access::Public,
            1 => Access::Protected,
            _ => Access::Private,
        }
    }

    /// The protection named by the atom `t`.
    pub fn parse(t: Term) -> Option<Access> {
        match crate::atom::try_name(t)? {
            "public" => Some(Access::Public),
            "protected" => Some(Access::Protected),
            "private" => Some(Access::Private),
            _ => None,
        }
    }
}

/// What an operation needs from the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Read,
    Write,
    Owner,
}

/// The heir: who inherits the table when the owner ends, and the data sent
/// along.
pub struct Heir {
    pub pid: Term,
    pub data: Stored,
}

/// The options of `ets:new/2`.
pub struct Options {
    pub kind: Kind,
    pub access: Access,
    pub named: bool,
    pub keypos: usize,
    pub heir: Option<(Term, Term)>,
    pub read_concurrency: bool,
    /// `false`, `true` or `auto`.
    pub write_concurrency: Term,
    pub decentralized_counters: Option<bool>,
    pub compressed: bool,
}

fn boolean(t: Term) -> Option<bool> {
    match t {
        crate::term::atoms::TRUE => Some(true),
        crate::term::atoms::FALSE => Some(false),
        _ => None,
    }
}

impl Options {
    /// Parses the option list of `ets:new/2` (later options win, as in OTP).
    pub fn parse(list: Term) -> Result<Options, Error> {
        let mut o = Options {
            kind: Kind::Set,
            access: Access::Protected,
            named: false,
            keypos: 1,
            heir: None,
            read_concurrency: false,
            write_concurrency: crate::term::atoms::FALSE,
            decentralized_counters: None,
            compressed: false,
        };
        for item in list_iter(list) {
            o.apply(item.map_err(|_| Error::Badarg)?)?;
        }
        Ok(o)
    }

    fn apply(&mut self, opt: Term) -> Result<(), Error> {
        if let Some(name) = crate::atom::try_name(opt) {
            match name {
                "set" => self.kind = Kind::Set,
                "ordered_set" => self.kind = Kind::OrderedSet,
                "bag" => self.kind = Kind::Bag,
                "duplicate_bag" => self.kind = Kind::DuplicateBag,
                "named_table" => self.named = true,
                "compressed" => self.compressed = true,
                _ => self.access = Access::parse(opt).ok_or(Error::Badarg)?,
            }
            return Ok(());
        }
        match *tuple_elements(opt).ok_or(Error::Badarg)? {
            [k, v] => self.apply_pair(k, v),
            [k, pid, data] if crate::atom::try_name(k) == Some("heir") && tag::is_pid(pid) => {
                self.heir = Some((pid, data));
                Ok(())
            }
            _ => Err(Error::Badarg),
        }
    }

    fn apply_pair(&mut self, k: Term, v: Term) -> Result<(), Error> {
        match crate::atom::try_name(k).ok_or(Error::Badarg)? {
            "keypos" if tag::is_small(v) && tag::small_value(v) >= 1 => self.keypos = tag::small_value(v) as usize,
            "heir" if crate::atom::try_name(v) == Some("none") => self.heir = None,
            "read_concurrency" => self.read_concurrency = boolean(v).ok_or(Error::Badarg)?,
            "write_concurrency" if boolean(v).is_some() || crate::atom::try_name(v) == Some("auto") => {
                self.write_concurrency = v;
            }
            "decentralized_counters" => self.decentralized_counters = Some(boolean(v).ok_or(Error::Badarg)?),
            _ => return Err(Error::Badarg),
        }
        Ok(())
    }
}

/// Heir and fixations.
#[derive(Default)]
pub struct Meta {
    pub heir: Option<Heir>,
    /// Processes that fixed the table, with their fixation counts, most
    /// recent first.
    pub fixations: Vec<(Term, u64)>,
    /// When the first fixation was made: monotonic and system time (ns).
    pub fixed_at: Option<(i128, i128)>,
}

/// A table.
pub struct Table {
    /// The number of the table's reference (its id).
    pub tid: u64,
    pub kind: Kind,
    pub keypos: usize,
    pub named: bool,
    pub read_concurrency: bool,
    pub write_concurrency: Term,
    pub decentralized_counters: bool,
    pub compressed: bool,
    owner: AtomicU64,
    name: AtomicU64,
    access: AtomicU8,
    deleted: AtomicBool,
    meta: Mutex<Meta>,
    data: RwLock<Data>,
}

impl Table {
    /// A new empty table owned by `owner`.
    pub fn new(tid: u64, name: Term, owner: Term, o: &Options) -> Table {
        let write_conc = o.write_concurrency != crate::term::atoms::FALSE;
        // As OTP 25: decentralized counters only come with write
        // concurrency, by default for `ordered_set` and `auto`.
        let auto = crate::atom::try_name(o.write_concurrency) == Some("auto");
        let decentralized = write_conc && o.decentralized_counters.unwrap_or(o.kind == Kind::OrderedSet || auto);
        let heir = o.heir.map(|(pid, data)| Heir { pid, data: Stored::copy_of(data) });
        Table {
            tid,
            kind: o.kind,
            keypos: o.keypos,
            named: o.named,
            read_concurrency: o.read_concurrency,
            write_concurrency: o.write_concurrency,
            decentralized_counters: decentralized,
            compressed: o.compressed,
            owner: AtomicU64::new(owner),
            name: AtomicU64::new(name),
            access: AtomicU8::new(o.access as u8),
            deleted: AtomicBool::new(false),
            meta: Mutex::new(Meta { heir, ..Meta::default() }),
            data: RwLock::new(Data::new(Store::new(o.kind, o.keypos), o.keypos)),
        }
    }

    pub fn owner(&self) -> Term {
        self.owner.load(Ordering::Acquire)
    }

    pub fn set_owner(&self, pid: Term) {
        self.owner.store(pid, Ordering::Release);
    }

    pub fn name(&self) -> Term {
        self.name.load(Ordering::Acquire)
    }

    pub fn set_name(&self, name: Term) {
        self.name.store(name, Ordering::Release);
    }

    pub fn access(&self) -> Access {
        Access::from_u8(self.access.load(Ordering::Acquire))
    }

    pub fn set_access(&self, a: Access) {
        self.access.store(a as u8, Ordering::Release);
    }

    /// Marks the table deleted: operations that found it before fail.
    pub fn mark_deleted(&self) {
        self.deleted.store(true, Ordering::Release);
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted.load(Ordering::Acquire)
    }

    /// `badarg` unless `caller` may do what `need` says.
    pub fn check(&self, caller: Term, need: Need) -> Result<(), Error> {
        if self.is_deleted() {
            return Err(Error::Badarg);
        }
        let is_owner = self.owner() == caller;
        let ok = match (need, self.access()) {
            (Need::Owner, _) => is_owner,
            (_, Access::Public) => true,
            (Need::Read, Access::Protected) => true,
            _ => is_owner,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::Badarg)
        }
    }

    /// The table's identifier as a term: its name if named, else its
    /// reference (built in `h`).
    pub fn id_term<H: crate::term::TermAlloc + ?Sized>(&self, h: &mut H) -> Term {
        if self.named {
            self.name()
        } else {
            super::registry::make_ref(h, self.tid)
        }
    }

    pub fn meta(&self) -> MutexGuard<'_, Meta> {
        self.meta.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Data> {
        self.data.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Data> {
        self.data.write().unwrap_or_else(PoisonError::into_inner)
    }
}
