//! Map BIFs: the `erlang` map guard BIFs, the two helpers compiled map
//! syntax calls (`erlang:'$map_put'/3`, `erlang:'$map_update'/3`) and the
//! `maps` functions implemented in Rust. The higher-order `maps` functions
//! and iterators are Erlang, in `stdlib/maps.erl`, built on these.
//!
//! Map BIFs raise more than the atom reasons of [`crate::term::Error`]:
//! OTP 25 fails with `{badmap, Map}` when an argument is not a map and
//! `{badkey, Key}` when a key is missing, which need a tuple built on the
//! heap. So the logic returns a [`MapResult`] and the entry points convert
//! it with [`map_return`], which allocates the reason in the process.
//! Checks happen in OTP's order (for two bad arguments, the exception
//! names the one OTP names).

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known::predefined;
use crate::term::{
    boolean, list_iter, make_list, make_map_from_pairs, make_map_sorted, make_tuple, map_delete, map_delete_at,
    map_insert, map_lookup, map_replace_at, map_retain, map_search, map_union, map_view, process, view, MapView,
    TermAlloc, TermView,
};

const BADARG: Term = predefined("badarg");
const BADMAP: Term = predefined("badmap");
const BADKEY: Term = predefined("badkey");
const FUNCTION_CLAUSE: Term = predefined("function_clause");
const OK: Term = predefined("ok");
const ERROR: Term = predefined("error");

/// The exception a map BIF fails with (class `error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapError {
    /// `badarg`.
    Badarg,
    /// `{badmap, Term}`: the term is not a map.
    Badmap(Term),
    /// `{badkey, Key}`: the key is not in the map.
    Badkey(Term),
    /// `function_clause`: what OTP's Erlang-written `maps:with/2` and
    /// `maps:without/2` raise at an improper list's tail.
    FunctionClause,
}

impl MapError {
    /// The exception reason, built in `h` when it is a tuple.
    pub fn reason<H: TermAlloc + ?Sized>(self, h: &mut H) -> Term {
        match self {
            MapError::Badarg => BADARG,
            MapError::Badmap(t) => make_tuple(h, &[BADMAP, t]),
            MapError::Badkey(k) => make_tuple(h, &[BADKEY, k]),
            MapError::FunctionClause => FUNCTION_CLAUSE,
        }
    }
}

/// The result of a map BIF's body.
pub type MapResult = Result<Term, MapError>;

/// Runs a map BIF body in the process `p`: the term, or `NON_VALUE` after
/// raising the error (whose reason is allocated on the process heap).
///
/// `p` is the BIF's process argument, the running process's header, as for
/// every `kiln_bif_*` entry point (see [`crate::term::bif_return`]).
#[inline]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn map_return(p: *mut ProcessHeader, body: impl FnOnce(&mut crate::process::Process) -> MapResult) -> Term {
    // SAFETY: BIF entry points are only called with the running process's
    // header (see `bif_table`).
    let proc = unsafe { process(p) };
    match body(proc) {
        Ok(t) => t,
        Err(e) => {
            let reason = e.reason(proc);
            proc.raise_error(reason)
        }
    }
}

/// The map `m`, or `{badmap, m}`.
fn as_map<'a>(m: Term) -> Result<MapView<'a>, MapError> {
    map_view(m).ok_or(MapError::Badmap(m))
}

/// `erlang:'$map_put'(Map, Key, Value)`: `Map#{Key => Value}`.
pub fn map_put<H: TermAlloc + ?Sized>(h: &mut H, map: Term, key: Term, value: Term) -> MapResult {
    let m = as_map(map)?;
    Ok(map_insert(h, map, &m, key, value))
}

/// `erlang:'$map_update'(Map, Key, Value)`: `Map#{Key := Value}`.
pub fn map_update<H: TermAlloc + ?Sized>(h: &mut H, map: Term, key: Term, value: Term) -> MapResult {
    let m = as_map(map)?;
    let i = map_search(&m, key).map_err(|_| MapError::Badkey(key))?;
    Ok(map_replace_at(h, map, &m, i, value))
}

/// `map_size(Map)` and `maps:size(Map)`.
pub fn map_size(map: Term) -> MapResult {
    Ok(tag::small(as_map(map)?.keys.len() as i64))
}

