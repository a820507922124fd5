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
use crate::compare::compare_exact;
use crate::term::{
    boolean, list_iter, make_list, make_map_from_pairs, make_map_sorted, make_tuple, map_delete, map_insert,
    map_retain, map_take, map_union, map_update_existing, map_view, process, view, MapView, TermAlloc, TermView,
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
    map_update_existing(h, map, &m, key, value).ok_or(MapError::Badkey(key))
}

/// `map_size(Map)` and `maps:size(Map)`.
pub fn map_size(map: Term) -> MapResult {
    Ok(tag::small(as_map(map)?.len() as i64))
}

/// `is_map_key(Key, Map)` and `maps:is_key(Key, Map)`.
pub fn is_map_key(key: Term, map: Term) -> MapResult {
    Ok(boolean(as_map(map)?.get(key).is_some()))
}

/// `map_get(Key, Map)` and `maps:get(Key, Map)`.
pub fn map_get(key: Term, map: Term) -> MapResult {
    as_map(map)?.get(key).ok_or(MapError::Badkey(key))
}

/// `maps:get(Key, Map, Default)`.
pub fn get_3(key: Term, map: Term, default: Term) -> MapResult {
    Ok(as_map(map)?.get(key).unwrap_or(default))
}

/// `maps:find(Key, Map)`: `{ok, Value}` or `error`.
pub fn find<H: TermAlloc + ?Sized>(h: &mut H, key: Term, map: Term) -> MapResult {
    Ok(match as_map(map)?.get(key) {
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
    Ok(match map_take(h, &m, key) {
        Some((v, rest)) => make_tuple(h, &[v, rest]),
        None => ERROR,
    })
}

/// `maps:keys(Map)`, in `maps:to_list/1` order.
pub fn keys<H: TermAlloc + ?Sized>(h: &mut H, map: Term) -> MapResult {
    let ks: Vec<Term> = as_map(map)?.list_pairs().into_iter().map(|p| p.0).collect();
    Ok(make_list(h, &ks))
}

/// `maps:values(Map)`, in `maps:to_list/1` order.
pub fn values<H: TermAlloc + ?Sized>(h: &mut H, map: Term) -> MapResult {
    let vs: Vec<Term> = as_map(map)?.list_pairs().into_iter().map(|p| p.1).collect();
    Ok(make_list(h, &vs))
}

/// `maps:to_list(Map)`: `[{Key, Value}]`, key order for up to 32 keys,
/// the reverse of OTP's iteration order above (see `term::map`).
pub fn to_list<H: TermAlloc + ?Sized>(h: &mut H, map: Term) -> MapResult {
    let m = as_map(map)?;
    let pairs: Vec<Term> = m.list_pairs().into_iter().map(|(k, v)| make_tuple(h, &[k, v])).collect();
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

/// The elements of the key list of `maps:with/2` and `maps:without/2`,
/// sorted in map key order without duplicates. `badarg` unless `keys` is
/// a list; `function_clause` at an improper tail (where OTP's Erlang loop
/// over the list fails).
fn key_list(keys: Term) -> Result<Vec<Term>, MapError> {
    if !matches!(view(keys), TermView::Cons(..) | TermView::Nil) {
        return Err(MapError::Badarg);
    }
    let mut ks = Vec::new();
    for item in list_iter(keys) {
        ks.push(item.map_err(|_| MapError::FunctionClause)?);
    }
    ks.sort_by(|&a, &b| compare_exact(a, b));
    ks.dedup_by(|a, b| compare_exact(*a, *b).is_eq());
    Ok(ks)
}

fn in_keys(ks: &[Term], k: Term) -> bool {
    ks.binary_search_by(|&x| compare_exact(x, k)).is_ok()
}

/// `maps:with(Keys, Map)`: the pairs of `Map` whose keys are in `Keys`.
pub fn with<H: TermAlloc + ?Sized>(h: &mut H, keys: Term, map: Term) -> MapResult {
    let m = as_map(map)?;
    let ks = key_list(keys)?;
    if ks.len() < m.len() {
        let pairs: Vec<(Term, Term)> = ks.iter().filter_map(|&k| m.get(k).map(|v| (k, v))).collect();
        return Ok(make_map_from_pairs(h, pairs));
    }
    Ok(map_retain(h, map, &m, |k, _| in_keys(&ks, k)))
}

/// `maps:without(Keys, Map)`: `Map` without the keys in `Keys`.
pub fn without<H: TermAlloc + ?Sized>(h: &mut H, keys: Term, map: Term) -> MapResult {
    let m = as_map(map)?;
    let ks = key_list(keys)?;
    if matches!(m, MapView::Trie(_)) && ks.len() * 8 < m.len() {
        // A few keys off a large map: single removes share the trie.
        let mut acc = map;
        for &k in &ks {
            if let Some(am) = map_view(acc) {
                acc = map_delete(h, acc, &am, k);
            }
        }
        return Ok(acc);
    }
    Ok(map_retain(h, map, &m, |k, _| !in_keys(&ks, k)))
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
    // Reductions for the pairs walked and the map built.
    crate::proc_bifs::charge_cells(p, crate::proc_bifs::list_cells(list));
    crate::proc_bifs::charging_alloc(p, || map_return(p, |proc| from_list(proc, list)))
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
