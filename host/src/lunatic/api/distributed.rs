//! `lunatic::distributed`: kiln's host is a single node (node id 0, no
//! peers). The queries answer that; anything that would reach another node
//! traps, naming the function.

use wasmtime::{format_err, Result};
use wasmtime::{Caller, Linker};

use crate::lunatic::state::GuestState;

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    const NS: &str = "lunatic::distributed";
    linker.func_wrap(NS, "node_id", || 0u64)?;
    linker.func_wrap(NS, "module_id", || 0u64)?;
    linker.func_wrap(NS, "nodes_count", || 0u32)?;
    linker.func_wrap(NS, "get_nodes", |_: Caller<'_, GuestState>, _ptr: u32, _len: u32| 0u32)?;
    // send, spawn, send_receive_skip_search and the node lookups are
    // resolved by `lunatic::prepare` to traps made by [`not_distributed`].
    Ok(())
}

/// Why a call that needs other nodes fails.
pub fn not_distributed(func: &str) -> wasmtime::Error {
    format_err!("{func}: kiln's host is not distributed (it is node 0, with no peers)")
}
