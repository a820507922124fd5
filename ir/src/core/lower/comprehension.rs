//! Comprehensions become local recursive functions.
//!
//! `[E || P <- L, F, Q <- M]` is lowered like OTP does: one function per
//! generator, whose "list exhausted" case continues with the enclosing
//! generator's next element, so elements are produced (and side effects
//! happen) in order without appending lists:
//!
//! ```text
//! letrec lc1 = fun ([P|T1]) -> case F of true -> lc2(M) with tail lc1(T1); false -> lc1(T1) end
//!                  ([_|T1]) -> lc1(T1)
//!                  ([])     -> []
//!                  (X)      -> error({bad_generator, X})
//! ```
//!
//! A binary comprehension `<< E || ... >>` threads a bitstring builder
//! through the same functions as an extra argument instead: each element's
//! segments are put straight into it (`'$bs_put_*'`, in place), every
//! generator call is a tail call, and the builder is finished once at the
//! end, so no list of pieces is ever built. A bitstring generator
//! `<<P>> <= Bin` matches `<<P, Rest/bitstring>>` and skips an element that
//! does not match by the same segment sizes.

use super::*;

/// Produces what follows the current element: the recursive call of the
/// enclosing generator, or the end (`[]`, or the builder) at the outermost
/// level. It receives the builder after the current element (binary
/// comprehensions) or `None` (lists).
type Tail<'t> = &'t dyn Fn(&mut Lowerer<'_>, &mut Bindings, Option<Operand>) -> Result<Operand>;

impl<'a> Lowerer<'a> {
    pub(crate) fn list_comprehension(
        &mut self,
        expr: &ast::Expr,
        qualifiers: &[ast::Qualifier],
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let saved = self.env.clone();
        let nil: Tail = &|_, _, _| Ok(Operand::Lit(Lit::Nil));
        let result = self.comprehension(expr, qualifiers, nil, span, None, b);
        self.env = saved;
        result
    }

    /// `<< E || Qualifiers >>`.
    pub(crate) fn binary_comprehension(
        &mut self,
        expr: &ast::Expr,
        qualifiers: &[ast::Qualifier],
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let saved = self.env.clone();
        let builder = self.bind(b, erlang_call("$bs_init", vec![]));
        let done: Tail = &|_, _, acc| acc.ok_or_else(|| Diagnostic::error(span, "internal compiler error: no builder"));
        let result = self.comprehension(expr, qualifiers, done, span, Some(builder), b);
        self.env = saved;
        Ok(self.bind(b, erlang_call("$bs_finish", vec![result?])))
    }

    /// The rest of a comprehension from `qualifiers` on; `acc` is the
    /// builder of a binary comprehension.
    fn comprehension(
        &mut self,
        expr: &ast::Expr,
        qualifiers: &[ast::Qualifier],
        tail: Tail,
        span: Span,
        acc: Option<Operand>,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let Some((first, rest)) = qualifiers.split_first() else {
            return match acc {
                Some(builder) => {
                    let builder = self.append_element(builder, expr, b)?;
                    tail(self, b, Some(builder))
                }
                None => {
                    let head = self.expr(expr, b)?;
                    let tail = tail(self, b, None)?;
                    Ok(self.bind(b, Expr::Cons(head, tail)))
                }
            };
        };
        match first {
            ast::Qualifier::Filter(f) => self.filter(f, expr, rest, tail, span, acc, b),
            ast::Qualifier::Generator { pattern, source } => {
                let list = self.expr(source, b)?;
                let pat = |l: &mut Self| l.pattern(pattern, true);
                let element = |p: Pat, t: &Var| Pat::Cons(Box::new(p), Box::new(Pat::Var(t.clone())));
                let end = vec![Pat::Lit(Lit::Nil)];
                self.generator(list, "lc", pat, element, end, expr, rest, tail, span, acc, b)
            }
            ast::Qualifier::BinGenerator { pattern, source } => {
                let bin = self.expr(source, b)?;
                let pat = |l: &mut Self| match l.pattern(pattern, true)? {
                    Pat::Binary(segs) => Ok(Pat::Binary(segs)),
                    _ => Err(Diagnostic::error(pattern.span, "a bitstring generator (`<=`) needs a binary pattern")
                        .with_note("help: write `<<X:8>> <= Bin`")),
                };
                let element = |p: Pat, rest: &Var| {
                    let Pat::Binary(mut segs) = p else { return p };
                    segs.push(Segment {
                        value: Pat::Var(rest.clone()),
                        kind: SegmentKind::Binary,
                        size: Some(Expr::Atomic(Operand::atom("all"))),
                        flags: kiln_abi::bits::flags(1, false, false, false),
                    });
                    Pat::Binary(segs)
                };
                self.generator(bin, "lbc", pat, element, vec![], expr, rest, tail, span, acc, b)
            }
        }
    }

    /// A filter: a guard expression is evaluated as a guard (an exception
    /// means false); any other filter must yield a boolean, else
    /// `{bad_filter, V}`, as in OTP.
    #[allow(clippy::too_many_arguments)]
    fn filter(
        &mut self,
        f: &ast::Expr,
        expr: &ast::Expr,
        rest: &[ast::Qualifier],
        tail: Tail,
        span: Span,
        acc: Option<Operand>,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let saved = self.env.clone();
        let guard = self.check_guard(f).is_ok();
        let (args, keep_pat, guards) = if guard {
            (vec![], vec![], self.guards(&[vec![f.clone()]])?)
        } else {
            (vec![self.expr(f, b)?], vec![Pat::Lit(Lit::Atom("true".into()))], vec![])
        };
        let mut yes = Bindings::new();
        let v = self.comprehension(expr, rest, tail, span, acc.clone(), &mut yes)?;
        let mut no = Bindings::new();
        let skip = tail(self, &mut no, acc)?;
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

    /// A generator over `source`: a local recursive function whose clauses
    /// take an element (`element(pattern, rest)`), skip a non-matching one
    /// (the same shape with the values ignored), stop at `end` (for a
    /// bitstring generator: any bitstring left over), or raise
    /// `{bad_generator, X}`.
    #[allow(clippy::too_many_arguments)]
    fn generator(
        &mut self,
        source: Operand,
        kind: &str,
        pattern: impl Fn(&mut Self) -> Result<Pat>,
        element: impl Fn(Pat, &Var) -> Pat,
        end: Vec<Pat>,
        expr: &ast::Expr,
        rest: &[ast::Qualifier],
        tail: Tail,
        span: Span,
        acc: Option<Operand>,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let name = self.fresh(kind);
        let label = {
            let n = self.fun_counter;
            self.fun_counter += 1;
            let arity = if acc.is_some() { 2 } else { 1 };
            format!("-{}/{}-{kind}$^{n}/{arity}-0-", self.function.0, self.function.1)
        };
        let param = self.fresh("_g");
        let acc_param = acc.as_ref().map(|_| self.fresh("_acc"));
        let acc_now = acc_param.as_ref().map(|v| Operand::Var(v.clone()));
        let line = self.cur_line;
        let again = |t: &Var, acc: Option<Operand>| Expr::Call {
            callee: Callee::LetRec(name.clone()),
            args: std::iter::once(Operand::Var(t.clone())).chain(acc).collect(),
            line,
        };

        let saved = self.env.clone();
        let pat = pattern(self)?;
        // An element that does not match is skipped: the same shape with
        // every value ignored (variables kept, as a later size may use them).
        let skip_pat = ignore_values(&pat);
        let rest_var = self.fresh("_rest");
        let next: Tail = &|l, b, acc| Ok(l.bind(b, again(&rest_var, acc)));
        let mut body_b = Bindings::new();
        let v = self.comprehension(expr, rest, next, span, acc_now.clone(), &mut body_b)?;
        self.env = saved;
        let skip_rest = self.fresh("_rest");
        let mut end_b = Bindings::new();
        let finished = tail(self, &mut end_b, acc_now.clone())?;
        let bad = self.fresh("_x");
        let with_acc = |p: Pat| std::iter::once(p).chain(acc_param.iter().map(|_| Pat::Wildcard)).collect::<Vec<_>>();
        let mut clauses = vec![
            Clause { patterns: with_acc(element(pat, &rest_var)), guards: vec![], body: wrap(body_b, Expr::Atomic(v)) },
            Clause {
                patterns: with_acc(element(skip_pat, &skip_rest)),
                guards: vec![],
                body: again(&skip_rest, acc_now.clone()),
            },
        ];
        let end_clause = match end.into_iter().next() {
            Some(p) => Clause { patterns: with_acc(p), guards: vec![], body: wrap(end_b, Expr::Atomic(finished)) },
            None => {
                let left = self.fresh("_left");
                let t = self.fresh("_t");
                let is_bits = Expr::Let {
                    var: t.clone(),
                    value: Box::new(erlang_call("is_bitstring", vec![Operand::Var(left.clone())])),
                    body: Box::new(Expr::Atomic(Operand::Var(t))),
                };
                Clause {
                    patterns: with_acc(Pat::Var(left)),
                    guards: vec![vec![Guard::Test(is_bits)]],
                    body: wrap(end_b, Expr::Atomic(finished)),
                }
            }
        };
        clauses.push(end_clause);
        clauses.push(Clause {
            patterns: with_acc(Pat::Var(bad.clone())),
            guards: vec![],
            body: error_tuple("bad_generator", Operand::Var(bad), line),
        });
        let params: Vec<Var> = std::iter::once(param.clone()).chain(acc_param.clone()).collect();
        let fun = Fun {
            name: None,
            params: params.clone(),
            body: Expr::Case { args: params.iter().map(|p| Operand::Var(p.clone())).collect(), clauses },
            label,
            line: self.line(span),
        };
        let call = Expr::Call {
            callee: Callee::LetRec(name.clone()),
            args: std::iter::once(source).chain(acc).collect(),
            line,
        };
        let result = self.fresh("_lc");
        let body = Expr::Let {
            var: result.clone(),
            value: Box::new(call),
            body: Box::new(Expr::Atomic(Operand::Var(result))),
        };
        Ok(self.bind(b, Expr::LetRec { name, fun: Box::new(fun), body: Box::new(body) }))
    }
}

/// The same pattern shape with every value ignored, except variables of
/// binary segments (a later segment's size may use them).
fn ignore_values(p: &Pat) -> Pat {
    match p {
        Pat::Binary(segs) => Pat::Binary(
            segs.iter()
                .map(|s| Segment {
                    value: if matches!(s.value, Pat::Var(_)) { s.value.clone() } else { Pat::Wildcard },
                    ..s.clone()
                })
                .collect(),
        ),
        _ => Pat::Wildcard,
    }
}
