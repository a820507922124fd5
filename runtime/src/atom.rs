//! The global atom table.
//!
//! Atoms are immediates (`tag::atom(index)`), so the table maps an index to
//! its name and a name to its index. It is shared by every scheduler thread
//! (issue 4 runs several), hence the `RwLock`: interning a new atom is rare
//! next to looking one up or printing one.
//!
//! Like BEAM's, the table is never collected: an atom lives until the program
//! ends. That is why [`name`] can hand out `&'static str` — each name is
//! leaked into a `'static` string when it is first interned — which saves
//! callers (printing, comparison) a reference-count update per use.
//!
//! The table starts with [`abi::PREDEFINED_ATOMS`] in order, so the compiler
//! can emit their terms as constants.
//!
//! Limits are OTP's: a name has at most [`MAX_ATOM_CHARS`] characters and the
//! table holds at most [`MAX_ATOMS`] atoms; both failures surface as
//! `system_limit` in the BIF that asked.

use std::collections::HashMap;
use std::sync::{OnceLock, PoisonError, RwLock};

use crate::abi::{self, tag, Term};

/// OTP's limit on the length of an atom, in characters (not bytes).
pub const MAX_ATOM_CHARS: usize = 255;

/// OTP's default limit on the number of atoms (`+t`).
pub const MAX_ATOMS: usize = 1 << 20;

/// Why an atom could not be created. Callers raise `system_limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtomError {
    /// The name has more than [`MAX_ATOM_CHARS`] characters.
    TooLong,
    /// The table already holds [`MAX_ATOMS`] atoms.
    TableFull,
}

impl std::fmt::Display for AtomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AtomError::TooLong => write!(f, "atom name longer than {MAX_ATOM_CHARS} characters"),
            AtomError::TableFull => write!(f, "atom table full ({MAX_ATOMS} atoms)"),
        }
    }
}

impl std::error::Error for AtomError {}

struct Table {
    names: Vec<&'static str>,
    index: HashMap<&'static str, u32>,
}

impl Table {
    fn new() -> Table {
        let mut t = Table { names: Vec::with_capacity(1024), index: HashMap::with_capacity(1024) };
        for name in abi::PREDEFINED_ATOMS {
            t.insert(name);
        }
        t
    }

    fn insert(&mut self, name: &'static str) -> Term {
        let i = self.names.len() as u32;
        self.names.push(name);
        self.index.insert(name, i);
        tag::atom(u64::from(i))
    }
}

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(|| RwLock::new(Table::new()))
}

/// The atom named `name`, created if needed.
pub fn try_intern(name: &str) -> Result<Term, AtomError> {
    if let Some(t) = lookup(name) {
        return Ok(t);
    }
    // Byte length bounds the character count from above, so only long
    // names pay for counting.
    if name.len() > MAX_ATOM_CHARS && name.chars().count() > MAX_ATOM_CHARS {
        return Err(AtomError::TooLong);
    }
    let mut t = table().write().unwrap_or_else(PoisonError::into_inner);
    // Another thread may have interned it between the two locks.
    if let Some(&i) = t.index.get(name) {
        return Ok(tag::atom(u64::from(i)));
    }
    if t.names.len() >= MAX_ATOMS {
        return Err(AtomError::TableFull);
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    Ok(t.insert(leaked))
}

/// The atom named `name`, created if needed; `NON_VALUE` when a limit is hit
/// (the caller raises `system_limit`). See [`try_intern`] for the reason.
pub fn intern(name: &str) -> Term {
    try_intern(name).unwrap_or(tag::NON_VALUE)
}

/// The atom named `name` if it exists (`list_to_existing_atom`).
pub fn lookup(name: &str) -> Option<Term> {
    let t = table().read().unwrap_or_else(PoisonError::into_inner);
    t.index.get(name).map(|&i| tag::atom(u64::from(i)))
}

/// The name of `atom`, or `None` if it is not an atom of this table.
pub fn try_name(atom: Term) -> Option<&'static str> {
    if !tag::is_atom(atom) {
        return None;
    }
    let t = table().read().unwrap_or_else(PoisonError::into_inner);
    usize::try_from(tag::atom_index(atom)).ok().and_then(|i| t.names.get(i).copied())
}

