//! Our AST written as Erlang terms in OTP's abstract format (what
//! `erl_parse` returns), with every annotation `0`, so a test can compare
//! the two parsers form by form. Local types are written `{type, ...}`
//! whether built in or user-defined (the comparison ignores that split);
//! `-file` and `-feature` attributes are left out (epp consumes them).

use std::fmt::Write;

use kiln_frontend::ast::*;

/// One term per line, each ending in `.` (for `file:consult/1`).
pub fn module_terms(m: &Module) -> String {
    let mut out = String::new();
    for f in &m.forms {
        let mut w = W(String::new());
        match f {
            Form::Attribute(a) => {
                if !w.attribute(a) {
                    continue;
                }
            }
            Form::Function(f) => w.function(f),
        }
        let _ = writeln!(out, "{}.", w.0);
    }
    out
}

struct W(String);

fn atom(a: &str) -> String {
    let mut s = String::from("'");
    for c in a.chars() {
        match c {
            '\'' => s.push_str("\\'"),
            '\\' => s.push_str("\\\\"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(s, "\\x{{{:X}}}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('\'');
    s
}

fn chars(s: &str) -> String {
    let codes: Vec<String> = s.chars().map(|c| (c as u32).to_string()).collect();
    format!("[{}]", codes.join(","))
}

fn float(f: f64) -> String {
    let s = format!("{f:e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    if mantissa.contains('.') {
        format!("{mantissa}e{exp}")
    } else {
        format!("{mantissa}.0e{exp}")
    }
}

impl W {
    fn p(&mut self, s: &str) {
        self.0.push_str(s);
    }

    fn list<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.p("[");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.p(",");
            }
            f(self, x);
        }
        self.p("]");
    }

    /// Returns false for attributes left out of the comparison.
    fn attribute(&mut self, a: &Attribute) -> bool {
        match &a.kind {
            AttributeKind::Module(m) => self.p(&format!("{{attribute,0,module,{}}}", atom(m))),
            AttributeKind::Export(fas) => {
                self.p("{attribute,0,export,");
                self.fas(fas);
                self.p("}");
            }
            AttributeKind::ExportType(fas) => {
                self.p("{attribute,0,export_type,");
                self.fas(fas);
                self.p("}");
            }
            AttributeKind::Import { module, functions } => {
                self.p(&format!("{{attribute,0,import,{{{},", atom(module)));
                self.fas(functions);
                self.p("}}");
            }
            AttributeKind::Record { name, fields } => {
                self.p(&format!("{{attribute,0,record,{{{},", atom(name)));
                self.list(fields, |w, f| {
                    if f.ty.is_some() {
                        w.p("{typed_record_field,");
                    }
                    w.p(&format!("{{record_field,0,{{atom,0,{}}}", atom(&f.name)));
                    if let Some(d) = &f.default {
                        w.p(",");
                        w.expr(d);
                    }
                    w.p("}");
                    if let Some(t) = &f.ty {
                        w.p(",");
                        w.ty(t);
                        w.p("}");
                    }
                });
                self.p("}}");
            }
            AttributeKind::Type { name, params, body, opaque } => {
                let kw = if *opaque { "opaque" } else { "type" };
                self.p(&format!("{{attribute,0,{kw},{{{},", atom(name)));
                self.ty(body);
                self.p(",");
                self.list(params, |w, t| w.ty(t));
                self.p("}}");
            }
            AttributeKind::Spec { module, name, arity, clauses, callback } => {
                let kw = if *callback { "callback" } else { "spec" };
                match module {
                    Some(m) => self.p(&format!("{{attribute,0,{kw},{{{{{},{},{arity}}},", atom(m), atom(name))),
                    None => self.p(&format!("{{attribute,0,{kw},{{{{{},{arity}}},", atom(name))),
                }
                self.list(clauses, |w, c| w.spec_clause(c));
                self.p("}}");
            }
            AttributeKind::Compile(e) => {
                self.p("{attribute,0,compile,");
                self.term(e);
                self.p("}");
            }
            AttributeKind::File { .. } => return false,
            AttributeKind::Other { name, .. } if name == "feature" => return false,
            AttributeKind::Other { name, value } => {
                self.p(&format!("{{attribute,0,{},", atom(name)));
                self.term(value);
                self.p("}");
            }
        }
        true
    }

    fn fas(&mut self, fas: &[NameArity]) {
        self.list(fas, |w, fa| w.p(&format!("{{{},{}}}", atom(&fa.name), fa.arity)));
    }

    fn spec_clause(&mut self, c: &SpecClause) {
        let bounded = !c.constraints.is_empty();
        if bounded {
            self.p("{type,0,bounded_fun,[");
        }
        self.p("{type,0,'fun',[{type,0,product,");
        self.list(&c.args, |w, t| w.ty(t));
        self.p("},");
        self.ty(&c.result);
        self.p("]}");
        if bounded {
            self.p(",");
            self.list(&c.constraints, |w, t| {
                let (var, ty) = match &t.kind {
                    TypeKind::Annotated(v, ty) => (v.clone(), &**ty),
                    TypeKind::Call { args, .. } => match (&args[0].kind, &args[1]) {
                        (TypeKind::Var(v), ty) => (v.clone(), ty),
                        _ => unreachable!("checked by the parser"),
                    },
                    _ => unreachable!("constraints are annotations or is_subtype"),
                };
                w.p(&format!("{{type,0,constraint,[{{atom,0,is_subtype}},[{{var,0,{}}},", atom(&var)));
                w.ty(ty);
                w.p("]]}");
            });
            self.p("]}");
        }
    }

    /// A literal term in Erlang syntax (attribute values).
    fn term(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Integer(i) => self.p(i),
            ExprKind::Float(f) => self.p(&float(*f)),
            ExprKind::Char(c) => self.p(&c.to_string()),
            ExprKind::String(s) => self.p(&chars(s)),
            ExprKind::Atom(a) => self.p(&atom(a)),
            ExprKind::Nil => self.p("[]"),
            ExprKind::Cons(h, t) => {
                self.p("[");
                self.term(h);
                self.p("|");
                self.term(t);
                self.p("]");
            }
            ExprKind::Tuple(es) => {
                self.p("{");
                for (i, x) in es.iter().enumerate() {
                    if i > 0 {
                        self.p(",");
                    }
                    self.term(x);
                }
                self.p("}");
            }
            ExprKind::Map { fields, .. } => {
                self.p("#{");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        self.p(",");
                    }
                    self.term(&f.key);
                    self.p("=>");
                    self.term(&f.value);
                }
                self.p("}");
            }
            ExprKind::UnOp(op, x) => {
                self.p(&format!("{} ", op.text()));
                self.term(x);
            }
            ExprKind::FunRemoteRef { module, name, arity } => {
                self.p("fun ");
                self.term(module);
                self.p(":");
                self.term(name);
                self.p("/");
                self.term(arity);
            }
            // Binaries and anything else: the abstract form, marked.
            _ => {
                self.p("{'$expr',");
                self.expr(e);
                self.p("}");
            }
        }
    }

    fn function(&mut self, f: &Function) {
        self.p(&format!("{{function,0,{},{},", atom(&f.name), f.arity));
        self.list(&f.clauses, |w, c| w.clause(c));
        self.p("}");
    }

    fn clause(&mut self, c: &Clause) {
        self.p("{clause,0,");
        self.exprs(&c.patterns);
        self.p(",");
        self.guards(&c.guards);
        self.p(",");
        self.exprs(&c.body);
        self.p("}");
    }

    fn guards(&mut self, gs: &[Vec<Expr>]) {
        self.list(gs, |w, g| w.exprs(g));
    }

    fn clauses(&mut self, cs: &[Clause]) {
        self.list(cs, |w, c| w.clause(c));
    }

    fn exprs(&mut self, es: &[Expr]) {
        self.list(es, |w, e| w.expr(e));
    }

    fn two(&mut self, tag: &str, a: &Expr, b: &Expr) {
        self.p(&format!("{{{tag},0,"));
        self.expr(a);
        self.p(",");
        self.expr(b);
        self.p("}");
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Integer(i) => self.p(&format!("{{integer,0,{i}}}")),
            ExprKind::Float(f) => self.p(&format!("{{float,0,{}}}", float(*f))),
            ExprKind::Char(c) => self.p(&format!("{{char,0,{c}}}")),
            ExprKind::String(s) => self.p(&format!("{{string,0,{}}}", chars(s))),
            ExprKind::Atom(a) => self.p(&format!("{{atom,0,{}}}", atom(a))),
            ExprKind::Var(v) => self.p(&format!("{{var,0,{}}}", atom(v))),
            ExprKind::Nil => self.p("{nil,0}"),
            ExprKind::Cons(h, t) => self.two("cons", h, t),
            ExprKind::Tuple(es) => {
                self.p("{tuple,0,");
                self.exprs(es);
                self.p("}");
            }
            ExprKind::Binary(elems) => {
                self.p("{bin,0,");
                self.list(elems, |w, b| {
                    w.p("{bin_element,0,");
                    w.expr(&b.value);
                    w.p(",");
                    match &b.size {
                        Some(s) => w.expr(s),
                        None => w.p("default"),
                    }
                    w.p(",");
                    if b.specs.is_empty() {
                        w.p("default");
                    } else {
                        w.list(&b.specs, |w, s| match s.value {
                            Some(v) => w.p(&format!("{{{},{v}}}", atom(&s.name))),
                            None => w.p(&atom(&s.name)),
                        });
                    }
                    w.p("}");
                });
                self.p("}");
            }
            ExprKind::Map { base, fields } => {
                self.p("{map,0,");
                if let Some(b) = base {
                    self.expr(b);
                    self.p(",");
                }
                self.list(fields, |w, f| {
                    let tag = if f.exact { "map_field_exact" } else { "map_field_assoc" };
                    w.two(tag, &f.key, &f.value);
                });
                self.p("}");
            }
            ExprKind::Record { base, name, fields } => {
                self.p("{record,0,");
                if let Some(b) = base {
                    self.expr(b);
                    self.p(",");
                }
                self.p(&format!("{},", atom(name)));
                self.list(fields, |w, f| {
                    if f.name == "_" {
                        w.p("{record_field,0,{var,0,'_'},");
                    } else {
                        w.p(&format!("{{record_field,0,{{atom,0,{}}},", atom(&f.name)));
                    }
                    w.expr(&f.value);
                    w.p("}");
                });
                self.p("}");
            }
            ExprKind::RecordAccess { expr, name, field } => {
                self.p("{record_field,0,");
                self.expr(expr);
                self.p(&format!(",{},{{atom,0,{}}}}}", atom(name), atom(field)));
            }
            ExprKind::RecordIndex { name, field } => {
                self.p(&format!("{{record_index,0,{},{{atom,0,{}}}}}", atom(name), atom(field)))
            }
            ExprKind::Match(a, b) => self.two("match", a, b),
            ExprKind::MaybeMatch(a, b) => self.two("maybe_match", a, b),
            ExprKind::BinOp(op, a, b) => {
                self.p(&format!("{{op,0,{},", atom(op.text())));
                self.expr(a);
                self.p(",");
                self.expr(b);
                self.p("}");
            }
            ExprKind::UnOp(op, a) => {
                self.p(&format!("{{op,0,{},", atom(op.text())));
                self.expr(a);
                self.p("}");
            }
            ExprKind::Call { fun, args } => {
                self.p("{call,0,");
                self.expr(fun);
                self.p(",");
                self.exprs(args);
                self.p("}");
            }
            ExprKind::Remote(m, f) => self.two("remote", m, f),
            ExprKind::Case { expr, clauses } => {
                self.p("{'case',0,");
                self.expr(expr);
                self.p(",");
                self.clauses(clauses);
                self.p("}");
            }
            ExprKind::If(cs) => {
                self.p("{'if',0,");
                self.clauses(cs);
                self.p("}");
            }
            ExprKind::Receive { clauses, after } => {
                self.p("{'receive',0,");
                self.clauses(clauses);
                if let Some(a) = after {
                    self.p(",");
                    self.expr(&a.timeout);
                    self.p(",");
                    self.exprs(&a.body);
                }
                self.p("}");
            }
            ExprKind::Try { body, of_clauses, catch_clauses, after } => {
                self.p("{'try',0,");
                self.exprs(body);
                self.p(",");
                self.clauses(of_clauses);
                self.p(",");
                self.list(catch_clauses, |w, c| {
                    w.p("{clause,0,[{tuple,0,[");
                    match &c.class {
                        Some(class) => w.expr(class),
                        None => w.p("{atom,0,throw}"),
                    }
                    w.p(",");
                    w.expr(&c.reason);
                    w.p(",");
                    match &c.stack {
                        Some(s) => w.expr(s),
                        None => w.p("{var,0,'_'}"),
                    }
                    w.p("]}],");
                    w.guards(&c.guards);
                    w.p(",");
                    w.exprs(&c.body);
                    w.p("}");
                });
                self.p(",");
                self.exprs(after);
                self.p("}");
            }
            ExprKind::Catch(x) => {
                self.p("{'catch',0,");
                self.expr(x);
                self.p("}");
            }
            ExprKind::Block(es) => {
                self.p("{block,0,");
                self.exprs(es);
                self.p("}");
            }
            ExprKind::Maybe { body, else_clauses } => {
                self.p("{'maybe',0,");
                self.exprs(body);
                if let Some(cs) = else_clauses {
                    self.p(",{'else',0,");
                    self.clauses(cs);
                    self.p("}");
                }
                self.p("}");
            }
            ExprKind::FunRef { name, arity } => self.p(&format!("{{'fun',0,{{function,{},{arity}}}}}", atom(name))),
            ExprKind::FunRemoteRef { module, name, arity } => {
                self.p("{'fun',0,{function,");
                self.expr(module);
                self.p(",");
                self.expr(name);
                self.p(",");
                self.expr(arity);
                self.p("}}");
            }
            ExprKind::Lambda { name: None, clauses } => {
                self.p("{'fun',0,{clauses,");
                self.clauses(clauses);
                self.p("}}");
            }
            ExprKind::Lambda { name: Some(n), clauses } => {
                self.p(&format!("{{named_fun,0,{},", atom(n)));
                self.clauses(clauses);
                self.p("}");
            }
            ExprKind::ListComp { expr, qualifiers } => self.comprehension("lc", expr, qualifiers),
            ExprKind::BinComp { expr, qualifiers } => self.comprehension("bc", expr, qualifiers),
        }
    }

    fn comprehension(&mut self, tag: &str, e: &Expr, qs: &[Qualifier]) {
        self.p(&format!("{{{tag},0,"));
        self.expr(e);
        self.p(",");
        self.list(qs, |w, q| match q {
            Qualifier::Generator { pattern, source } => w.two("generate", pattern, source),
            Qualifier::BinGenerator { pattern, source } => w.two("b_generate", pattern, source),
            Qualifier::Filter(f) => w.expr(f),
        });
        self.p("}");
    }

    fn types(&mut self, ts: &[TypeExpr]) {
        self.list(ts, |w, t| w.ty(t));
    }

    fn ty(&mut self, t: &TypeExpr) {
        match &t.kind {
            TypeKind::Var(v) => self.p(&format!("{{var,0,{}}}", atom(v))),
            TypeKind::Atom(a) => self.p(&format!("{{atom,0,{}}}", atom(a))),
            TypeKind::Integer(i) => self.p(&format!("{{integer,0,{i}}}")),
            TypeKind::Char(c) => self.p(&format!("{{char,0,{c}}}")),
            TypeKind::UnOp(op, a) => {
                self.p(&format!("{{op,0,{},", atom(op.text())));
                self.ty(a);
                self.p("}");
            }
            TypeKind::BinOp(op, a, b) => {
                self.p(&format!("{{op,0,{},", atom(op.text())));
                self.ty(a);
                self.p(",");
                self.ty(b);
                self.p("}");
            }
            TypeKind::Range(a, b) => {
                self.p("{type,0,range,[");
                self.ty(a);
                self.p(",");
                self.ty(b);
                self.p("]}");
            }
            TypeKind::Call { module: None, name, args } if args.is_empty() && (name == "tuple" || name == "map") => {
                self.p(&format!("{{type,0,{name},any}}"))
            }
            TypeKind::Call { module: None, name, args } => {
                self.p(&format!("{{type,0,{},", atom(name)));
                self.types(args);
                self.p("}");
            }
            TypeKind::Call { module: Some(m), name, args } => {
                self.p(&format!("{{remote_type,0,[{{atom,0,{}}},{{atom,0,{}}},", atom(m), atom(name)));
                self.types(args);
                self.p("]}");
            }
            TypeKind::Annotated(v, a) => {
                self.p(&format!("{{ann_type,0,[{{var,0,{}}},", atom(v)));
                self.ty(a);
                self.p("]}");
            }
            TypeKind::Union(ts) => {
                self.p("{type,0,union,");
                self.types(ts);
                self.p("}");
            }
            TypeKind::Nil => self.p("{type,0,nil,[]}"),
            TypeKind::List(a) => {
                self.p("{type,0,list,[");
                self.ty(a);
                self.p("]}");
            }
            TypeKind::NonEmptyList(a) => {
                self.p("{type,0,nonempty_list,[");
                self.ty(a);
                self.p("]}");
            }
            TypeKind::Tuple(ts) => {
                self.p("{type,0,tuple,");
                self.types(ts);
                self.p("}");
            }
            TypeKind::Map(fields) => {
                self.p("{type,0,map,");
                self.list(fields, |w, f| {
                    let tag = if f.exact { "map_field_exact" } else { "map_field_assoc" };
                    w.p(&format!("{{type,0,{tag},["));
                    w.ty(&f.key);
                    w.p(",");
                    w.ty(&f.value);
                    w.p("]}");
                });
                self.p("}");
            }
            TypeKind::Record { name, fields } => {
                self.p(&format!("{{type,0,record,[{{atom,0,{}}}", atom(name)));
                for (f, t) in fields {
                    self.p(&format!(",{{type,0,field_type,[{{atom,0,{}}},", atom(f)));
                    self.ty(t);
                    self.p("]}");
                }
                self.p("]}");
            }
            TypeKind::Binary { size, unit } => {
                self.p("{type,0,binary,[");
                match size {
                    Some(s) => self.ty(s),
                    None => self.p("{integer,0,0}"),
                }
                self.p(",");
                match unit {
                    Some(u) => self.ty(u),
                    None => self.p("{integer,0,0}"),
                }
                self.p("]}");
            }
            TypeKind::Fun { args: None, result: None } => self.p("{type,0,'fun',[]}"),
            TypeKind::Fun { args, result } => {
                self.p("{type,0,'fun',[");
                match args {
                    None => self.p("{type,0,any}"),
                    Some(args) => {
                        self.p("{type,0,product,");
                        self.types(args);
                        self.p("}");
                    }
                }
                self.p(",");
                if let Some(r) = result {
                    self.ty(r);
                }
                self.p("]}");
            }
            TypeKind::Paren(a) => self.ty(a),
        }
    }
}
