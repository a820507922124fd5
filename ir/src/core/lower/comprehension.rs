//! List comprehensions become local recursive functions.
//!
//! `[E || P <- L, F, Q <- M]` is lowered like OTP does: one function per
//! generator, whose "list exhausted" case continues with the enclosing
//! generator's next element, so elements are produced (and side effects
//! happen) in order without appending lists:
//!
//! ```text
//! letrec lc1 = fun ([P|T1]) -> case F of true -> lc2(M) with tail lc1(T1); _ -> lc1(T1) end
//!                  ([_|T1]) -> lc1(T1)
//!                  ([])     -> []
//!                  (X)      -> error({bad_generator, X})
//! ```

use super::*;

/// Produces the list that follows the current element: the recursive call
/// of the enclosing generator, or `[]` at the outermost level.
type Tail<'t> = &'t dyn Fn(&mut Lowerer<'_>, &mut Bindings) -> Result<Operand>;

impl<'a> Lowerer<'a> {
    pub(crate) fn list_comprehension(
        &mut self,
        expr: &ast::Expr,
        qualifiers: &[ast::Qualifier],
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let saved = self.env.clone();
        let nil: Tail = &|_, _| Ok(Operand::Lit(Lit::Nil));
        let result = self.comprehension(expr, qualifiers, nil, span, false, b);
        self.env = saved;
        result
    }

    /// `<< E || Qualifiers >>`: the list of the (bitstring) values of `E`,
    /// concatenated.
    pub(crate) fn binary_comprehension(
        &mut self,
        expr: &ast::Expr,
        qualifiers: &[ast::Qualifier],
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let saved = self.env.clone();
        let nil: Tail = &|_, _| Ok(Operand::Lit(Lit::Nil));
        let list = self.comprehension(expr, qualifiers, nil, span, true, b);
        self.env = saved;
        Ok(self.bind(b, erlang_call("list_to_bitstring", vec![list?])))
    }

    /// `v` if `is_bitstring(v)`, else `error(badarg)`.
    fn bitstring_or_badarg(&mut self, v: Operand, b: &mut Bindings) -> Operand {
        let x = self.fresh("_e");
        let t = self.fresh("_t");
        let test = Expr::Let {
            var: t.clone(),
            value: Box::new(erlang_call("is_bitstring", vec![Operand::Var(x.clone())])),
            body: Box::new(Expr::Atomic(Operand::Var(t))),
        };
        let case = Expr::Case {
            args: vec![v],
            clauses: vec![
                Clause { patterns: vec![Pat::Var(x.clone())], guards: vec![vec![Guard::Test(test)]], body: Expr::Atomic(Operand::Var(x)) },
                Clause { patterns: vec![Pat::Wildcard], guards: vec![], body: raise_error("badarg", self.cur_line) },
            ],
        };
        self.bind(b, case)
    }

    fn comprehension(
        &mut self,
        expr: &ast::Expr,
        qualifiers: &[ast::Qualifier],
        tail: Tail,
        span: Span,
        bitstrings: bool,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let Some((first, rest)) = qualifiers.split_first() else {
            let mut head = self.expr(expr, b)?;
            if bitstrings {
                head = self.bitstring_or_badarg(head, b);
            }
            let tail = tail(self, b)?;
            return Ok(self.bind(b, Expr::Cons(head, tail)));
        };
        match first {
            ast::Qualifier::Filter(f) => {
                let saved = self.env.clone();
                // A filter that is a guard expression is evaluated as a guard
                // (an exception means false); any other filter must yield a
                // boolean, else `{bad_filter, V}`, as in OTP.
                let guard = self.check_guard(f).is_ok();
                let (args, keep_pat, guards) = if guard {
                    (vec![], vec![], self.guards(&[vec![f.clone()]])?)
                } else {
                    (vec![self.expr(f, b)?], vec![Pat::Lit(Lit::Atom("true".into()))], vec![])
                };
                let mut yes = Bindings::new();
                let v = self.comprehension(expr, rest, tail, span, bitstrings, &mut yes)?;
                let mut no = Bindings::new();
                let skip = tail(self, &mut no)?;
                self.env = saved;
                let mut clauses = vec![Clause { patterns: keep_pat, guards, body: wrap(yes, Expr::Atomic(v)) }];
                if guard {
                    clauses.push(Clause { patterns: vec![], guards: vec![], body: wrap(no, Expr::Atomic(skip)) });
                } else {
                    let bad = self.fresh("_bf");
                    let line = self.line(f.span);
                    clauses.push(Clause {
                        patterns: vec![Pat::Lit(Lit::Atom("false".into()))],
                        guards: vec![],
                        body: wrap(no, Expr::Atomic(skip)),
                    });
                    clauses.push(Clause {
                        patterns: vec![Pat::Var(bad.clone())],
                        guards: vec![],
                        body: error_tuple("bad_filter", Operand::Var(bad), line),
                    });
                }
                Ok(self.bind(b, Expr::Case { args, clauses }))
            }
            ast::Qualifier::Generator { pattern, source } => {
                let list = self.expr(source, b)?;
                let name = self.fresh("lc");
                let label = {
                    let n = self.fun_counter;
                    self.fun_counter += 1;
                    format!("-{}/{}-lc$^{n}/1-0-", self.function.0, self.function.1)
                };
                let param = self.fresh("_l");
                let tail_var = self.fresh("_tl");
                let saved = self.env.clone();

                // [P | T] -> <rest of the comprehension>, continuing with lc(T)
                let pat = self.pattern(pattern, true)?;
                let line = self.cur_line;
                let again = |name: &Var, t: &Var| Expr::Call { callee: Callee::LetRec(name.clone()), args: vec![Operand::Var(t.clone())], line };
                let next: Tail = &|l, b| Ok(l.bind(b, again(&name, &tail_var)));
                let mut body_b = Bindings::new();
                let v = self.comprehension(expr, rest, next, span, bitstrings, &mut body_b)?;
                self.env = saved;
                let skip_tail = self.fresh("_tl");
                let mut end_b = Bindings::new();
                let end = tail(self, &mut end_b)?;
                let bad = self.fresh("_g");
                let clauses = vec![
                    Clause {
                        patterns: vec![Pat::Cons(Box::new(pat), Box::new(Pat::Var(tail_var.clone())))],
                        guards: vec![],
                        body: wrap(body_b, Expr::Atomic(v)),
                    },
                    Clause {
                        patterns: vec![Pat::Cons(Box::new(Pat::Wildcard), Box::new(Pat::Var(skip_tail.clone())))],
                        guards: vec![],
                        body: again(&name, &skip_tail),
                    },
                    Clause { patterns: vec![Pat::Lit(Lit::Nil)], guards: vec![], body: wrap(end_b, Expr::Atomic(end)) },
                    Clause { patterns: vec![Pat::Var(bad.clone())], guards: vec![], body: error_tuple("bad_generator", Operand::Var(bad), self.cur_line) },
                ];
                let fun = Fun {
                    name: None,
                    params: vec![param.clone()],
                    body: Expr::Case { args: vec![Operand::Var(param)], clauses },
                    label,
                    line: self.line(span),
                };
                let call = Expr::Call { callee: Callee::LetRec(name.clone()), args: vec![list], line: self.cur_line };
                let result = self.fresh("_lc");
                let body = Expr::Let { var: result.clone(), value: Box::new(call), body: Box::new(Expr::Atomic(Operand::Var(result))) };
                Ok(self.bind(b, Expr::LetRec { name, fun: Box::new(fun), body: Box::new(body) }))
            }
            ast::Qualifier::BinGenerator { pattern, source } => {
                let bin = self.expr(source, b)?;
                let name = self.fresh("bc");
                let label = {
                    let n = self.fun_counter;
                    self.fun_counter += 1;
                    format!("-{}/{}-lbc$^{n}/1-0-", self.function.0, self.function.1)
                };
                let param = self.fresh("_b");
                let rest_var = self.fresh("_rest");
                let saved = self.env.clone();
                let Pat::Binary(mut segs) = self.pattern(pattern, true)? else {
                    return Err(Diagnostic::error(pattern.span, "a bitstring generator (`<=`) needs a binary pattern")
                        .with_note("help: write `<<X:8>> <= Bin`"));
                };
                // An element that does not match is skipped: the same
                // segments with every value ignored (variables kept, as a
                // later size may use them).
                let mut skip: Vec<_> = segs
                    .iter()
                    .map(|s| Segment { value: if matches!(s.value, Pat::Var(_)) { s.value.clone() } else { Pat::Wildcard }, ..s.clone() })
                    .collect();
                let rest_seg = |v: &Var| Segment {
                    value: Pat::Var(v.clone()),
                    kind: SegmentKind::Binary,
                    size: Some(Expr::Atomic(Operand::atom("all"))),
                    flags: kiln_abi::bits::flags(1, false, false, false),
                };
                segs.push(rest_seg(&rest_var));
                let line = self.cur_line;
                let again = |name: &Var, t: &Var| Expr::Call { callee: Callee::LetRec(name.clone()), args: vec![Operand::Var(t.clone())], line };
                let next: Tail = &|l, b| Ok(l.bind(b, again(&name, &rest_var)));
                let mut body_b = Bindings::new();
                let v = self.comprehension(expr, rest, next, span, bitstrings, &mut body_b)?;
                self.env = saved;
                let skip_rest = self.fresh("_rest");
                skip.push(rest_seg(&skip_rest));
                let mut end_b = Bindings::new();
                let end = tail(self, &mut end_b)?;
                let (left, bad) = (self.fresh("_b"), self.fresh("_g"));
                let is_bits = {
                    let t = self.fresh("_t");
                    Expr::Let {
                        var: t.clone(),
                        value: Box::new(erlang_call("is_bitstring", vec![Operand::Var(left.clone())])),
                        body: Box::new(Expr::Atomic(Operand::Var(t))),
                    }
                };
                let clauses = vec![
                    Clause { patterns: vec![Pat::Binary(segs)], guards: vec![], body: wrap(body_b, Expr::Atomic(v)) },
                    Clause { patterns: vec![Pat::Binary(skip)], guards: vec![], body: again(&name, &skip_rest) },
                    Clause {
                        patterns: vec![Pat::Var(left)],
                        guards: vec![vec![Guard::Test(is_bits)]],
                        body: wrap(end_b, Expr::Atomic(end)),
                    },
                    Clause { patterns: vec![Pat::Var(bad.clone())], guards: vec![], body: error_tuple("bad_generator", Operand::Var(bad), self.cur_line) },
                ];
                let fun = Fun {
                    name: None,
                    params: vec![param.clone()],
                    body: Expr::Case { args: vec![Operand::Var(param)], clauses },
                    label,
                    line: self.line(span),
                };
                let call = Expr::Call { callee: Callee::LetRec(name.clone()), args: vec![bin], line: self.cur_line };
                let result = self.fresh("_bc");
                let body = Expr::Let { var: result.clone(), value: Box::new(call), body: Box::new(Expr::Atomic(Operand::Var(result))) };
                Ok(self.bind(b, Expr::LetRec { name, fun: Box::new(fun), body: Box::new(body) }))
            }
        }
    }
}
