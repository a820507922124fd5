//! WASI preview 1 (`wasi_snapshot_preview1`) for guests, from wasmtime-wasi,
//! each process with the args, environment and directories of its config;
//! plus `lunatic::wasi`, which fills those into a config.

use wasmtime::Result;
use wasmtime::{Caller, Linker};
use wasmtime_wasi::I32Exit;

use super::read_str;
use crate::lunatic::state::GuestState;

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    wasmtime_wasi::p1::add_to_linker_sync(linker, |s: &mut GuestState| s.wasi())?;
    // wasmtime-wasi refuses `proc_exit` statuses of 126 and above; a guest
    // may exit with any status, as a native process can.
    linker.allow_shadowing(true);
    linker.func_wrap("wasi_snapshot_preview1", "proc_exit", |status: i32| -> Result<()> {
        Err(wasmtime::Error::new(I32Exit(status)))
    })?;
    linker.allow_shadowing(false);

    const NS: &str = "lunatic::wasi";
    linker.func_wrap(
        NS,
        "config_add_environment_variable",
        |mut c: Caller<'_, GuestState>, id: u64, kp: u32, kl: u32, vp: u32, vl: u32| -> Result<()> {
            const F: &str = "lunatic::wasi::config_add_environment_variable";
            let (k, v) = (read_str(&mut c, kp, kl, F)?, read_str(&mut c, vp, vl, F)?);
            c.data_mut().config_mut(id, F)?.envs.push((k, v));
            Ok(())
        },
    )?;
    linker.func_wrap(
        NS,
        "config_add_command_line_argument",
        |mut c: Caller<'_, GuestState>, id: u64, p: u32, l: u32| -> Result<()> {
            const F: &str = "lunatic::wasi::config_add_command_line_argument";
            let arg = read_str(&mut c, p, l, F)?;
            c.data_mut().config_mut(id, F)?.args.push(arg);
            Ok(())
        },
    )?;
    linker.func_wrap(
        NS,
        "config_preopen_dir",
        |mut c: Caller<'_, GuestState>, id: u64, p: u32, l: u32| -> Result<()> {
            const F: &str = "lunatic::wasi::config_preopen_dir";
            let dir = read_str(&mut c, p, l, F)?;
            let own = c.data().config.clone();
            let config = c.data_mut().config_mut(id, F)?;
            config.preopen(&dir);
            if let Err(e) = config.check_within(&own) {
                config.dirs.pop();
                return Err(wasmtime::format_err!("{F}: {e}"));
            }
            Ok(())
        },
    )?;
    Ok(())
}
