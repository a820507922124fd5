//! AST -> Core IR.
//!
//! Expressions are lowered into A-normal form: [`Lowerer::expr`] returns an
//! operand and appends the bindings that compute it, in evaluation order, to
//! a [`Bindings`] list; a body then folds those bindings around its tail.
//! Variables are renamed to unique names (`X@3`) through a scoped
//! environment, which is also how "exported" variables (bound in every
//! clause of a `case`) are made visible after it.

mod binaries;
mod comprehension;
mod constant;
mod maps;
mod maybe;
mod patterns;
mod records;

use super::*;
use kiln_frontend::ast;
use kiln_frontend::diagnostic::Diagnostic;
use kiln_frontend::span::{SourceMap, Span};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Variable environment: Erlang name -> unique Core variable.
pub(crate) type Env = BTreeMap<String, Var>;

/// A binding produced while lowering an expression.
pub(crate) enum Binding {
    Let(Var, Expr),
    /// Match the operand against the pattern or raise `{badmatch, V}` (at
    /// the source line given).
    Match(Pat, Operand, u32),
}

pub(crate) type Bindings = Vec<Binding>;

type Result<T> = std::result::Result<T, Diagnostic>;

/// A lowered body before its tail is fixed: bindings, the value, and the
/// environment at its end (for exported variables).
struct Pending {
    bindings: Bindings,
    value: Operand,
    env: Env,
}

/// Lowers a parsed module to Core. All errors are reported, each with its
/// location.
pub fn lower_module(module: &ast::Module, sources: &SourceMap) -> std::result::Result<Module, Vec<Diagnostic>> {
    let mut name = None;
    let mut exports = Vec::new();
    let mut records = HashMap::new();
    let mut errors = Vec::new();
    let mut locals = HashSet::new();
    let mut imports = HashMap::new();
    for form in &module.forms {
        match form {
            ast::Form::Attribute(a) => match &a.kind {
                ast::AttributeKind::Module(m) => name = Some(m.clone()),
                ast::AttributeKind::Export(fs) => exports.extend(fs.iter().map(|f| (f.name.clone(), f.arity))),
                ast::AttributeKind::Import { module, functions } => {
                    imports.extend(functions.iter().map(|f| ((f.name.clone(), f.arity), module.clone())));
                }
                ast::AttributeKind::Record { name, fields } => {
                    records.insert(name.clone(), fields.clone());
                }
                _ => {}
            },
            ast::Form::Function(f) => {
                locals.insert((f.name.clone(), f.arity));
            }
        }
    }
    let Some(name) = name else {
        let span = module.forms.first().map(|f| form_span(f)).unwrap_or_default();
        return Err(vec![Diagnostic::error(span, "no module definition")
            .with_note("help: add `-module(name).` at the top of the file")]);
    };
    for (f, a) in &exports {
        if !locals.contains(&(f.clone(), *a)) {
            let span = module
                .forms
                .iter()
                .find_map(|form| match form {
                    ast::Form::Attribute(at) if matches!(at.kind, ast::AttributeKind::Export(_)) => Some(at.span),
                    _ => None,
                })
                .unwrap_or_default();
            errors.push(Diagnostic::error(span, format!("function {f}/{a} undefined")).with_label("exported here"));
        }
    }
    let mut functions = Vec::new();
    for form in &module.forms {
        if let ast::Form::Function(f) = form {
            let mut l = Lowerer {
                function: (&f.name, f.arity),
                locals: &locals,
                imports: &imports,
                records: &records,
                sources,
                env: Env::new(),
                counter: 0,
                fun_counter: 0,
                cur_line: 0,
                used_after: HashSet::new(),
            };
            match l.function(f) {
                Ok(def) => functions.push(def),
                Err(e) => errors.push(e),
            }
        }
    }
    if errors.is_empty() {
        let file = sources.files().first().map(|f| f.name.clone()).unwrap_or_default();
        Ok(Module { name, file, exports, functions })
    } else {
        Err(errors)
    }
}

fn form_span(f: &ast::Form) -> Span {
    match f {
        ast::Form::Attribute(a) => a.span,
        ast::Form::Function(f) => f.span,
    }
}

pub(crate) struct Lowerer<'a> {
    pub(crate) function: (&'a str, u32),
    locals: &'a HashSet<(String, u32)>,
    /// `-import(Module, [F/A])`: `F(...)` calls `Module:F(...)`.
    imports: &'a HashMap<(String, u32), String>,
    pub(crate) records: &'a HashMap<String, Vec<ast::RecordFieldDef>>,
    sources: &'a SourceMap,
    pub(crate) env: Env,
    counter: u32,
    pub(crate) fun_counter: u32,
    /// Source line of the innermost expression being lowered: calls and
    /// raises made for it carry this line (for stack traces).
    pub(crate) cur_line: u32,
    /// Variables the code after the expression being lowered may mention:
    /// a `case`/`if`/`receive` exports only those of its clauses'
    /// bindings (so a call ending a clause stays a tail call when nothing
    /// needs them). A superset is always safe.
    used_after: HashSet<String>,
}

