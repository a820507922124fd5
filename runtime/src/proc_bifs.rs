//! BIFs about processes, the process dictionary, exceptions and `halt`.
//!
//! Each is `extern "C" fn(P, T...) -> T` under the symbol `bif_table`
//! names. A failing BIF records the exception and returns `NON_VALUE`.
//! BIFs never collect: their arguments are not GC roots.

use crate::abi::{header, tag, ErlFn, ProcessHeader, Term, MAX_ARGS};
use crate::atom::known;
use crate::copy;
use crate::process::info::{self, Target};
use crate::process::{registry, signals, table, Process};

/// The running process of a BIF call.
fn running<'a>(p: *mut ProcessHeader) -> &'a mut Process {
    // SAFETY: BIF entry points are only called by generated code (or the
    // runtime) with the header of the process running on this thread.
    unsafe { Process::from_header(p) }
}

/// # Reductions for long BIFs
///
/// A BIF runs to completion, so one that walks a huge list or binary
/// would hold its scheduler for as long as it takes. BIFs whose work
/// grows with their input charge reductions for it: they subtract from
/// `ProcessHeader::reds` (which may go negative), so the next function
/// entry of the caller yields (`reds <= 0`) and the slice's count (the
/// scheduler adds `REDUCTIONS_PER_SLICE - reds` to the process's
/// `reductions`) includes the work. Rates: 1 reduction per
/// [`CELLS_PER_RED`] list cells, [`BYTES_PER_RED`] bytes, or
/// [`WORDS_PER_RED`] heap words built.
pub const CELLS_PER_RED: usize = 16;
/// See [`CELLS_PER_RED`].
pub const BYTES_PER_RED: usize = 64;
/// See [`CELLS_PER_RED`] (a cons cell is 2 words).
pub const WORDS_PER_RED: usize = 2 * CELLS_PER_RED;

/// Subtracts `reds` from the running process's budget (see
/// [`CELLS_PER_RED`]).
pub fn charge(p: *mut ProcessHeader, reds: usize) {
    if reds == 0 {
        return;
    }
    let proc = running(p);
    let n = i64::try_from(reds).unwrap_or(i64::MAX / 4).min(i64::MAX / 4);
    proc.header.reds = proc.header.reds.saturating_sub(n);
}

/// The number of cons cells of `l` up to its tail (any term).
pub fn list_cells(mut l: Term) -> usize {
    let mut n = 0;
    while tag::is_list(l) {
        // SAFETY: a list term points at a two-word cons cell.
        l = unsafe { *tag::list_ptr(l).add(1) };
        n += 1;
    }
    n
}

/// Charges for walking `cells` list cells.
pub fn charge_cells(p: *mut ProcessHeader, cells: usize) {
    charge(p, cells / CELLS_PER_RED);
}

/// Charges for `bytes` bytes of binary work.
pub fn charge_bytes(p: *mut ProcessHeader, bytes: usize) {
    charge(p, bytes / BYTES_PER_RED);
}

/// Heap words allocated so far (the block's top plus fragments): BIFs
/// never collect, so the difference across a BIF is what it built.
fn alloc_mark(p: *mut ProcessHeader) -> usize {
    let proc = running(p);
    proc.header.htop as usize / std::mem::size_of::<Term>() + proc.heap.fragment_words
}

/// Runs a BIF body (`f`) and charges for the heap words it built.
pub fn charging_alloc(p: *mut ProcessHeader, f: impl FnOnce() -> Term) -> Term {
    let before = alloc_mark(p);
    let r = f();
    let built = alloc_mark(p).saturating_sub(before);
    charge(p, built / WORDS_PER_RED);
    r
}

/// `self/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_self(p: *mut ProcessHeader) -> Term {
    running(p).pid()
}

/// The name of this node: kiln programs never run distributed, so it is
/// always `nonode@nohost`, like a non-distributed `erl` or `escript`.
fn node_name() -> Term {
    crate::atom::intern(crate::etf::encode::NODE)
}

/// `node/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_node(_p: *mut ProcessHeader) -> Term {
    node_name()
}

/// `node/1`: the node of a pid, port or reference (all local); `badarg`
/// for anything else.
#[no_mangle]
pub extern "C" fn kiln_bif_node_1(p: *mut ProcessHeader, t: Term) -> Term {
    use crate::bifs::{type_test, TypeTest};
    if type_test(t, TypeTest::Pid) || type_test(t, TypeTest::Port) || type_test(t, TypeTest::Reference) {
        node_name()
    } else {
        running(p).badarg()
    }
}