/// `is_map_key(Key, Map)` and `maps:is_key(Key, Map)`.
pub fn is_map_key(key: Term, map: Term) -> MapResult {
    Ok(boolean(map_search(&as_map(map)?, key).is_ok()))
}

/// `map_get(Key, Map)` and `maps:get(Key, Map)`.
pub fn map_get(key: Term, map: Term) -> MapResult {
    map_lookup(&as_map(map)?, key).ok_or(MapError::Badkey(key))
}

/// `maps:get(Key, Map, Default)`.
pub fn get_3(key: Term, map: Term, default: Term) -> MapResult {
    Ok(map_lookup(&as_map(map)?, key).unwrap_or(default))
}

/// `maps:find(Key, Map)`: `{ok, Value}` or `error`.
pub fn find<H: TermAlloc + ?Sized>(h: &mut H, key: Term, map: Term) -> MapResult {
    Ok(match map_lookup(&as_map(map)?, key) {
        Some(v) => make_tuple(h, &[OK, v]),
        None => ERROR,
    })
}

/// `maps:remove(Key, Map)`.
pub fn remove<H: TermAlloc + ?Sized>(h: &mut H, key: Term, map: Term) -> MapResult {
    let m = as_map(map)?;
    Ok(map_delete(h, map, &m, key))
}

/// `maps:take(Key, Map)`: `{Value, MapWithoutKey}` or `error`.
pub fn take<H: TermAlloc + ?Sized>(h: &mut H, key: Term, map: Term) -> MapResult {
    let m = as_map(map)?;
    Ok(match map_search(&m, key) {
        Ok(i) => {
            let rest = map_delete_at(h, &m, i);
            make_tuple(h, &[m.values[i], rest])
        }
        Err(_) => ERROR,
    })
}

/// `maps:keys(Map)`, in iteration order.
pub fn keys<H: TermAlloc + ?Sized>(h: &mut H, map: Term) -> MapResult {
    let m = as_map(map)?;
    Ok(make_list(h, m.keys))
}

/// `maps:values(Map)`, in iteration order.
pub fn values<H: TermAlloc + ?Sized>(h: &mut H, map: Term) -> MapResult {
    let m = as_map(map)?;
    Ok(make_list(h, m.values))
}

/// `maps:to_list(Map)`: `[{Key, Value}]` in iteration order.
pub fn to_list<H: TermAlloc + ?Sized>(h: &mut H, map: Term) -> MapResult {
    let m = as_map(map)?;
    let pairs: Vec<Term> = m.keys.iter().zip(m.values).map(|(&k, &v)| make_tuple(h, &[k, v])).collect();
    Ok(make_list(h, &pairs))
}

/// `maps:from_list([{Key, Value}])`: of equal keys the last wins; `badarg`
/// unless a proper list of pairs.
pub fn from_list<H: TermAlloc + ?Sized>(h: &mut H, list: Term) -> MapResult {
    let mut pairs = Vec::new();
    for item in list_iter(list) {
        let item = item.map_err(|_| MapError::Badarg)?;
        match view(item) {
            TermView::Tuple(&[k, v]) => pairs.push((k, v)),
            _ => return Err(MapError::Badarg),
        }
    }
    Ok(make_map_from_pairs(h, pairs))
}

/// `maps:from_keys(Keys, Value)`: `badarg` unless `Keys` is a proper list.
pub fn from_keys<H: TermAlloc + ?Sized>(h: &mut H, keys: Term, value: Term) -> MapResult {
    let mut pairs = Vec::new();
    for item in list_iter(keys) {
        pairs.push((item.map_err(|_| MapError::Badarg)?, value));
    }
    Ok(make_map_from_pairs(h, pairs))
}

/// `maps:merge(Map1, Map2)`: on equal keys `Map2`'s value wins.
pub fn merge<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> MapResult {
    let ma = as_map(a)?;
    let mb = as_map(b)?;
    Ok(map_union(h, a, &ma, b, &mb))
}

/// `maps:new()`.
pub fn new<H: TermAlloc + ?Sized>(h: &mut H) -> MapResult {
    Ok(make_map_sorted(h, &[], &[]))
}

