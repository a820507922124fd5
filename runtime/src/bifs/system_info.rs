//! `erlang:system_info/1`: facts about the runtime, in OTP 25's shapes.
//!
//! kiln implements the BIFs of ERTS 13.1 (OTP 25), so `otp_release` is
//! `"25"` and `version` `"13.1.5"`; `system_version` is OTP's banner with
//! `[kiln]` in place of `[source]` and kiln's own scheduler counts. Items
//! follow from what kiln is:
//!
//! - schedulers: the pool's threads, all always online (wasm32: one); no
//!   dirty schedulers and no async thread pool (`dirty_*_schedulers` and
//!   `thread_pool_size` are 0);
//! - a term is a 64-bit word on every target, wasm32 included, so
//!   `wordsize` is 8 everywhere; every target is little-endian;
//! - never distributed: `creation` 0, `dist_ctrl` `[]`;
//! - time: monotonic time starts with the program (`start_time` is its
//!   value then) and the offset follows the OS clock without correction, so
//!   the warp mode is `multi_time_warp` and the offset `volatile`;
//! - no process limit but memory: `process_limit` is the largest limit OTP
//!   can be configured with (`+P 134217727`);
//! - `heap_sizes` are the sizes kiln's collector actually uses (×1.5 from
//!   64 words), not OTP's Fibonacci table; the garbage-collection settings
//!   are those of `erlang:system_flag/2` (see [`super::system_flag`]).
//!
//! Not answered (`badarg`, as for unknown items): ports (`port_count`,
//! `port_limit`, `port_parallelism`: kiln has no port table), ETS
//! (`ets_count`, `ets_limit`, `ets_always_compress`: the ETS BIFs own
//! them), allocators, `cpu_topology`, `info`/`loaded`/`procs`/`dist`
//! dumps, `check_io`, `emu_args`, `system_logger`, `driver_version`,
//! `microstate_accounting`.

use crate::abi::{tag, ProcessHeader, Term};
use crate::atom;
use crate::process::Process;
use crate::term::{
    atoms, bif_return, boolean, make_i128, make_list, make_string, make_tuple, tuple_elements, BifResult, Error,
};

use super::system_flag;

/// The ERTS release whose behaviour kiln implements.
pub const OTP_RELEASE: &str = "25";
pub const ERTS_VERSION: &str = "13.1.5";
/// `erlang:system_info(nif_version)` of OTP 25.
pub const NIF_VERSION: &str = "2.16";
/// OTP's largest configurable process limit (`+P`).
const PROCESS_LIMIT: i64 = 134_217_727;

fn a(name: &str) -> Term {
    atom::intern(name)
}

fn int(h: &mut Process, v: u64) -> Term {
    make_i128(h, i128::from(v))
}

/// `{Name, Value}`.
fn tagged(h: &mut Process, name: &str, v: u64) -> Term {
    let n = int(h, v);
    make_tuple(h, &[a(name), n])
}

/// The banner `erl` prints, naming kiln.
pub fn system_version() -> String {
    let n = crate::scheduler::current_schedulers();
    format!(
        "Erlang/OTP {OTP_RELEASE} [erts-{ERTS_VERSION}] [kiln] [64-bit] [smp:{n}:{n}] [ds:0:0:0] [async-threads:0]\n"
    )
}

/// The heap sizes (words) the collector chooses from: `gc::size_for`'s
/// progression, up to the largest a 64-bit size can hold.
pub fn heap_sizes() -> Vec<u64> {
    let mut sizes = Vec::new();
    let mut s = crate::heap::MIN_HEAP_WORDS as u64;
    while let Some(next) = s.checked_add(s / 2) {
        sizes.push(s);
        s = next;
    }
    sizes.push(s);
    sizes
}

/// `{Family, Name}` of `os:type/0`.
fn os_type() -> (&'static str, &'static str) {
    match std::env::consts::OS {
        "windows" => ("win32", "nt"),
        "macos" | "ios" => ("unix", "darwin"),
        other => ("unix", other),
    }
}

