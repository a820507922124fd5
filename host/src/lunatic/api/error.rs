//! `lunatic::error`: errors returned to the guest by id (a failed spawn,
//! connect, ...), read back as strings.

use wasmtime::{format_err, Result};
use wasmtime::{Caller, Linker};

use super::write;
use crate::lunatic::state::GuestState;

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    linker.func_wrap("lunatic::error", "string_size", |caller: Caller<'_, GuestState>, id: u64| -> Result<u32> {
        Ok(error(&caller, id, "lunatic::error::string_size")?.len() as u32)
    })?;
    linker.func_wrap(
        "lunatic::error",
        "to_string",
        |mut caller: Caller<'_, GuestState>, id: u64, ptr: u32| -> Result<()> {
            let text = error(&caller, id, "lunatic::error::to_string")?.to_string();
            write(&mut caller, ptr, text.as_bytes(), "lunatic::error::to_string")
        },
    )?;
    linker.func_wrap("lunatic::error", "drop", |mut caller: Caller<'_, GuestState>, id: u64| -> Result<()> {
        caller
            .data_mut()
            .errors
            .remove(id)
            .map(drop)
            .ok_or_else(|| format_err!("lunatic::error::drop: error {id} does not exist"))
    })?;
    Ok(())
}

fn error<'a>(caller: &'a Caller<'_, GuestState>, id: u64, func: &str) -> Result<&'a str> {
    caller.data().errors.get(id).map(String::as_str).ok_or_else(|| format_err!("{func}: error {id} does not exist"))
}