/// Folds bindings around a tail expression.
pub(crate) fn wrap(mut bindings: Bindings, tail: Expr) -> Expr {
    let mut e = tail;
    // `let x = E in x` is `E`: a call in the last position of a body stays
    // in tail position (a guaranteed tail call), and no temporary is made.
    if let (Expr::Atomic(Operand::Var(t)), Some(Binding::Let(v, _))) = (&e, bindings.last()) {
        if t == v {
            if let Some(Binding::Let(_, value)) = bindings.pop() {
                e = value;
            }
        }
    }
    for b in bindings.into_iter().rev() {
        e = match b {
            Binding::Let(v, value) => Expr::Let { var: v, value: Box::new(value), body: Box::new(e) },
            Binding::Match(p, o, line) => match_or_fail(o, p, e, "badmatch", line),
        };
    }
    e
}

/// `case o of p -> body; V -> error({tag, V}) end`
fn match_or_fail(o: Operand, p: Pat, body: Expr, tag: &str, line: u32) -> Expr {
    if let Pat::Var(v) = &p {
        return Expr::Let { var: v.clone(), value: Box::new(Expr::Atomic(o)), body: Box::new(body) };
    }
    let fail_var = format!(
        "{}@fail",
        match &o {
            Operand::Var(v) => v.clone(),
            Operand::Lit(_) => "lit".to_string(),
        }
    );
    Expr::Case {
        args: vec![o],
        clauses: vec![
            Clause { patterns: vec![p], guards: vec![], body },
            Clause {
                patterns: vec![Pat::Var(fail_var.clone())],
                guards: vec![],
                body: error_tuple(tag, Operand::Var(fail_var), line),
            },
        ],
    }
}

/// `error({tag, v})`, raised at source line `line`.
pub(crate) fn error_tuple(tag: &str, v: Operand, line: u32) -> Expr {
    let t = format!("{tag}@reason");
    Expr::Let {
        var: t.clone(),
        value: Box::new(Expr::Tuple(vec![Operand::atom(tag), v])),
        body: Box::new(Expr::Raise {
            class: Operand::atom("error"),
            reason: Operand::Var(t),
            trace: None,
            args: None,
            line,
        }),
    }
}

/// `error(reason)`, raised at source line `line`.
pub(crate) fn raise_error(reason: &str, line: u32) -> Expr {
    Expr::Raise { class: Operand::atom("error"), reason: Operand::atom(reason), trace: None, args: None, line }
}

/// `error(function_clause)` whose stack trace shows the arguments.
fn function_clause(args: &[Operand], line: u32) -> Expr {
    Expr::Raise {
        class: Operand::atom("error"),
        reason: Operand::atom("function_clause"),
        trace: None,
        args: Some(args.to_vec()),
        line,
    }
}

impl<'a> Lowerer<'a> {
    pub(crate) fn fresh(&mut self, hint: &str) -> Var {
        self.counter += 1;
        format!("{hint}@{}", self.counter)
    }

    pub(crate) fn line(&self, span: Span) -> u32 {
        if self.sources.files().is_empty() {
            0
        } else {
            self.sources.line(span) as u32
        }
    }

    /// Binds `e` to a fresh variable and returns it as an operand. A call
    /// without a line gets the current expression's.
    pub(crate) fn bind(&mut self, b: &mut Bindings, mut e: Expr) -> Operand {
        if let Expr::Atomic(o) = e {
            return o;
        }
        if let Expr::Call { line, .. } | Expr::ApplyList { line, .. } = &mut e {
            if *line == 0 {
                *line = self.cur_line;
            }
        }
        let v = self.fresh("_t");
        b.push(Binding::Let(v.clone(), e));
        Operand::Var(v)
    }

    fn function(&mut self, f: &ast::Function) -> Result<FunDef> {
        let params: Vec<Var> = (0..f.arity).map(|i| self.fresh(&format!("_a{i}"))).collect();
        let args: Vec<Operand> = params.iter().map(|p| Operand::Var(p.clone())).collect();
        let line = self.line(f.span);
        let body = self.clauses_case(args, &f.clauses, true, |a| function_clause(a, line))?;
        Ok(FunDef { name: f.name.clone(), arity: f.arity, params, body, line })
    }

