//! The distribution BIFs of a node that is never distributed:
//! `erlang:is_alive/0` (`false`), `erlang:nodes/0` (`[]`) and
//! `erlang:nodes/1,2`, which know only this node (`nonode@nohost`, what
//! `node/0` answers): `this` and `known` name it, `visible`, `hidden` and
//! `connected` name no node. `erlang:halt/2` is here too: its `flush`
//! option is about output that a distributed node would still be sending.

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::term::{atoms, bif_return, bif_return_pure, list_iter, make_list, BifResult, Error, TermAlloc};

/// The kinds of nodes `nodes/1` takes, and whether this node is one.
fn includes_this_node(kind: Term) -> Result<bool, Error> {
    match atom::try_name(kind) {
        Some("this" | "known") => Ok(true),
        Some("visible" | "hidden" | "connected") => Ok(false),
        _ => Err(Error::Badarg),
    }
}

/// `erlang:nodes(Arg)`: `Arg` is one kind or a proper list of kinds.
pub fn nodes<H: TermAlloc + ?Sized>(h: &mut H, arg: Term) -> BifResult {
    let mut this = false;
    if tag::is_atom(arg) {
        this = includes_this_node(arg)?;
    } else {
        for kind in list_iter(arg) {
            this |= includes_this_node(kind.map_err(|_| Error::Badarg)?)?;
        }
    }
    // What `node/0` answers.
    let node = atom::intern(crate::etf::encode::NODE);
    Ok(if this { make_list(h, &[node]) } else { tag::NIL })
}

/// `erlang:nodes(Arg, InfoOpts)` (OTP 25.1): `[{Node, Info}]`, where
/// `InfoOpts` is a map of `connection_id` and `node_type` to booleans and
/// `Info` holds the requested items (for this node: no connection,
/// `undefined`, and type `this`).
pub fn nodes_info<H: TermAlloc + ?Sized>(h: &mut H, arg: Term, opts: Term) -> BifResult {
    let m = crate::term::map_view(opts).ok_or(Error::Badarg)?;
    let (mut connection_id, mut node_type) = (false, false);
    for (k, v) in m.iter() {
        let want = match v {
            atoms::TRUE => true,
            atoms::FALSE => false,
            _ => return Err(Error::Badarg),
        };
        match atom::try_name(k) {
            Some("connection_id") => connection_id = want,
            Some("node_type") => node_type = want,
            _ => return Err(Error::Badarg),
        }
    }
    let found = nodes(h, arg)?;
    let Some(&node) = crate::term::list_to_vec(found).as_deref().and_then(<[Term]>::first) else {
        return Ok(tag::NIL);
    };
    let mut keys = Vec::new();
    let mut values = Vec::new();
    if connection_id {
        keys.push(atom::intern("connection_id"));
        values.push(atom::intern("undefined"));
    }
    if node_type {
        keys.push(atom::intern("node_type"));
        values.push(atom::intern("this"));
    }
    let info = crate::term::make_map_sorted(h, &keys, &values);
    let pair = crate::term::make_tuple(h, &[node, info]);
    Ok(make_list(h, &[pair]))
}

#[no_mangle]
pub extern "C" fn kiln_bif_nodes_2(p: *mut ProcessHeader, arg: Term, opts: Term) -> Term {
    bif_return(p, |proc| nodes_info(proc, arg, opts))
}

#[no_mangle]
pub extern "C" fn kiln_bif_is_alive(_p: *mut ProcessHeader) -> Term {
    atoms::FALSE
}

#[no_mangle]
pub extern "C" fn kiln_bif_nodes(_p: *mut ProcessHeader) -> Term {
    tag::NIL
}

#[no_mangle]
pub extern "C" fn kiln_bif_nodes_1(p: *mut ProcessHeader, arg: Term) -> Term {
    bif_return(p, |proc| nodes(proc, arg))
}

/// The `flush` setting of `halt/2`'s options (the last one given wins;
/// the default is `true`); `badarg` for anything else.
fn halt_flush(options: Term) -> Result<bool, Error> {
    let mut flush = true;
    for opt in list_iter(options) {
        let opt = opt.map_err(|_| Error::Badarg)?;
        match crate::term::tuple_elements(opt) {
            Some([k, v]) if atom::try_name(*k) == Some("flush") && (*v == atoms::TRUE || *v == atoms::FALSE) => {
                flush = *v == atoms::TRUE
            }
            _ => return Err(Error::Badarg),
        }
    }
    Ok(flush)
}

/// `erlang:halt(Status, Options)`: as `halt/1`; with `{flush, false}` an
/// integer status exits at once, without writing out buffered output.
#[no_mangle]
pub extern "C" fn kiln_bif_halt_2(p: *mut ProcessHeader, status: Term, options: Term) -> Term {
    match halt_flush(options) {
        Err(e) => bif_return_pure(p, Err(e)),
        Ok(false) if tag::is_small(status) && tag::small_value(status) >= 0 => {
            std::process::exit(tag::small_value(status) as i32)
        }
        Ok(_) => crate::proc_bifs::kiln_bif_halt(p, status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::testing::TestHeap;

    #[test]
    fn nodes_knows_only_this_node() {
        let mut h = TestHeap::new();
        let this = atom::intern("this");
        let known = atom::intern("known");
        let visible = atom::intern("visible");
        let one = nodes(&mut h, this).unwrap();
        assert_eq!(crate::term::list_length(one), Some(1));
        assert_eq!(nodes(&mut h, visible), Ok(tag::NIL));
        let both = make_list(&mut h, &[this, known, this]);
        assert_eq!(crate::term::list_length(nodes(&mut h, both).unwrap()), Some(1));
        assert_eq!(nodes(&mut h, tag::NIL), Ok(tag::NIL));
        assert_eq!(nodes(&mut h, atom::intern("bogus")), Err(Error::Badarg));
        let improper = crate::term::make_list_with_tail(&mut h, &[this], known);
        assert_eq!(nodes(&mut h, improper), Err(Error::Badarg));
    }

    #[test]
    fn halt_options() {
        let mut h = TestHeap::new();
        let flush = atom::intern("flush");
        let t = crate::term::make_tuple(&mut h, &[flush, atoms::TRUE]);
        let f = crate::term::make_tuple(&mut h, &[flush, atoms::FALSE]);
        let both = make_list(&mut h, &[t, f]);
        assert_eq!(halt_flush(both), Ok(false));
        assert_eq!(halt_flush(tag::NIL), Ok(true));
        let bad = crate::term::make_tuple(&mut h, &[flush, atom::intern("x")]);
        let l = make_list(&mut h, &[bad]);
        assert_eq!(halt_flush(l), Err(Error::Badarg));
        assert_eq!(halt_flush(atom::intern("foo")), Err(Error::Badarg));
    }
}
