//! Records: every record form becomes tuple operations.

use super::*;

impl<'a> Lowerer<'a> {
    pub(crate) fn record_def(&self, name: &str, span: Span) -> Result<&'a Vec<ast::RecordFieldDef>> {
        self.records.get(name).ok_or_else(|| Diagnostic::error(span, format!("record {name} undefined")))
    }

    pub(crate) fn record_size(&self, name: &str, span: Span) -> Result<usize> {
        Ok(self.record_def(name, span)?.len() + 1)
    }

    /// 1-based tuple index of `field` in record `name` (the tag is index 1).
    pub(crate) fn record_field_index(&self, name: &str, field: &str, span: Span) -> Result<usize> {
        let defs = self.record_def(name, span)?;
        defs.iter()
            .position(|d| d.name == field)
            .map(|i| i + 2)
            .ok_or_else(|| Diagnostic::error(span, format!("field {field} undefined in record {name}")))
    }

    /// `#name{...}` and `Base#name{...}`.
    pub(crate) fn record(
        &mut self,
        base: Option<&ast::Expr>,
        name: &str,
        fields: &[ast::RecordField],
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let defs = self.record_def(name, span)?;
        for f in fields {
            if f.name != "_" && !defs.iter().any(|d| d.name == f.name) {
                return Err(Diagnostic::error(f.span, format!("field {} undefined in record {name}", f.name)));
            }
        }
        match base {
            None => {
                let other = fields.iter().find(|f| f.name == "_");
                let mut elems = vec![Operand::atom(name)];
                for def in defs {
                    let value = match fields.iter().find(|f| f.name == def.name).or(other) {
                        Some(f) => self.expr(&f.value, b)?,
                        None => match &def.default {
                            Some(d) => self.expr(d, b)?,
                            None => Operand::atom("undefined"),
                        },
                    };
                    elems.push(value);
                }
                Ok(self.bind(b, Expr::Tuple(elems)))
            }
            Some(base) => {
                let r = self.expr(base, b)?;
                let updates =
                    fields.iter().map(|f| Ok((f.name.clone(), self.expr(&f.value, b)?))).collect::<Result<Vec<_>>>()?;
                let field_vars: Vec<Var> = defs.iter().map(|d| self.fresh(&format!("_{}", d.name))).collect();
                let mut elems = vec![Operand::atom(name)];
                for (def, v) in defs.iter().zip(&field_vars) {
                    elems.push(match updates.iter().find(|(n, _)| *n == def.name) {
                        Some((_, o)) => o.clone(),
                        None => Operand::Var(v.clone()),
                    });
                }
                let pat = record_tuple_pat(name, &field_vars);
                let case = self.badrecord_case(r, pat, Expr::Tuple(elems));
                Ok(self.bind(b, case))
            }
        }
    }

    /// `Expr#name.field`
    pub(crate) fn record_access(
        &mut self,
        expr: &ast::Expr,
        name: &str,
        field: &str,
        span: Span,
        b: &mut Bindings,
    ) -> Result<Operand> {
        let index = self.record_field_index(name, field, span)?;
        let r = self.expr(expr, b)?;
        let defs = self.record_def(name, span)?;
        let field_vars: Vec<Var> = defs.iter().map(|d| self.fresh(&format!("_{}", d.name))).collect();
        let result = Expr::Atomic(Operand::Var(field_vars[index - 2].clone()));
        let pat = record_tuple_pat(name, &field_vars);
        let case = self.badrecord_case(r, pat, result);
        Ok(self.bind(b, case))
    }

    fn badrecord_case(&mut self, r: Operand, pat: Pat, body: Expr) -> Expr {
        let bad = self.fresh("_rec");
        Expr::Case {
            args: vec![r],
            clauses: vec![
                Clause { patterns: vec![pat], guards: vec![], body },
                Clause {
                    patterns: vec![Pat::Var(bad.clone())],
                    guards: vec![],
                    body: error_tuple("badrecord", Operand::Var(bad), self.cur_line),
                },
            ],
        }
    }

    /// `record_info(fields | size, name)`
    pub(crate) fn record_info(&mut self, what: &ast::Expr, rec: &ast::Expr, span: Span) -> Result<Operand> {
        let (ast::ExprKind::Atom(what), ast::ExprKind::Atom(name)) = (&what.kind, &rec.kind) else {
            return Err(Diagnostic::error(span, "illegal record info")
                .with_note("help: use record_info(fields, Name) or record_info(size, Name)"));
        };
        let defs = self.record_def(name, rec.span)?;
        match what.as_str() {
            "size" => Ok(Operand::Lit(Lit::Integer((defs.len() + 1).to_string()))),
            "fields" => Ok(Operand::Lit(
                defs.iter().rev().fold(Lit::Nil, |t, d| Lit::Cons(Box::new(Lit::Atom(d.name.clone())), Box::new(t))),
            )),
            _ => Err(Diagnostic::error(span, "illegal record info")),
        }
    }
}

fn record_tuple_pat(name: &str, vars: &[Var]) -> Pat {
    let mut elems = vec![Pat::Lit(Lit::Atom(name.to_string()))];
    elems.extend(vars.iter().map(|v| Pat::Var(v.clone())));
    Pat::Tuple(elems)
}