    /// Lowers function-like clauses (patterns bind fresh variables when
    /// `fresh_patterns`, as in fun heads) into a `Case` whose last clause
    /// calls `fail` with the argument operands.
    pub(crate) fn clauses_case(
        &mut self,
        args: Vec<Operand>,
        clauses: &[ast::Clause],
        fresh_patterns: bool,
        fail: impl Fn(&[Operand]) -> Expr,
    ) -> Result<Expr> {
        let outer = self.env.clone();
        let mut out = Vec::new();
        for c in clauses {
            self.env = outer.clone();
            let pats = self.head_patterns(&c.patterns, fresh_patterns)?;
            let guards = self.guards(&c.guards)?;
            let body = self.body(&c.body)?;
            out.push(Clause { patterns: pats, guards, body });
        }
        self.env = outer;
        out.push(Clause { patterns: args.iter().map(|_| Pat::Wildcard).collect(), guards: vec![], body: fail(&args) });
        Ok(Expr::Case { args, clauses: out })
    }

    pub(crate) fn guards(&mut self, guards: &[Vec<ast::Expr>]) -> Result<Vec<Vec<Guard>>> {
        let saved = self.env.clone();
        let mut out = Vec::new();
        for alt in guards {
            let mut tests = Vec::new();
            for g in alt {
                self.check_guard(g)?;
                let mut b = Bindings::new();
                let v = self.expr(g, &mut b)?;
                tests.push(Guard::Test(wrap(b, Expr::Atomic(v))));
            }
            out.push(tests);
        }
        self.env = saved;
        Ok(out)
    }

    /// Rejects expressions OTP does not allow in guards.
    fn check_guard(&self, e: &ast::Expr) -> Result<()> {
        use ast::ExprKind as K;
        let bad = |what: &str| Err(Diagnostic::error(e.span, format!("illegal guard expression: {what}")));
        match &e.kind {
            K::Call { fun, args } => {
                let ok = match &fun.kind {
                    K::Atom(n) => {
                        kiln_abi::bif_table::lookup_auto_import(n, args.len() as u32).is_some_and(|b| b.guard)
                            || (n == "record_info" && args.len() == 2)
                    }
                    K::Remote(m, f) => match (&m.kind, &f.kind) {
                        (K::Atom(m), K::Atom(f)) => {
                            kiln_abi::bif_table::lookup(m, f, args.len() as u32).is_some_and(|b| b.guard)
                        }
                        _ => false,
                    },
                    _ => false,
                };
                if !ok {
                    return bad("only guard BIFs may be called in guards");
                }
                args.iter().try_for_each(|a| self.check_guard(a))
            }
            K::Match(..) => bad("`=` in a guard"),
            K::BinOp(ast::BinOp::Send, ..) => bad("`!` in a guard"),
            K::BinOp(_, a, b) => {
                self.check_guard(a)?;
                self.check_guard(b)
            }
            K::UnOp(_, a) => self.check_guard(a),
            K::Case { .. }
            | K::If(_)
            | K::Receive { .. }
            | K::Try { .. }
            | K::Catch(_)
            | K::Block(_)
            | K::Lambda { .. }
            | K::ListComp { .. }
            | K::BinComp { .. }
            | K::Maybe { .. } => bad("this expression"),
            K::Cons(a, b) => {
                self.check_guard(a)?;
                self.check_guard(b)
            }
            K::Tuple(es) => es.iter().try_for_each(|a| self.check_guard(a)),
            _ => Ok(()),
        }
    }

    /// Lowers a body (a sequence of expressions) to an expression.
    pub(crate) fn body(&mut self, exprs: &[ast::Expr]) -> Result<Expr> {
        let p = self.pending_body(exprs)?;
        Ok(wrap(p.bindings, Expr::Atomic(p.value)))
    }

    fn pending_body(&mut self, exprs: &[ast::Expr]) -> Result<Pending> {
        use ast::ExprKind as K;
        let outer = self.used_after.clone();
        // after[i]: variables of exprs[i+1..] and of what follows the body.
        let mut after = vec![outer.clone(); exprs.len()];
        for i in (0..exprs.len().saturating_sub(1)).rev() {
            let mut s = after[i + 1].clone();
            kiln_frontend::ast_vars::collect(&exprs[i + 1], &mut s);
            after[i] = s;
        }
        let mut b = Bindings::new();
        let mut value = Operand::atom("ok");
        for (e, mut used) in exprs.iter().zip(after) {
            // A branching construct standing alone (or as `Pat = ...`) needs
            // only what follows it; anywhere else, conservatively, the whole
            // statement counts as following it.
            let branching = |k: &K| matches!(k, K::Case { .. } | K::If(_) | K::Receive { .. } | K::Try { .. });
            match &e.kind {
                k if branching(k) => {}
                K::Match(p, rhs) if branching(&rhs.kind) => kiln_frontend::ast_vars::collect(p, &mut used),
                _ => kiln_frontend::ast_vars::collect(e, &mut used),
            }
            self.used_after = used;
            let r = self.expr(e, &mut b);
            self.used_after = outer.clone();
            value = r?;
        }
        Ok(Pending { bindings: b, value, env: self.env.clone() })
    }

