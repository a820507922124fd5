//! `ets:info/1,2`: a table's properties, in OTP 25's item order.
//!
//! Anyone may ask, whatever the protection; a well-formed identifier of no
//! table gives `undefined`, anything else `badarg`. `memory` is in words:
//! the objects' own words plus a fixed overhead per table and per object
//! (kiln's storage differs from OTP's, so the numbers do too).

use super::registry::{self, Found};
use super::table::Table;
use crate::abi::{tag, Term};
use crate::atom::known;
use crate::process::Process;
use crate::term::{boolean, make_int, BifResult, Error};

/// The items of `info/1`, in OTP 25's order.
const ITEMS: [&str; 15] = [
    "id",
    "decentralized_counters",
    "read_concurrency",
    "write_concurrency",
    "compressed",
    "memory",
    "owner",
    "heir",
    "name",
    "size",
    "node",
    "named_table",
    "type",
    "keypos",
    "protection",
];

/// Words of a table without objects, and per object (a rough model of
/// kiln's B-tree entries).
const TABLE_WORDS: usize = 100;
const OBJECT_WORDS: usize = 6;

/// `ets:info/1`.
pub fn info(proc: &mut Process, t: Term) -> BifResult {
    let table = match registry::find(t) {
        Found::Table(tb) => tb,
        Found::Missing => return Ok(known::UNDEFINED),
        Found::BadId => return Err(Error::Badarg),
    };
    let mut pairs = Vec::with_capacity(ITEMS.len());
    for name in ITEMS {
        let v = item(proc, &table, name).expect("every info/1 item exists");
        let k = crate::atom::intern(name);
        pairs.push(proc.tuple(&[k, v]));
    }
    Ok(proc.list(&pairs))
}

/// `ets:info/2`.
pub fn info_item(proc: &mut Process, t: Term, what: Term) -> BifResult {
    let table = match registry::find(t) {
        Found::Table(tb) => tb,
        Found::Missing => return Ok(known::UNDEFINED),
        Found::BadId => return Err(Error::Badarg),
    };
    let name = crate::atom::try_name(what).ok_or(Error::Badarg)?;
    item(proc, &table, name).ok_or(Error::Badarg)
}

/// The value of item `name`; `None` for an unknown item (also `stats`,
/// OTP's internal hash statistics, which kiln's storage does not have).
fn item(proc: &mut Process, table: &Table, name: &str) -> Option<Term> {
    let atom = crate::atom::intern;
    Some(match name {
        "id" => registry::make_ref(proc, table.tid),
        "decentralized_counters" => boolean(table.decentralized_counters),
        "read_concurrency" => boolean(table.read_concurrency),
        "write_concurrency" => table.write_concurrency,
        "compressed" => boolean(table.compressed),
        "memory" => {
            let data = table.read();
            let words = TABLE_WORDS + data.store.len() * OBJECT_WORDS + data.store.words();
            make_int(proc, words as i64)
        }
        "owner" => table.owner(),
        "heir" => table.meta().heir.as_ref().map_or(atom("none"), |h| h.pid),
        "name" => table.name(),
        "size" => make_int(proc, table.read().store.len() as i64),
        "node" => atom(crate::etf::encode::NODE),
        "named_table" => boolean(table.named),
        "type" => atom(table.kind.name()),
        "keypos" => tag::small(table.keypos as i64),
        "protection" => atom(table.access().name()),
        "fixed" => boolean(!table.meta().fixations.is_empty()),
        "safe_fixed" => safe_fixed(proc, table, false),
        "safe_fixed_monotonic_time" => safe_fixed(proc, table, true),
        _ => return None,
    })
}

/// `{FixTime, [{Pid, Count}]}` (time as `erlang:timestamp/0`, or native
/// monotonic time), or `false` when the table is not fixed.
fn safe_fixed(proc: &mut Process, table: &Table, monotonic: bool) -> Term {
    let meta = table.meta();
    let Some((mono, sys)) = meta.fixed_at else {
        return crate::term::atoms::FALSE;
    };
    let time = if monotonic {
        crate::term::make_i128(proc, mono)
    } else {
        let us = sys.div_euclid(1000);
        let (mega, rest) = (us.div_euclid(1_000_000_000_000), us.rem_euclid(1_000_000_000_000));
        let (secs, micros) = (rest / 1_000_000, rest % 1_000_000);
        proc.tuple(&[tag::small(mega as i64), tag::small(secs as i64), tag::small(micros as i64)])
    };
    let fixers: Vec<Term> = meta.fixations.iter().map(|&(pid, n)| proc.tuple(&[pid, tag::small(n as i64)])).collect();
    let list = proc.list(&fixers);
    proc.tuple(&[time, list])
}