/// Marks which of `m`'s keys occur in the list `keys`. `badarg` unless
/// `keys` is a list; `function_clause` at an improper tail (where OTP's
/// Erlang loop over the list fails).
fn keys_in_list(m: &MapView<'_>, keys: Term) -> Result<Vec<bool>, MapError> {
    if !matches!(view(keys), TermView::Cons(..) | TermView::Nil) {
        return Err(MapError::Badarg);
    }
    let mut marked = vec![false; m.keys.len()];
    for item in list_iter(keys) {
        let k = item.map_err(|_| MapError::FunctionClause)?;
        if let Ok(i) = map_search(m, k) {
            marked[i] = true;
        }
    }
    Ok(marked)
}

/// `maps:with(Keys, Map)`: the pairs of `Map` whose keys are in `Keys`.
pub fn with<H: TermAlloc + ?Sized>(h: &mut H, keys: Term, map: Term) -> MapResult {
    let m = as_map(map)?;
    let marked = keys_in_list(&m, keys)?;
    Ok(map_retain(h, map, &m, |i| marked[i]))
}

/// `maps:without(Keys, Map)`: `Map` without the keys in `Keys`.
pub fn without<H: TermAlloc + ?Sized>(h: &mut H, keys: Term, map: Term) -> MapResult {
    let m = as_map(map)?;
    let marked = keys_in_list(&m, keys)?;
    Ok(map_retain(h, map, &m, |i| !marked[i]))
}

// Entry points (see `abi::bif_table`).

#[no_mangle]
pub extern "C" fn kiln_bif_map_put(p: *mut ProcessHeader, map: Term, key: Term, value: Term) -> Term {
    map_return(p, |proc| map_put(proc, map, key, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_map_update(p: *mut ProcessHeader, map: Term, key: Term, value: Term) -> Term {
    map_return(p, |proc| map_update(proc, map, key, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_map_size(p: *mut ProcessHeader, map: Term) -> Term {
    map_return(p, |_| map_size(map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_is_map_key(p: *mut ProcessHeader, key: Term, map: Term) -> Term {
    map_return(p, |_| is_map_key(key, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_map_get(p: *mut ProcessHeader, key: Term, map: Term) -> Term {
    map_return(p, |_| map_get(key, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_get_3(p: *mut ProcessHeader, key: Term, map: Term, default: Term) -> Term {
    map_return(p, |_| get_3(key, map, default))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_find(p: *mut ProcessHeader, key: Term, map: Term) -> Term {
    map_return(p, |proc| find(proc, key, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_put(p: *mut ProcessHeader, key: Term, value: Term, map: Term) -> Term {
    map_return(p, |proc| map_put(proc, map, key, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_update(p: *mut ProcessHeader, key: Term, value: Term, map: Term) -> Term {
    map_return(p, |proc| map_update(proc, map, key, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_remove(p: *mut ProcessHeader, key: Term, map: Term) -> Term {
    map_return(p, |proc| remove(proc, key, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_take(p: *mut ProcessHeader, key: Term, map: Term) -> Term {
    map_return(p, |proc| take(proc, key, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_keys(p: *mut ProcessHeader, map: Term) -> Term {
    map_return(p, |proc| keys(proc, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_values(p: *mut ProcessHeader, map: Term) -> Term {
    map_return(p, |proc| values(proc, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_to_list(p: *mut ProcessHeader, map: Term) -> Term {
    map_return(p, |proc| to_list(proc, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_from_list(p: *mut ProcessHeader, list: Term) -> Term {
    map_return(p, |proc| from_list(proc, list))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_from_keys(p: *mut ProcessHeader, keys: Term, value: Term) -> Term {
    map_return(p, |proc| from_keys(proc, keys, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_merge(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
    map_return(p, |proc| merge(proc, a, b))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_new(p: *mut ProcessHeader) -> Term {
    map_return(p, new)
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_with(p: *mut ProcessHeader, keys: Term, map: Term) -> Term {
    map_return(p, |proc| with(proc, keys, map))
}

#[no_mangle]
pub extern "C" fn kiln_bif_maps_without(p: *mut ProcessHeader, keys: Term, map: Term) -> Term {
    map_return(p, |proc| without(proc, keys, map))
}

#[cfg(test)]
mod tests;