    /// Lowers case-like clauses whose variables bound in every clause stay
    /// visible afterwards. Returns the operand holding the result.
    fn exporting_case(
        &mut self,
        args: Vec<Operand>,
        clauses: &[ast::Clause],
        fail: Expr,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let outer = self.env.clone();
        let mut lowered = Vec::new();
        for c in clauses {
            self.env = outer.clone();
            let pats = c.patterns.iter().map(|p| self.pattern(p, false)).collect::<Result<Vec<_>>>()?;
            let guards = self.guards(&c.guards)?;
            let pending = self.pending_body(&c.body)?;
            lowered.push((pats, guards, pending));
        }
        self.env = outer.clone();
        let mut exported = exported_vars(&outer, lowered.iter().map(|(_, _, p)| &p.env));
        exported.retain(|v| self.used_after.contains(v));
        let mut out = Vec::new();
        for (pats, guards, p) in lowered {
            let tail = if exported.is_empty() {
                Expr::Atomic(p.value)
            } else {
                let mut elems = vec![p.value];
                elems.extend(exported.iter().map(|name| Operand::Var(p.env[name].clone())));
                Expr::Tuple(elems)
            };
            out.push(Clause { patterns: pats, guards, body: wrap(p.bindings, tail) });
        }
        out.push(Clause { patterns: args.iter().map(|_| Pat::Wildcard).collect(), guards: vec![], body: fail });
        let result = self.bind(b, Expr::Case { args, clauses: out });
        Ok(self.unpack_exports(result, &exported, b))
    }

    /// After a clause set that returned `{Value, V1, ..., Vn}`, binds the
    /// exported variables and returns the value.
    fn unpack_exports(&mut self, result: Operand, exported: &[String], b: &mut Bindings) -> Operand {
        if exported.is_empty() {
            return result;
        }
        let value = self.fresh("_r");
        let mut pats = vec![Pat::Var(value.clone())];
        for name in exported {
            let v = self.fresh(name);
            self.env.insert(name.clone(), v.clone());
            pats.push(Pat::Var(v));
        }
        b.push(Binding::Match(Pat::Tuple(pats), result, self.cur_line));
        Operand::Var(value)
    }

    /// Lowers an expression, appending its computation to `b`.
    pub(crate) fn expr(&mut self, e: &ast::Expr, b: &mut Bindings) -> Result<Operand> {
        let saved = self.cur_line;
        self.cur_line = self.line(e.span);
        let r = self.expr_at(e, b);
        self.cur_line = saved;
        r
    }

