//! `lunatic::process`: modules, configs, spawning, links, monitors, kill,
//! sleeping.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wasmtime::{bail, format_err, Result};
use wasmtime::{Caller, Linker, Val};

use super::{read, read_str, write_u64};
use crate::lunatic::config::GuestConfig;
use crate::lunatic::process::{wait, with_context, Entry, GuestProcess};
use crate::lunatic::state::GuestState;

/// How a spawn came out: the new process's id, or an error for the guest.
type Spawned = std::result::Result<u64, String>;

/// Decodes lunatic's spawn parameters: 17-byte chunks, a type byte (the
/// Wasm value type: i32, i64 or v128) and a 16-byte little-endian value.
fn params(raw: &[u8], func: &str) -> Result<Vec<Val>> {
    if raw.len() % 17 != 0 {
        bail!("{func}: the parameters must be 17-byte chunks ({} bytes given)", raw.len());
    }
    raw.chunks_exact(17)
        .map(|c| {
            let v = u128::from_le_bytes(c[1..].try_into().unwrap_or_default());
            Ok(match c[0] {
                0x7F => Val::I32(v as i32),
                0x7E => Val::I64(v as i64),
                0x7B => Val::V128(v.into()),
                t => bail!("{func}: unsupported parameter type 0x{t:02x}"),
            })
        })
        .collect()
}

/// Spawns `function(params)` of module `module_id` (-1: the caller's) with
/// config `config_id` (-1: the caller's), linked with tag `link` unless it
/// is 0.
fn spawn(
    c: &mut Caller<'_, GuestState>,
    link: i64,
    config_id: i64,
    module_id: i64,
    function: String,
    params: Vec<Val>,
    func: &str,
) -> Result<Spawned> {
    let s = c.data();
    if !s.config.can_spawn_processes {
        bail!("{func}: this process may not spawn processes (its config does not grant `can_spawn_processes`)");
    }
    let config = match config_id {
        -1 => s.config.clone(),
        id => {
            let config = s.configs.get(id as u64).ok_or_else(|| format_err!("{func}: config {id} does not exist"))?;
            config.check_within(&s.config).map_err(|e| format_err!("{func}: {e}"))?;
            Arc::new(config.clone())
        }
    };
    let module = match module_id {
        -1 => s.module.clone(),
        id => s.modules.get(id as u64).cloned().ok_or_else(|| format_err!("{func}: module {id} does not exist"))?,
    };
    if let Err(why) = crate::lunatic::process::check_process_limit() {
        return Ok(Err(why));
    }
    // An entry function the module does not export is not a spawn error:
    // as in lunatic, the process starts and fails ("the module exports no
    // function `F`").
    let process = GuestProcess::new(Entry { module, config, function, params });
    let id = with_context(|cx| cx.spawn(Box::new(process), link != 0));
    if link != 0 {
        c.data_mut().link_tags.insert(id, link);
    }
    Ok(Ok(id))
}

/// Writes a spawn's outcome to `id_ptr` (the id, or an error id) and
/// returns lunatic's code: 0 spawned, 1 error.
fn report(c: &mut Caller<'_, GuestState>, spawned: Spawned, id_ptr: u32, func: &str) -> Result<u32> {
    let (value, code) = match spawned {
        Ok(id) => (id, 0),
        Err(e) => (c.data_mut().add_error(e), 1),
    };
    write_u64(c, id_ptr, value, func)?;
    Ok(code)
}

/// The config `id` for a getter, or a trap.
fn config<'a>(c: &'a Caller<'_, GuestState>, id: u64, func: &str) -> Result<&'a GuestConfig> {
    c.data().configs.get(id).ok_or_else(|| format_err!("{func}: config {id} does not exist"))
}

