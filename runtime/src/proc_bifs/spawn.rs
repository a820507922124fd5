//! `spawn/1..4`, `spawn_link`, `spawn_monitor`, `spawn_opt` and their
//! option parsing.

use super::{list_elems, node_name, non_neg_small, priority_level, running, tuple_elems};
use crate::abi::{tag, ErlFn, ProcessHeader, Term, MAX_ARGS};
use crate::atom::known;
use crate::copy;
use crate::process::{signals, Process};

/// Options of `spawn_opt` (and what `spawn_link`/`spawn_monitor` imply).
#[derive(Debug, Default, Clone, Copy)]
struct SpawnOpts {
    link: bool,
    monitor: bool,
    priority: Option<u8>,
    min_heap: Option<usize>,
}

/// Parses `spawn_opt`'s option list; `None` is `badarg`.
fn spawn_opts(list: Term) -> Option<SpawnOpts> {
    let mut o = SpawnOpts::default();
    for opt in list_elems(list, 1 << 16)? {
        match crate::atom::try_name(opt) {
            Some("link") => o.link = true,
            Some("monitor") => o.monitor = true,
            Some(_) => return None,
            None => {
                let [k, v] = tuple_elems(opt)? else { return None };
                match crate::atom::try_name(*k)? {
                    "priority" => o.priority = Some(priority_level(*v)?),
                    "min_heap_size" => o.min_heap = Some(non_neg_small(*v)?),
                    "fullsweep_after" | "min_bin_vheap_size" => {
                        non_neg_small(*v)?;
                    }
                    "max_heap_size" => {
                        if non_neg_small(*v).is_none() && crate::term::map_view(*v).is_none() {
                            return None;
                        }
                    }
                    "message_queue_data" => {
                        if !matches!(crate::atom::try_name(*v), Some("on_heap" | "off_heap")) {
                            return None;
                        }
                    }
                    "monitor" => {
                        list_elems(*v, 1 << 16)?;
                        o.monitor = true;
                    }
                    _ => return None,
                }
            }
        }
    }
    Some(o)
}

/// Creates a process that starts at `code` with `args` (copied from the
/// caller's heap into the new one), sets up its links and monitors with
/// `parent`, and makes it runnable. Returns the pid, or `{Pid, Ref}` with
/// `monitor`.
fn spawn_with(parent: &mut Process, code: ErlFn, args: &[Term], opts: SpawnOpts, initial: (Term, Term, u32)) -> Term {
    let words: usize = args.iter().map(|&a| copy::size_of(a)).sum();
    let min_heap = opts.min_heap.unwrap_or(signals::DEFAULT_MIN_HEAP);
    // OTP's default minimum (233 words) is what `min_heap_size` reports, but
    // the heap starts at `heap::MIN_HEAP_WORDS` unless the spawn asks for
    // more: an idle process must stay small (see `process`, "Memory of an
    // idle process"; 233 words alone would be 1.8 KiB).
    let mut child = Process::new(words.saturating_mul(2).max(opts.min_heap.unwrap_or(0)));
    for (i, &a) in args.iter().enumerate() {
        child.header.args[i] = copy::copy_to_process(&mut child, a);
    }
    child.header.nlive = args.len() as u64;
    child.header.resume = Some(code);
    {
        let sig = &child.shared.sig;
        sig.set_priority(opts.priority.unwrap_or(1));
        sig.set_group_leader(parent.shared.sig.group_leader());
        sig.min_heap_size.store(min_heap, std::sync::atomic::Ordering::Relaxed);
        sig.lock().initial_call = Some(initial);
    }
    start_child(parent, child, opts.link, opts.monitor)
}

/// Links and monitors `child` as asked, makes it runnable, and returns what
/// a spawn BIF returns: its pid, or `{Pid, MonitorRef}` with `monitor`.
pub(crate) fn start_child(parent: &mut Process, child: Box<Process>, link: bool, monitor: bool) -> Term {
    let r = signals::spawn_relations(parent, &child, link, monitor);
    let pid = crate::scheduler::spawn(child);
    match r {
        Some(r) => {
            let rt = signals::ref_term(parent, r);
            parent.tuple(&[pid, rt])
        }
        None => pid,
    }
}

/// The start of a process spawned on a function that does not exist:
/// `args[0..3]` hold `M`, `F` and the argument list; it dies of `undef`
/// like OTP's.
unsafe extern "C" fn spawn_undef(p: *mut ProcessHeader, m: Term, f: Term, args: Term, _a3: Term) -> u64 {
    let proc = running(p);
    let frame = proc.tuple(&[m, f, args, tag::NIL]);
    let trace = proc.list(&[frame]);
    proc.raise_error(known::UNDEF);
    proc.exception.trace = trace;
    // SAFETY: `p` is the running process; nothing catches at the bottom
    // of a fresh stack, so this ends the process.
    unsafe { crate::exception::kiln_process_died(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL) }
}