/// The OS release as `{Major, Minor, Release}` (`os:version/0`), where the
/// OS tells it.
#[cfg(unix)]
fn os_version() -> Option<[u64; 3]> {
    // SAFETY: `utsname` is plain data; `uname` fills it in.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid, writable `utsname`.
    if unsafe { libc::uname(&mut u) } != 0 {
        return None;
    }
    let release: Vec<u8> = u.release.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    Some(parse_release(&release))
}

#[cfg(not(unix))]
fn os_version() -> Option<[u64; 3]> {
    None
}

#[cfg(any(unix, test))]
/// OTP's reading of a release string: up to three dot-separated numbers,
/// each ending at the first non-digit; missing ones are 0.
fn parse_release(s: &[u8]) -> [u64; 3] {
    let mut out = [0u64; 3];
    let mut parts = s.split(|&c| c == b'.');
    for slot in out.iter_mut() {
        let Some(p) = parts.next() else { break };
        let digits: Vec<u8> = p.iter().copied().take_while(u8::is_ascii_digit).collect();
        *slot = std::str::from_utf8(&digits).ok().and_then(|d| d.parse().ok()).unwrap_or(0);
        if digits.len() < p.len() {
            break;
        }
    }
    out
}

/// Logical processors: configured, online (from the OS) and available to
/// this program (affinity and quotas). `None` where unknown (wasm32).
#[cfg(unix)]
fn logical_processors() -> Option<(u64, u64, u64)> {
    // SAFETY: `sysconf` only reads system configuration.
    let (conf, online) =
        unsafe { (libc::sysconf(libc::_SC_NPROCESSORS_CONF), libc::sysconf(libc::_SC_NPROCESSORS_ONLN)) };
    let available = std::thread::available_parallelism().map_or(online as u64, |n| n.get() as u64);
    (conf > 0 && online > 0).then_some((conf as u64, online as u64, available))
}

#[cfg(not(unix))]
fn logical_processors() -> Option<(u64, u64, u64)> {
    None
}

fn count_or_unknown(h: &mut Process, v: Option<u64>) -> Term {
    v.map_or_else(|| a("unknown"), |n| int(h, n))
}

/// `[{max_heap_size, M}, {min_bin_vheap_size, N}, {min_heap_size, N},
/// {fullsweep_after, N}]`.
fn garbage_collection(h: &mut Process) -> Term {
    let max = system_flag::max_heap_size_term(h, system_flag::max_heap_size());
    let items = [
        make_tuple(h, &[a("max_heap_size"), max]),
        tagged(h, "min_bin_vheap_size", system_flag::min_bin_vheap_size()),
        tagged(h, "min_heap_size", system_flag::min_heap_size()),
        tagged(h, "fullsweep_after", system_flag::fullsweep_after()),
    ];
    make_list(h, &items)
}

/// `[{function, F}, {clock_id, Id}, {resolution, R}, ..., {time, T}]` of
/// the OS clock behind monotonic (`system = false`) or system time.
fn time_source(h: &mut Process, system: bool) -> Term {
    let wasm = cfg!(target_family = "wasm");
    let function = if wasm { "clock_time_get" } else { "clock_gettime" };
    let clock = match (wasm, system) {
        (true, false) => "monotonic",
        (true, true) => "realtime",
        (false, false) => "CLOCK_MONOTONIC",
        (false, true) => "CLOCK_REALTIME",
    };
    let mut items = vec![make_tuple(h, &[a("function"), a(function)]), make_tuple(h, &[a("clock_id"), a(clock)])];
    items.push(tagged(h, "resolution", 1_000_000_000));
    if !system {
        items.push(make_tuple(h, &[a("extended"), a("no")]));
    }
    items.push(make_tuple(h, &[a("parallel"), a("yes")]));
    let now = if system { super::time::system_ns() } else { super::time::monotonic_ns() };
    let t = make_i128(h, now);
    items.push(make_tuple(h, &[a("time"), t]));
    make_list(h, &items)
}

