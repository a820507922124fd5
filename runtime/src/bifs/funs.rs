//! BIFs about funs and exceptions: `erlang:make_fun/3`, `fun_info/1,2`,
//! `fun_to_list/1`, `raise/3`, and `unique_integer/0,1`.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::abi::{header, tag, ProcessHeader, Term};
use crate::atom;
use crate::exception::Exception;
use crate::format::{format_term, Mode};
use crate::term::{
    atoms, bif_return, list_to_vec, make_list, make_string, make_tuple, view, BifResult, Error, TermAlloc, TermView,
};

/// `fun M:F/A` as a term.
pub fn make_export<H: TermAlloc + ?Sized>(h: &mut H, module: Term, function: Term, arity: u32) -> Term {
    let t = make_tuple(h, &[module, function, tag::small(arity as i64)]);
    // SAFETY: `t` is a fresh 3-tuple; an EXPORT object has the same layout
    // (three term words), so only the header changes.
    unsafe { *tag::boxed_ptr(t) = header::make(header::EXPORT, 3) };
    t
}

/// `erlang:make_fun(Module, Function, Arity)`.
pub fn make_fun<H: TermAlloc + ?Sized>(h: &mut H, m: Term, f: Term, a: Term) -> BifResult {
    match (tag::is_atom(m), tag::is_atom(f), view(a)) {
        (true, true, TermView::Small(n)) if (0..=255).contains(&n) => Ok(make_export(h, m, f, n as u32)),
        _ => Err(Error::Badarg),
    }
}

/// The items `erlang:fun_info/1` lists, in OTP's order, for local and
/// external funs.
const LOCAL_ITEMS: [&str; 9] = ["pid", "module", "new_index", "new_uniq", "index", "uniq", "name", "arity", "env"];
const EXTERNAL_ITEMS: [&str; 5] = ["module", "name", "arity", "env", "type"];

/// `erlang:fun_info(Fun, Item)`: `{Item, Value}`.
pub fn fun_info_item<H: TermAlloc + ?Sized>(h: &mut H, fun: Term, item: Term) -> BifResult {
    if !tag::is_atom(item) {
        return Err(Error::Badarg);
    }
    let value = match (view(fun), atom::name(item)) {
        (TermView::Fun(f), name) => {
            let info = f.info;
            match name {
                "arity" => tag::small(info.arity as i64),
                // SAFETY: `module` points at the defining module's atom slot,
                // filled in at start-up before any code runs.
                "module" => unsafe { *info.module },
                "name" => {
                    // SAFETY: the compiler emits `name`/`name_len` as a valid
                    // UTF-8 string in static data.
                    let text = unsafe { std::slice::from_raw_parts(info.name, info.name_len) };
                    atom::intern(std::str::from_utf8(text).map_err(|_| Error::Badarg)?)
                }
                "type" => atom::intern("local"),
                "env" => make_list(h, f.env),
                "index" | "new_index" => tag::small(info.index as i64),
                "uniq" | "new_uniq" => tag::small(info.uniq as i64),
                "pid" => atom::intern("undefined"),
                "refs" | "id" => return Err(Error::Badarg),
                _ => return Err(Error::Badarg),
            }
        }
        (TermView::Export { module, function, arity }, name) => match name {
            "arity" => tag::small(arity as i64),
            "module" => module,
            "name" => function,
            "type" => atom::intern("external"),
            "env" => tag::NIL,
            "pid" => atom::intern("undefined"),
            "index" | "new_index" | "uniq" | "new_uniq" => atom::intern("undefined"),
            _ => return Err(Error::Badarg),
        },
        _ => return Err(Error::Badarg),
    };
    Ok(make_tuple(h, &[item, value]))
}

/// `erlang:fun_info(Fun)`: the list of `{Item, Value}`.
pub fn fun_info<H: TermAlloc + ?Sized>(h: &mut H, fun: Term) -> BifResult {
    let items: &[&str] = match view(fun) {
        TermView::Fun(_) => &LOCAL_ITEMS,
        TermView::Export { .. } => &EXTERNAL_ITEMS,
        _ => return Err(Error::Badarg),
    };
    let mut pairs = Vec::with_capacity(items.len());
    for item in items {
        pairs.push(fun_info_item(h, fun, atom::intern(item))?);
    }
    Ok(make_list(h, &pairs))
}

