//! The `lunatic::*` host functions, one module per import namespace.
//!
//! Every function checks what it reads from the guest: an id that names
//! nothing, a pointer outside the guest's memory or a malformed argument
//! traps the calling process with a message naming the function (as
//! lunatic does) and harms nothing else.

pub mod distributed;
pub mod error;
pub mod message;
pub mod metrics;
pub mod networking;
pub mod process;
pub mod registry;
pub mod timer;
pub mod trap;
pub mod version;
pub mod wasi;

use wasmtime::{format_err, Result};
use wasmtime::{Caller, Linker, Memory};

use super::state::GuestState;

/// Registers every host function.
pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    wasi::register(linker)?;
    error::register(linker)?;
    message::register(linker)?;
    process::register(linker)?;
    registry::register(linker)?;
    timer::register(linker)?;
    trap::register(linker)?;
    version::register(linker)?;
    metrics::register(linker)?;
    distributed::register(linker)?;
    networking::register(linker)?;
    Ok(())
}

/// The guest's exported memory.
pub fn memory(caller: &mut Caller<'_, GuestState>, func: &str) -> Result<Memory> {
    if let Some(m) = caller.data().memory {
        return Ok(m);
    }
    caller
        .get_export("memory")
        .and_then(|e| e.into_memory())
        .ok_or_else(|| format_err!("{func}: the module exports no memory"))
}

/// `len` bytes of guest memory at `ptr`.
pub fn read(caller: &mut Caller<'_, GuestState>, ptr: u32, len: u32, func: &str) -> Result<Vec<u8>> {
    let mem = memory(caller, func)?;
    let (start, end) = (ptr as usize, ptr as usize + len as usize);
    mem.data(&caller)
        .get(start..end)
        .map(|b| b.to_vec())
        .ok_or_else(|| format_err!("{func}: memory access out of bounds ({len} bytes at {ptr})"))
}

/// A UTF-8 string of guest memory.
pub fn read_str(caller: &mut Caller<'_, GuestState>, ptr: u32, len: u32, func: &str) -> Result<String> {
    String::from_utf8(read(caller, ptr, len, func)?).map_err(|_| format_err!("{func}: the string is not UTF-8"))
}

/// Writes `bytes` into guest memory at `ptr`.
pub fn write(caller: &mut Caller<'_, GuestState>, ptr: u32, bytes: &[u8], func: &str) -> Result<()> {
    let mem = memory(caller, func)?;
    let start = ptr as usize;
    mem.data_mut(&mut *caller)
        .get_mut(start..start + bytes.len())
        .ok_or_else(|| format_err!("{func}: memory access out of bounds ({} bytes at {ptr})", bytes.len()))?
        .copy_from_slice(bytes);
    Ok(())
}

/// Writes a little-endian `u64` into guest memory at `ptr`.
pub fn write_u64(caller: &mut Caller<'_, GuestState>, ptr: u32, v: u64, func: &str) -> Result<()> {
    write(caller, ptr, &v.to_le_bytes(), func)
}
