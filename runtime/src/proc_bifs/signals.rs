//! Exit signals, links, monitors and flags: `exit/2`, `link`, `unlink`,
//! `monitor`, `demonitor`, aliases and `process_flag`.

use super::{list_elems, node_name, non_neg_small, priority_level, running, tuple_elems};
use crate::abi::{tag, ProcessHeader, Term};
use crate::atom::known;
use crate::process::{info, registry, signals};

/// `link/1`: `noproc` for a process that is gone unless the caller traps
/// exits (then an `{'EXIT', Pid, noproc}` message comes instead).
#[no_mangle]
pub extern "C" fn kiln_bif_link(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
    if crate::port::is_port(pid) {
        return crate::bifs::port::link(proc, pid);
    }
    if !tag::is_pid(pid) {
        return proc.badarg();
    }
    match signals::link(proc, pid) {
        Ok(()) => known::TRUE,
        Err(()) => proc.raise_error(signals::NOPROC),
    }
}

/// `unlink/1`: always `true` for a pid; messages already received stay.
#[no_mangle]
pub extern "C" fn kiln_bif_unlink(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
    if crate::port::is_port(pid) {
        return crate::bifs::port::unlink(proc, pid);
    }
    if !tag::is_pid(pid) {
        return proc.badarg();
    }
    signals::unlink(proc, pid);
    known::TRUE
}

/// `exit/2`: sends an exit signal; to the caller itself it takes effect
/// at once.
#[no_mangle]
pub extern "C" fn kiln_bif_exit_2(p: *mut ProcessHeader, pid: Term, reason: Term) -> Term {
    let proc = running(p);
    if crate::port::is_port(pid) {
        return crate::bifs::port::exit(proc, pid, reason);
    }
    if !tag::is_pid(pid) {
        return proc.badarg();
    }
    if pid == proc.pid() {
        return match signals::exit_self(proc, reason) {
            Ok(()) => known::TRUE,
            Err(nv) => nv,
        };
    }
    signals::exit_other(proc, pid, reason);
    known::TRUE
}

/// `monitor/2` (type `process` only): by pid, registered name, or
/// `{Name, Node}`.
#[no_mangle]
pub extern "C" fn kiln_bif_monitor(p: *mut ProcessHeader, kind: Term, item: Term) -> Term {
    let proc = running(p);
    if crate::atom::try_name(kind) == Some("port") {
        return crate::bifs::port::monitor(proc, item);
    }
    if crate::atom::try_name(kind) != Some("process") {
        return proc.badarg();
    }
    if tag::is_pid(item) {
        return signals::monitor(proc, item, tag::NON_VALUE);
    }
    let name = if tag::is_atom(item) {
        item
    } else {
        match tuple_elems(item) {
            Some(&[name, node]) if tag::is_atom(name) && tag::is_atom(node) => {
                if node != node_name() {
                    let r = signals::next_ref();
                    let rt = signals::ref_term(proc, r);
                    let obj = proc.tuple(&[name, node]);
                    let process = crate::atom::intern("process");
                    let msg = proc.tuple(&[signals::DOWN, rt, process, obj, crate::atom::intern("noconnection")]);
                    signals::send_self(proc, msg);
                    return rt;
                }
                name
            }
            _ => return proc.badarg(),
        }
    };
    let pid = registry::whereis(name).map_or(tag::NON_VALUE, |s| s.pid());
    signals::monitor(proc, pid, name)
}

/// `monitor/3` (type `process`): `monitor/2` with options; OTP 25's
/// `{alias, explicit_unalias | demonitor | reply_demonitor}` makes the
/// reference an alias of the caller too (see `process::alias`).
#[no_mangle]
pub extern "C" fn kiln_bif_monitor_3(p: *mut ProcessHeader, kind: Term, item: Term, opts: Term) -> Term {
    use crate::process::alias::Mode;
    let Some(opts) = list_elems(opts, 1 << 16) else { return running(p).badarg() };
    let mut alias = None;
    for o in opts {
        match tuple_elems(o) {
            Some(&[k, v]) if crate::atom::try_name(k) == Some("alias") => {
                alias = Some(match crate::atom::try_name(v) {
                    Some("explicit_unalias") => Mode::Explicit,
                    Some("demonitor") => Mode::Demonitor,
                    Some("reply_demonitor") => Mode::Reply,
                    _ => return running(p).badarg(),
                })
            }
            _ => return running(p).badarg(),
        }
    }
    let r = kiln_bif_monitor(p, kind, item);
    if let (Some(mode), Some(n)) = (alias, signals::ref_number(r)) {
        crate::process::alias::activate(running(p), n, mode);
    }
    r
}

