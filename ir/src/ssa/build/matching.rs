//! Pattern matching: a pattern becomes a sequence of tests on the value,
//! each branching to the clause's failure block.
//!
//! Clauses are tried in order; each test is cheap (tag and header checks,
//! word compares for immediates). A decision tree that shares tests between
//! clauses is a later optimisation; the tests here are the leaves it would
//! reuse.

use super::*;
use crate::core::Pat;

impl<'m> FnLowerer<'m> {
    pub(super) fn pattern(&mut self, p: &Pat, v: Value, fail: BlockId) -> Result<(), Diagnostic> {
        match p {
            Pat::Var(x) => {
                self.env.insert(x.clone(), v);
            }
            Pat::Wildcard => {}
            Pat::Bound(x) => {
                let other = self.operand(&Operand::Var(x.clone()))?;
                let eq = self.b.push(Op::ExactEq(v, other), Type::Bool);
                self.b.guard(eq, fail);
            }
            Pat::Lit(l) => {
                let immediate = matches!(l, Lit::Atom(_) | Lit::Nil) || small_int(l).is_some();
                let c = self.lit(l);
                let op = if immediate { Op::WordEq(v, c) } else { Op::ExactEq(v, c) };
                let eq = self.b.push(op, Type::Bool);
                self.b.guard(eq, fail);
            }
            Pat::Cons(h, t) => {
                let is = self.b.push(Op::IsCons(v), Type::Bool);
                self.b.guard(is, fail);
                let hv = self.b.push(Op::Hd(v), Type::Term);
                let tv = self.b.push(Op::Tl(v), Type::Term);
                self.pattern(h, hv, fail)?;
                self.pattern(t, tv, fail)?;
            }
            Pat::Tuple(es) => {
                let is = self.b.push(Op::IsTupleArity { value: v, arity: es.len() as u32 }, Type::Bool);
                self.b.guard(is, fail);
                let elems: Vec<Value> =
                    (0..es.len()).map(|i| self.b.push(Op::Element { tuple: v, index: i as u32 }, Type::Term)).collect();
                for (e, ev) in es.iter().zip(elems) {
                    self.pattern(e, ev, fail)?;
                }
            }
            Pat::Alias(x, p) => {
                self.env.insert(x.clone(), v);
                self.pattern(p, v, fail)?;
            }
        }
        Ok(())
    }
}
