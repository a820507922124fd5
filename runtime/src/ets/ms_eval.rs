//! Running a compiled match specification against one term, as OTP's
//! match engine does: clauses are tried in order; a clause matches when
//! its head matches and every guard evaluates to `true` (a guard that fails
//! or returns anything else rejects the clause); the result is the value of
//! the clause's last body expression. In the body a failing call does not
//! reject the clause: its value is the atom `'EXIT'`.
//!
//! Terms are built in the given allocator (scratch memory, see
//! [`super::scratch`]); bound variables point into the matched term.

use super::ms_compile::{Clause, Expr, MatchSpec, Pat};
use crate::abi::{tag, Term};
use crate::atom::known;
use crate::compare::exact_eq;
use crate::term::{atoms, cons, make_list, make_map_from_pairs, make_tuple, map_view, view, TermAlloc, TermView};

/// What expressions can refer to.
struct Env<'a> {
    self_pid: Term,
    whole: Term,
    vars: &'a [Term],
    bound: &'a [u32],
}

impl MatchSpec {
    /// The result of the first clause that matches `obj`, built in `h`;
    /// `None` when none does. `vars` is reusable workspace.
    pub fn run<H: TermAlloc + ?Sized>(
        &self,
        obj: Term,
        self_pid: Term,
        h: &mut H,
        vars: &mut Vec<Term>,
    ) -> Option<Term> {
        self.clauses.iter().find_map(|c| run_clause(c, self.nvars, obj, self_pid, h, vars))
    }
}

fn run_clause<H: TermAlloc + ?Sized>(
    c: &Clause,
    nvars: usize,
    obj: Term,
    self_pid: Term,
    h: &mut H,
    vars: &mut Vec<Term>,
) -> Option<Term> {
    vars.clear();
    vars.resize(nvars, tag::NON_VALUE);
    if !matches(&c.head, obj, vars) {
        return None;
    }
    let env = Env { self_pid, whole: obj, vars, bound: &c.bound };
    for g in &c.guards {
        if eval(g, &env, h, false)? != atoms::TRUE {
            return None;
        }
    }
    let last = c.body.last()?;
    eval(last, &env, h, true)
}

/// Whether `t` matches `p`, binding variables.
fn matches(p: &Pat, t: Term, vars: &mut [Term]) -> bool {
    match p {
        Pat::Skip => true,
        Pat::Bind(s) => {
            vars[*s as usize] = t;
            true
        }
        Pat::Cmp(s) => exact_eq(vars[*s as usize], t),
        Pat::Eq(c) => *c == t || exact_eq(*c, t),
        Pat::Tuple(ps) => match view(t) {
            TermView::Tuple(es) if es.len() == ps.len() => ps.iter().zip(es).all(|(p, &e)| matches(p, e, vars)),
            _ => false,
        },
        Pat::Cons(hp, tp) => match view(t) {
            TermView::Cons(hd, tl) => matches(hp, hd, vars) && matches(tp, tl, vars),
            _ => false,
        },
        Pat::Map(pairs) => match map_view(t) {
            Some(m) => pairs.iter().all(|(k, p)| m.get(*k).is_some_and(|v| matches(p, v, vars))),
            None => false,
        },
    }
}

/// Evaluates `e`; `None` is a failure (only outside the body: in the body,
/// `catch`, failures are `'EXIT'`).
fn eval<H: TermAlloc + ?Sized>(e: &Expr, env: &Env<'_>, h: &mut H, catch: bool) -> Option<Term> {
    let fail = || if catch { Some(known::EXIT_TAG) } else { None };
    match e {
        Expr::Const(t) => Some(*t),
        Expr::Var(s) => Some(env.vars[*s as usize]),
        Expr::Whole => Some(env.whole),
        Expr::SelfPid => Some(env.self_pid),
        Expr::AllBindings => {
            let vals: Vec<Term> = env.bound.iter().map(|&s| env.vars[s as usize]).collect();
            Some(make_list(h, &vals))
        }
        Expr::Tuple(es) => {
            let vals = eval_all(es, env, h, catch)?;
            Some(make_tuple(h, &vals))
        }
        Expr::Cons(hd, tl) => {
            let (hv, tv) = (eval(hd, env, h, catch)?, eval(tl, env, h, catch)?);
            Some(cons(h, hv, tv))
        }
        Expr::Map(pairs) => {
            let mut kvs = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                kvs.push((eval(k, env, h, catch)?, eval(v, env, h, catch)?));
            }
            Some(make_map_from_pairs(h, kvs))
        }
        Expr::Call(f, args) => {
            let vals = eval_all(args, env, h, catch)?;
            f.call(h, &vals).ok().or_else(fail)
        }
        Expr::And(args) | Expr::Or(args) => {
            let is_and = matches!(e, Expr::And(_));
            let vals = eval_all(args, env, h, catch)?;
            if vals.iter().any(|&v| v != atoms::TRUE && v != atoms::FALSE) {
                return fail();
            }
            let result = if is_and { vals.iter().all(|&v| v == atoms::TRUE) } else { vals.contains(&atoms::TRUE) };
            Some(crate::term::boolean(result))
        }
        Expr::AndAlso(args) | Expr::OrElse(args) => {
            let stop = if matches!(e, Expr::AndAlso(_)) { atoms::FALSE } else { atoms::TRUE };
            let (last, init) = args.split_last()?;
            for a in init {
                match eval(a, env, h, catch)? {
                    v if v == stop => return Some(stop),
                    atoms::TRUE | atoms::FALSE => {}
                    _ => return fail(),
                }
            }
            eval(last, env, h, catch)
        }
    }
}

fn eval_all<H: TermAlloc + ?Sized>(es: &[Expr], env: &Env<'_>, h: &mut H, catch: bool) -> Option<Vec<Term>> {
    es.iter().map(|e| eval(e, env, h, catch)).collect()
}
