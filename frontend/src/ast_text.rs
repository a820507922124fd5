//! The AST as indented text, for `kiln build --emit ast` and snapshot tests.
//!
//! One node per line, children indented by two spaces. A node line is its
//! kind and its scalar parts (`var X`, `binop +`, `function foo/2`); with a
//! [`SourceMap`] each line ends in ` @line:col`, the start of the node.
//! Lists print as one `cons` node whose children are the elements and, last,
//! the tail (`nil` for a proper list), so `[a, b]` is
//! `cons / atom a / atom b / nil`. Empty sections (no guards, no patterns)
//! are left out.

use std::fmt::Write;

use crate::ast::*;
use crate::parser::write_atom;
use crate::span::{SourceMap, Span};

/// The module as text, without locations.
pub fn module_to_text(module: &Module) -> String {
    let mut p = Printer { out: String::new(), depth: 0, sources: None };
    p.module(module);
    p.out
}

/// The module as text, each node followed by ` @line:col`.
pub fn module_to_text_with_spans(module: &Module, sources: &SourceMap) -> String {
    let mut p = Printer { out: String::new(), depth: 0, sources: Some(sources) };
    p.module(module);
    p.out
}

/// One expression as text (tests and debugging).
pub fn expr_to_text(expr: &Expr) -> String {
    let mut p = Printer { out: String::new(), depth: 0, sources: None };
    p.expr(expr);
    p.out
}

struct Printer<'a> {
    out: String,
    depth: usize,
    sources: Option<&'a SourceMap>,
}

fn quote_string(s: &str) -> String {
    format!("{s:?}")
}

/// `$a`, `$\n`, `$\s`; a code point that is no `char` as `$\x{D800}`.
fn char_text(c: u32) -> String {
    match char::from_u32(c) {
        Some(' ') => "$\\s".to_string(),
        Some(ch) => format!("${}", ch.escape_debug()),
        None => format!("$\\x{{{c:X}}}"),
    }
}

/// A record field name: `_` (all other fields) is not an atom.
fn field_name(name: &str) -> String {
    if name == "_" {
        name.to_string()
    } else {
        write_atom(name)
    }
}

