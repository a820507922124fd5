//! The variable names an AST fragment mentions, in any position (bound or
//! used). Lowering uses it to find which variables bound inside a `case`,
//! `if` or `receive` are needed after it: exporting only those keeps a call
//! in a clause body a tail call when nothing after the construct needs the
//! clause's bindings.

use crate::ast::*;
use std::collections::HashSet;

/// Adds every variable name in `e` to `out` (`_` excluded).
pub fn collect(e: &Expr, out: &mut HashSet<String>) {
    use ExprKind as K;
    match &e.kind {
        K::Var(v) => {
            if v != "_" {
                out.insert(v.clone());
            }
        }
        K::Integer(_)
        | K::Float(_)
        | K::Char(_)
        | K::String(_)
        | K::Atom(_)
        | K::Nil
        | K::RecordIndex { .. }
        | K::FunRef { .. } => {}
        K::Cons(a, b) | K::Match(a, b) | K::MaybeMatch(a, b) | K::BinOp(_, a, b) | K::Remote(a, b) => {
            collect(a, out);
            collect(b, out);
        }
        K::UnOp(_, a) | K::Catch(a) => collect(a, out),
        K::Tuple(es) | K::Block(es) => exprs(es, out),
        K::Binary(elems) => {
            for el in elems {
                collect(&el.value, out);
                if let Some(s) = &el.size {
                    collect(s, out);
                }
            }
        }
        K::Map { base, fields } => {
            if let Some(b) = base {
                collect(b, out);
            }
            for f in fields {
                collect(&f.key, out);
                collect(&f.value, out);
            }
        }
        K::Record { base, fields, .. } => {
            if let Some(b) = base {
                collect(b, out);
            }
            fields.iter().for_each(|f| collect(&f.value, out));
        }
        K::RecordAccess { expr, .. } => collect(expr, out),
        K::Call { fun, args } => {
            collect(fun, out);
            exprs(args, out);
        }
        K::Case { expr, clauses } => {
            collect(expr, out);
            clauses.iter().for_each(|c| clause(c, out));
        }
        K::If(clauses) => clauses.iter().for_each(|c| clause(c, out)),
        K::Receive { clauses, after } => {
            clauses.iter().for_each(|c| clause(c, out));
            if let Some(a) = after {
                collect(&a.timeout, out);
                exprs(&a.body, out);
            }
        }
        K::Try { body, of_clauses, catch_clauses, after } => {
            exprs(body, out);
            of_clauses.iter().for_each(|c| clause(c, out));
            for c in catch_clauses {
                for p in c.class.iter().chain(std::iter::once(&c.reason)).chain(c.stack.iter()) {
                    collect(p, out);
                }
                c.guards.iter().for_each(|g| exprs(g, out));
                exprs(&c.body, out);
            }
            exprs(after, out);
        }
        K::Maybe { body, else_clauses } => {
            exprs(body, out);
            if let Some(cs) = else_clauses {
                cs.iter().for_each(|c| clause(c, out));
            }
        }
        K::FunRemoteRef { module, name, arity } => {
            collect(module, out);
            collect(name, out);
            collect(arity, out);
        }
        K::Lambda { name, clauses } => {
            if let Some(n) = name {
                out.insert(n.clone());
            }
            clauses.iter().for_each(|c| clause(c, out));
        }
        K::ListComp { expr, qualifiers } | K::BinComp { expr, qualifiers } => {
            collect(expr, out);
            for q in qualifiers {
                match q {
                    Qualifier::Generator { pattern, source } | Qualifier::BinGenerator { pattern, source } => {
                        collect(pattern, out);
                        collect(source, out);
                    }
                    Qualifier::Filter(f) => collect(f, out),
                }
            }
        }
    }
}

/// Adds the variables of every expression in `es`.
pub fn exprs(es: &[Expr], out: &mut HashSet<String>) {
    es.iter().for_each(|e| collect(e, out));
}

fn clause(c: &Clause, out: &mut HashSet<String>) {
    exprs(&c.patterns, out);
    c.guards.iter().for_each(|g| exprs(g, out));
    exprs(&c.body, out);
}