/// The name of `atom`. Atoms are never freed, so the name is `'static`.
/// A term that is not an atom of this table (a bug in the caller) yields
/// `""` rather than a panic.
pub fn name(atom: Term) -> &'static str {
    debug_assert!(try_name(atom).is_some(), "not an atom: {atom:#x}");
    try_name(atom).unwrap_or("")
}

/// The number of atoms in the table.
pub fn count() -> usize {
    table().read().unwrap_or_else(PoisonError::into_inner).names.len()
}

/// Terms of the predefined atoms, as constants (resolved at compile time
/// against [`abi::PREDEFINED_ATOMS`]).
pub mod known {
    use crate::abi::{tag, Term, PREDEFINED_ATOMS};

    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The term of predefined atom `name`; a name that is not predefined is
    /// a compile-time error (this is only used in constants).
    pub const fn predefined(name: &str) -> Term {
        let mut i = 0;
        while i < PREDEFINED_ATOMS.len() {
            if same(PREDEFINED_ATOMS[i], name) {
                return tag::atom(i as u64);
            }
            i += 1;
        }
        panic!("not a predefined atom")
    }

    pub const FALSE: Term = predefined("false");
    pub const TRUE: Term = predefined("true");
    pub const OK: Term = predefined("ok");
    pub const ERROR: Term = predefined("error");
    pub const EXIT: Term = predefined("exit");
    pub const THROW: Term = predefined("throw");
    pub const NORMAL: Term = predefined("normal");
    pub const UNDEFINED: Term = predefined("undefined");
    pub const BADARG: Term = predefined("badarg");
    pub const UNDEF: Term = predefined("undef");
    pub const BADFUN: Term = predefined("badfun");
    pub const BADARITY: Term = predefined("badarity");
    pub const EXIT_TAG: Term = predefined("EXIT");
    pub const ERLANG: Term = predefined("erlang");
    pub const INFINITY: Term = predefined("infinity");
    pub const SYSTEM_LIMIT: Term = predefined("system_limit");
    pub const NOCATCH: Term = predefined("nocatch");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predefined_atoms_have_fixed_indices() {
        for (i, n) in abi::PREDEFINED_ATOMS.iter().enumerate() {
            assert_eq!(intern(n), tag::atom(i as u64));
            assert_eq!(name(tag::atom(i as u64)), *n);
        }
        assert_eq!(intern("true"), abi::ATOM_TRUE);
        assert_eq!(intern("false"), abi::ATOM_FALSE);
    }

    #[test]
    fn intern_is_idempotent_and_lookup_does_not_create() {
        assert_eq!(lookup("kiln_atom_test_fresh_name"), None);
        let a = intern("kiln_atom_test_fresh_name");
        assert!(tag::is_atom(a));
        assert_eq!(intern("kiln_atom_test_fresh_name"), a);
        assert_eq!(lookup("kiln_atom_test_fresh_name"), Some(a));
        assert_eq!(name(a), "kiln_atom_test_fresh_name");
    }

    #[test]
    fn length_limit_counts_characters() {
        let ok = "é".repeat(255); // 510 bytes, 255 characters
        assert!(try_intern(&ok).is_ok());
        let long = "a".repeat(256);
        assert_eq!(try_intern(&long), Err(AtomError::TooLong));
        assert_eq!(intern(&long), tag::NON_VALUE);
        assert!(try_intern("").is_ok());
    }

    #[test]
    fn non_atoms_have_no_name() {
        assert_eq!(try_name(tag::small(3)), None);
        assert_eq!(try_name(tag::atom(u64::MAX >> 8)), None);
    }

    #[test]
    fn concurrent_interning_agrees() {
        let handles: Vec<_> = (0..4)
            .map(|_| std::thread::spawn(|| (0..200).map(|i| intern(&format!("kiln_conc_{i}"))).collect::<Vec<_>>()))
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert!(results.windows(2).all(|w| w[0] == w[1]));
    }
}