/// Items about the system as a whole and how kiln was built.
fn build_item(h: &mut Process, name: &str) -> Option<Term> {
    Some(match name {
        "otp_release" => make_string(h, OTP_RELEASE),
        "version" => make_string(h, ERTS_VERSION),
        "system_version" => make_string(h, &system_version()),
        "nif_version" => make_string(h, NIF_VERSION),
        "machine" => make_string(h, "BEAM"),
        "system_architecture" => {
            let arch = format!("{}-unknown-{}", std::env::consts::ARCH, std::env::consts::OS);
            make_string(h, &arch)
        }
        "compat_rel" => tag::small(25),
        "wordsize" => tag::small(8),
        "endian" => a("little"),
        "build_type" | "emu_type" => a("opt"),
        "emu_flavor" => a("jit"),
        "debug_compiled" => boolean(cfg!(debug_assertions)),
        "c_compiler_used" => make_tuple(h, &[a("undefined"), a("undefined")]),
        "smp_support" | "threads" => boolean(!cfg!(target_family = "wasm")),
        "thread_pool_size" => tag::small(0),
        "kernel_poll" | "lock_checking" | "lock_counting" | "dynamic_trace_probes" => atoms::FALSE,
        "dynamic_trace" => a("none"),
        "heap_type" => a("private"),
        "taints" => tag::NIL,
        "os_type" => {
            let (family, os) = os_type();
            make_tuple(h, &[a(family), a(os)])
        }
        "os_version" => match os_version() {
            Some([x, y, z]) => make_tuple(h, &[tag::small(x as i64), tag::small(y as i64), tag::small(z as i64)]),
            None => make_string(h, "unknown"),
        },
        _ => return None,
    })
}

/// Items about schedulers and processors.
fn scheduler_item(h: &mut Process, name: &str) -> Option<Term> {
    let n = crate::scheduler::current_schedulers() as u64;
    let cpus = logical_processors();
    Some(match name {
        "schedulers" | "schedulers_online" => int(h, n),
        "dirty_cpu_schedulers" | "dirty_cpu_schedulers_online" | "dirty_io_schedulers" => tag::small(0),
        "scheduler_id" => int(h, crate::statistics::scheduler_id().unwrap_or(1) as u64),
        "multi_scheduling" => a(if n > 1 { "enabled" } else { "disabled" }),
        "multi_scheduling_blockers" | "normal_multi_scheduling_blockers" => tag::NIL,
        "scheduler_bind_type" => a("unbound"),
        "scheduler_bindings" => {
            let unbound: Vec<Term> = (0..n).map(|_| a("unbound")).collect();
            make_tuple(h, &unbound)
        }
        "logical_processors" => count_or_unknown(h, cpus.map(|c| c.0)),
        "logical_processors_online" => count_or_unknown(h, cpus.map(|c| c.1)),
        "logical_processors_available" => count_or_unknown(h, cpus.map(|c| c.2)),
        "cpu_quota" => a("unknown"),
        "update_cpu_info" => a("unchanged"),
        _ => return None,
    })
}

/// Items about memory, processes, atoms and garbage collection.
fn memory_item(h: &mut Process, name: &str) -> Option<Term> {
    Some(match name {
        "process_count" => int(h, crate::process::table::count() as u64),
        "process_limit" => tag::small(PROCESS_LIMIT),
        "atom_count" => int(h, atom::count() as u64),
        "atom_limit" => int(h, atom::MAX_ATOMS as u64),
        "heap_sizes" => {
            let sizes: Vec<Term> = heap_sizes().into_iter().map(|s| int(h, s)).collect();
            make_list(h, &sizes)
        }
        "min_heap_size" => tagged(h, "min_heap_size", system_flag::min_heap_size()),
        "min_bin_vheap_size" => tagged(h, "min_bin_vheap_size", system_flag::min_bin_vheap_size()),
        "fullsweep_after" => tagged(h, "fullsweep_after", system_flag::fullsweep_after()),
        "max_heap_size" => system_flag::max_heap_size_term(h, system_flag::max_heap_size()),
        "garbage_collection" => garbage_collection(h),
        "message_queue_data" => a("on_heap"),
        _ => return None,
    })
}