/// Options of `spawn_opt` (and what `spawn_link`/`spawn_monitor` imply).
#[derive(Debug, Default, Clone, Copy)]
struct SpawnOpts {
    link: bool,
    monitor: bool,
    priority: Option<u8>,
    min_heap: Option<usize>,
}

fn priority_level(t: Term) -> Option<u8> {
    let name = crate::atom::try_name(t)?;
    crate::process::info::PRIORITIES.iter().position(|p| *p == name).map(|i| i as u8)
}

fn non_neg_small(t: Term) -> Option<usize> {
    (tag::is_small(t) && tag::small_value(t) >= 0).then(|| tag::small_value(t) as usize)
}

/// The elements of a proper list (at most `max`), or `None`.
fn list_elems(mut l: Term, max: usize) -> Option<Vec<Term>> {
    let mut out = Vec::new();
    while tag::is_list(l) {
        if out.len() >= max {
            return None;
        }
        let cell = tag::list_ptr(l);
        // SAFETY: a list term points at a two-word cons cell.
        let (h, t) = unsafe { (*cell, *cell.add(1)) };
        out.push(h);
        l = t;
    }
    (l == tag::NIL).then_some(out)
}

/// The elements of a tuple.
fn tuple_elems<'a>(t: Term) -> Option<&'a [Term]> {
    if !tag::is_boxed(t) {
        return None;
    }
    let p = tag::boxed_ptr(t);
    // SAFETY: a boxed term points at its header; a tuple's elements follow.
    unsafe {
        let h = *p;
        (h & tag::MASK == tag::HEADER && header::subtag(h) == header::TUPLE)
            .then(|| std::slice::from_raw_parts(p.add(1), header::arity(h) as usize))
    }
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
    let r = signals::spawn_relations(parent, &child, opts.link, opts.monitor);
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
pub extern "C" fn kiln_bif_spawn_opt_5(p: *mut ProcessHeader, node: Term, m: Term, f: Term, arglist: Term, opts: Term) -> Term {
    match (spawn_node(node), spawn_opts(opts)) {
        (Ok(true), Some(o)) => spawn_mfa(p, m, f, arglist, o),
        (Ok(false), Some(o)) if tag::is_atom(m) && tag::is_atom(f) && list_elems(arglist, 255).is_some() => {
            unreachable_pid(running(p), o)
        }
        _ => running(p).badarg(),
    }
}

/// `Dest ! Msg` and `erlang:send/2`: `Dest` is a pid, a registered name
/// (`badarg` if not registered) or `{Name, Node}` (dropped when `Name` is
/// not registered here or `Node` is another node, as OTP does). Sends to
/// dead processes are dropped.
#[no_mangle]
pub extern "C" fn kiln_bif_send(p: *mut ProcessHeader, dest: Term, msg: Term) -> Term {
    if tag::is_pid(dest) {
        crate::mailbox::send(dest, msg);
        return msg;
    }
    if tag::is_atom(dest) {
        return match registry::whereis(dest) {
            Some(s) => {
                crate::mailbox::deliver(&s, crate::mailbox::Message::copy_of(msg));
                msg
            }
            None => running(p).badarg(),
        };
    }
    if let Some(&[name, node]) = tuple_elems(dest) {
        if tag::is_atom(name) && tag::is_atom(node) {
            if node == node_name() {
                if let Some(s) = registry::whereis(name) {
                    crate::mailbox::deliver(&s, crate::mailbox::Message::copy_of(msg));
                }
            }
            return msg;
        }
    }
    running(p).badarg()
}

/// The options of `erlang:send/3` and `send_nosuspend/3`: whether
/// `noconnect` is among them; `None` (badarg) for anything but a proper
/// list of `noconnect` and `nosuspend`.
fn send_options(opts: Term) -> Option<bool> {
    let mut noconnect = false;
    for o in list_elems(opts, 1 << 16)? {
        match crate::atom::try_name(o) {
            Some("noconnect") => noconnect = true,
            Some("nosuspend") => {}
            _ => return None,
        }
    }
    Some(noconnect)
}

/// Whether `dest` is `{Name, Node}` for a node other than this one (never
/// connected: kiln programs are not distributed).
fn remote_dest(dest: Term) -> bool {
    matches!(tuple_elems(dest), Some(&[name, node]) if tag::is_atom(name) && tag::is_atom(node) && node != node_name())
}

/// `erlang:send/3`: sends like `!`; `ok`, or `noconnect` for another
/// node with the `noconnect` option (a local send never suspends).
#[no_mangle]
pub extern "C" fn kiln_bif_send_3(p: *mut ProcessHeader, dest: Term, msg: Term, opts: Term) -> Term {
    let Some(noconnect) = send_options(opts) else { return running(p).badarg() };
    if kiln_bif_send(p, dest, msg) == tag::NON_VALUE {
        return tag::NON_VALUE;
    }
    if noconnect && remote_dest(dest) {
        crate::atom::intern("noconnect")
    } else {
        known::OK
    }
}

/// `erlang:send_nosuspend/2`: sends like `!`; `true` (a local send never
/// suspends).
#[no_mangle]
pub extern "C" fn kiln_bif_send_nosuspend(p: *mut ProcessHeader, dest: Term, msg: Term) -> Term {
    if kiln_bif_send(p, dest, msg) == tag::NON_VALUE {
        return tag::NON_VALUE;
    }
    known::TRUE
}

/// `erlang:send_nosuspend/3`: `false` for another node with the
/// `noconnect` option, else as `send_nosuspend/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_send_nosuspend_3(p: *mut ProcessHeader, dest: Term, msg: Term, opts: Term) -> Term {
    let Some(noconnect) = send_options(opts) else { return running(p).badarg() };
    if kiln_bif_send(p, dest, msg) == tag::NON_VALUE {
        return tag::NON_VALUE;
    }
    if noconnect && remote_dest(dest) {
        known::FALSE
    } else {
        known::TRUE
    }
}