/// `alias/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_alias_0(p: *mut ProcessHeader) -> Term {
    kiln_bif_alias(p, tag::NIL)
}

/// `alias/1` with options `explicit_unalias` (the default) and `reply`.
#[no_mangle]
pub extern "C" fn kiln_bif_alias(p: *mut ProcessHeader, opts: Term) -> Term {
    use crate::process::alias::Mode;
    let proc = running(p);
    let Some(opts) = list_elems(opts, 1 << 16) else { return proc.badarg() };
    let mut mode = Mode::Explicit;
    for o in opts {
        match crate::atom::try_name(o) {
            Some("explicit_unalias") => mode = Mode::Explicit,
            Some("reply") => mode = Mode::Reply,
            _ => return proc.badarg(),
        }
    }
    let r = signals::next_ref();
    let t = signals::ref_term(proc, r);
    crate::process::alias::activate(proc, r, mode);
    t
}

/// `unalias/1`: whether the alias was active.
#[no_mangle]
pub extern "C" fn kiln_bif_unalias(p: *mut ProcessHeader, r: Term) -> Term {
    let proc = running(p);
    let Some(n) = signals::ref_number(r) else { return proc.badarg() };
    if crate::process::alias::deactivate(proc, n) {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `demonitor/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_demonitor(p: *mut ProcessHeader, r: Term) -> Term {
    kiln_bif_demonitor_2(p, r, tag::NIL)
}

/// `demonitor/2` with options `flush` and `info`.
#[no_mangle]
pub extern "C" fn kiln_bif_demonitor_2(p: *mut ProcessHeader, r: Term, opts: Term) -> Term {
    let proc = running(p);
    let (Some(n), Some(opts)) = (signals::ref_number(r), list_elems(opts, 1 << 16)) else {
        return proc.badarg();
    };
    let (mut flush, mut info) = (false, false);
    for o in opts {
        match crate::atom::try_name(o) {
            Some("flush") => flush = true,
            Some("info") => info = true,
            _ => return proc.badarg(),
        }
    }
    let found = signals::demonitor(proc, n);
    if flush {
        signals::flush_down(proc, n);
    }
    if !info || found {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `process_flag/2`: `trap_exit`, `priority`, `min_heap_size` and the
/// flags OTP accepts that kiln does not act on; the old value.
#[no_mangle]
pub extern "C" fn kiln_bif_process_flag(p: *mut ProcessHeader, flag: Term, value: Term) -> Term {
    use std::sync::atomic::Ordering::Relaxed;
    let proc = running(p);
    let boolean = |v: Term| (v == known::TRUE || v == known::FALSE).then_some(v == known::TRUE);
    let old = match crate::atom::try_name(flag) {
        Some("trap_exit") => {
            boolean(value).map(|b| if proc.shared.sig.set_trap_exit(b) { known::TRUE } else { known::FALSE })
        }
        Some("priority") => priority_level(value)
            .map(|l| crate::atom::intern(info::PRIORITIES[usize::from(proc.shared.sig.set_priority(l)).min(3)])),
        Some("min_heap_size") => {
            non_neg_small(value).map(|n| tag::small(proc.shared.sig.min_heap_size.swap(n.max(1), Relaxed) as i64))
        }
        Some("min_bin_vheap_size") => non_neg_small(value).map(|_| tag::small(46422)),
        Some("max_heap_size") => {
            (non_neg_small(value).is_some() || crate::term::map_view(value).is_some()).then(|| {
                let keys =
                    [crate::atom::intern("error_logger"), crate::atom::intern("kill"), crate::atom::intern("size")];
                crate::term::make_map_sorted(proc, &keys, &[known::TRUE, known::TRUE, tag::small(0)])
            })
        }
        Some("message_queue_data") => {
            matches!(crate::atom::try_name(value), Some("on_heap" | "off_heap")).then(|| crate::atom::intern("on_heap"))
        }
        Some("save_calls") => non_neg_small(value).filter(|&n| n <= 10_000).map(|_| tag::small(0)),
        Some("sensitive") => boolean(value).map(|_| known::FALSE),
        Some("error_handler") => tag::is_atom(value).then(|| crate::atom::intern("error_handler")),
        _ => None,
    };
    match old {
        Some(v) => v,
        None => proc.badarg(),
    }
}