    fn expr_at(&mut self, e: &ast::Expr, b: &mut Bindings) -> Result<Operand> {
        use ast::ExprKind as K;
        match &e.kind {
            K::Integer(i) => Ok(Operand::Lit(Lit::Integer(i.clone()))),
            K::Float(f) => Ok(Operand::Lit(Lit::Float(*f))),
            K::Char(c) => Ok(Operand::Lit(Lit::Integer(c.to_string()))),
            K::String(s) => Ok(Operand::Lit(string_lit(s))),
            K::Atom(a) => Ok(Operand::atom(a)),
            K::Nil => Ok(Operand::Lit(Lit::Nil)),
            K::Var(v) => self.var(v, e.span),
            K::Cons(h, t) => {
                let h = self.expr(h, b)?;
                let t = self.expr(t, b)?;
                Ok(match (h, t) {
                    (Operand::Lit(h), Operand::Lit(t)) => Operand::Lit(Lit::Cons(Box::new(h), Box::new(t))),
                    (h, t) => self.bind(b, Expr::Cons(h, t)),
                })
            }
            K::Tuple(es) => {
                let ops = es.iter().map(|e| self.expr(e, b)).collect::<Result<Vec<_>>>()?;
                if ops.iter().all(|o| matches!(o, Operand::Lit(_))) {
                    let lits = ops.into_iter().map(|o| match o {
                        Operand::Lit(l) => l,
                        Operand::Var(_) => unreachable!("checked all literals"),
                    });
                    return Ok(Operand::Lit(Lit::Tuple(lits.collect())));
                }
                Ok(self.bind(b, Expr::Tuple(ops)))
            }
            K::Match(p, value) => {
                let v = self.expr(value, b)?;
                let pat = self.pattern(p, false)?;
                b.push(Binding::Match(pat, v.clone(), self.cur_line));
                Ok(v)
            }
            K::BinOp(ast::BinOp::AndAlso, l, r) => self.short_circuit(l, r, true, b),
            K::BinOp(ast::BinOp::OrElse, l, r) => self.short_circuit(l, r, false, b),
            K::BinOp(op, l, r) => {
                let l = self.expr(l, b)?;
                let r = self.expr(r, b)?;
                Ok(self.bind(b, erlang_call(op.text(), vec![l, r])))
            }
            K::UnOp(ast::UnOp::Neg, x) if matches!(x.kind, K::Integer(_) | K::Float(_)) => match &x.kind {
                K::Integer(i) if i != "0" => Ok(Operand::Lit(Lit::Integer(format!("-{i}")))),
                K::Integer(_) => Ok(Operand::Lit(Lit::Integer("0".into()))),
                K::Float(f) => Ok(Operand::Lit(Lit::Float(-f))),
                _ => unreachable!("matched above"),
            },
            K::UnOp(op, x) => {
                let x = self.expr(x, b)?;
                Ok(self.bind(b, erlang_call(op.text(), vec![x])))
            }
            K::Call { fun, args } => self.call(e.span, fun, args, b),
            K::Remote(..) => Err(Diagnostic::error(e.span, "`M:F` is only allowed as the function of a call")),
            K::Case { expr, clauses } => {
                let v = self.expr(expr, b)?;
                let fv = self.fresh("_c");
                let fail = error_tuple("case_clause", Operand::Var(fv.clone()), self.cur_line);
                let fail = Expr::Let { var: fv, value: Box::new(Expr::Atomic(v.clone())), body: Box::new(fail) };
                self.exporting_case(vec![v], clauses, fail, b)
            }
            K::If(clauses) => self.exporting_case(vec![], clauses, raise_error("if_clause", self.cur_line), b),
            K::Receive { clauses, after } => self.receive(clauses, after.as_deref(), b),
            K::Try { body, of_clauses, catch_clauses, after } => {
                self.try_expr(body, of_clauses, catch_clauses, after, b)
            }
            K::Catch(x) => {
                let saved = self.env.clone();
                let inner = self.body(std::slice::from_ref(x))?;
                self.env = saved;
                Ok(self.bind(b, Expr::Catch(Box::new(inner))))
            }
            K::Block(exprs) => {
                let mut value = Operand::atom("ok");
                for x in exprs {
                    value = self.expr(x, b)?;
                }
                Ok(value)
            }
            K::FunRef { name, arity } => {
                if self.locals.contains(&(name.clone(), *arity)) {
                    let callee = Callee::Local { name: name.clone(), arity: *arity };
                    return Ok(self.wrapper_fun(callee, *arity, e.span, b));
                }
                // `fun is_atom/1` names the auto-imported BIF: `fun erlang:is_atom/1`.
                match kiln_abi::bif_table::lookup_auto_import(name, *arity) {
                    Some(bif) => Ok(Operand::Lit(Lit::Export(bif.module.into(), name.clone(), *arity))),
                    None if kiln_abi::auto_imports::is_auto_imported(name, *arity) => {
                        Ok(Operand::Lit(Lit::Export("erlang".into(), name.clone(), *arity)))
                    }
                    None => Err(Diagnostic::error(e.span, format!("function {name}/{arity} undefined"))),
                }
            }
            K::FunRemoteRef { module, name, arity } => {
                let m = self.expr(module, b)?;
                let f = self.expr(name, b)?;
                let K::Integer(a) = &arity.kind else {
                    let a = self.expr(arity, b)?;
                    return Ok(self.bind(b, erlang_call("make_fun", vec![m, f, a])));
                };
                let a: u32 = a.parse().map_err(|_| Diagnostic::error(arity.span, "arity out of range"))?;
                match (m, f) {
                    (Operand::Lit(Lit::Atom(m)), Operand::Lit(Lit::Atom(f))) => Ok(Operand::Lit(Lit::Export(m, f, a))),
                    (m, f) => Ok(self.wrapper_fun(Callee::Remote { module: m, name: f }, a, e.span, b)),
                }
            }
            K::Lambda { name, clauses } => self.lambda(name.as_deref(), clauses, e.span, b),
            K::ListComp { expr, qualifiers } => self.list_comprehension(expr, qualifiers, e.span, b),
            K::Record { base, name, fields } => self.record(base.as_deref(), name, fields, e.span, b),
            K::RecordAccess { expr, name, field } => self.record_access(expr, name, field, e.span, b),
            K::RecordIndex { name, field } => {
                let i = self.record_field_index(name, field, e.span)?;
                Ok(Operand::Lit(Lit::Integer(i.to_string())))
            }
            K::Binary(elems) => self.binary(elems, b),
            K::BinComp { expr, qualifiers } => self.binary_comprehension(expr, qualifiers, e.span, b),
            K::Map { base, fields } => self.map(base.as_deref(), fields, b),
            K::Maybe { body, else_clauses } => self.maybe_expr(body, else_clauses.as_deref(), e.span, b),
            K::MaybeMatch(..) => {
                Err(Diagnostic::error(e.span, "`?=` is only allowed directly in the body of a `maybe`"))
            }
        }
    }

