//! The process dictionary BIFs: `put`, `get`, `get_keys`, `erase`.

use super::running;
use crate::abi::{ProcessHeader, Term};
use crate::atom::known;

/// `put/2`: the previous value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_put(p: *mut ProcessHeader, key: Term, value: Term) -> Term {
    running(p).dict.put(key, value).unwrap_or(known::UNDEFINED)
}

/// `get/1`: the value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_get(p: *mut ProcessHeader, key: Term) -> Term {
    running(p).dict.get(key).unwrap_or(known::UNDEFINED)
}

/// `erase/1`: the removed value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_erase(p: *mut ProcessHeader, key: Term) -> Term {
    running(p).dict.erase(key).unwrap_or(known::UNDEFINED)
}

/// `get/0`: every `{Key, Value}` of the dictionary.
#[no_mangle]
pub extern "C" fn kiln_bif_get_0(p: *mut ProcessHeader) -> Term {
    let proc = running(p);
    let pairs: Vec<(Term, Term)> = proc.dict.entries().collect();
    let items: Vec<Term> = pairs.into_iter().map(|(k, v)| proc.tuple(&[k, v])).collect();
    proc.list(&items)
}

/// `get_keys/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_get_keys_0(p: *mut ProcessHeader) -> Term {
    let proc = running(p);
    let keys: Vec<Term> = proc.dict.entries().map(|(k, _)| k).collect();
    proc.list(&keys)
}

/// `get_keys/1`: the keys whose value is `Value` (`=:=`).
#[no_mangle]
pub extern "C" fn kiln_bif_get_keys_1(p: *mut ProcessHeader, value: Term) -> Term {
    let proc = running(p);
    let keys: Vec<Term> =
        proc.dict.entries().filter(|&(_, v)| crate::process::dict::exact_eq(v, value)).map(|(k, _)| k).collect();
    proc.list(&keys)
}

/// `erase/0`: empties the dictionary; returns what it held.
#[no_mangle]
pub extern "C" fn kiln_bif_erase_0(p: *mut ProcessHeader) -> Term {
    let all = kiln_bif_get_0(p);
    let proc = running(p);
    let keys: Vec<Term> = proc.dict.entries().map(|(k, _)| k).collect();
    for k in keys {
        proc.dict.erase(k);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::tag;
    use crate::process::Process;

    #[test]
    fn dictionary_bifs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let k = proc.tuple(&[tag::small(1)]);
        assert_eq!(kiln_bif_put(p, k, tag::small(2)), known::UNDEFINED);
        assert_eq!(kiln_bif_put(p, k, tag::small(3)), tag::small(2));
        assert_eq!(kiln_bif_get(p, k), tag::small(3));
        assert_eq!(kiln_bif_erase(p, k), tag::small(3));
        assert_eq!(kiln_bif_get(p, k), known::UNDEFINED);
    }
}