/// The start of `spawn(erlang, apply, [F, Args])` (and `apply/3`):
/// `args[0..3]` hold the argument list, the function and the module
/// (`[]` for a fun).
unsafe extern "C" fn spawn_apply(p: *mut ProcessHeader, arglist: Term, f: Term, m: Term, _a3: Term) -> u64 {
    // SAFETY: `p` is the running process, at the start of its code.
    unsafe {
        let m = if m == tag::NIL { tag::NON_VALUE } else { m };
        match crate::apply::kiln_apply_list(p, m, f, arglist) {
            Some(code) => {
                let a = (*p).args;
                code(p, a[0], a[1], a[2], a[3])
            }
            None => crate::exception::kiln_process_died(p, tag::NIL, tag::NIL, tag::NIL, tag::NIL),
        }
    }
}

/// Spawns `M:F(Args...)` (or a process that dies of `undef`); `badarg`
/// for a bad `M`, `F` or argument list.
fn spawn_mfa(p: *mut ProcessHeader, m: Term, f: Term, arglist: Term, opts: SpawnOpts) -> Term {
    let parent = running(p);
    let args = match list_elems(arglist, 255) {
        Some(a) if tag::is_atom(m) && tag::is_atom(f) && a.len() < MAX_ARGS => a,
        _ => return parent.badarg(),
    };
    let initial = (m, f, args.len() as u32);
    if m == known::ERLANG && crate::atom::try_name(f) == Some("apply") && (args.len() == 2 || args.len() == 3) {
        let (am, af, al) = if args.len() == 2 { (tag::NIL, args[0], args[1]) } else { (args[0], args[1], args[2]) };
        return spawn_with(parent, spawn_apply, &[al, af, am], opts, initial);
    }
    match crate::apply::lookup(m, f, args.len() as u32) {
        Some(code) => spawn_with(parent, code, &args, opts, initial),
        None => spawn_with(parent, spawn_undef, &[m, f, arglist], opts, initial),
    }
}

/// Spawns a fun of arity 0; `badarg` for anything else.
fn spawn_fun(p: *mut ProcessHeader, fun: Term, opts: SpawnOpts) -> Term {
    let initial = (known::ERLANG, crate::atom::intern("apply"), 2);
    if let Some(info) = crate::apply::closure_info(fun) {
        if info.arity == 0 {
            // The body finds its closure at argument index `arity` = 0.
            return spawn_with(running(p), info.code, &[fun], opts, initial);
        }
    } else if let Some((m, f, 0)) = crate::apply::export_mfa(fun) {
        return spawn_mfa(p, m, f, tag::NIL, opts);
    }
    running(p).badarg()
}

/// Checks the node argument of `spawn/2,4` and `spawn_opt/3,5`: `Ok(true)`
/// for this node, `Ok(false)` for another (unreachable) node, `Err` for a
/// non-atom.
fn spawn_node(node: Term) -> Result<bool, ()> {
    if !tag::is_atom(node) {
        return Err(());
    }
    Ok(node == node_name())
}

/// What spawning on an unreachable node gives: the pid of a process that
/// never runs (as OTP's, which cannot start).
fn unreachable_pid(parent: &mut Process, opts: SpawnOpts) -> Term {
    let ghost = Process::new(0);
    let pid = ghost.pid();
    drop(ghost);
    if opts.link {
        let t = parent.tuple(&[known::EXIT_TAG, pid, crate::atom::intern("noconnection")]);
        if parent.shared.sig.trap_exit() {
            signals::send_self(parent, t);
        }
    }
    if opts.monitor {
        let r = signals::next_ref();
        let rt = signals::ref_term(parent, r);
        return parent.tuple(&[pid, rt]);
    }
    pid
}

/// `spawn/1`: a fun of arity 0.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn(p: *mut ProcessHeader, fun: Term) -> Term {
    spawn_fun(p, fun, SpawnOpts::default())
}

/// `spawn/3`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_3(p: *mut ProcessHeader, m: Term, f: Term, arglist: Term) -> Term {
    spawn_mfa(p, m, f, arglist, SpawnOpts::default())
}

/// `spawn/2`: `spawn(Node, Fun)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_2(p: *mut ProcessHeader, node: Term, fun: Term) -> Term {
    match spawn_node(node) {
        Ok(true) => spawn_fun(p, fun, SpawnOpts::default()),
        Ok(false) if crate::apply::closure_info(fun).is_some() => unreachable_pid(running(p), SpawnOpts::default()),
        _ => running(p).badarg(),
    }
}

