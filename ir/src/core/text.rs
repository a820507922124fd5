//! The Core IR text form (`kiln build --emit core`), used by snapshot tests.

use super::*;
use std::fmt::Write;

pub fn module_to_text(m: &Module) -> String {
    let mut out = String::new();
    let exports: Vec<String> = m.exports.iter().map(|(n, a)| format!("{n}/{a}")).collect();
    let _ = writeln!(out, "module {} [{}]", m.name, exports.join(", "));
    for f in &m.functions {
        let _ = writeln!(out, "\n'{}'/{} = fun ({}) ->", f.name, f.arity, f.params.join(", "));
        expr(&mut out, &f.body, 1);
        out.push('\n');
    }
    out
}

pub(crate) fn lit(l: &Lit) -> String {
    match l {
        Lit::Integer(i) => i.clone(),
        Lit::Float(f) => format!("{f:?}"),
        Lit::Atom(a) => format!("'{a}'"),
        Lit::Nil => "[]".into(),
        Lit::String(s) => format!("{:?}", s.iter().map(|c| char::from_u32(*c).unwrap_or('?')).collect::<String>()),
        Lit::Cons(h, t) => format!("[{}|{}]", lit(h), lit(t)),
        Lit::Tuple(es) => format!("{{{}}}", es.iter().map(lit).collect::<Vec<_>>().join(", ")),
        Lit::Export(m, f, a) => format!("fun '{m}':'{f}'/{a}"),
        Lit::Binary(bytes) => format!("<<{}>>", bytes.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(",")),
        Lit::Map(pairs) => format!(
            "#{{{}}}",
            pairs.iter().map(|(k, v)| format!("{} => {}", lit(k), lit(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn op(o: &Operand) -> String {
    match o {
        Operand::Var(v) => v.clone(),
        Operand::Lit(l) => lit(l),
    }
}

fn ops(os: &[Operand]) -> String {
    os.iter().map(op).collect::<Vec<_>>().join(", ")
}

fn pat(p: &Pat) -> String {
    match p {
        Pat::Var(v) => v.clone(),
        Pat::Bound(v) => format!("^{v}"),
        Pat::Wildcard => "_".into(),
        Pat::Lit(l) => lit(l),
        Pat::Cons(h, t) => format!("[{}|{}]", pat(h), pat(t)),
        Pat::Tuple(es) => format!("{{{}}}", es.iter().map(pat).collect::<Vec<_>>().join(", ")),
        Pat::Alias(v, p) => format!("{v} = {}", pat(p)),
        Pat::Both(l, r) => format!("({}) = ({})", pat(l), pat(r)),
        Pat::Map(pairs) => format!(
            "#{{{}}}",
            pairs.iter().map(|(k, v)| format!("{} := {}", inline(k), pat(v))).collect::<Vec<_>>().join(", ")
        ),
        Pat::Binary(segs) => {
            let seg = |s: &Segment<Pat, Expr>| {
                let size = s.size.as_ref().map(|e| format!(":{}", inline(e))).unwrap_or_default();
                format!("{}{size}/{}-{:#x}", pat(&s.value), s.kind.name(), s.flags)
            };
            format!("<<{}>>", segs.iter().map(seg).collect::<Vec<_>>().join(", "))
        }
    }
}

/// An expression on one line (guard expressions inside patterns).
fn inline(e: &Expr) -> String {
    let mut s = String::new();
    expr(&mut s, e, 0);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn clauses(out: &mut String, cs: &[Clause], depth: usize) {
    for c in cs {
        indent(out, depth);
        let _ = write!(out, "<{}>", c.patterns.iter().map(pat).collect::<Vec<_>>().join(", "));
        if !c.guards.is_empty() {
            out.push_str(" when");
            for (i, alt) in c.guards.iter().enumerate() {
                if i > 0 {
                    out.push_str(" ;");
                }
                for (j, Guard::Test(g)) in alt.iter().enumerate() {
                    out.push_str(if j > 0 { ", " } else { " " });
                    out.push_str(&inline(g));
                }
            }
        }
        out.push_str(" ->\n");
        expr(out, &c.body, depth + 1);
        out.push('\n');
    }
}

fn expr(out: &mut String, e: &Expr, depth: usize) {
    indent(out, depth);
    match e {
        Expr::Atomic(o) => out.push_str(&op(o)),
        Expr::Cons(h, t) => {
            let _ = write!(out, "[{}|{}]", op(h), op(t));
        }
        Expr::Tuple(es) => {
            let _ = write!(out, "{{{}}}", ops(es));
        }
        Expr::Let { var, value, body } => {
            let _ = writeln!(out, "let {var} =");
            expr(out, value, depth + 1);
            out.push('\n');
            indent(out, depth);
            out.push_str("in\n");
            expr(out, body, depth);
        }
        Expr::Case { args, clauses: cs } => {
            let _ = writeln!(out, "case <{}> of", ops(args));
            clauses(out, cs, depth + 1);
            indent(out, depth);
            out.push_str("end");
        }
        Expr::Call { callee, args, line } => {
            let c = match callee {
                Callee::Local { name, arity } => format!("apply '{name}'/{arity}"),
                Callee::LetRec(v) => format!("apply {v}"),
                Callee::Remote { module, name } => format!("call {}:{}", op(module), op(name)),
                Callee::Fun(f) => format!("apply {}", op(f)),
            };
            let _ = write!(out, "{c}({}){}", ops(args), at(*line));
        }
        Expr::ApplyList { module, fun, args, line } => {
            let m = module.as_ref().map(|m| format!("{}:", op(m))).unwrap_or_default();
            let _ = write!(out, "apply_list {m}{}({}){}", op(fun), op(args), at(*line));
        }
        Expr::Fun(f) => fun(out, f, depth),
        Expr::LetRec { name, fun: f, body } => {
            let _ = writeln!(out, "letrec {name} =");
            indent(out, depth + 1);
            fun(out, f, depth + 1);
            out.push('\n');
            indent(out, depth);
            out.push_str("in\n");
            expr(out, body, depth);
        }
        Expr::Receive { clauses: cs, after } => {
            out.push_str("receive\n");
            clauses(out, cs, depth + 1);
            if let Some((t, body)) = after {
                indent(out, depth);
                let _ = writeln!(out, "after {} ->", op(t));
                expr(out, body, depth + 1);
                out.push('\n');
            }
            indent(out, depth);
            out.push_str("end");
        }
        Expr::Try { body, var, success, class, reason, trace, handler } => {
            out.push_str("try\n");
            expr(out, body, depth + 1);
            out.push('\n');
            indent(out, depth);
            let _ = writeln!(out, "of {var} ->");
            expr(out, success, depth + 1);
            out.push('\n');
            indent(out, depth);
            let _ = writeln!(out, "catch {class}:{reason}:{trace} ->");
            expr(out, handler, depth + 1);
        }
        Expr::Catch(b) => {
            out.push_str("catch\n");
            expr(out, b, depth + 1);
        }
        Expr::Raise { class, reason, trace, args, line } => {
            let _ = write!(out, "raise {}:{}", op(class), op(reason));
            if let Some(t) = trace {
                let _ = write!(out, ":{}", op(t));
            }
            if let Some(a) = args {
                let _ = write!(out, " [{}]", ops(a));
            }
            out.push_str(&at(*line));
        }
    }
}

/// ` @Line` after a call or raise with a known source line.
fn at(line: u32) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" @{line}")
    }
}

fn fun(out: &mut String, f: &Fun, depth: usize) {
    let name = f.name.as_ref().map(|n| format!(" {n}")).unwrap_or_default();
    let _ = writeln!(out, "fun{name} ({}) -> %% {}", f.params.join(", "), f.label);
    expr(out, &f.body, depth + 1);
}
