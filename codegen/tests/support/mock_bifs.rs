//! BIFs and term printing of the mock runtime (see `mock_runtime.rs`).

use super::*;

// ---- BIFs ----

fn small2(a: Term, b: Term) -> Option<(i64, i64)> {
    (tag::is_small(a) && tag::is_small(b)).then(|| (tag::small_value(a), tag::small_value(b)))
}

fn arith(p: P, a: Term, b: Term, op: fn(i64, i64) -> Option<i64>) -> Term {
    match small2(a, b).and_then(|(x, y)| op(x, y)).filter(|v| tag::small_fits(*v)) {
        Some(v) => tag::small(v),
        None => error(p, intern("badarith")),
    }
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_add(p: P, a: Term, b: Term) -> Term {
    arith(p, a, b, i64::checked_add)
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_sub(p: P, a: Term, b: Term) -> Term {
    arith(p, a, b, i64::checked_sub)
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_mul(p: P, a: Term, b: Term) -> Term {
    arith(p, a, b, i64::checked_mul)
}

fn order(a: Term, b: Term) -> std::cmp::Ordering {
    match small2(a, b) {
        Some((x, y)) => x.cmp(&y),
        None => a.cmp(&b),
    }
}

fn boolean(b: bool) -> Term {
    if b {
        ATOM_TRUE
    } else {
        ATOM_FALSE
    }
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_lt(_: P, a: Term, b: Term) -> Term {
    boolean(order(a, b).is_lt())
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_le(_: P, a: Term, b: Term) -> Term {
    boolean(order(a, b).is_le())
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_gt(_: P, a: Term, b: Term) -> Term {
    boolean(order(a, b).is_gt())
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_ge(_: P, a: Term, b: Term) -> Term {
    boolean(order(a, b).is_ge())
}

unsafe fn equal(a: Term, b: Term) -> bool {
    if a == b {
        return true;
    }
    if tag::is_list(a) && tag::is_list(b) {
        let (x, y) = (tag::list_ptr(a), tag::list_ptr(b));
        return equal(*x, *y) && equal(*x.add(1), *y.add(1));
    }
    if tag::is_boxed(a) && tag::is_boxed(b) {
        let (x, y) = (tag::boxed_ptr(a), tag::boxed_ptr(b));
        if *x != *y || header::subtag(*x) != header::TUPLE {
            return false;
        }
        return (1..=header::arity(*x) as usize).all(|i| equal(*x.add(i), *y.add(i)));
    }
    false
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_exact_eq(_: P, a: Term, b: Term) -> Term {
    boolean(equal(a, b))
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_exact_ne(_: P, a: Term, b: Term) -> Term {
    boolean(!equal(a, b))
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_eq(_: P, a: Term, b: Term) -> Term {
    boolean(equal(a, b))
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_ne(_: P, a: Term, b: Term) -> Term {
    boolean(!equal(a, b))
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_error(p: P, r: Term) -> Term {
    error(p, r)
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_throw(p: P, r: Term) -> Term {
    kiln_raise(p, intern("throw"), r)
}
#[no_mangle]
pub unsafe extern "C" fn kiln_bif_exit(p: P, r: Term) -> Term {
    kiln_raise(p, intern("exit"), r)
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_halt(_: P, code: Term) -> Term {
    let _ = std::io::stdout().flush();
    std::process::exit(tag::small_value(code) as i32)
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_display(_: P, t: Term) -> Term {
    println!("{}", show(t));
    ATOM_TRUE
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_self(_: P) -> Term {
    tag::pid(1)
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_send(p: P, to: Term, msg: Term) -> Term {
    if to != tag::pid(1) {
        return error(p, intern("badarg"));
    }
    pr(p).mailbox.push(msg);
    msg
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_length(p: P, l: Term) -> Term {
    let mut n = 0;
    let mut l = l;
    while tag::is_list(l) {
        n += 1;
        l = *tag::list_ptr(l).add(1);
    }
    if l != tag::NIL {
        return error(p, intern("badarg"));
    }
    tag::small(n)
}

#[no_mangle]
pub unsafe extern "C" fn kiln_bif_element(p: P, i: Term, t: Term) -> Term {
    if tag::is_small(i) && tag::is_boxed(t) && header::subtag(*tag::boxed_ptr(t)) == header::TUPLE {
        let n = header::arity(*tag::boxed_ptr(t)) as i64;
        let i = tag::small_value(i);
        if i >= 1 && i <= n {
            return *tag::boxed_ptr(t).add(i as usize);
        }
    }
    error(p, intern("badarg"))
}

pub unsafe fn unimplemented_bif(p: P, name: &str) -> Term {
    eprintln!("mock runtime: BIF {name} not implemented");
    error(p, intern("notsup"))
}

// ---- Printing ----

pub unsafe fn show(t: Term) -> String {
    let mut s = String::new();
    write_term(&mut s, t);
    s
}

unsafe fn write_term(s: &mut String, t: Term) {
    use std::fmt::Write as _;
    if tag::is_small(t) {
        let _ = write!(s, "{}", tag::small_value(t));
    } else if tag::is_atom(t) {
        s.push_str(&atom_name(t));
    } else if t == tag::NIL {
        s.push_str("[]");
    } else if tag::is_pid(t) {
        let _ = write!(s, "<0.{}.0>", tag::pid_serial(t));
    } else if tag::is_list(t) {
        s.push('[');
        let mut l = t;
        let mut first = true;
        while tag::is_list(l) {
            if !first {
                s.push(',');
            }
            first = false;
            write_term(s, *tag::list_ptr(l));
            l = *tag::list_ptr(l).add(1);
        }
        if l != tag::NIL {
            s.push('|');
            write_term(s, l);
        }
        s.push(']');
    } else if tag::is_boxed(t) {
        let h = *tag::boxed_ptr(t);
        match header::subtag(h) {
            header::TUPLE => {
                s.push('{');
                for i in 1..=header::arity(h) as usize {
                    if i > 1 {
                        s.push(',');
                    }
                    write_term(s, *tag::boxed_ptr(t).add(i));
                }
                s.push('}');
            }
            header::FUN => s.push_str("#Fun"),
            _ => {
                let _ = write!(s, "#Box<{h:#x}>");
            }
        }
    } else {
        let _ = write!(s, "#Bad<{t:#x}>");
    }
}
