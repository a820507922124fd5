//! `lunatic::version`: the lunatic runtime version whose ABI kiln provides.

use wasmtime::Linker;
use wasmtime::Result;

use crate::lunatic::state::GuestState;

/// kiln implements the host ABI of lunatic 0.13.2 (what the `lunatic` 0.14
/// crate targets).
pub const ABI_VERSION: (u32, u32, u32) = (0, 13, 2);

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    linker.func_wrap("lunatic::version", "major", || ABI_VERSION.0)?;
    linker.func_wrap("lunatic::version", "minor", || ABI_VERSION.1)?;
    linker.func_wrap("lunatic::version", "patch", || ABI_VERSION.2)?;
    Ok(())
}
