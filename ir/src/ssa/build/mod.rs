//! Core IR -> SSA IR.
//!
//! Expressions are lowered into blocks of the current function; a non-tail
//! call ends the block with [`Terminator::Call`] and continues in a
//! `Continuation` block. Funs are closure-converted here: a `Fun` becomes a
//! lambda body function that reads its free variables from the closure,
//! and a `LetRec` becomes a local function taking its free variables as
//! extra arguments. Pattern matching (see [`matching`]) tests clause after
//! clause. The result is in the ordinary SSA form (a value may be used in
//! any block its definition dominates); [`crate::ssa::passes`] then makes it
//! block-local and inserts heap tests.

mod builder;
mod matching;

use crate::core::{self, Callee as CCallee, Expr, Lit, Operand};
use crate::ssa::*;
use builder::FnBuilder;
use kiln_frontend::diagnostic::Diagnostic;
use kiln_frontend::span::Span;
use std::collections::HashMap;

/// Lowers a Core module to SSA (already passed through the SSA passes).
pub fn lower_module(m: &core::Module) -> Result<Module, Diagnostic> {
    let module =
        Module { name: m.name.clone(), file: m.file.clone(), functions: vec![], literals: vec![], lambdas: vec![] };
    let mut ml = ModuleLowerer { module };
    for f in &m.functions {
        let exported = m.exports.iter().any(|(n, a)| *n == f.name && *a == f.arity);
        let func = ml.function(
            &f.name,
            FunctionKind::Named { exported },
            &f.params,
            &[],
            None,
            &f.body,
            f.line,
            &HashMap::new(),
        )?;
        ml.module.functions.push(func);
    }
    for f in &mut ml.module.functions {
        crate::ssa::passes::run(f);
    }
    Ok(ml.module)
}

struct ModuleLowerer {
    module: Module,
}

/// How a `LetRec`-bound function is called: its lifted name and the free
/// variables passed after the arguments.
#[derive(Clone)]
struct LetRecInfo {
    name: String,
    free: Vec<core::Var>,
}

impl ModuleLowerer {
    /// Lowers one function body. `free` are extra parameters (closure-
    /// converted `LetRec`), `closure` is set for lambda bodies: (the free
    /// variables to load from the closure, the fun's own name).
    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        name: &str,
        kind: FunctionKind,
        params: &[core::Var],
        free: &[core::Var],
        closure: Option<(&[core::Var], Option<&core::Var>)>,
        body: &Expr,
        line: u32,
        letrecs: &HashMap<core::Var, LetRecInfo>,
    ) -> Result<Function, Diagnostic> {
        let mut fl =
            FnLowerer { m: self, b: FnBuilder::new(), env: HashMap::new(), letrecs: letrecs.clone(), guard_fail: None };
        let entry = BlockId(0);
        for p in params.iter().chain(free) {
            let v = fl.b.add_param(entry, Type::Term);
            fl.env.insert(p.clone(), v);
        }
        if let Some((free_vars, self_name)) = closure {
            let c = fl.b.add_param(entry, Type::Term);
            for (i, fv) in free_vars.iter().enumerate() {
                let v = fl.b.push(Op::FunFree { fun: c, index: i as u32 }, Type::Term);
                fl.env.insert(fv.clone(), v);
            }
            if let Some(n) = self_name {
                fl.env.insert(n.clone(), c);
            }
        }
        fl.expr(body, true)?;
        let arity = (params.len() + free.len()) as u32;
        let (blocks, value_types) = fl.b.finish();
        Ok(Function { name: name.to_string(), arity, kind, blocks, value_types, line })
    }

    fn literal(&mut self, l: Literal) -> u32 {
        if let Some(i) = self.module.literals.iter().position(|x| same_literal(x, &l)) {
            return i as u32;
        }
        self.module.literals.push(l);
        self.module.literals.len() as u32 - 1
    }
}

