//! Shared helpers for the parser tests: lex + parse a string, render
//! diagnostics as `line:col: message`, and print expressions as compact
//! S-expressions for precedence checks.
#![allow(dead_code)]

pub mod abstract_format;

use kiln_frontend::ast::{Expr, ExprKind, Form, Module};
use kiln_frontend::diagnostic::Diagnostic;
use kiln_frontend::lexer;
use kiln_frontend::parser;
use kiln_frontend::span::{FileId, SourceMap};
use kiln_frontend::token::Token;

pub fn lex(src: &str) -> (SourceMap, Vec<Token>) {
    let mut sm = SourceMap::new();
    let file = sm.add("test.erl", src);
    assert_eq!(file, FileId(0));
    let toks = lexer::lex(file, src).unwrap_or_else(|d| panic!("lex error: {}", d.message));
    (sm, toks)
}

/// `line:col: message` for each diagnostic.
pub fn render(sm: &SourceMap, ds: &[Diagnostic]) -> Vec<String> {
    ds.iter()
        .map(|d| {
            let (l, c) = sm.get(d.span.file).line_col(d.span.start as usize);
            format!("{l}:{c}: {}", d.message)
        })
        .collect()
}

pub fn parse(src: &str) -> Result<Module, Vec<String>> {
    let (sm, toks) = lex(src);
    parser::parse_module(&toks).map_err(|ds| render(&sm, &ds))
}

pub fn parse_ok(src: &str) -> Module {
    parse(src).unwrap_or_else(|e| panic!("parse failed: {e:?}\n{src}"))
}

pub fn parse_err(src: &str) -> Vec<String> {
    match parse(src) {
        Ok(m) => panic!("expected an error, got {m:?}"),
        Err(e) => e,
    }
}

/// The body of `x() -> <src>.`
pub fn parse_expr(src: &str) -> Result<Expr, Vec<String>> {
    let (sm, toks) = lex(&format!("{src}."));
    let mut es = parser::parse_exprs(&toks).map_err(|d| render(&sm, &[d]))?;
    assert_eq!(es.len(), 1, "one expression expected");
    Ok(es.remove(0))
}

/// An expression as an S-expression: `(+ (- 1 2) 3)`, `(= a b)`, ...
pub fn sexp(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Integer(i) => i.clone(),
        ExprKind::Atom(a) => a.clone(),
        ExprKind::Var(v) => v.clone(),
        ExprKind::Match(a, b) => format!("(= {} {})", sexp(a), sexp(b)),
        ExprKind::MaybeMatch(a, b) => format!("(?= {} {})", sexp(a), sexp(b)),
        ExprKind::BinOp(op, a, b) => format!("({} {} {})", op.text(), sexp(a), sexp(b)),
        ExprKind::UnOp(op, a) => format!("({} {})", op.text(), sexp(a)),
        ExprKind::Catch(a) => format!("(catch {})", sexp(a)),
        ExprKind::Call { fun, args } => {
            let args: Vec<String> = args.iter().map(sexp).collect();
            format!("(call {} [{}])", sexp(fun), args.join(" "))
        }
        ExprKind::Remote(m, f) => format!("{}:{}", sexp(m), sexp(f)),
        ExprKind::RecordAccess { expr, name, field } => format!("(#{name}.{field} {})", sexp(expr)),
        ExprKind::Map { base: Some(b), fields } => format!("(#map{{{}}} {})", fields.len(), sexp(b)),
        ExprKind::Record { base: Some(b), name, .. } => format!("(#{name}{{}} {})", sexp(b)),
        _ => format!("<{e:?}>"),
    }
}

pub fn expr_sexp(src: &str) -> String {
    match parse_expr(src) {
        Ok(e) => sexp(&e),
        Err(errs) => format!("error: {}", errs.join("; ")),
    }
}

pub fn forms(m: &Module) -> &[Form] {
    &m.forms
}
