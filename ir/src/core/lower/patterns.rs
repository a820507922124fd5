//! Patterns: AST expressions in pattern position to Core [`Pat`]s.

use super::*;

impl<'a> Lowerer<'a> {
    /// Lowers a pattern. A variable already bound in the environment becomes
    /// an equality test (`Pat::Bound`) unless `fresh` (fun heads and
    /// generators shadow outer variables); a new variable is bound as the
    /// pattern is read, so a repeated variable tests equality.
    pub(crate) fn pattern(&mut self, p: &ast::Expr, fresh: bool) -> Result<Pat> {
        let mut shadowed = HashSet::new();
        self.pat_in(p, fresh, &mut shadowed)
    }

    /// The patterns of one clause head: a variable is fresh only at its
    /// first occurrence among them.
    pub(crate) fn head_patterns(&mut self, ps: &[ast::Expr], fresh: bool) -> Result<Vec<Pat>> {
        let mut shadowed = HashSet::new();
        ps.iter().map(|p| self.pat_in(p, fresh, &mut shadowed)).collect()
    }

    /// Lowers a pattern that is part of a larger one (`shadowed` tracks the
    /// variables bound so far by it).
    pub(crate) fn pat_in(&mut self, p: &ast::Expr, fresh: bool, shadowed: &mut HashSet<String>) -> Result<Pat> {
        use ast::ExprKind as K;
        Ok(match &p.kind {
            K::Var(name) if name == "_" => Pat::Wildcard,
            K::Var(name) => {
                let bound_before = self.env.contains_key(name) && (!fresh || shadowed.contains(name));
                if bound_before {
                    Pat::Bound(self.env[name].clone())
                } else {
                    let v = self.fresh(name);
                    self.env.insert(name.clone(), v.clone());
                    shadowed.insert(name.clone());
                    Pat::Var(v)
                }
            }
            K::Integer(i) => Pat::Lit(Lit::Integer(i.clone())),
            K::Char(c) => Pat::Lit(Lit::Integer(c.to_string())),
            K::Float(f) => Pat::Lit(Lit::Float(*f)),
            K::Atom(a) => Pat::Lit(Lit::Atom(a.clone())),
            K::Nil => Pat::Lit(Lit::Nil),
            K::String(s) => string_pat(s, Pat::Lit(Lit::Nil)),
            K::UnOp(..) => self.constant_pattern(p)?,
            K::Cons(h, t) => {
                let h = self.pat_in(h, fresh, shadowed)?;
                let t = self.pat_in(t, fresh, shadowed)?;
                Pat::Cons(Box::new(h), Box::new(t))
            }
            K::Tuple(es) => Pat::Tuple(es.iter().map(|e| self.pat_in(e, fresh, shadowed)).collect::<Result<_>>()?),
            K::Match(l, r) => {
                let l = self.pat_in(l, fresh, shadowed)?;
                let r = self.pat_in(r, fresh, shadowed)?;
                match (l, r) {
                    (Pat::Var(v), p) | (p, Pat::Var(v)) => Pat::Alias(v, Box::new(p)),
                    (Pat::Wildcard, p) | (p, Pat::Wildcard) => p,
                    (l, r) if l == r => l,
                    (l, r) => Pat::Both(Box::new(l), Box::new(r)),
                }
            }
            K::BinOp(ast::BinOp::Append, l, r) => {
                let op = self.operator_span(p);
                self.append_pattern(op, l, r, fresh, shadowed)?
            }
            K::BinOp(..) => self.constant_pattern(p)?,
            K::Record { base: None, name, fields } => self.record_pattern(name, fields, p.span, fresh, shadowed)?,
            K::RecordIndex { name, field } => {
                Pat::Lit(Lit::Integer(self.record_field_index(name, field, p.span)?.to_string()))
            }
            K::Binary(elems) => self.binary_pattern(elems, fresh, shadowed)?,
            K::Map { base: None, fields } => self.map_pattern(fields, fresh, shadowed)?,
            _ => return Err(illegal(p.span)),
        })
    }

    /// `Prefix ++ Tail`, where erl_lint allows as the prefix a string, `[]`
    /// or a list of integer and character literals (`[$a, $b] ++ T`);
    /// anything else is reported at the operator, `op`.
    fn append_pattern(
        &mut self,
        op: Span,
        l: &ast::Expr,
        r: &ast::Expr,
        fresh: bool,
        shadowed: &mut HashSet<String>,
    ) -> Result<Pat> {
        use ast::ExprKind as K;
        match &l.kind {
            K::String(s) => {
                let tail = self.pat_in(r, fresh, shadowed)?;
                Ok(string_pat(s, tail))
            }
            K::Nil => self.pat_in(r, fresh, shadowed),
            K::Cons(h, t) => {
                let head = match &h.kind {
                    K::Integer(i) => Lit::Integer(i.clone()),
                    K::Char(c) => Lit::Integer(c.to_string()),
                    _ => return Err(illegal(op).with_note(APPEND_HELP)),
                };
                // erl_lint goes on with `T ++ R`, reported at the cons.
                let tail = self.append_pattern(l.span, t, r, fresh, shadowed)?;
                Ok(Pat::Cons(Box::new(Pat::Lit(head)), Box::new(tail)))
            }
            _ => Err(illegal(op).with_note(APPEND_HELP)),
        }
    }

    fn record_pattern(
        &mut self,
        name: &str,
        fields: &[ast::RecordField],
        span: Span,
        fresh: bool,
        shadowed: &mut HashSet<String>,
    ) -> Result<Pat> {
        let defs = self.record_def(name, span)?.clone();
        let mut elems = vec![Pat::Lit(Lit::Atom(name.to_string()))];
        let other = fields.iter().find(|f| f.name == "_");
        for def in &defs {
            let given = fields.iter().find(|f| f.name == def.name).or(other);
            elems.push(match given {
                Some(f) => self.pat_in(&f.value, fresh, shadowed)?,
                None => Pat::Wildcard,
            });
        }
        for f in fields {
            if f.name != "_" && !defs.iter().any(|d| d.name == f.name) {
                return Err(Diagnostic::error(f.span, format!("field {} undefined in record {name}", f.name)));
            }
        }
        Ok(Pat::Tuple(elems))
    }
}

const APPEND_HELP: &str = "help: only a string or a list of integer literals may precede `++` in a pattern";

fn illegal(span: Span) -> Diagnostic {
    Diagnostic::error(span, "illegal pattern")
}

/// `"abc"` followed by `tail`, as nested cons patterns.
fn string_pat(s: &str, tail: Pat) -> Pat {
    s.chars().rev().fold(tail, |t, c| Pat::Cons(Box::new(Pat::Lit(Lit::Integer((c as u32).to_string()))), Box::new(t)))
}
