//! `lunatic::registry`: a program-wide map from names to processes.
//!
//! Like lunatic's, entries are not removed when their process ends (a
//! lookup may return a dead process; sending to it does nothing).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, OnceLock};

use wasmtime::Result;
use wasmtime::{Caller, Linker};

use super::{read_str, write_u64};
use crate::lunatic::state::GuestState;

/// The registry: name → (node id, process id).
pub fn lock() -> MutexGuard<'static, HashMap<String, (u64, u64)>> {
    static R: OnceLock<Mutex<HashMap<String, (u64, u64)>>> = OnceLock::new();
    R.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner())
}

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    const NS: &str = "lunatic::registry";
    linker.func_wrap(NS, "put", |mut c: Caller<'_, GuestState>, p: u32, l: u32, node: u64, id: u64| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::registry::put")?;
        lock().insert(name, (node, id));
        Ok(())
    })?;
    linker.func_wrap(
        NS,
        "get",
        |mut c: Caller<'_, GuestState>, p: u32, l: u32, node_ptr: u32, id_ptr: u32| -> Result<u32> {
            const F: &str = "lunatic::registry::get";
            let name = read_str(&mut c, p, l, F)?;
            let found = lock().get(&name).copied();
            let Some((node, id)) = found else {
                return Ok(1);
            };
            write_u64(&mut c, node_ptr, node, F)?;
            write_u64(&mut c, id_ptr, id, F)?;
            Ok(0)
        },
    )?;
    linker.func_wrap(NS, "remove", |mut c: Caller<'_, GuestState>, p: u32, l: u32| -> Result<()> {
        let name = read_str(&mut c, p, l, "lunatic::registry::remove")?;
        lock().remove(&name);
        Ok(())
    })?;
    Ok(())
}