    fn var(&mut self, name: &str, span: Span) -> Result<Operand> {
        if name == "_" {
            return Err(
                Diagnostic::error(span, "variable '_' is unbound").with_note("help: `_` can only be used in patterns")
            );
        }
        match self.env.get(name) {
            Some(v) => Ok(Operand::Var(v.clone())),
            None => Err(Diagnostic::error(span, format!("variable '{name}' is unbound")).with_label("not bound here")),
        }
    }

    /// `A andalso B` / `A orelse B`.
    fn short_circuit(&mut self, l: &ast::Expr, r: &ast::Expr, and: bool, b: &mut Bindings) -> Result<Operand> {
        let lv = self.expr(l, b)?;
        let saved = self.env.clone();
        let rhs = self.body(std::slice::from_ref(r))?;
        self.env = saved;
        let (cont, short) = if and { ("true", "false") } else { ("false", "true") };
        let bad = self.fresh("_b");
        let fail = error_tuple("badarg", Operand::Var(bad.clone()), self.cur_line);
        let case = Expr::Case {
            args: vec![lv],
            clauses: vec![
                Clause { patterns: vec![Pat::Lit(Lit::Atom(cont.into()))], guards: vec![], body: rhs },
                Clause {
                    patterns: vec![Pat::Lit(Lit::Atom(short.into()))],
                    guards: vec![],
                    body: Expr::Atomic(Operand::atom(short)),
                },
                Clause { patterns: vec![Pat::Var(bad)], guards: vec![], body: fail },
            ],
        };
        Ok(self.bind(b, case))
    }

    fn call(&mut self, span: Span, fun: &ast::Expr, args: &[ast::Expr], b: &mut Bindings) -> Result<Operand> {
        use ast::ExprKind as K;
        let arity = args.len() as u32;
        match &fun.kind {
            K::Atom(name) => {
                if name == "record_info" && arity == 2 {
                    return self.record_info(&args[0], &args[1], span);
                }
                if name == "is_record" && arity == 2 {
                    if let K::Atom(rec) = &args[1].kind {
                        let size = self.record_size(rec, args[1].span)?;
                        let x = self.expr(&args[0], b)?;
                        let call = erlang_call(
                            "is_record",
                            vec![x, Operand::atom(rec), Operand::Lit(Lit::Integer(size.to_string()))],
                        );
                        return Ok(self.bind(b, call));
                    }
                }
                let ops = args.iter().map(|a| self.expr(a, b)).collect::<Result<Vec<_>>>()?;
                if self.locals.contains(&(name.clone(), arity)) {
                    return Ok(self.bind(
                        b,
                        Expr::Call { callee: Callee::Local { name: name.clone(), arity }, args: ops, line: 0 },
                    ));
                }
                if let Some(module) = self.imports.get(&(name.clone(), arity)) {
                    let callee = Callee::Remote { module: Operand::atom(module), name: Operand::atom(name) };
                    return Ok(self.bind(b, Expr::Call { callee, args: ops, line: 0 }));
                }
                if name == "apply" && (arity == 2 || arity == 3) {
                    return Ok(self.bind(b, apply_list(ops)));
                }
                if kiln_abi::bif_table::lookup_auto_import(name, arity).is_some()
                    || kiln_abi::auto_imports::is_auto_imported(name, arity)
                {
                    return Ok(self.bind(b, erlang_call(name, ops)));
                }
                Err(Diagnostic::error(fun.span, format!("function {name}/{arity} undefined"))
                    .with_label("no such local function or auto-imported BIF"))
            }
            K::Remote(m, f) => {
                let mo = self.expr(m, b)?;
                let fo = self.expr(f, b)?;
                let ops = args.iter().map(|a| self.expr(a, b)).collect::<Result<Vec<_>>>()?;
                let is_apply = matches!((&mo, &fo), (Operand::Lit(Lit::Atom(m)), Operand::Lit(Lit::Atom(f))) if m == "erlang" && f == "apply");
                if is_apply && (arity == 2 || arity == 3) {
                    return Ok(self.bind(b, apply_list(ops)));
                }
                Ok(self.bind(b, Expr::Call { callee: Callee::Remote { module: mo, name: fo }, args: ops, line: 0 }))
            }
            _ => {
                let f = self.expr(fun, b)?;
                let ops = args.iter().map(|a| self.expr(a, b)).collect::<Result<Vec<_>>>()?;
                Ok(self.bind(b, Expr::Call { callee: Callee::Fun(f), args: ops, line: 0 }))
            }
        }
    }