/// Items about time, distribution and tracing.
fn runtime_item(h: &mut Process, name: &str) -> Option<Term> {
    Some(match name {
        "start_time" => {
            // Monotonic time now, less the time since the start.
            let since_start = crate::statistics::start().elapsed().as_nanos() as i128;
            make_i128(h, (super::time::monotonic_ns() - since_start).max(0))
        }
        "time_offset" => a("volatile"),
        "time_warp_mode" => a("multi_time_warp"),
        "time_correction" => atoms::FALSE,
        "tolerant_timeofday" => a("disabled"),
        "os_monotonic_time_source" => time_source(h, false),
        "os_system_time_source" => time_source(h, true),
        "creation" => tag::small(0),
        "dist_ctrl" => tag::NIL,
        "sequential_tracer" => make_tuple(h, &[a("sequential_tracer"), atoms::FALSE]),
        "trace_control_word" => int(h, system_flag::trace_control_word()),
        "modified_timing_level" => a("undefined"),
        _ => return None,
    })
}

/// `{wordsize, internal | external}`: 8 either way.
fn tuple_item(item: Term) -> Option<Term> {
    match tuple_elements(item)? {
        [k, v] if atom::try_name(*k) == Some("wordsize") => {
            matches!(atom::try_name(*v), Some("internal" | "external")).then_some(tag::small(8))
        }
        _ => None,
    }
}

/// `erlang:system_info(Item)` in process `proc`.
pub fn system_info(proc: &mut Process, item: Term) -> BifResult {
    let Some(name) = atom::try_name(item) else {
        return tuple_item(item).ok_or(Error::Badarg);
    };
    build_item(proc, name)
        .or_else(|| scheduler_item(proc, name))
        .or_else(|| memory_item(proc, name))
        .or_else(|| runtime_item(proc, name))
        .ok_or(Error::Badarg)
}

#[no_mangle]
pub extern "C" fn kiln_bif_system_info(p: *mut ProcessHeader, item: Term) -> Term {
    bif_return(p, |proc| system_info(proc, item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::list_to_string;

    #[test]
    fn release_strings_parse_like_otp() {
        assert_eq!(parse_release(b"6.18.44-generic"), [6, 18, 44]);
        assert_eq!(parse_release(b"5.10"), [5, 10, 0]);
        assert_eq!(parse_release(b"4-x.9"), [4, 0, 0]);
    }

    #[test]
    fn heap_sizes_grow_by_half_from_the_minimum() {
        let s = heap_sizes();
        assert_eq!(&s[..3], &[64, 96, 144]);
        assert!(s.windows(2).all(|w| w[1] == w[0] + w[0] / 2));
    }

    #[test]
    fn answers_and_badargs() {
        let mut proc = Process::new(0);
        let p = &mut *proc;
        let rel = system_info(p, a("otp_release")).unwrap();
        assert_eq!(list_to_string(rel).unwrap(), "25");
        assert_eq!(system_info(p, a("wordsize")), Ok(tag::small(8)));
        let ws = make_tuple(p, &[a("wordsize"), a("external")]);
        assert_eq!(system_info(p, ws), Ok(tag::small(8)));
        let bad = make_tuple(p, &[a("wordsize"), a("x")]);
        assert_eq!(system_info(p, bad), Err(Error::Badarg));
        assert_eq!(system_info(p, a("no_such_item")), Err(Error::Badarg));
        assert_eq!(system_info(p, tag::small(1)), Err(Error::Badarg));
        assert!(list_to_string(system_info(p, a("system_version")).unwrap()).unwrap().starts_with("Erlang/OTP 25 "));
    }
}