/// `make_ref/0`: a reference unique within this program run.
#[no_mangle]
pub extern "C" fn kiln_bif_make_ref(p: *mut ProcessHeader) -> Term {
    signals::ref_term(running(p), signals::next_ref())
}

/// `put/2`: the previous value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_put(p: *mut ProcessHeader, key: Term, value: Term) -> Term {
    running(p).dict.put(key, value).unwrap_or(known::UNDEFINED)
}

/// `get/1`: the value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_get(p: *mut ProcessHeader, key: Term) -> Term {
    running(p).dict.get(key).unwrap_or(known::UNDEFINED)
}

/// `erase/1`: the removed value, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_erase(p: *mut ProcessHeader, key: Term) -> Term {
    running(p).dict.erase(key).unwrap_or(known::UNDEFINED)
}

/// `get/0`: every `{Key, Value}` of the dictionary.
#[no_mangle]
pub extern "C" fn kiln_bif_get_0(p: *mut ProcessHeader) -> Term {
    let proc = running(p);
    let pairs: Vec<(Term, Term)> = proc.dict.entries().collect();
    let items: Vec<Term> = pairs.into_iter().map(|(k, v)| proc.tuple(&[k, v])).collect();
    proc.list(&items)
}

/// `get_keys/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_get_keys_0(p: *mut ProcessHeader) -> Term {
    let proc = running(p);
    let keys: Vec<Term> = proc.dict.entries().map(|(k, _)| k).collect();
    proc.list(&keys)
}

/// `get_keys/1`: the keys whose value is `Value` (`=:=`).
#[no_mangle]
pub extern "C" fn kiln_bif_get_keys_1(p: *mut ProcessHeader, value: Term) -> Term {
    let proc = running(p);
    let keys: Vec<Term> =
        proc.dict.entries().filter(|&(_, v)| crate::process::dict::exact_eq(v, value)).map(|(k, _)| k).collect();
    proc.list(&keys)
}

/// `erase/0`: empties the dictionary; returns what it held.
#[no_mangle]
pub extern "C" fn kiln_bif_erase_0(p: *mut ProcessHeader) -> Term {
    let all = kiln_bif_get_0(p);
    let proc = running(p);
    let keys: Vec<Term> = proc.dict.entries().map(|(k, _)| k).collect();
    for k in keys {
        proc.dict.erase(k);
    }
    all
}

/// `halt/0`: exit status 0.
#[no_mangle]
pub extern "C" fn kiln_bif_halt_0(p: *mut ProcessHeader) -> Term {
    kiln_bif_halt(p, tag::small(0))
}