/// `erlang:fun_to_list(Fun)`: the fun as `~w` prints it.
pub fn fun_to_list<H: TermAlloc + ?Sized>(h: &mut H, fun: Term) -> BifResult {
    match view(fun) {
        TermView::Fun(_) | TermView::Export { .. } => Ok(make_string(h, &format_term(fun, Mode::Write))),
        _ => Err(Error::Badarg),
    }
}

/// `erlang:raise(Class, Reason, Stacktrace)`: raises with the given trace;
/// with a bad class or trace it returns `badarg` instead, as OTP does.
#[no_mangle]
pub extern "C" fn kiln_bif_raise_3(p: *mut ProcessHeader, class: Term, reason: Term, trace: Term) -> Term {
    let Some(entries) = list_to_vec(trace) else { return atoms::BADARG };
    if !crate::exception::is_class(class) {
        return atoms::BADARG;
    }
    // SAFETY: BIF entry points are only called with the running process.
    let proc = unsafe { crate::term::process(p) };
    // OTP accepts {M, F, A} entries and stores them as {M, F, A, []}; any
    // other entry makes the stack trace invalid: raise/3 returns badarg.
    let mut normal = Vec::with_capacity(entries.len());
    for e in entries {
        match crate::term::tuple_elements(e) {
            Some(&[m, f, a]) => normal.push(proc.tuple(&[m, f, a, tag::NIL])),
            Some(&[_, _, _, _]) => normal.push(e),
            _ => return atoms::BADARG,
        }
    }
    let trace = proc.list(&normal);
    proc.exception = Exception { class, reason, trace };
    tag::NON_VALUE
}

/// The last value `erlang:unique_integer/0,1` returned, shared by every
/// process: unique and strictly increasing across the whole runtime.
static UNIQUE: AtomicI64 = AtomicI64::new(0);

/// `erlang:unique_integer(Modifiers)`: `positive` makes the value at least 1;
/// `monotonic` is implied (one counter serves both).
pub fn unique_integer(modifiers: Term) -> BifResult {
    let mods = list_to_vec(modifiers).ok_or(Error::Badarg)?;
    let (positive, monotonic) = (atom::intern("positive"), atom::intern("monotonic"));
    if mods.iter().any(|m| *m != positive && *m != monotonic) {
        return Err(Error::Badarg);
    }
    let n = UNIQUE.fetch_add(1, Ordering::Relaxed) + 1;
    // Without `positive`, OTP's values start negative; any distinct values
    // are correct, and starting at the small-integer minimum keeps them small.
    Ok(tag::small(if mods.contains(&positive) { n } else { tag::SMALL_MIN + n }))
}

#[no_mangle]
pub extern "C" fn kiln_bif_make_fun(p: *mut ProcessHeader, m: Term, f: Term, a: Term) -> Term {
    bif_return(p, |proc| make_fun(proc, m, f, a))
}

#[no_mangle]
pub extern "C" fn kiln_bif_fun_info_2(p: *mut ProcessHeader, fun: Term, item: Term) -> Term {
    bif_return(p, |proc| fun_info_item(proc, fun, item))
}

#[no_mangle]
pub extern "C" fn kiln_bif_fun_info(p: *mut ProcessHeader, fun: Term) -> Term {
    bif_return(p, |proc| fun_info(proc, fun))
}

#[no_mangle]
pub extern "C" fn kiln_bif_fun_to_list(p: *mut ProcessHeader, fun: Term) -> Term {
    bif_return(p, |proc| fun_to_list(proc, fun))
}

#[no_mangle]
pub extern "C" fn kiln_bif_unique_integer(p: *mut ProcessHeader, modifiers: Term) -> Term {
    bif_return(p, |_| unique_integer(modifiers))
}

#[no_mangle]
pub extern "C" fn kiln_bif_unique_integer_0(p: *mut ProcessHeader) -> Term {
    bif_return(p, |_| unique_integer(tag::NIL))
}