    /// `fun f/N` and `fun M:F/N` as a fun that calls the function.
    fn wrapper_fun(&mut self, callee: Callee, arity: u32, span: Span, b: &mut Bindings) -> Operand {
        let params: Vec<Var> = (0..arity).map(|i| self.fresh(&format!("_w{i}"))).collect();
        let line = self.line(span);
        let body = Expr::Call { callee, args: params.iter().map(|p| Operand::Var(p.clone())).collect(), line };
        let label = self.next_fun_label();
        let fun = Fun { name: None, params, body, label, line };
        self.bind(b, Expr::Fun(Box::new(fun)))
    }

    pub(crate) fn next_fun_label(&mut self) -> String {
        let n = self.fun_counter;
        self.fun_counter += 1;
        format!("-{}/{}-fun-{n}-", self.function.0, self.function.1)
    }

    fn lambda(&mut self, name: Option<&str>, clauses: &[ast::Clause], span: Span, b: &mut Bindings) -> Result<Operand> {
        let arity = clauses[0].patterns.len() as u32;
        let saved = self.env.clone();
        let self_var = name.map(|n| {
            let v = self.fresh(n);
            self.env.insert(n.to_string(), v.clone());
            v
        });
        let params: Vec<Var> = (0..arity).map(|i| self.fresh(&format!("_f{i}"))).collect();
        let args: Vec<Operand> = params.iter().map(|p| Operand::Var(p.clone())).collect();
        let line = self.line(span);
        let body = self.clauses_case(args, clauses, true, |a| function_clause(a, line));
        self.env = saved;
        // Numbered after the funs inside it, as OTP numbers them (the
        // names show in stack traces).
        let label = self.next_fun_label();
        let fun = Fun { name: self_var, params, body: body?, label, line };
        Ok(self.bind(b, Expr::Fun(Box::new(fun))))
    }

    fn receive(&mut self, clauses: &[ast::Clause], after: Option<&ast::After>, b: &mut Bindings) -> Result<Operand> {
        let outer = self.env.clone();
        let mut lowered = Vec::new();
        for c in clauses {
            self.env = outer.clone();
            let pats = c.patterns.iter().map(|p| self.pattern(p, false)).collect::<Result<Vec<_>>>()?;
            let guards = self.guards(&c.guards)?;
            let pending = self.pending_body(&c.body)?;
            lowered.push((pats, guards, pending));
        }
        self.env = outer.clone();
        let after = match after {
            Some(a) => {
                let t = self.expr(&a.timeout, b)?;
                let pending = self.pending_body(&a.body)?;
                self.env = outer.clone();
                Some((t, pending))
            }
            None => None,
        };
        let envs = lowered.iter().map(|(_, _, p)| &p.env).chain(after.iter().map(|(_, p)| &p.env));
        let mut exported = exported_vars(&outer, envs);
        exported.retain(|v| self.used_after.contains(v));
        let tail = |p: Pending| {
            if exported.is_empty() {
                wrap(p.bindings, Expr::Atomic(p.value))
            } else {
                let mut elems = vec![p.value];
                elems.extend(exported.iter().map(|name| Operand::Var(p.env[name].clone())));
                wrap(p.bindings, Expr::Tuple(elems))
            }
        };
        let clauses =
            lowered.into_iter().map(|(patterns, guards, p)| Clause { patterns, guards, body: tail(p) }).collect();
        let after = after.map(|(t, p)| (t, Box::new(tail(p))));
        let result = self.bind(b, Expr::Receive { clauses, after });
        Ok(self.unpack_exports(result, &exported, b))
    }

