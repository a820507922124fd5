//! Local funs across the external term format.
//!
//! A closure points at its static [`FunInfo`]; `binary_to_term` must find
//! that description again from the module, index and uniq that
//! `NEW_FUN_EXT` carries. The encoder records every `FunInfo` it writes
//! here, so a fun encoded by this program decodes back to the same code.
//! A fun this program never encoded (from another program, or from OTP,
//! whose uniq is an MD5 kiln does not have) is not found, and decoding it
//! raises `badarg`.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::abi::{FunInfo, Term};

/// (module atom, index, uniq) -> `&'static FunInfo` as an address.
type Table = Mutex<HashMap<(Term, u32, u32), usize>>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn module_of(info: &FunInfo) -> Term {
    if info.module.is_null() {
        return crate::abi::ATOM_FALSE;
    }
    // SAFETY: `module` points at the module's atom slot, static data
    // written once at start-up (see `abi::FunInfo`).
    unsafe { *info.module }
}

/// Records `info` (static compiler-emitted data) as decodable.
pub fn remember(info: &FunInfo) {
    let key = (module_of(info), info.index, info.uniq);
    let mut t = table().lock().unwrap_or_else(PoisonError::into_inner);
    t.entry(key).or_insert(info as *const FunInfo as usize);
}

/// The description of the fun `module`/`index`/`uniq`, if this program has
/// encoded it.
pub fn find(module: Term, index: u32, uniq: u32) -> Option<&'static FunInfo> {
    let t = table().lock().unwrap_or_else(PoisonError::into_inner);
    let p = *t.get(&(module, index, uniq))?;
    // SAFETY: only addresses of `FunInfo`s reachable from live closures are
    // stored; they are static data (emitted by the compiler, or leaked by
    // tests) and never freed.
    Some(unsafe { &*(p as *const FunInfo) })
}