/// Literal identity for sharing: like `==` but floats by their bits, so
/// `0.0` and `-0.0` stay two literals.
fn same_literal(a: &Literal, b: &Literal) -> bool {
    use Literal as L;
    match (a, b) {
        (L::Float(x), L::Float(y)) => x.to_bits() == y.to_bits(),
        (L::Cons(h1, t1), L::Cons(h2, t2)) => same_literal(h1, h2) && same_literal(t1, t2),
        (L::Tuple(xs), L::Tuple(ys)) => xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same_literal(x, y)),
        (L::Map(xs), L::Map(ys)) => {
            xs.len() == ys.len()
                && xs.iter().zip(ys).all(|((k1, v1), (k2, v2))| same_literal(k1, k2) && same_literal(v1, v2))
        }
        _ => a == b,
    }
}

struct FnLowerer<'m> {
    m: &'m mut ModuleLowerer,
    b: FnBuilder,
    env: HashMap<core::Var, Value>,
    letrecs: HashMap<core::Var, LetRecInfo>,
    /// Inside a guard: where a failing BIF or raise goes.
    guard_fail: Option<BlockId>,
}

fn internal(msg: String) -> Diagnostic {
    Diagnostic::error(Span::default(), format!("internal compiler error: {msg}"))
}

fn to_literal(l: &Lit) -> Literal {
    match l {
        Lit::Integer(i) => Literal::Integer(i.clone()),
        Lit::Float(f) => Literal::Float(*f),
        Lit::Atom(a) => Literal::Atom(a.clone()),
        Lit::Nil => Literal::Nil,
        Lit::String(s) => Literal::String(s.clone()),
        Lit::Cons(h, t) => Literal::Cons(Box::new(to_literal(h)), Box::new(to_literal(t))),
        Lit::Tuple(es) => Literal::Tuple(es.iter().map(to_literal).collect()),
        Lit::Export(m, f, a) => Literal::Export(m.clone(), f.clone(), *a),
        Lit::Binary(b) => Literal::Binary(b.clone()),
        Lit::Map(pairs) => Literal::Map(pairs.iter().map(|(k, v)| (to_literal(k), to_literal(v))).collect()),
    }
}

/// The small integer value of a literal, if it is one.
pub(crate) fn small_int(l: &Lit) -> Option<i64> {
    match l {
        Lit::Integer(i) => i.parse::<i64>().ok().filter(|v| kiln_abi::tag::small_fits(*v)),
        _ => None,
    }
}

impl<'m> FnLowerer<'m> {
    fn lit(&mut self, l: &Lit) -> Value {
        match l {
            Lit::Atom(a) => self.b.push(Op::Const(Const::Atom(a.clone())), Type::Term),
            Lit::Nil => self.b.push(Op::Const(Const::Nil), Type::Term),
            _ => match small_int(l) {
                Some(v) => self.b.push(Op::Const(Const::Small(v)), Type::Term),
                None => {
                    let i = self.m.literal(to_literal(l));
                    self.b.push(Op::Literal(i), Type::Term)
                }
            },
        }
    }

    fn operand(&mut self, o: &Operand) -> Result<Value, Diagnostic> {
        match o {
            Operand::Var(v) => self.env.get(v).copied().ok_or_else(|| internal(format!("unbound Core variable {v}"))),
            Operand::Lit(l) => Ok(self.lit(l)),
        }
    }

    fn operands(&mut self, os: &[Operand]) -> Result<Vec<Value>, Diagnostic> {
        os.iter().map(|o| self.operand(o)).collect()
    }

    /// Finishes a value-producing expression: returns it in tail position.
    fn produce(&mut self, v: Value, tail: bool) -> Option<Value> {
        if tail {
            self.b.terminate(Terminator::Return(v));
            None
        } else {
            Some(v)
        }
    }