/// `spawn/4`: `spawn(Node, M, F, Args)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_4(p: *mut ProcessHeader, node: Term, m: Term, f: Term, arglist: Term) -> Term {
    match spawn_node(node) {
        Ok(true) => spawn_mfa(p, m, f, arglist, SpawnOpts::default()),
        Ok(false) if tag::is_atom(m) && tag::is_atom(f) && list_elems(arglist, 255).is_some() => {
            unreachable_pid(running(p), SpawnOpts::default())
        }
        _ => running(p).badarg(),
    }
}

const LINK: SpawnOpts = SpawnOpts { link: true, monitor: false, priority: None, min_heap: None };
const MONITOR: SpawnOpts = SpawnOpts { link: false, monitor: true, priority: None, min_heap: None };

/// `spawn_link/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_link(p: *mut ProcessHeader, fun: Term) -> Term {
    spawn_fun(p, fun, LINK)
}

/// `spawn_link/3`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_link_3(p: *mut ProcessHeader, m: Term, f: Term, arglist: Term) -> Term {
    spawn_mfa(p, m, f, arglist, LINK)
}

/// `spawn_monitor/1`: `{Pid, Ref}`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_monitor(p: *mut ProcessHeader, fun: Term) -> Term {
    spawn_fun(p, fun, MONITOR)
}

/// `spawn_monitor/3`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_monitor_3(p: *mut ProcessHeader, m: Term, f: Term, arglist: Term) -> Term {
    spawn_mfa(p, m, f, arglist, MONITOR)
}

/// `spawn_link/2`: `spawn_link(Node, Fun)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_link_2(p: *mut ProcessHeader, node: Term, fun: Term) -> Term {
    let opts = spawn_opts_list(p, LINK);
    kiln_bif_spawn_opt_3(p, node, fun, opts)
}

/// `spawn_link/4`: `spawn_link(Node, M, F, Args)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_link_4(p: *mut ProcessHeader, node: Term, m: Term, f: Term, arglist: Term) -> Term {
    let opts = spawn_opts_list(p, LINK);
    kiln_bif_spawn_opt_5(p, node, m, f, arglist, opts)
}

/// `spawn_monitor/2`: `spawn_monitor(Node, Fun)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_monitor_2(p: *mut ProcessHeader, node: Term, fun: Term) -> Term {
    let opts = spawn_opts_list(p, MONITOR);
    kiln_bif_spawn_opt_3(p, node, fun, opts)
}

/// `spawn_monitor/4`: `spawn_monitor(Node, M, F, Args)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_monitor_4(p: *mut ProcessHeader, node: Term, m: Term, f: Term, arglist: Term) -> Term {
    let opts = spawn_opts_list(p, MONITOR);
    kiln_bif_spawn_opt_5(p, node, m, f, arglist, opts)
}

/// The option list (`[link]` or `[monitor]`) equivalent to `o`, on the
/// caller's heap.
fn spawn_opts_list(p: *mut ProcessHeader, o: SpawnOpts) -> Term {
    let atom = crate::atom::intern(if o.link { "link" } else { "monitor" });
    running(p).list(&[atom])
}

/// `spawn_opt/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_opt_2(p: *mut ProcessHeader, fun: Term, opts: Term) -> Term {
    match spawn_opts(opts) {
        Some(o) => spawn_fun(p, fun, o),
        None => running(p).badarg(),
    }
}

/// `spawn_opt/3`: `spawn_opt(Node, Fun, Opts)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_opt_3(p: *mut ProcessHeader, node: Term, fun: Term, opts: Term) -> Term {
    match (spawn_node(node), spawn_opts(opts)) {
        (Ok(true), Some(o)) => spawn_fun(p, fun, o),
        (Ok(false), Some(o)) if crate::apply::closure_info(fun).is_some() => unreachable_pid(running(p), o),
        _ => running(p).badarg(),
    }
}

/// `spawn_opt/4`: `spawn_opt(M, F, Args, Opts)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_opt_4(p: *mut ProcessHeader, m: Term, f: Term, arglist: Term, opts: Term) -> Term {
    match spawn_opts(opts) {
        Some(o) => spawn_mfa(p, m, f, arglist, o),
        None => running(p).badarg(),
    }
}

/// `spawn_opt/5`: `spawn_opt(Node, M, F, Args, Opts)`.
#[no_mangle]
pub extern "C" fn kiln_bif_spawn_opt_5(
    p: *mut ProcessHeader,
    node: Term,
    m: Term,
    f: Term,
    arglist: Term,
    opts: Term,
) -> Term {
    match (spawn_node(node), spawn_opts(opts)) {
        (Ok(true), Some(o)) => spawn_mfa(p, m, f, arglist, o),
        (Ok(false), Some(o)) if tag::is_atom(m) && tag::is_atom(f) && list_elems(arglist, 255).is_some() => {
            unreachable_pid(running(p), o)
        }
        _ => running(p).badarg(),
    }
}