impl Printer<'_> {
    /// Writes one node line.
    fn line(&mut self, text: &str, span: Option<Span>) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        if let (Some(sources), Some(span)) = (self.sources, span) {
            if (span.file.0 as usize) < sources.files().len() {
                let (l, c) = sources.get(span.file).line_col(span.start as usize);
                let _ = write!(self.out, " @{l}:{c}");
            }
        }
        self.out.push('\n');
    }

    /// Writes a node line and its children one level deeper.
    fn node(&mut self, text: &str, span: Option<Span>, children: impl FnOnce(&mut Self)) {
        self.line(text, span);
        self.depth += 1;
        children(self);
        self.depth -= 1;
    }

    fn module(&mut self, m: &Module) {
        self.node("module", None, |p| {
            for f in &m.forms {
                match f {
                    Form::Attribute(a) => p.attribute(a),
                    Form::Function(f) => p.function(f),
                }
            }
        });
    }

    fn attribute(&mut self, a: &Attribute) {
        let sp = Some(a.span);
        match &a.kind {
            AttributeKind::Module(m) => self.line(&format!("attribute module {}", write_atom(m)), sp),
            AttributeKind::Export(fas) => self.node("attribute export", sp, |p| p.name_arities(fas)),
            AttributeKind::ExportType(fas) => self.node("attribute export_type", sp, |p| p.name_arities(fas)),
            AttributeKind::Import { module, functions } => {
                self.node(&format!("attribute import {}", write_atom(module)), sp, |p| p.name_arities(functions))
            }
            AttributeKind::Record { name, fields } => {
                self.node(&format!("attribute record {}", write_atom(name)), sp, |p| {
                    for f in fields {
                        p.node(&format!("field {}", write_atom(&f.name)), Some(f.span), |p| {
                            if let Some(d) = &f.default {
                                p.node("default", None, |p| p.expr(d));
                            }
                            if let Some(t) = &f.ty {
                                p.node("type", None, |p| p.ty(t));
                            }
                        });
                    }
                })
            }
            AttributeKind::Type { name, params, body, opaque } => {
                let kw = if *opaque { "opaque" } else { "type" };
                self.node(&format!("attribute {kw} {}/{}", write_atom(name), params.len()), sp, |p| {
                    if !params.is_empty() {
                        p.node("params", None, |p| params.iter().for_each(|t| p.ty(t)));
                    }
                    p.ty(body);
                })
            }
            AttributeKind::Spec { module, name, arity, clauses, callback } => {
                let kw = if *callback { "callback" } else { "spec" };
                let m = module.as_ref().map(|m| format!("{}:", write_atom(m))).unwrap_or_default();
                self.node(&format!("attribute {kw} {m}{}/{arity}", write_atom(name)), sp, |p| {
                    for c in clauses {
                        p.node("signature", Some(c.span), |p| {
                            if !c.args.is_empty() {
                                p.node("args", None, |p| c.args.iter().for_each(|t| p.ty(t)));
                            }
                            p.node("result", None, |p| p.ty(&c.result));
                            if !c.constraints.is_empty() {
                                p.node("when", None, |p| c.constraints.iter().for_each(|t| p.ty(t)));
                            }
                        });
                    }
                })
            }
            AttributeKind::Compile(e) => self.node("attribute compile", sp, |p| p.expr(e)),
            AttributeKind::File { name, line } => {
                self.line(&format!("attribute file {} {line}", quote_string(name)), sp)
            }
            AttributeKind::Other { name, value } => {
                self.node(&format!("attribute {}", write_atom(name)), sp, |p| p.expr(value))
            }
        }
    }

    fn name_arities(&mut self, fas: &[NameArity]) {
        for fa in fas {
            self.line(&format!("{}/{}", write_atom(&fa.name), fa.arity), Some(fa.span));
        }
    }

    fn function(&mut self, f: &Function) {
        self.node(&format!("function {}/{}", write_atom(&f.name), f.arity), Some(f.span), |p| {
            f.clauses.iter().for_each(|c| p.clause(c));
        });
    }

    fn clause(&mut self, c: &Clause) {
        self.node("clause", Some(c.span), |p| {
            if !c.patterns.is_empty() {
                p.node("patterns", None, |p| p.exprs(&c.patterns));
            }
            p.guards(&c.guards);
            p.node("body", None, |p| p.exprs(&c.body));
        });
    }

    fn guards(&mut self, guards: &[Vec<Expr>]) {
        if !guards.is_empty() {
            self.node("when", None, |p| {
                for g in guards {
                    p.node("guard", None, |p| p.exprs(g));
                }
            });
        }
    }

    fn exprs(&mut self, es: &[Expr]) {
        es.iter().for_each(|e| self.expr(e));
    }

    fn expr(&mut self, e: &Expr) {
        let sp = Some(e.span);
        match &e.kind {
            ExprKind::Integer(i) => self.line(&format!("integer {i}"), sp),
            ExprKind::Float(f) => self.line(&format!("float {f:?}"), sp),
            ExprKind::Char(c) => self.line(&format!("char {}", char_text(*c)), sp),
            ExprKind::String(s) => self.line(&format!("string {}", quote_string(s)), sp),
            ExprKind::Atom(a) => self.line(&format!("atom {}", write_atom(a)), sp),
            ExprKind::Var(v) => self.line(&format!("var {v}"), sp),
            ExprKind::Nil => self.line("nil", sp),
            ExprKind::Cons(..) => self.node("cons", sp, |p| {
                // Iterate along the spine: long lists must not recurse.
                let mut cur = e;
                while let ExprKind::Cons(h, t) = &cur.kind {
                    p.expr(h);
                    cur = t;
                }
                p.expr(cur);
            }),
            ExprKind::Tuple(es) => self.node("tuple", sp, |p| p.exprs(es)),
            ExprKind::Binary(elems) => self.node("binary", sp, |p| p.bin_elements(elems)),
            ExprKind::Map { base, fields } => self.node("map", sp, |p| {
                if let Some(b) = base {
                    p.node("base", None, |p| p.expr(b));
                }
                for f in fields {
                    let op = if f.exact { ":=" } else { "=>" };
                    p.node(&format!("field {op}"), Some(f.span), |p| {
                        p.expr(&f.key);
                        p.expr(&f.value);
                    });
                }
            }),
            ExprKind::Record { base, name, fields } => self.node(&format!("record {}", write_atom(name)), sp, |p| {
                if let Some(b) = base {
                    p.node("base", None, |p| p.expr(b));
                }
                for f in fields {
                    p.node(&format!("field {}", field_name(&f.name)), Some(f.span), |p| p.expr(&f.value));
                }
            }),
            ExprKind::RecordAccess { expr, name, field } => {
                self.node(&format!("record_access {}.{}", write_atom(name), write_atom(field)), sp, |p| p.expr(expr))
            }
            ExprKind::RecordIndex { name, field } => {
                self.line(&format!("record_index {}.{}", write_atom(name), write_atom(field)), sp)
            }
            ExprKind::Match(a, b) => self.node("match", sp, |p| {
                p.expr(a);
                p.expr(b);
            }),
            ExprKind::MaybeMatch(a, b) => self.node("maybe_match", sp, |p| {
                p.expr(a);
                p.expr(b);
            }),
            ExprKind::BinOp(op, a, b) => self.node(&format!("binop {}", op.text()), sp, |p| {
                p.expr(a);
                p.expr(b);
            }),
            ExprKind::UnOp(op, a) => self.node(&format!("unop {}", op.text()), sp, |p| p.expr(a)),
            ExprKind::Call { fun, args } => self.node("call", sp, |p| {
                p.expr(fun);
                p.exprs(args);
            }),
            ExprKind::Remote(m, f) => self.node("remote", sp, |p| {
                p.expr(m);
                p.expr(f);
            }),
            ExprKind::Case { expr, clauses } => self.node("case", sp, |p| {
                p.expr(expr);
                clauses.iter().for_each(|c| p.clause(c));
            }),
            ExprKind::If(clauses) => self.node("if", sp, |p| clauses.iter().for_each(|c| p.clause(c))),
            ExprKind::Receive { clauses, after } => self.node("receive", sp, |p| {
                clauses.iter().for_each(|c| p.clause(c));
                if let Some(a) = after {
                    p.node("after", None, |p| {
                        p.expr(&a.timeout);
                        p.node("body", None, |p| p.exprs(&a.body));
                    });
                }
            }),
            ExprKind::Try { body, of_clauses, catch_clauses, after } => self.node("try", sp, |p| {
                p.node("body", None, |p| p.exprs(body));
                if !of_clauses.is_empty() {
                    p.node("of", None, |p| of_clauses.iter().for_each(|c| p.clause(c)));
                }
                if !catch_clauses.is_empty() {
                    p.node("catch", None, |p| catch_clauses.iter().for_each(|c| p.catch_clause(c)));
                }
                if !after.is_empty() {
                    p.node("after", None, |p| p.exprs(after));
                }
            }),
            ExprKind::Catch(x) => self.node("catch", sp, |p| p.expr(x)),
            ExprKind::Block(es) => self.node("block", sp, |p| p.exprs(es)),
            ExprKind::Maybe { body, else_clauses } => self.node("maybe", sp, |p| {
                p.exprs(body);
                if let Some(cs) = else_clauses {
                    p.node("else", None, |p| cs.iter().for_each(|c| p.clause(c)));
                }
            }),
            ExprKind::FunRef { name, arity } => self.line(&format!("fun_ref {}/{arity}", write_atom(name)), sp),
            ExprKind::FunRemoteRef { module, name, arity } => self.node("fun_remote_ref", sp, |p| {
                p.expr(module);
                p.expr(name);
                p.expr(arity);
            }),
            ExprKind::Lambda { name, clauses } => {
                let head = match name {
                    Some(n) => format!("named_fun {n}"),
                    None => "fun".to_string(),
                };
                self.node(&head, sp, |p| clauses.iter().for_each(|c| p.clause(c)))
            }
            ExprKind::ListComp { expr, qualifiers } => self.node("list_comp", sp, |p| {
                p.expr(expr);
                p.qualifiers(qualifiers);
            }),
            ExprKind::BinComp { expr, qualifiers } => self.node("bin_comp", sp, |p| {
                p.expr(expr);
                p.qualifiers(qualifiers);
            }),
        }
    }

    fn catch_clause(&mut self, c: &CatchClause) {
        self.node("catch_clause", Some(c.span), |p| {
            if let Some(class) = &c.class {
                p.node("class", None, |p| p.expr(class));
            }
            p.node("reason", None, |p| p.expr(&c.reason));
            if let Some(stack) = &c.stack {
                p.node("stack", None, |p| p.expr(stack));
            }
            p.guards(&c.guards);
            p.node("body", None, |p| p.exprs(&c.body));
        });
    }

    fn qualifiers(&mut self, qs: &[Qualifier]) {
        for q in qs {
            match q {
                Qualifier::Generator { pattern, source } => self.node("generator <-", None, |p| {
                    p.expr(pattern);
                    p.expr(source);
                }),
                Qualifier::BinGenerator { pattern, source } => self.node("generator <=", None, |p| {
                    p.expr(pattern);
                    p.expr(source);
                }),
                Qualifier::Filter(e) => self.node("filter", None, |p| p.expr(e)),
            }
        }
    }

    fn bin_elements(&mut self, elems: &[BinElement]) {
        for b in elems {
            let specs: Vec<String> = b
                .specs
                .iter()
                .map(|s| match s.value {
                    Some(v) => format!("{}:{v}", s.name),
                    None => s.name.clone(),
                })
                .collect();
            let head = if specs.is_empty() { "segment".to_string() } else { format!("segment /{}", specs.join("-")) };
            self.node(&head, Some(b.span), |p| {
                p.expr(&b.value);
                if let Some(size) = &b.size {
                    p.node("size", None, |p| p.expr(size));
                }
            });
        }
    }

    fn ty(&mut self, t: &TypeExpr) {
        let sp = Some(t.span);
        match &t.kind {
            TypeKind::Var(v) => self.line(&format!("var {v}"), sp),
            TypeKind::Atom(a) => self.line(&format!("atom {}", write_atom(a)), sp),
            TypeKind::Integer(i) => self.line(&format!("integer {i}"), sp),
            TypeKind::Char(c) => self.line(&format!("char {}", char_text(*c)), sp),
            TypeKind::UnOp(op, a) => self.node(&format!("unop {}", op.text()), sp, |p| p.ty(a)),
            TypeKind::BinOp(op, a, b) => self.node(&format!("binop {}", op.text()), sp, |p| {
                p.ty(a);
                p.ty(b);
            }),
            TypeKind::Range(a, b) => self.node("range", sp, |p| {
                p.ty(a);
                p.ty(b);
            }),
            TypeKind::Call { module, name, args } => {
                let m = module.as_ref().map(|m| format!("{}:", write_atom(m))).unwrap_or_default();
                self.node(&format!("type {m}{}/{}", write_atom(name), args.len()), sp, |p| {
                    args.iter().for_each(|a| p.ty(a))
                })
            }
            TypeKind::Annotated(v, a) => self.node(&format!("annotated {v}"), sp, |p| p.ty(a)),
            TypeKind::Union(ts) => self.node("union", sp, |p| ts.iter().for_each(|a| p.ty(a))),
            TypeKind::Nil => self.line("nil", sp),
            TypeKind::List(a) => self.node("list", sp, |p| p.ty(a)),
            TypeKind::NonEmptyList(a) => self.node("nonempty_list", sp, |p| p.ty(a)),
            TypeKind::Tuple(ts) => self.node("tuple", sp, |p| ts.iter().for_each(|a| p.ty(a))),
            TypeKind::Map(fields) => self.node("map", sp, |p| {
                for f in fields {
                    let op = if f.exact { ":=" } else { "=>" };
                    p.node(&format!("field {op}"), None, |p| {
                        p.ty(&f.key);
                        p.ty(&f.value);
                    });
                }
            }),
            TypeKind::Record { name, fields } => self.node(&format!("record {}", write_atom(name)), sp, |p| {
                for (f, t) in fields {
                    p.node(&format!("field {}", write_atom(f)), None, |p| p.ty(t));
                }
            }),
            TypeKind::Binary { size, unit } => self.node("binary", sp, |p| {
                if let Some(s) = size {
                    p.node("size", None, |p| p.ty(s));
                }
                if let Some(u) = unit {
                    p.node("unit", None, |p| p.ty(u));
                }
            }),
            TypeKind::Fun { args, result } => self.node("fun", sp, |p| {
                match args {
                    Some(args) => p.node("args", None, |p| args.iter().for_each(|a| p.ty(a))),
                    None if result.is_some() => p.line("args ...", None),
                    None => {}
                }
                if let Some(r) = result {
                    p.node("result", None, |p| p.ty(r));
                }
            }),
            TypeKind::Paren(a) => self.node("paren", sp, |p| p.ty(a)),
        }
    }
}