    /// Lowers `e`. In tail position the function's result is returned (or
    /// tail-called) and `None` comes back; otherwise the value, or `None`
    /// when control cannot continue (a raise).
    fn expr(&mut self, e: &Expr, tail: bool) -> Result<Option<Value>, Diagnostic> {
        match e {
            Expr::Atomic(o) => {
                let v = self.operand(o)?;
                Ok(self.produce(v, tail))
            }
            Expr::Cons(h, t) => {
                let (h, t) = (self.operand(h)?, self.operand(t)?);
                let v = self.b.push(Op::Cons(h, t), Type::Term);
                Ok(self.produce(v, tail))
            }
            Expr::Tuple(es) => {
                let es = self.operands(es)?;
                let v = self.b.push(Op::Tuple(es), Type::Term);
                Ok(self.produce(v, tail))
            }
            Expr::Let { var, value, body } => {
                let Some(v) = self.expr(value, false)? else { return Ok(None) };
                self.env.insert(var.clone(), v);
                self.expr(body, tail)
            }
            Expr::Case { args, clauses } => {
                let args = self.operands(args)?;
                self.case(&args, clauses, tail)
            }
            Expr::Call { callee, args, line } => {
                self.b.line = *line;
                self.call(callee, args, tail)
            }
            Expr::ApplyList { module, fun, args, line } => {
                self.b.line = *line;
                let module = module.as_ref().map(|m| self.operand(m)).transpose()?;
                let (fun, args) = (self.operand(fun)?, self.operand(args)?);
                self.transfer(Callee::ApplyList { module, fun, args }, vec![], tail)
            }
            Expr::Fun(f) => {
                let v = self.make_fun(f)?;
                Ok(self.produce(v, tail))
            }
            Expr::LetRec { name, fun, body } => {
                self.letrec(name, fun)?;
                self.expr(body, tail)
            }
            Expr::Receive { clauses, after } => self.receive(clauses, after.as_ref().map(|(t, b)| (t, &**b)), tail),
            Expr::Try { body, var, success, class, reason, trace, handler } => {
                self.try_expr(body, var, success, [class, reason, trace], handler, tail)
            }
            Expr::Catch(body) => self.catch(body, tail),
            Expr::Raise { class, reason, trace, args, line } => {
                self.b.line = *line;
                let (class, reason) = (self.operand(class)?, self.operand(reason)?);
                let trace = trace.as_ref().map(|t| self.operand(t)).transpose()?;
                match (self.guard_fail, trace) {
                    (Some(fail), _) => self.b.jump(fail, vec![]),
                    (None, None) if args.is_some() => {
                        // `erlang:error(Reason, Args)`: the trace's top entry
                        // shows the arguments (`function_clause`).
                        let mut list = self.b.push(Op::Const(Const::Nil), Type::Term);
                        for a in args.iter().flatten().rev() {
                            let v = self.operand(a)?;
                            list = self.b.push(Op::Cons(v, list), Type::Term);
                        }
                        let op = Op::Bif {
                            module: "erlang".into(),
                            name: "error".into(),
                            args: vec![reason, list],
                            guard: false,
                            line: *line,
                        };
                        self.b.push(op, Type::Term);
                        self.b.terminate(Terminator::Unreachable);
                    }
                    (None, Some(trace)) => self.b.terminate(Terminator::Reraise { class, reason, trace }),
                    (None, None) => self.b.terminate(Terminator::Raise { class, reason }),
                }
                Ok(None)
            }
        }
    }

    /// Joins the values of several branches: in tail position nothing is
    /// needed; otherwise a block with one parameter.
    fn join_block(&mut self, tail: bool) -> Option<(BlockId, Value)> {
        if tail {
            return None;
        }
        let j = self.b.new_block(BlockKind::Normal);
        let v = self.b.add_param(j, Type::Term);
        Some((j, v))
    }

    /// Ends a branch: jumps to the join block with its value.
    fn end_branch(&mut self, value: Option<Value>, join: Option<(BlockId, Value)>) {
        if let (Some(v), Some((j, _))) = (value, join) {
            if self.b.is_open() {
                self.b.jump(j, vec![v]);
            }
        }
    }

    /// Continues after the branches: in the join block if any branch reached it.
    fn after_join(&mut self, join: Option<(BlockId, Value)>) -> Option<Value> {
        let (j, v) = join?;
        let reached = self.b.blocks.iter().any(|blk| blk.term.successors().iter().any(|s| s.block == j));
        if reached {
            self.b.switch_to(j);
            Some(v)
        } else {
            None
        }
    }

