//! The BIFs of `init`, the process that boots OTP. A kiln program has no
//! boot script: its arguments are what `main/1` receives, and the rest of
//! `init` is kiln's own `stdlib/init.erl`.

use crate::abi::{ProcessHeader, Term};
use crate::term::{bif_return, make_list_from_iter, make_string};

/// `init:get_plain_arguments/0`: the program's arguments as strings.
#[no_mangle]
pub extern "C" fn kiln_bif_init_get_plain_arguments(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| {
        let args = crate::start::PROGRAM_ARGS.get().cloned().unwrap_or_default();
        let strings: Vec<Term> = args.iter().map(|a| make_string(proc, a)).collect();
        Ok(make_list_from_iter(proc, strings))
    })
}
