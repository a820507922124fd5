//! `lunatic::trap::catch`: call a guest function, turning a trap inside it
//! into a return value of 0 instead of the end of the process.

use wasmtime::{format_err, Result};
use wasmtime::{Caller, Linker, Val};

use crate::lunatic::state::GuestState;

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    linker.func_wrap_async(
        "lunatic::trap",
        "catch",
        |mut caller: Caller<'_, GuestState>, (function, pointer): (i32, i32)| {
            Box::new(async move {
                let f = caller.get_export("_lunatic_catch_trap").and_then(|e| e.into_func()).ok_or_else(|| {
                    format_err!("lunatic::trap::catch: the module exports no function `_lunatic_catch_trap`")
                })?;
                let mut result = [Val::I32(0)];
                match f.call_async(&mut caller, &[Val::I32(function), Val::I32(pointer)], &mut result).await {
                    Ok(()) => Ok(result[0].i32().unwrap_or(0)),
                    // Out of fuel or memory is the process's end, not a
                    // caught trap: lunatic catches those too, which lets a
                    // guest outlive its own limits.
                    Err(e) if is_limit(&e) => Err(e),
                    Err(_) => Ok(0),
                }
            })
        },
    )?;
    Ok(())
}

/// Whether an error is a resource limit rather than a trap of the guest's
/// own making.
fn is_limit(e: &wasmtime::Error) -> bool {
    matches!(e.downcast_ref::<wasmtime::Trap>(), Some(wasmtime::Trap::OutOfFuel))
        || e.root_cause().to_string().starts_with("memory limit exceeded")
}