    fn call(&mut self, callee: &CCallee, args: &[Operand], tail: bool) -> Result<Option<Value>, Diagnostic> {
        let mut argv = self.operands(args)?;
        let callee = match callee {
            CCallee::Local { name, arity } => Callee::Local { name: name.clone(), arity: *arity },
            CCallee::LetRec(v) => {
                let info = self.letrecs.get(v).cloned().ok_or_else(|| internal(format!("unknown letrec {v}")))?;
                for fv in &info.free {
                    let val = self.operand(&Operand::Var(fv.clone()))?;
                    argv.push(val);
                }
                Callee::Local { name: info.name, arity: argv.len() as u32 }
            }
            CCallee::Remote { module: Operand::Lit(Lit::Atom(m)), name: Operand::Lit(Lit::Atom(f)) } => {
                if kiln_abi::bif_table::lookup(m, f, argv.len() as u32).is_some() {
                    return Ok(self.bif(m, f, argv, tail));
                }
                Callee::Remote { module: m.clone(), name: f.clone(), arity: argv.len() as u32 }
            }
            CCallee::Remote { module, name } => {
                Callee::Dynamic { module: self.operand(module)?, name: self.operand(name)? }
            }
            CCallee::Fun(f) => Callee::Fun(self.operand(f)?),
        };
        self.transfer(callee, argv, tail)
    }

    fn bif(&mut self, module: &str, name: &str, args: Vec<Value>, tail: bool) -> Option<Value> {
        let guard = self.guard_fail.is_some();
        let op = Op::Bif { module: module.into(), name: name.into(), args, guard, line: self.b.line };
        let v = self.b.push(op, Type::Term);
        if let Some(fail) = self.guard_fail {
            let failed = self.b.push(Op::IsNonValue(v), Type::Bool);
            let ok = self.b.push(Op::Not(failed), Type::Bool);
            self.b.guard(ok, fail);
        }
        self.produce(v, tail)
    }

    /// A call to Erlang code: tail call, or a call with a continuation block.
    fn transfer(&mut self, callee: Callee, args: Vec<Value>, tail: bool) -> Result<Option<Value>, Diagnostic> {
        if self.guard_fail.is_some() {
            return Err(internal("call to Erlang code inside a guard".into()));
        }
        if tail {
            self.b.terminate(Terminator::TailCall { callee, args });
            return Ok(None);
        }
        let k = self.b.new_block(BlockKind::Continuation);
        let result = self.b.add_param(k, Type::Term);
        self.b.terminate(Terminator::Call { callee, args, cont: BlockCall { block: k, args: vec![] } });
        self.b.switch_to(k);
        Ok(Some(result))
    }

    fn make_fun(&mut self, f: &core::Fun) -> Result<Value, Diagnostic> {
        let free: Vec<core::Var> = core::free::fun_free_vars(f).into_iter().collect();
        let index = self.m.module.lambdas.len() as u32;
        self.m.module.lambdas.push(Lambda {
            name: f.label.clone(),
            arity: f.params.len() as u32,
            num_free: free.len() as u32,
            function: 0,
        });
        let letrecs = self.letrecs.clone();
        let func = self.m.function(
            &f.label,
            FunctionKind::Lambda { index },
            &f.params,
            &[],
            Some((&free, f.name.as_ref())),
            &f.body,
            f.line,
            &letrecs,
        )?;
        self.m.module.functions.push(func);
        self.m.module.lambdas[index as usize].function = self.m.module.functions.len() - 1;
        let free_vals = free.iter().map(|v| self.operand(&Operand::Var(v.clone()))).collect::<Result<Vec<_>, _>>()?;
        Ok(self.b.push(Op::MakeFun { lambda: index, free: free_vals }, Type::Term))
    }

