//! Free variables of Core expressions, for closure conversion.

use super::*;
use std::collections::BTreeSet;

/// The variables `e` uses but does not bind, in sorted order.
pub fn free_vars(e: &Expr) -> BTreeSet<Var> {
    let mut out = BTreeSet::new();
    expr(e, &mut BTreeSet::new(), &mut out);
    out
}

/// The free variables of a fun (its parameters and name are bound inside).
pub fn fun_free_vars(f: &Fun) -> BTreeSet<Var> {
    let mut bound: BTreeSet<Var> = f.params.iter().cloned().collect();
    bound.extend(f.name.iter().cloned());
    let mut out = BTreeSet::new();
    expr(&f.body, &mut bound, &mut out);
    out
}

fn operand(o: &Operand, bound: &BTreeSet<Var>, out: &mut BTreeSet<Var>) {
    if let Operand::Var(v) = o {
        if !bound.contains(v) {
            out.insert(v.clone());
        }
    }
}

fn var(v: &Var, bound: &BTreeSet<Var>, out: &mut BTreeSet<Var>) {
    if !bound.contains(v) {
        out.insert(v.clone());
    }
}

/// Variables bound by `p`, added to `bound`; `Bound` uses count as free uses.
fn pattern(p: &Pat, bound: &mut BTreeSet<Var>, out: &mut BTreeSet<Var>) {
    match p {
        Pat::Var(v) => {
            bound.insert(v.clone());
        }
        Pat::Bound(v) => var(v, bound, out),
        Pat::Wildcard | Pat::Lit(_) => {}
        Pat::Cons(h, t) => {
            pattern(h, bound, out);
            pattern(t, bound, out);
        }
        Pat::Tuple(es) => es.iter().for_each(|e| pattern(e, bound, out)),
        Pat::Alias(v, p) => {
            bound.insert(v.clone());
            pattern(p, bound, out);
        }
        Pat::Both(l, r) => {
            pattern(l, bound, out);
            pattern(r, bound, out);
        }
        Pat::Map(pairs) => {
            for (k, p) in pairs {
                expr(k, &mut bound.clone(), out);
                pattern(p, bound, out);
            }
        }
        Pat::Binary(segs) => {
            for s in segs {
                if let Some(size) = &s.size {
                    expr(size, &mut bound.clone(), out);
                }
                pattern(&s.value, bound, out);
            }
        }
    }
}

fn clause(c: &Clause, bound: &BTreeSet<Var>, out: &mut BTreeSet<Var>) {
    let mut inner = bound.clone();
    for p in &c.patterns {
        pattern(p, &mut inner, out);
    }
    for alt in &c.guards {
        for Guard::Test(g) in alt {
            expr(g, &mut inner.clone(), out);
        }
    }
    expr(&c.body, &mut inner, out);
}

fn expr(e: &Expr, bound: &mut BTreeSet<Var>, out: &mut BTreeSet<Var>) {
    match e {
        Expr::Atomic(o) => operand(o, bound, out),
        Expr::Cons(a, b) => {
            operand(a, bound, out);
            operand(b, bound, out);
        }
        Expr::Tuple(es) => es.iter().for_each(|o| operand(o, bound, out)),
        Expr::Let { var, value, body } => {
            expr(value, &mut bound.clone(), out);
            let mut inner = bound.clone();
            inner.insert(var.clone());
            expr(body, &mut inner, out);
        }
        Expr::Case { args, clauses } => {
            args.iter().for_each(|o| operand(o, bound, out));
            clauses.iter().for_each(|c| clause(c, bound, out));
        }
        Expr::Call { callee, args, .. } => {
            match callee {
                Callee::Local { .. } => {}
                Callee::LetRec(v) => var(v, bound, out),
                Callee::Remote { module, name } => {
                    operand(module, bound, out);
                    operand(name, bound, out);
                }
                Callee::Fun(f) => operand(f, bound, out),
            }
            args.iter().for_each(|o| operand(o, bound, out));
        }
        Expr::ApplyList { module, fun, args, .. } => {
            if let Some(m) = module {
                operand(m, bound, out);
            }
            operand(fun, bound, out);
            operand(args, bound, out);
        }
        Expr::Fun(f) => {
            for v in fun_free_vars(f) {
                var(&v, bound, out);
            }
        }
        Expr::LetRec { name, fun, body } => {
            let mut inner = bound.clone();
            inner.insert(name.clone());
            for v in fun_free_vars(fun) {
                var(&v, &inner, out);
            }
            expr(body, &mut inner, out);
        }
        Expr::Receive { clauses, after } => {
            clauses.iter().for_each(|c| clause(c, bound, out));
            if let Some((t, body)) = after {
                operand(t, bound, out);
                expr(body, &mut bound.clone(), out);
            }
        }
        Expr::Try { body, var: v, success, class, reason, trace, handler } => {
            expr(body, &mut bound.clone(), out);
            let mut s = bound.clone();
            s.insert(v.clone());
            expr(success, &mut s, out);
            let mut h = bound.clone();
            h.insert(class.clone());
            h.insert(reason.clone());
            h.insert(trace.clone());
            expr(handler, &mut h, out);
        }
        Expr::Catch(b) => expr(b, &mut bound.clone(), out),
        Expr::Raise { class, reason, trace, args, .. } => {
            operand(class, bound, out);
            operand(reason, bound, out);
            if let Some(t) = trace {
                operand(t, bound, out);
            }
            args.iter().flatten().for_each(|o| operand(o, bound, out));
        }
    }
}