/// `halt/1`: a non-negative integer is the exit status; a string is a
/// slogan (printed to stderr, status 1, as OTP's crash-dump halt); `abort`
/// aborts. Anything else is `badarg`. Standard output is flushed first.
#[no_mangle]
pub extern "C" fn kiln_bif_halt(p: *mut ProcessHeader, status: Term) -> Term {
    if tag::is_small(status) && tag::small_value(status) >= 0 {
        crate::start::flush_output();
        std::process::exit(tag::small_value(status) as i32);
    }
    if status == crate::atom::intern("abort") {
        crate::start::flush_output();
        std::process::abort();
    }
    if let Some(slogan) = crate::term::list_to_string(status) {
        let text = format!("Crash dump is being written to: erl_crash.dump...done\n{slogan}\n");
        crate::io_bifs::write_stderr(text.as_bytes());
        crate::start::flush_output();
        std::process::exit(1);
    }
    running(p).badarg()
}

/// `error/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_error(p: *mut ProcessHeader, reason: Term) -> Term {
    running(p).raise_error(reason)
}

/// `error/2` (the arguments would annotate the stack trace, which is empty
/// for now).
#[no_mangle]
pub extern "C" fn kiln_bif_error_2(p: *mut ProcessHeader, reason: Term, _args: Term) -> Term {
    running(p).raise_error(reason)
}

/// `error/3` (OTP 24+): the options (`error_info`) only feed error
/// reports, so this raises like `error/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_error_3(p: *mut ProcessHeader, reason: Term, _args: Term, _options: Term) -> Term {
    running(p).raise_error(reason)
}

/// `throw/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_throw(p: *mut ProcessHeader, reason: Term) -> Term {
    running(p).raise(known::THROW, reason)
}

/// `exit/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_exit(p: *mut ProcessHeader, reason: Term) -> Term {
    running(p).raise(known::EXIT, reason)
}

/// `link/1`: `noproc` for a process that is gone unless the caller traps
/// exits (then an `{'EXIT', Pid, noproc}` message comes instead).
#[no_mangle]
pub extern "C" fn kiln_bif_link(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
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

/// `register/2`.
#[no_mangle]
pub extern "C" fn kiln_bif_register(p: *mut ProcessHeader, name: Term, pid: Term) -> Term {
    if registry::register(name, pid) {
        known::TRUE
    } else {
        running(p).badarg()
    }
}

/// `unregister/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_unregister(p: *mut ProcessHeader, name: Term) -> Term {
    if tag::is_atom(name) && registry::unregister(name) {
        known::TRUE
    } else {
        running(p).badarg()
    }
}

/// `whereis/1`: the pid, or `undefined`.
#[no_mangle]
pub extern "C" fn kiln_bif_whereis(p: *mut ProcessHeader, name: Term) -> Term {
    if !tag::is_atom(name) {
        return running(p).badarg();
    }
    registry::whereis(name).map_or(known::UNDEFINED, |s| s.pid())
}

/// `registered/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_registered(p: *mut ProcessHeader) -> Term {
    let names = registry::registered();
    running(p).list(&names)
}

