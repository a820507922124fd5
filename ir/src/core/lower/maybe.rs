//! `maybe ... else ... end` (OTP 25's `maybe_expr` feature).
//!
//! The body runs expression by expression; `Pat ?= Expr` continues when
//! the value matches and otherwise ends the whole `maybe` with that value,
//! or hands it to the `else` clauses (`{else_clause, V}` when none
//! match). Each `?=` becomes a two-clause `case` whose failure clause is
//! the `else` handling, so no value is tagged or allocated on the
//! success path; the `else` clauses are lowered once per `?=`. Variables
//! bound inside `maybe` are not visible after it.

use super::*;

impl<'a> Lowerer<'a> {
    pub(crate) fn maybe_expr(
        &mut self,
        body: &[ast::Expr],
        else_clauses: Option<&[ast::Clause]>,
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let outer = self.env.clone();
        let e = self.maybe_sequence(body, else_clauses, span);
        self.env = outer;
        Ok(self.bind(b, e?))
    }

    fn maybe_sequence(
        &mut self,
        exprs: &[ast::Expr],
        else_clauses: Option<&[ast::Clause]>,
        span: Span,
    ) -> Result<Expr> {
        let mut b = Bindings::new();
        let mut value = Operand::atom("ok");
        for (i, e) in exprs.iter().enumerate() {
            let ast::ExprKind::MaybeMatch(pattern, rhs) = &e.kind else {
                value = self.expr(e, &mut b)?;
                continue;
            };
            let v = self.expr(rhs, &mut b)?;
            let saved = self.env.clone();
            let pat = self.pattern(pattern, false)?;
            let rest = &exprs[i + 1..];
            let matched =
                if rest.is_empty() { Expr::Atomic(v.clone()) } else { self.maybe_sequence(rest, else_clauses, span)? };
            self.env = saved;
            let other = self.fresh("_mv");
            let failed = self.maybe_else(Operand::Var(other.clone()), else_clauses, span)?;
            let case = Expr::Case {
                args: vec![v],
                clauses: vec![
                    Clause { patterns: vec![pat], guards: vec![], body: matched },
                    Clause { patterns: vec![Pat::Var(other)], guards: vec![], body: failed },
                ],
            };
            return Ok(wrap(b, case));
        }
        Ok(wrap(b, Expr::Atomic(value)))
    }

    /// What a value that did not match becomes.
    fn maybe_else(&mut self, v: Operand, else_clauses: Option<&[ast::Clause]>, span: Span) -> Result<Expr> {
        let Some(clauses) = else_clauses else { return Ok(Expr::Atomic(v)) };
        let line = self.line(span);
        let saved = self.env.clone();
        let case = self.clauses_case(vec![v], clauses, false, |args| error_tuple("else_clause", args[0].clone(), line));
        self.env = saved;
        case
    }
}
