//! Map expressions and patterns.
//!
//! `#{K => V, ...}` with constant keys and values is a literal; otherwise
//! it is built from `#{}` with one `erlang:'$map_put'/3` per association,
//! after every key and value has been evaluated left to right. An update
//! `M#{K => V, K2 := V2}` chains `'$map_put'`/`'$map_update'` on `M` (which
//! raise `{badmap,M}` and `{badkey,K}`). A pattern `#{K := P}` becomes
//! [`Pat::Map`], whose keys are guard expressions.

use super::*;

impl<'a> Lowerer<'a> {
    pub(crate) fn map(
        &mut self,
        base: Option<&ast::Expr>,
        fields: &[ast::MapField],
        b: &mut Bindings,
    ) -> Result<Operand> {
        let base = base.map(|e| self.expr(e, b)).transpose()?;
        let mut assocs = Vec::new();
        for f in fields {
            if base.is_none() && f.exact {
                return Err(Diagnostic::error(
                    f.span,
                    "only association operators `=>` are allowed in map construction",
                )
                .with_note("help: `:=` updates a key of an existing map, as in `M#{Key := Value}`"));
            }
            let k = self.expr(&f.key, b)?;
            let v = self.expr(&f.value, b)?;
            assocs.push((k, v, f.exact));
        }
        let Some(base) = base else {
            if let Some(lit) = literal_map(&assocs) {
                return Ok(Operand::Lit(lit));
            }
            let mut acc = Operand::Lit(Lit::Map(vec![]));
            for (k, v, _) in assocs {
                acc = self.bind(b, erlang_call("$map_put", vec![acc, k, v]));
            }
            return Ok(acc);
        };
        if assocs.is_empty() {
            return Ok(self.check_map(base, b));
        }
        let mut acc = base;
        for (k, v, exact) in assocs {
            let op = if exact { "$map_update" } else { "$map_put" };
            acc = self.bind(b, erlang_call(op, vec![acc, k, v]));
        }
        Ok(acc)
    }

    /// `M#{}`: `M` itself, or `error({badmap, M})`.
    fn check_map(&mut self, m: Operand, b: &mut Bindings) -> Operand {
        let x = self.fresh("_m");
        let is_map = {
            let t = self.fresh("_t");
            Expr::Let {
                var: t.clone(),
                value: Box::new(erlang_call("is_map", vec![Operand::Var(x.clone())])),
                body: Box::new(Expr::Atomic(Operand::Var(t))),
            }
        };
        let bad = self.fresh("_m");
        let case = Expr::Case {
            args: vec![m],
            clauses: vec![
                Clause {
                    patterns: vec![Pat::Var(x.clone())],
                    guards: vec![vec![Guard::Test(is_map)]],
                    body: Expr::Atomic(Operand::Var(x)),
                },
                Clause {
                    patterns: vec![Pat::Var(bad.clone())],
                    guards: vec![],
                    body: error_tuple("badmap", Operand::Var(bad), self.cur_line),
                },
            ],
        };
        self.bind(b, case)
    }

    /// `#{K := P, ...}` in a pattern.
    pub(crate) fn map_pattern(
        &mut self,
        fields: &[ast::MapField],
        fresh: bool,
        shadowed: &mut HashSet<String>,
    ) -> Result<Pat> {
        let mut pairs = Vec::new();
        for f in fields {
            if !f.exact {
                return Err(Diagnostic::error(f.span, "only association operators `:=` are allowed in map patterns")
                    .with_note("help: write `#{Key := Pattern}`"));
            }
            let key = self.guard_value(&f.key)?;
            let value = self.pat_in(&f.value, fresh, shadowed)?;
            pairs.push((key, value));
        }
        Ok(Pat::Map(pairs))
    }
}

/// A map whose keys and values are all constants (a later duplicate key
/// wins, as in OTP).
fn literal_map(assocs: &[(Operand, Operand, bool)]) -> Option<Lit> {
    let mut pairs: Vec<(Lit, Lit)> = Vec::new();
    for (k, v, _) in assocs {
        let (Operand::Lit(k), Operand::Lit(v)) = (k, v) else { return None };
        match pairs.iter_mut().find(|(pk, _)| pk == k) {
            Some(p) => p.1 = v.clone(),
            None => pairs.push((k.clone(), v.clone())),
        }
    }
    Some(Lit::Map(pairs))
}
