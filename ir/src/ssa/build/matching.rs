//! Pattern matching: a pattern becomes a sequence of tests on the value,
//! each branching to the clause's failure block.
//!
//! Clauses are tried in order; each test is cheap (tag and header checks,
//! word compares for immediates). A decision tree that shares tests between
//! clauses is a later optimisation; the tests here are the leaves it would
//! reuse.

use super::*;
use crate::core::{Pat, SegmentKind};

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
            Pat::Both(l, r) => {
                self.pattern(l, v, fail)?;
                self.pattern(r, v, fail)?;
            }
            Pat::Map(pairs) => {
                let is = self.guard_bif("is_map", vec![v], fail);
                let yes = self.b.push(Op::IsTrue(is), Type::Bool);
                self.b.guard(yes, fail);
                for (key, p) in pairs {
                    let k = self.guard_value(key, fail)?;
                    let value = self.guard_bif("map_get", vec![k, v], fail);
                    self.pattern(p, value, fail)?;
                }
            }
            Pat::Binary(segs) => {
                let ctx = self.guard_bif("$bs_start_match", vec![v], fail);
                // A size-less binary last segment takes the rest and ends the
                // match (`'$bs_get_tail'` turns the context into the rest).
                let tail = segs.last().filter(|s| {
                    s.kind == SegmentKind::Binary
                        && matches!(&s.size, Some(Expr::Atomic(Operand::Lit(Lit::Atom(a)))) if a == "all")
                });
                let body = if tail.is_some() { &segs[..segs.len() - 1] } else { &segs[..] };
                for s in body {
                    let mut args = vec![ctx];
                    if let Some(size) = &s.size {
                        args.push(self.guard_value(size, fail)?);
                    }
                    if s.kind != SegmentKind::Utf8 {
                        args.push(self.b.push(Op::Const(Const::Small(s.flags as i64)), Type::Term));
                    }
                    let value = self.guard_bif(&format!("$bs_get_{}", s.kind.name()), args, fail);
                    self.pattern(&s.value, value, fail)?;
                }
                match tail {
                    Some(s) => {
                        let flags = self.b.push(Op::Const(Const::Small(s.flags as i64)), Type::Term);
                        let rest = self.guard_bif("$bs_get_tail", vec![ctx, flags], fail);
                        self.pattern(&s.value, rest, fail)?;
                    }
                    None => {
                        self.guard_bif("$bs_test_tail", vec![ctx], fail);
                    }
                }
            }
        }
        Ok(())
    }

    /// Calls an `erlang` guard BIF; the non-value (no match) goes to `fail`.
    fn guard_bif(&mut self, name: &str, args: Vec<Value>, fail: BlockId) -> Value {
        let v =
            self.b.push(Op::Bif { module: "erlang".into(), name: name.into(), args, guard: true, line: 0 }, Type::Term);
        let failed = self.b.push(Op::IsNonValue(v), Type::Bool);
        let ok = self.b.push(Op::Not(failed), Type::Bool);
        self.b.guard(ok, fail);
        v
    }

    /// Evaluates a guard expression inside a pattern (a size, a map key);
    /// a failure goes to `fail`.
    fn guard_value(&mut self, e: &Expr, fail: BlockId) -> Result<Value, Diagnostic> {
        let saved = self.guard_fail.replace(fail);
        let v = self.expr(e, false);
        self.guard_fail = saved;
        v?.ok_or_else(|| internal("a guard expression in a pattern does not produce a value".into()))
    }
}