    fn try_expr(
        &mut self,
        body: &[ast::Expr],
        of_clauses: &[ast::Clause],
        catch_clauses: &[ast::CatchClause],
        after: &[ast::Expr],
        b: &mut Bindings,
    ) -> Result<Operand> {
        let outer = self.env.clone();
        let protected = self.body(body)?;
        self.env = outer.clone();
        let var = self.fresh("_try");
        let success = if of_clauses.is_empty() {
            Expr::Atomic(Operand::Var(var.clone()))
        } else {
            let fv = self.fresh("_tc");
            let fail = error_tuple("try_clause", Operand::Var(fv.clone()), self.cur_line);
            let fail =
                Expr::Let { var: fv, value: Box::new(Expr::Atomic(Operand::Var(var.clone()))), body: Box::new(fail) };
            let mut sb = Bindings::new();
            let r = self.exporting_case(vec![Operand::Var(var.clone())], of_clauses, fail, &mut sb)?;
            self.env = outer.clone();
            wrap(sb, Expr::Atomic(r))
        };
        let (class, reason, trace) = (self.fresh("_class"), self.fresh("_reason"), self.fresh("_trace"));
        let reraise = Expr::Raise {
            class: Operand::Var(class.clone()),
            reason: Operand::Var(reason.clone()),
            trace: Some(Operand::Var(trace.clone())),
            args: None,
            line: 0,
        };
        let handler = if catch_clauses.is_empty() {
            reraise.clone()
        } else {
            let mut cs = Vec::new();
            for c in catch_clauses {
                self.env = outer.clone();
                let class_pat = match &c.class {
                    Some(p) => self.pattern(p, false)?,
                    None => Pat::Lit(Lit::Atom("throw".into())),
                };
                let reason_pat = self.pattern(&c.reason, false)?;
                let trace_pat = match &c.stack {
                    Some(p) => self.pattern(p, false)?,
                    None => Pat::Wildcard,
                };
                let guards = self.guards(&c.guards)?;
                let body = self.body(&c.body)?;
                cs.push(Clause { patterns: vec![class_pat, reason_pat, trace_pat], guards, body });
            }
            self.env = outer.clone();
            cs.push(Clause {
                patterns: vec![Pat::Wildcard, Pat::Wildcard, Pat::Wildcard],
                guards: vec![],
                body: reraise.clone(),
            });
            Expr::Case {
                args: vec![Operand::Var(class.clone()), Operand::Var(reason.clone()), Operand::Var(trace.clone())],
                clauses: cs,
            }
        };
        let mut result = Expr::Try {
            body: Box::new(protected),
            var,
            success: Box::new(success),
            class,
            reason,
            trace,
            handler: Box::new(handler),
        };
        if !after.is_empty() {
            // try E after A end  ==  try E of V -> A, V catch C:R:T -> A, raise(C, R, T) end
            let after_expr = self.body(after)?;
            self.env = outer.clone();
            let v = self.fresh("_tv");
            let (c, r, t) = (self.fresh("_ac"), self.fresh("_ar"), self.fresh("_at"));
            let seq = |first: Expr, then: Expr, tmp: String| Expr::Let {
                var: tmp,
                value: Box::new(first),
                body: Box::new(then),
            };
            let ok_tmp = self.fresh("_x");
            let err_tmp = self.fresh("_x");
            result = Expr::Try {
                body: Box::new(result),
                var: v.clone(),
                success: Box::new(seq(after_expr.clone(), Expr::Atomic(Operand::Var(v)), ok_tmp)),
                class: c.clone(),
                reason: r.clone(),
                trace: t.clone(),
                handler: Box::new(seq(
                    after_expr,
                    Expr::Raise {
                        class: Operand::Var(c),
                        reason: Operand::Var(r),
                        trace: Some(Operand::Var(t)),
                        args: None,
                        line: 0,
                    },
                    err_tmp,
                )),
            };
        }
        self.env = outer;
        Ok(self.bind(b, result))
    }
}

/// Variables bound (newly, relative to `outer`) in every environment.
fn exported_vars<'e>(outer: &Env, mut envs: impl Iterator<Item = &'e Env>) -> Vec<String> {
    let Some(first) = envs.next() else { return vec![] };
    let mut names: Vec<String> = first.keys().filter(|k| !outer.contains_key(*k)).cloned().collect();
    for env in envs {
        names.retain(|n| env.contains_key(n));
    }
    names
}

pub(crate) fn erlang_call(name: &str, args: Vec<Operand>) -> Expr {
    Expr::Call { callee: Callee::Remote { module: Operand::atom("erlang"), name: Operand::atom(name) }, args, line: 0 }
}

fn apply_list(mut ops: Vec<Operand>) -> Expr {
    let args = ops.pop().expect("apply has 2 or 3 arguments");
    let fun = ops.pop().expect("apply has 2 or 3 arguments");
    let module = ops.pop();
    Expr::ApplyList { module, fun, args, line: 0 }
}

pub(crate) fn string_lit(s: &str) -> Lit {
    if s.is_empty() {
        Lit::Nil
    } else {
        Lit::String(s.chars().map(|c| c as u32).collect())
    }
}