    fn letrec(&mut self, name: &core::Var, fun: &core::Fun) -> Result<(), Diagnostic> {
        let mut free: Vec<core::Var> = core::free::fun_free_vars(fun).into_iter().filter(|v| v != name).collect();
        // A free variable that is itself a letrec function is reached through
        // its own free variables instead.
        let mut expanded = Vec::new();
        for v in free.drain(..) {
            match self.letrecs.get(&v) {
                Some(info) => expanded.extend(info.free.iter().cloned()),
                None => expanded.push(v),
            }
        }
        expanded.sort();
        expanded.dedup();
        let info = LetRecInfo { name: fun.label.clone(), free: expanded.clone() };
        self.letrecs.insert(name.clone(), info);
        let letrecs = self.letrecs.clone();
        let func = self.m.function(
            &fun.label,
            FunctionKind::Named { exported: false },
            &fun.params,
            &expanded,
            None,
            &fun.body,
            fun.line,
            &letrecs,
        )?;
        self.m.module.functions.push(func);
        Ok(())
    }

    fn case(&mut self, args: &[Value], clauses: &[core::Clause], tail: bool) -> Result<Option<Value>, Diagnostic> {
        let join = self.join_block(tail);
        for (i, c) in clauses.iter().enumerate() {
            let last = i + 1 == clauses.len();
            let next = if last { None } else { Some(self.b.new_block(BlockKind::Normal)) };
            let saved = self.env.clone();
            // The last clause always matches (the lowering made it a
            // catch-all), so its failure block stays `Unreachable`.
            let fail = next.unwrap_or_else(|| self.b.new_block(BlockKind::Normal));
            self.match_clause(args, c, fail)?;
            let v = self.expr(&c.body, tail)?;
            self.end_branch(v, join);
            self.env = saved;
            if let Some(n) = next {
                self.b.switch_to(n);
            }
        }
        Ok(self.after_join(join))
    }

    /// Tests the patterns and guards of a clause against `args`, binding its
    /// variables; on failure control goes to `fail`.
    fn match_clause(&mut self, args: &[Value], c: &core::Clause, fail: BlockId) -> Result<(), Diagnostic> {
        for (p, a) in c.patterns.iter().zip(args) {
            self.pattern(p, *a, fail)?;
        }
        if c.guards.is_empty() {
            return Ok(());
        }
        let pass = self.b.new_block(BlockKind::Normal);
        for (i, alt) in c.guards.iter().enumerate() {
            let next = if i + 1 == c.guards.len() { fail } else { self.b.new_block(BlockKind::Normal) };
            let saved = (self.guard_fail, self.env.clone());
            self.guard_fail = Some(next);
            for core::Guard::Test(g) in alt {
                let Some(v) = self.expr(g, false)? else { break };
                let ok = self.b.push(Op::IsTrue(v), Type::Bool);
                self.b.guard(ok, next);
            }
            if self.b.is_open() {
                self.b.jump(pass, vec![]);
            }
            (self.guard_fail, self.env) = saved;
            if next != fail {
                self.b.switch_to(next);
            }
        }
        self.b.switch_to(pass);
        Ok(())
    }