/// `process_flag/2`: `trap_exit`, `priority`, `min_heap_size` and the
/// flags OTP accepts that kiln does not act on; the old value.
#[no_mangle]
pub extern "C" fn kiln_bif_process_flag(p: *mut ProcessHeader, flag: Term, value: Term) -> Term {
    use std::sync::atomic::Ordering::Relaxed;
    let proc = running(p);
    let boolean = |v: Term| (v == known::TRUE || v == known::FALSE).then_some(v == known::TRUE);
    let old = match crate::atom::try_name(flag) {
        Some("trap_exit") => boolean(value).map(|b| if proc.shared.sig.set_trap_exit(b) { known::TRUE } else { known::FALSE }),
        Some("priority") => priority_level(value)
            .map(|l| crate::atom::intern(info::PRIORITIES[usize::from(proc.shared.sig.set_priority(l)).min(3)])),
        Some("min_heap_size") => {
            non_neg_small(value).map(|n| tag::small(proc.shared.sig.min_heap_size.swap(n.max(1), Relaxed) as i64))
        }
        Some("min_bin_vheap_size") => non_neg_small(value).map(|_| tag::small(46422)),
        Some("max_heap_size") => (non_neg_small(value).is_some() || crate::term::map_view(value).is_some()).then(|| {
            let keys = [crate::atom::intern("error_logger"), crate::atom::intern("kill"), crate::atom::intern("size")];
            crate::term::make_map_sorted(proc, &keys, &[known::TRUE, known::TRUE, tag::small(0)])
        }),
        Some("message_queue_data") => matches!(crate::atom::try_name(value), Some("on_heap" | "off_heap"))
            .then(|| crate::atom::intern("on_heap")),
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

/// Whether `pid` names a live process (one not ending).
fn alive(pid: Term) -> Option<std::sync::Arc<crate::process::Shared>> {
    let s = table::lookup(tag::pid_serial(pid))?;
    let gone = s.sig.is_dying() || s.sig.lock().closed;
    (!gone).then_some(s)
}

/// `is_process_alive/1`.
#[no_mangle]
pub extern "C" fn kiln_bif_is_process_alive(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(pid) {
        return proc.badarg();
    }
    if pid == proc.pid() || alive(pid).is_some() {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `processes/0`: every live process, in pid order.
#[no_mangle]
pub extern "C" fn kiln_bif_processes(p: *mut ProcessHeader) -> Term {
    let mut serials = table::serials();
    serials.sort_unstable();
    let pids: Vec<Term> = serials.into_iter().map(tag::pid).collect();
    running(p).list(&pids)
}

/// The target of `process_info`: `None` when it is gone.
fn info_target(proc: &Process, pid: Term) -> Option<Target> {
    if pid == proc.pid() {
        return Some(Target::Me);
    }
    alive(pid).map(Target::Other)
}

/// Sends a `process_info` request about `items` to another process (see
/// `stdlib/erlang.erl`): the reference of the answer to come, or
/// `undefined` when the process has ended meanwhile.
fn info_request(proc: &mut Process, target: &crate::process::Shared, items: Term, all: bool) -> Term {
    // As in OTP, where the answer is built by the target while it runs:
    // `running`, unless it was waiting (then it is woken only to answer).
    let status = if target.state() == crate::process::WAITING {
        crate::atom::intern("waiting")
    } else {
        crate::atom::intern("running")
    };
    signals::request_info(proc, target, items, all, status).unwrap_or(known::UNDEFINED)
}

/// `erlang:'$process_info'/1`, under `process_info/1` (`stdlib/erlang.erl`):
/// the list for the caller; for another process a reference (the answer
/// comes as a message, see [`info_request`]); `undefined` for a process
/// that is gone; the atom `badarg` for a non-pid (the caller raises).
#[no_mangle]
pub extern "C" fn kiln_bif_process_info(p: *mut ProcessHeader, pid: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(pid) {
        return known::BADARG;
    }
    match info_target(proc, pid) {
        Some(Target::Other(s)) => info_request(proc, &s, tag::NIL, true),
        Some(t) => info::all(proc, &t),
        None => known::UNDEFINED,
    }
}

/// `erlang:'$process_info'/2`, under `process_info/2`: one item
/// (`{Item, Value}`; `[]` for the `registered_name` of a process without
/// one) or a list of items. About another process, items only it can read
/// (`info::PRIVATE_ITEMS`) make it a request (a reference comes back, as
/// for `'$process_info'/1`). The atom `badarg` for bad arguments.
#[no_mangle]
pub extern "C" fn kiln_bif_process_info_2(p: *mut ProcessHeader, pid: Term, item: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(pid) {
        return known::BADARG;
    }
    if tag::is_atom(item) {
        if !info::is_item(item) {
            return known::BADARG;
        }
        let Some(t) = info_target(proc, pid) else { return known::UNDEFINED };
        if let Target::Other(s) = &t {
            if info::is_private(item) {
                return info_request(proc, s, item, false);
            }
        }
        return match info::value(proc, &t, item) {
            Some(v) => proc.tuple(&[item, v]),
            None => tag::NIL,
        };
    }
    let Some(items) = list_elems(item, 1 << 16).filter(|l| l.iter().all(|&i| info::is_item(i))) else {
        return known::BADARG;
    };
    let Some(t) = info_target(proc, pid) else { return known::UNDEFINED };
    if let Target::Other(s) = &t {
        if items.iter().any(|&i| info::is_private(i)) {
            return info_request(proc, s, item, false);
        }
    }
    let pairs: Vec<Term> = items.into_iter().map(|i| info::pair(proc, &t, i)).collect();
    proc.list(&pairs)
}

/// `erlang:yield/0`: a hint; the scheduler preempts by reductions anyway.
#[no_mangle]
pub extern "C" fn kiln_bif_yield(p: *mut ProcessHeader) -> Term {
    running(p).header.reds = 0;
    known::TRUE
}

/// `group_leader/0`.
#[no_mangle]
pub extern "C" fn kiln_bif_group_leader(p: *mut ProcessHeader) -> Term {
    running(p).shared.sig.group_leader()
}

/// `group_leader/2`: `group_leader(Leader, Pid)`.
#[no_mangle]
pub extern "C" fn kiln_bif_group_leader_2(p: *mut ProcessHeader, leader: Term, pid: Term) -> Term {
    let proc = running(p);
    if !tag::is_pid(leader) || !tag::is_pid(pid) {
        return proc.badarg();
    }
    if pid == proc.pid() {
        proc.shared.sig.set_group_leader(leader);
        return known::TRUE;
    }
    match alive(pid) {
        Some(s) => {
            s.sig.set_group_leader(leader);
            known::TRUE
        }
        None => proc.badarg(),
    }
}

/// `erlang:'$logger_level'/0`: the primary log level (an atom).
#[no_mangle]
pub extern "C" fn kiln_bif_logger_level(_p: *mut ProcessHeader) -> Term {
    crate::process::exit::log_level_atom()
}

/// `erlang:'$logger_set_level'/1`: `true`, or `false` for a name that is
/// not a level.
#[no_mangle]
pub extern "C" fn kiln_bif_logger_set_level(_p: *mut ProcessHeader, level: Term) -> Term {
    if crate::process::exit::set_log_level(level) {
        known::TRUE
    } else {
        known::FALSE
    }
}

/// `erlang:'$logger_emit'/2`: prints `Chardata` as a report of `Level`
/// when the primary level lets it through; `ok`.
#[no_mangle]
pub extern "C" fn kiln_bif_logger_emit(p: *mut ProcessHeader, level: Term, text: Term) -> Term {
    let Some(s) = crate::term::list_to_string(text) else { return running(p).badarg() };
    crate::process::exit::log_report(level, &s);
    known::OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_bifs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let k = proc.tuple(&[tag::small(1)]);
        assert_eq!(kiln_bif_put(p, k, tag::small(2)), known::UNDEFINED);
        assert_eq!(kiln_bif_put(p, k, tag::small(3)), tag::small(2));
        assert_eq!(kiln_bif_get(p, k), tag::small(3));
        assert_eq!(kiln_bif_erase(p, k), tag::small(3));
        assert_eq!(kiln_bif_get(p, k), known::UNDEFINED);
    }

    #[test]
    fn exception_bifs_and_badargs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        assert_eq!(kiln_bif_throw(p, tag::small(1)), tag::NON_VALUE);
        assert_eq!(proc.exception.class, known::THROW);
        assert_eq!(kiln_bif_exit(p, tag::small(2)), tag::NON_VALUE);
        assert_eq!(proc.exception.class, known::EXIT);
        assert_eq!(kiln_bif_error_2(p, tag::small(3), tag::NIL), tag::NON_VALUE);
        assert_eq!((proc.exception.class, proc.exception.reason), (known::ERROR, tag::small(3)));
        assert_eq!(kiln_bif_error_3(p, tag::small(4), tag::NIL, tag::NIL), tag::NON_VALUE);
        assert_eq!((proc.exception.class, proc.exception.reason), (known::ERROR, tag::small(4)));
        assert_eq!(kiln_bif_send(p, tag::small(1), tag::NIL), tag::NON_VALUE);
        assert_eq!(proc.exception.reason, known::BADARG);
        assert_eq!(kiln_bif_halt(p, tag::small(-1)), tag::NON_VALUE);
        assert_eq!(kiln_bif_spawn(p, tag::small(1)), tag::NON_VALUE);
        assert_eq!(kiln_bif_spawn_3(p, tag::small(1), tag::small(2), tag::NIL), tag::NON_VALUE);
        let r1 = kiln_bif_make_ref(p);
        let r2 = kiln_bif_make_ref(p);
        assert!(!crate::process::dict::exact_eq(r1, r2));
        assert!(tag::is_pid(kiln_bif_self(p)));
    }

    #[test]
    fn long_bifs_charge_reductions() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let elems: Vec<Term> = (0..3200).map(tag::small).collect();
        let l = proc.list(&elems);
        proc.header.reds = crate::abi::REDUCTIONS_PER_SLICE;
        assert_eq!(crate::bifs::data::kiln_bif_length(p, l), tag::small(3200));
        assert_eq!(proc.header.reds, crate::abi::REDUCTIONS_PER_SLICE - 200);
        // `++` copies the left list: 3200 cells, 200 more.
        let r = crate::bifs::lists::kiln_bif_append(p, l, tag::NIL);
        assert!(tag::is_list(r));
        assert_eq!(proc.header.reds, crate::abi::REDUCTIONS_PER_SLICE - 400);
        // 20 times the list is more than a slice: the budget runs out, so
        // the caller's next function entry yields.
        for _ in 0..20 {
            crate::bifs::data::kiln_bif_length(p, l);
        }
        assert!(proc.header.reds <= 0);
        // Small inputs cost nothing extra.
        proc.header.reds = 10;
        let short = proc.list(&[tag::small(1), tag::small(2)]);
        assert_eq!(crate::bifs::data::kiln_bif_length(p, short), tag::small(2));
        assert_eq!(proc.header.reds, 10);
        // A binary of 64 KiB: 1024 reductions.
        let bytes = vec![7u8; 65536];
        let bin = crate::binary::make_binary(&mut *proc, &bytes);
        proc.header.reds = 5000;
        let lst = crate::bifs::binary::kiln_bif_binary_to_list(p, bin);
        assert!(tag::is_list(lst));
        assert_eq!(proc.header.reds, 5000 - 65536 * 2 / (WORDS_PER_RED as i64));
        proc.header.reds = 5000;
        crate::bifs::binary::kiln_bif_list_to_binary(p, lst);
        assert_eq!(proc.header.reds, 5000 - 1024);
    }

    #[test]
    fn send_with_options() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let me = kiln_bif_self(p);
        let noconnect = crate::atom::intern("noconnect");
        let nosuspend = crate::atom::intern("nosuspend");
        let opts = proc.list(&[noconnect, nosuspend]);
        assert_eq!(kiln_bif_send_3(p, me, tag::small(1), opts), known::OK);
        assert_eq!(kiln_bif_send_3(p, me, tag::small(1), tag::NIL), known::OK);
        assert_eq!(kiln_bif_send_nosuspend(p, me, tag::small(1)), known::TRUE);
        let far = crate::atom::intern("x@y");
        let name = crate::atom::intern("nobody");
        let remote = proc.tuple(&[name, far]);
        assert_eq!(kiln_bif_send_3(p, remote, tag::small(1), opts), noconnect);
        assert_eq!(kiln_bif_send_3(p, remote, tag::small(1), tag::NIL), known::OK);
        assert_eq!(kiln_bif_send_nosuspend_3(p, remote, tag::small(1), opts), known::FALSE);
        assert_eq!(kiln_bif_send_nosuspend(p, remote, tag::small(1)), known::TRUE);
        let bad = proc.list(&[known::TRUE]);
        assert_eq!(kiln_bif_send_3(p, me, tag::small(1), bad), tag::NON_VALUE);
        assert_eq!(kiln_bif_send_nosuspend_3(p, me, tag::small(1), tag::small(3)), tag::NON_VALUE);
        assert_eq!(kiln_bif_send_nosuspend(p, name, tag::small(1)), tag::NON_VALUE);
        assert_eq!(proc.exception.reason, known::BADARG);
    }

    #[test]
    fn node_bifs() {
        let mut proc = Process::new(0);
        let p: *mut ProcessHeader = &mut proc.header;
        let node = kiln_bif_node(p);
        assert_eq!(crate::atom::try_name(node), Some("nonode@nohost"));
        let me = kiln_bif_self(p);
        assert_eq!(kiln_bif_node_1(p, me), node);
        let r = kiln_bif_make_ref(p);
        assert_eq!(kiln_bif_node_1(p, r), node);
        assert_eq!(kiln_bif_node_1(p, node), tag::NON_VALUE);
        assert_eq!(proc.exception.reason, known::BADARG);
        assert_eq!(kiln_bif_node_1(p, tag::small(1)), tag::NON_VALUE);
    }
}
