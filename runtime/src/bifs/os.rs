//! The `os` module's BIFs: `os:env/0`, `getenv/1`, `putenv/2`,
//! `unsetenv/1`, `getpid/0` and `perf_counter/0` (OTP's `os.erl`, compiled
//! from OTP's sources, builds `getenv/0,2`, `type/0`, `version/0` and
//! `perf_counter/1` on these and on `erlang:system_info/1`).
//!
//! Names and values are (possibly deep) lists of Unicode characters, as in
//! OTP, and reach the OS encoded as UTF-8. OTP's rules for bad input: a
//! name containing `=` or NUL, or a value containing NUL, is `badarg`; an
//! empty name is never set (`putenv` and `unsetenv` still answer `true`,
//! `getenv` answers `false`). The environment is the process's own, shared
//! by every scheduler thread (Rust's `std::env` serialises access to it).

use crate::abi::{tag, ProcessHeader, Term};
use crate::term::{atoms, bif_return, make_list, make_string, make_tuple, view, BifResult, Error, TermAlloc, TermView};

/// The text of a deep list of characters.
fn deep_chars(t: Term, out: &mut String) -> Result<(), Error> {
    let mut rest = t;
    loop {
        match view(rest) {
            TermView::Nil => return Ok(()),
            TermView::Cons(head, tail) => {
                if tag::is_small(head) {
                    out.push(crate::term::char_code(head).ok_or(Error::Badarg)?);
                } else if matches!(view(head), TermView::Cons(..) | TermView::Nil) {
                    deep_chars(head, out)?;
                } else {
                    return Err(Error::Badarg);
                }
                rest = tail;
            }
            _ => return Err(Error::Badarg),
        }
    }
}

/// A variable name: no `=` and no NUL (empty is allowed).
fn name_of(t: Term) -> Result<String, Error> {
    let mut s = String::new();
    deep_chars(t, &mut s)?;
    if s.contains(['=', '\0']) {
        return Err(Error::Badarg);
    }
    Ok(s)
}

/// A value: no NUL.
fn value_of(t: Term) -> Result<String, Error> {
    let mut s = String::new();
    deep_chars(t, &mut s)?;
    if s.contains('\0') {
        return Err(Error::Badarg);
    }
    Ok(s)
}

/// `os:getenv(Name)`: the value, or `false`.
pub fn getenv<H: TermAlloc + ?Sized>(h: &mut H, name: Term) -> BifResult {
    let name = name_of(name)?;
    if name.is_empty() {
        return Ok(atoms::FALSE);
    }
    match std::env::var_os(&name) {
        Some(v) => Ok(make_string(h, &v.to_string_lossy())),
        None => Ok(atoms::FALSE),
    }
}

/// `os:putenv(Name, Value)`.
pub fn putenv(name: Term, value: Term) -> BifResult {
    let (name, value) = (name_of(name)?, value_of(value)?);
    if !name.is_empty() {
        std::env::set_var(name, value);
    }
    Ok(atoms::TRUE)
}

/// `os:unsetenv(Name)`.
pub fn unsetenv(name: Term) -> BifResult {
    let name = name_of(name)?;
    if !name.is_empty() {
        std::env::remove_var(name);
    }
    Ok(atoms::TRUE)
}

/// `os:env()`: `[{Name, Value}]`.
pub fn env<H: TermAlloc + ?Sized>(h: &mut H) -> BifResult {
    let pairs: Vec<Term> = std::env::vars_os()
        .map(|(k, v)| {
            let (k, v) = (make_string(h, &k.to_string_lossy()), make_string(h, &v.to_string_lossy()));
            make_tuple(h, &[k, v])
        })
        .collect();
    Ok(make_list(h, &pairs))
}

#[no_mangle]
pub extern "C" fn kiln_bif_os_env(p: *mut ProcessHeader) -> Term {
    bif_return(p, env)
}

#[no_mangle]
pub extern "C" fn kiln_bif_os_getenv(p: *mut ProcessHeader, name: Term) -> Term {
    bif_return(p, |proc| getenv(proc, name))
}

#[no_mangle]
pub extern "C" fn kiln_bif_os_putenv(p: *mut ProcessHeader, name: Term, value: Term) -> Term {
    bif_return(p, |_| putenv(name, value))
}

#[no_mangle]
pub extern "C" fn kiln_bif_os_unsetenv(p: *mut ProcessHeader, name: Term) -> Term {
    bif_return(p, |_| unsetenv(name))
}

/// `os:getpid()`: the OS process id as a string (wasm32: WASI has no
/// process ids; `"1"`, the only process there is).
#[no_mangle]
pub extern "C" fn kiln_bif_os_getpid(p: *mut ProcessHeader) -> Term {
    let pid = if cfg!(target_family = "wasm") { 1 } else { std::process::id() };
    bif_return(p, |proc| Ok(make_string(proc, &pid.to_string())))
}

/// `os:perf_counter()`: the monotonic clock in `perf_counter` units
/// (nanoseconds, like the native unit; see [`super::time`]).
#[no_mangle]
pub extern "C" fn kiln_bif_os_perf_counter(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(crate::term::make_i128(proc, super::time::monotonic_ns())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::list_to_string;
    use crate::term::testing::TestHeap;

    #[test]
    fn put_get_unset_round_trip() {
        let mut h = TestHeap::new();
        let name = make_string(&mut h, "KILN_OS_TEST_VAR");
        let value = make_string(&mut h, "a=b λ");
        assert_eq!(putenv(name, value), Ok(atoms::TRUE));
        assert_eq!(list_to_string(getenv(&mut h, name).unwrap()).unwrap(), "a=b λ");
        assert_eq!(unsetenv(name), Ok(atoms::TRUE));
        assert_eq!(getenv(&mut h, name), Ok(atoms::FALSE));
    }

    #[test]
    fn otp_rules_for_bad_names_and_values() {
        let mut h = TestHeap::new();
        let empty = tag::NIL;
        let v = make_string(&mut h, "v");
        assert_eq!(putenv(empty, v), Ok(atoms::TRUE));
        assert_eq!(getenv(&mut h, empty), Ok(atoms::FALSE));
        let eq = make_string(&mut h, "A=B");
        assert_eq!(putenv(eq, v), Err(Error::Badarg));
        assert_eq!(unsetenv(eq), Err(Error::Badarg));
        let nul = make_list(&mut h, &[tag::small(118), tag::small(0)]);
        let x = make_string(&mut h, "X");
        assert_eq!(putenv(x, nul), Err(Error::Badarg));
        assert_eq!(getenv(&mut h, crate::atom::intern("foo")), Err(Error::Badarg));
        let fo = make_string(&mut h, "KILN_OS_DEEP");
        let o = make_string(&mut h, "X");
        let deep = make_list(&mut h, &[fo, o]);
        assert_eq!(putenv(deep, v), Ok(atoms::TRUE));
        let flat = make_string(&mut h, "KILN_OS_DEEPX");
        assert_eq!(list_to_string(getenv(&mut h, flat).unwrap()).unwrap(), "v");
    }
}