    fn receive(
        &mut self,
        clauses: &[core::Clause],
        after: Option<(&Operand, &Expr)>,
        tail: bool,
    ) -> Result<Option<Value>, Diagnostic> {
        let timeout = after.map(|(t, _)| self.operand(t)).transpose()?;
        let join = self.join_block(tail);
        let lp = self.b.new_block(BlockKind::Normal);
        self.b.jump(lp, vec![]);
        self.b.switch_to(lp);
        let msg = self.b.push(Op::RecvPeek, Type::Term);
        let none = self.b.push(Op::IsNonValue(msg), Type::Bool);
        let wait = self.b.new_block(BlockKind::Normal);
        let matching = self.b.new_block(BlockKind::Normal);
        self.b.terminate(Terminator::Branch {
            cond: none,
            then: BlockCall { block: wait, args: vec![] },
            otherwise: BlockCall { block: matching, args: vec![] },
        });
        self.b.switch_to(matching);
        for c in clauses {
            let next = self.b.new_block(BlockKind::Normal);
            let saved = self.env.clone();
            self.match_clause(&[msg], c, next)?;
            self.b.push_void(Op::RecvAccept);
            let v = self.expr(&c.body, tail)?;
            self.end_branch(v, join);
            self.env = saved;
            self.b.switch_to(next);
        }
        self.b.push_void(Op::RecvNext);
        self.b.jump(lp, vec![]);

        // No (more) messages: time out or wait.
        self.b.switch_to(wait);
        let after_block = match (timeout, after) {
            (Some(t), Some(_)) => {
                let expired = self.b.push(Op::RecvTimer(t), Type::Bool);
                let a = self.b.new_block(BlockKind::Normal);
                let w = self.b.new_block(BlockKind::Normal);
                self.b.terminate(Terminator::Branch {
                    cond: expired,
                    then: BlockCall { block: a, args: vec![] },
                    otherwise: BlockCall { block: w, args: vec![] },
                });
                self.b.switch_to(w);
                Some(a)
            }
            _ => None,
        };
        let resume = self.b.new_block(BlockKind::Continuation);
        self.b.add_param(resume, Type::Term);
        self.b.terminate(Terminator::Wait { resume: BlockCall { block: resume, args: vec![] } });
        self.b.switch_to(resume);
        match after_block {
            Some(a) => {
                let fired = self.b.push(Op::RecvTimedOut, Type::Bool);
                self.b.terminate(Terminator::Branch {
                    cond: fired,
                    then: BlockCall { block: a, args: vec![] },
                    otherwise: BlockCall { block: lp, args: vec![] },
                });
                self.b.switch_to(a);
                let (_, body) = after.expect("after block implies an after clause");
                let v = self.expr(body, tail)?;
                self.end_branch(v, join);
            }
            None => self.b.jump(lp, vec![]),
        }
        Ok(self.after_join(join))
    }

    fn try_expr(
        &mut self,
        body: &Expr,
        var: &core::Var,
        success: &Expr,
        [class, reason, trace]: [&core::Var; 3],
        handler: &Expr,
        tail: bool,
    ) -> Result<Option<Value>, Diagnostic> {
        let join = self.join_block(tail);
        let h = self.push_handler(BlockKind::TryHandler);
        let saved = self.env.clone();
        if let Some(v) = self.expr(body, false)? {
            self.b.push_void(Op::PopHandler { handler: h });
            self.env.insert(var.clone(), v);
            let r = self.expr(success, tail)?;
            self.end_branch(r, join);
        }
        self.env = saved.clone();
        self.b.switch_to(h);
        let c = self.b.push(Op::ExcClass, Type::Term);
        let r = self.b.push(Op::ExcReason, Type::Term);
        let t = self.b.push(Op::ExcTrace, Type::Term);
        self.env.insert(class.clone(), c);
        self.env.insert(reason.clone(), r);
        self.env.insert(trace.clone(), t);
        let v = self.expr(handler, tail)?;
        self.end_branch(v, join);
        self.env = saved;
        Ok(self.after_join(join))
    }

    /// Pushes a TRY or CATCH frame and continues in the protected body;
    /// returns the handler block (entered with one ignored parameter).
    fn push_handler(&mut self, kind: BlockKind) -> BlockId {
        let h = self.b.new_block(kind);
        self.b.add_param(h, Type::Term);
        let protected = self.b.new_block(BlockKind::Normal);
        self.b.terminate(Terminator::PushHandler {
            handler: BlockCall { block: h, args: vec![] },
            body: BlockCall { block: protected, args: vec![] },
        });
        self.b.switch_to(protected);
        h
    }

    fn catch(&mut self, body: &Expr, tail: bool) -> Result<Option<Value>, Diagnostic> {
        let (j, result) = {
            let j = self.b.new_block(BlockKind::Normal);
            let v = self.b.add_param(j, Type::Term);
            (j, v)
        };
        let h = self.push_handler(BlockKind::CatchHandler);
        let saved = self.env.clone();
        if let Some(v) = self.expr(body, false)? {
            self.b.push_void(Op::PopHandler { handler: h });
            self.b.jump(j, vec![v]);
        }
        self.env = saved;
        self.b.switch_to(h);
        let v = self.b.push(Op::CatchValue, Type::Term);
        self.b.jump(j, vec![v]);
        self.b.switch_to(j);
        Ok(self.produce(result, tail))
    }
}
