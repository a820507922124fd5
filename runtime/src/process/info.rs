//! `process_info/1,2`.
//!
//! About the calling process everything is read directly. About another
//! process, what it keeps in its shared half (run state, links, monitors,
//! flags, registered name, group leader, initial call) is read directly
//! too, without touching memory it owns (it may be running on another
//! scheduler). The items in [`PRIVATE_ITEMS`] (its messages, dictionary,
//! heap and stack sizes, reductions) only it can read: `process_info` of
//! another process that asks for one of them sends it a request signal
//! (`signals::request_info`), and the other process answers with
//! [`answer`] when it next handles its signals, building the values as
//! [`Target::Asked`] (its own view, with the run state the asker saw).

use std::sync::atomic::Ordering;

use crate::abi::{tag, Term};
use crate::atom::{intern, known};
use crate::process::signals::{self, default_group_leader, DEFAULT_MIN_HEAP};
use crate::process::{Process, Shared, RUNNABLE, RUNNING, WAITING};

/// The items of `process_info/1`, in OTP's order (`registered_name` comes
/// first when the process has a name).
pub const DEFAULT_ITEMS: &[&str] = &[
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

/// The priority atoms by level.
pub const PRIORITIES: [&str; 4] = ["low", "normal", "high", "max"];

/// Whether `item` is an item `process_info/2` knows.
pub fn is_item(item: Term) -> bool {
    const MORE: &[&str] = &[
        "registered_name",
        "messages",
        "monitors",
        "monitored_by",
        "memory",
        "binary",
        "catchlevel",
        "current_location",
        "current_stacktrace",
        "last_calls",
        "message_queue_data",
        "min_heap_size",
        "min_bin_vheap_size",
        "parent",
        "sequential_trace_token",
        "trace",
        "total_heap_size",
    ];
    crate::atom::try_name(item).is_some_and(|n| DEFAULT_ITEMS.contains(&n) || MORE.contains(&n))
}

/// Items only the process itself can read (see the module docs).
pub const PRIVATE_ITEMS: &[&str] = &[
    "messages",
    "message_queue_len",
    "dictionary",
    "heap_size",
    "total_heap_size",
    "stack_size",
    "memory",
    "reductions",
    "current_function",
    "current_location",
    "current_stacktrace",
    "garbage_collection",
];

/// Whether another process must answer `item` itself.
pub fn is_private(item: Term) -> bool {
    crate::atom::try_name(item).is_some_and(|n| PRIVATE_ITEMS.contains(&n))
}

/// The process asked about: the caller itself, another live process, or
/// the caller answering another's request about itself (`status` is the
/// run state the asker saw, an atom).
pub enum Target {
    Me,
    Other(std::sync::Arc<Shared>),
    Asked { status: Term },
}

/// Reductions `proc` has used, the current slice included.
pub fn reductions(proc: &Process) -> u64 {
    let slice = (crate::abi::REDUCTIONS_PER_SLICE - proc.header.reds).max(0) as u64;
    proc.shared.sig.reductions().saturating_add(slice)
}

fn mfa(proc: &mut Process, (m, f, a): (Term, Term, u32)) -> Term {
    proc.tuple(&[m, f, tag::small(i64::from(a))])
}

/// The value of one item (`item` satisfies [`is_item`]); `None` for
/// `registered_name` of a process without a name.
pub fn value(proc: &mut Process, target: &Target, item: Term) -> Option<Term> {
    let name = crate::atom::try_name(item).unwrap_or("");
    // `Asked` must not drain: it runs inside `signals::drain`, and the
    // messages that came before the request are in the queue already.
    if matches!(target, Target::Me) && matches!(name, "message_queue_len" | "messages") {
        signals::drain(proc);
    }
    let me = !matches!(target, Target::Other(_));
    let shared: std::sync::Arc<Shared> = match target {
        Target::Other(s) => s.clone(),
        _ => proc.shared.clone(),
    };
    let sig = &shared.sig;
    let small = |n: usize| tag::small(n.min(tag::SMALL_MAX as usize) as i64);
    let heap_words = if me { proc.heap.size() } else { sig.heap_words.load(Ordering::Relaxed).max(0) as usize };
    let v = match name {
        "registered_name" => return sig.registered_name(),
        "status" => match target {
            Target::Me => intern("running"),
            Target::Asked { status } => *status,
            Target::Other(_) => status_atom(&shared),
        },
        "message_queue_len" => {
            small(if me { proc.mailbox.len() } else { sig.queue_len.load(Ordering::Relaxed) + sig.inbox_count() })
        }
        "messages" => {
            if me {
                let terms: Vec<Term> = proc.mailbox.terms().collect();
                let copies: Vec<Term> = terms.into_iter().map(|t| crate::copy::copy_to_process(proc, t)).collect();
                proc.list(&copies)
            } else {
                tag::NIL
            }
        }
        "links" => {
            let links = sig.lock().links.clone();
            proc.list(&links)
        }
        "monitors" => {
            let mons = sig.lock().monitors.clone();
            let process = intern("process");
            let mut items = Vec::with_capacity(mons.len());
            for m in mons {
                let obj = if m.name == tag::NON_VALUE { m.target } else { signals::name_node(proc, m.name) };
                items.push(proc.tuple(&[process, obj]));
            }
            proc.list(&items)
        }
        "monitored_by" => {
            let by: Vec<Term> = sig.lock().monitored_by.iter().map(|&(_, p)| p).collect();
            proc.list(&by)
        }
        "memory" => small(heap_words * 8 + 2600),
        "heap_size" | "total_heap_size" => small(heap_words),
        "stack_size" => small(if me { proc.stack.used(&proc.header) } else { 2 }),
        "reductions" => small(if me { reductions(proc) as usize } else { sig.reductions() as usize }),
        "dictionary" => {
            if me {
                let pairs: Vec<(Term, Term)> = proc.dict.entries().collect();
                let items: Vec<Term> = pairs.into_iter().map(|(k, v)| proc.tuple(&[k, v])).collect();
                proc.list(&items)
            } else {
                tag::NIL
            }
        }
        "trap_exit" => {
            if sig.trap_exit() {
                known::TRUE
            } else {
                known::FALSE
            }
        }
        "error_handler" => intern("error_handler"),
        "priority" => intern(PRIORITIES[usize::from(sig.priority()).min(3)]),
        "group_leader" => sig.group_leader(),
        "current_function" | "initial_call" => {
            let ic = sig.lock().initial_call;
            let ic = ic.unwrap_or((known::ERLANG, intern("apply"), 2));
            mfa(proc, ic)
        }
        "current_location" => {
            let ic = sig.lock().initial_call.unwrap_or((known::ERLANG, intern("apply"), 2));
            proc.tuple(&[ic.0, ic.1, tag::small(i64::from(ic.2)), tag::NIL])
        }
        "garbage_collection" => {
            let keys = [intern("error_logger"), intern("kill"), intern("size")];
            let max = crate::term::make_map_sorted(proc, &keys, &[known::TRUE, known::TRUE, tag::small(0)]);
            let items = [
                proc.tuple(&[intern("max_heap_size"), max]),
                proc.tuple(&[intern("min_bin_vheap_size"), tag::small(46422)]),
                proc.tuple(&[intern("min_heap_size"), small(sig.min_heap_size.load(Ordering::Relaxed))]),
                proc.tuple(&[intern("fullsweep_after"), tag::small(65535)]),
                proc.tuple(&[intern("minor_gcs"), tag::small(0)]),
            ];
            proc.list(&items)
        }
        "min_heap_size" => small(sig.min_heap_size.load(Ordering::Relaxed)),
        "min_bin_vheap_size" => tag::small(46422),
        "current_stacktrace" => crate::exception::current_stacktrace(proc),
        "suspending" | "binary" | "sequential_trace_token" => tag::NIL,
        "catchlevel" | "trace" => tag::small(0),
        "last_calls" => known::FALSE,
        "message_queue_data" => intern("on_heap"),
        "parent" => known::UNDEFINED,
        _ => known::UNDEFINED,
    };
    let _ = (DEFAULT_MIN_HEAP, default_group_leader);
    Some(v)
}

/// `{Item, Value}` (as `process_info/2` with a list gives it; a process
/// without a name gives `{registered_name, []}`).
pub fn pair(proc: &mut Process, target: &Target, item: Term) -> Term {
    let v = value(proc, target, item).unwrap_or(tag::NIL);
    proc.tuple(&[item, v])
}

/// The run state of another process as `process_info` names it.
pub fn status_atom(shared: &Shared) -> Term {
    intern(match shared.state() {
        RUNNING => "running",
        RUNNABLE => "runnable",
        WAITING => "waiting",
        _ => "exiting",
    })
}

/// What `proc` answers to a request about itself (see the module docs):
/// `process_info/1`'s list when `all`, else the answer for `items` (one
/// item or a list of items, already checked by the asker).
pub fn answer(proc: &mut Process, items: Term, all_items: bool, status: Term) -> Term {
    let target = Target::Asked { status };
    if all_items {
        return all(proc, &target);
    }
    if tag::is_atom(items) {
        return match value(proc, &target, items) {
            Some(v) => proc.tuple(&[items, v]),
            None => tag::NIL,
        };
    }
    let mut list = Vec::new();
    let mut l = items;
    while tag::is_list(l) {
        let cell = tag::list_ptr(l);
        // SAFETY: a list term points at a two-word cons cell.
        let (h, t) = unsafe { (*cell, *cell.add(1)) };
        list.push(h);
        l = t;
    }
    let pairs: Vec<Term> = list.into_iter().map(|i| pair(proc, &target, i)).collect();
    proc.list(&pairs)
}

/// `process_info/1`'s list.
pub fn all(proc: &mut Process, target: &Target) -> Term {
    let mut items = Vec::new();
    let shared_name = match target {
        Target::Other(s) => s.sig.registered_name(),
        _ => proc.shared.sig.registered_name(),
    };
    if let Some(n) = shared_name {
        items.push(proc.tuple(&[intern("registered_name"), n]));
    }
    for name in DEFAULT_ITEMS {
        let item = intern(name);
        items.push(pair(proc, target, item));
    }
    proc.list(&items)
}