/// Sets a permission of a config the caller created; granting one the
/// caller does not hold traps.
fn set_permission(
    c: &mut Caller<'_, GuestState>,
    id: u64,
    can: u32,
    func: &str,
    field: fn(&mut GuestConfig) -> &mut bool,
) -> Result<()> {
    let own = c.data().config.clone();
    let config = c.data_mut().config_mut(id, func)?;
    let old = *field(config);
    *field(config) = can != 0;
    if let Err(e) = config.check_within(&own) {
        *field(config) = old;
        bail!("{func}: {e}");
    }
    Ok(())
}

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    const NS: &str = "lunatic::process";
    linker.func_wrap(
        NS,
        "compile_module",
        |mut c: Caller<'_, GuestState>, ptr: u32, len: u32, id_ptr: u32| -> Result<i32> {
            const F: &str = "lunatic::process::compile_module";
            if !c.data().config.can_compile_modules {
                return Ok(-1);
            }
            let bytes = read(&mut c, ptr, len, F)?;
            let (value, code) = match crate::lunatic::compile(&bytes) {
                Ok(m) => (c.data_mut().modules.add(m), 0),
                Err(e) => (c.data_mut().add_error(format!("{e:#}")), 1),
            };
            write_u64(&mut c, id_ptr, value, F)?;
            Ok(code)
        },
    )?;
    linker.func_wrap(NS, "drop_module", |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
        c.data_mut()
            .modules
            .remove(id)
            .map(drop)
            .ok_or_else(|| format_err!("lunatic::process::drop_module: module {id} does not exist"))
    })?;
    linker.func_wrap(NS, "create_config", |mut c: Caller<'_, GuestState>| -> i64 {
        if !c.data().config.can_create_configs {
            return -1;
        }
        let config = c.data().config.new_child();
        c.data_mut().configs.add(config) as i64
    })?;
    linker.func_wrap(NS, "drop_config", |mut c: Caller<'_, GuestState>, id: u64| -> Result<()> {
        c.data_mut()
            .configs
            .remove(id)
            .map(drop)
            .ok_or_else(|| format_err!("lunatic::process::drop_config: config {id} does not exist"))
    })?;
    linker.func_wrap(
        NS,
        "config_set_max_memory",
        |mut c: Caller<'_, GuestState>, id: u64, bytes: u64| -> Result<()> {
            const F: &str = "lunatic::process::config_set_max_memory";
            let own = c.data().config.max_memory;
            if bytes > own {
                bail!("{F}: a config may not allow more memory ({bytes} bytes) than its creator has ({own} bytes)");
            }
            c.data_mut().config_mut(id, F)?.max_memory = bytes;
            Ok(())
        },
    )?;
    linker.func_wrap(NS, "config_get_max_memory", |c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        Ok(config(&c, id, "lunatic::process::config_get_max_memory")?.max_memory)
    })?;
    linker.func_wrap(NS, "config_set_max_fuel", |mut c: Caller<'_, GuestState>, id: u64, fuel: u64| -> Result<()> {
        const F: &str = "lunatic::process::config_set_max_fuel";
        let own = c.data().config.clone();
        let config = c.data_mut().config_mut(id, F)?;
        let old = config.max_fuel;
        config.max_fuel = (fuel != 0).then_some(fuel);
        if let Err(e) = config.check_within(&own) {
            config.max_fuel = old;
            bail!("{F}: {e}");
        }
        Ok(())
    })?;
    linker.func_wrap(NS, "config_get_max_fuel", |c: Caller<'_, GuestState>, id: u64| -> Result<u64> {
        Ok(config(&c, id, "lunatic::process::config_get_max_fuel")?.max_fuel.unwrap_or(0))
    })?;
    // The permissions: a getter and a setter each (kiln's network permission
    // in a namespace of its own: lunatic has none).
    type Field = fn(&mut GuestConfig) -> &mut bool;
    let permissions: [(&str, &str, &str, Field); 4] = [
        (NS, "config_can_compile_modules", "config_set_can_compile_modules", |g| &mut g.can_compile_modules),
        (NS, "config_can_create_configs", "config_set_can_create_configs", |g| &mut g.can_create_configs),
        (NS, "config_can_spawn_processes", "config_set_can_spawn_processes", |g| &mut g.can_spawn_processes),
        ("kiln::config", "can_use_network", "set_can_use_network", |g| &mut g.can_use_network),
    ];
    for (ns, get, set, field) in permissions {
        let get_name = format!("{ns}::{get}");
        linker.func_wrap(ns, get, move |mut c: Caller<'_, GuestState>, id: u64| -> Result<u32> {
            Ok(*field(c.data_mut().config_mut(id, &get_name)?) as u32)
        })?;
        let set_name = format!("{ns}::{set}");
        linker.func_wrap(ns, set, move |mut c: Caller<'_, GuestState>, id: u64, can: u32| {
            set_permission(&mut c, id, can, &set_name, field)
        })?;
    }
    linker.func_wrap(
        NS,
        "spawn",
        |mut c: Caller<'_, GuestState>,
         link: i64,
         config_id: i64,
         module_id: i64,
         fptr: u32,
         flen: u32,
         pptr: u32,
         plen: u32,
         id_ptr: u32|
         -> Result<u32> {
            const F: &str = "lunatic::process::spawn";
            let function = read_str(&mut c, fptr, flen, F)?;
            let params = params(&read(&mut c, pptr, plen, F)?, F)?;
            let spawned = spawn(&mut c, link, config_id, module_id, function, params, F)?;
            report(&mut c, spawned, id_ptr, F)
        },
    )?;
    linker.func_wrap(
        NS,
        "get_or_spawn",
        |mut c: Caller<'_, GuestState>,
         nptr: u32,
         nlen: u32,
         link: i64,
         config_id: i64,
         module_id: i64,
         fptr: u32,
         flen: u32,
         pptr: u32,
         plen: u32,
         node_ptr: u32,
         id_ptr: u32|
         -> Result<u32> {
            const F: &str = "lunatic::process::get_or_spawn";
            let name = read_str(&mut c, nptr, nlen, F)?;
            let function = read_str(&mut c, fptr, flen, F)?;
            let params = params(&read(&mut c, pptr, plen, F)?, F)?;
            // The registry stays locked from the lookup to the insertion:
            // two processes asking for one name get one process.
            let mut registry = super::registry::lock();
            if let Some(&(node, id)) = registry.get(&name) {
                drop(registry);
                write_u64(&mut c, node_ptr, node, F)?;
                write_u64(&mut c, id_ptr, id, F)?;
                return Ok(2);
            }
            let spawned = spawn(&mut c, link, config_id, module_id, function, params, F)?;
            if let Ok(id) = spawned {
                registry.insert(name, (0, id));
            }
            drop(registry);
            write_u64(&mut c, node_ptr, 0, F)?;
            report(&mut c, spawned, id_ptr, F)
        },
    )?;
    linker.func_wrap_async(NS, "sleep_ms", |mut c: Caller<'_, GuestState>, (ms,): (u64,)| {
        Box::new(async move {
            let Some(deadline) = Instant::now().checked_add(Duration::from_millis(ms)) else {
                // Longer than any clock: sleep forever.
                loop {
                    c.data_mut().pull_messages();
                    wait(None).await;
                }
            };
            while Instant::now() < deadline {
                // Messages arriving meanwhile are kept for later receives.
                c.data_mut().pull_messages();
                wait(Some(deadline)).await;
            }
            with_context(|cx| cx.clear_deadline());
        })
    })?;
    linker.func_wrap(NS, "die_when_link_dies", |trap: u32| {
        with_context(|cx| cx.set_trap_exit(trap == 0));
    })?;
    linker.func_wrap(NS, "process_id", |c: Caller<'_, GuestState>| c.data().id)?;
    linker.func_wrap(NS, "environment_id", || 0u64)?;
    linker.func_wrap(NS, "link", |mut c: Caller<'_, GuestState>, tag: i64, id: u64| {
        // Linking to a process that is gone does nothing, as in lunatic.
        if with_context(|cx| cx.link(id)) && tag != 0 {
            c.data_mut().link_tags.insert(id, tag);
        }
    })?;
    linker.func_wrap(NS, "unlink", |mut c: Caller<'_, GuestState>, id: u64| {
        with_context(|cx| cx.unlink(id));
        c.data_mut().link_tags.remove(&id);
    })?;
    linker.func_wrap(NS, "monitor", |mut c: Caller<'_, GuestState>, id: u64| {
        if c.data().monitors.contains_key(&id) {
            return;
        }
        let r = with_context(|cx| cx.monitor(id));
        c.data_mut().monitors.insert(id, r);
    })?;
    linker.func_wrap(NS, "stop_monitoring", |mut c: Caller<'_, GuestState>, id: u64| {
        if let Some(r) = c.data_mut().monitors.remove(&id) {
            with_context(|cx| cx.demonitor(r));
        }
    })?;
    linker.func_wrap(NS, "kill", |id: u64| with_context(|cx| cx.kill(id)))?;
    linker.func_wrap(NS, "exists", |id: u64| kiln_runtime::foreign::exists(id) as i32)?;
    Ok(())
}
