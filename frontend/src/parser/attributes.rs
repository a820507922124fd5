//! Building attributes (`-name(...)` forms) from the parsed value, with
//! `erl_parse`'s checks and messages: `-module`, `-export`, `-import`,
//! `-record`, `-file`, `-type`/`-opaque`, `-export_type`, `-compile`, and
//! any other attribute, whose value must be a literal term.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// What follows `-name` when it contains a type (otherwise it is a list of
/// expressions: `Expr`, `Expr, Exprs` or `(Expr, Exprs)`).
pub enum TypedAttrValue {
    /// `Name, {Fields}` with at least one typed field.
    TypedRecord(Expr, Vec<FieldItem>),
    /// `Head :: Type`.
    TypeDef(Expr, TypeExpr),
}

/// One field of a record definition: `a`, `a = Default`, or either of those
/// followed by `:: Type`.
pub enum FieldItem {
    Plain(Expr),
    Typed(Expr, TypeExpr),
}

fn error(span: Span, msg: impl Into<String>) -> Diagnostic {
    Diagnostic::error(span, msg)
}

fn attr(kind: AttributeKind, span: Span) -> Attribute {
    Attribute { kind, span }
}

/// `-name Value.` / `-name(Value).` without a type.
pub fn build_attribute(name: &str, vals: Vec<Expr>, span: Span) -> Result<Attribute, Diagnostic> {
    let second_bad = |what: &str| match vals.get(1) {
        Some(e) => error(e.span, format!("bad {what} declaration")),
        None => error(vals.first().map_or(span, |e| e.span), format!("bad {what} declaration")),
    };
    match name {
        "module" => match vals.as_slice() {
            [Expr { kind: ExprKind::Atom(m), .. }] => Ok(attr(AttributeKind::Module(m.clone()), span)),
            [Expr { kind: ExprKind::Atom(_), .. }, params] => {
                Err(error(params.span, "parameterized modules are not supported"))
            }
            [other, ..] => Err(error(other.span, "bad module declaration")),
            [] => Err(error(span, "bad module declaration")),
        },
        "export" | "export_type" => match vals.as_slice() {
            [list] => {
                let fas = farity_list(list)?;
                let kind = if name == "export" { AttributeKind::Export(fas) } else { AttributeKind::ExportType(fas) };
                Ok(attr(kind, span))
            }
            _ => Err(second_bad(name)),
        },
        "import" => match vals.as_slice() {
            [Expr { kind: ExprKind::Atom(m), .. }, list] => {
                Ok(attr(AttributeKind::Import { module: m.clone(), functions: farity_list(list)? }, span))
            }
            _ => Err(second_bad("import")),
        },
        "record" => match vals.as_slice() {
            [Expr { kind: ExprKind::Atom(r), .. }, fields] => {
                let items = match &fields.kind {
                    ExprKind::Tuple(es) => es.iter().cloned().map(FieldItem::Plain).collect(),
                    _ => return Err(error(fields.span, "bad record declaration")),
                };
                Ok(attr(AttributeKind::Record { name: r.clone(), fields: record_fields(items)? }, span))
            }
            [other, ..] => Err(error(other.span, "bad record declaration")),
            [] => Err(error(span, "bad record declaration")),
        },
        "file" => match vals.as_slice() {
            [Expr { kind: ExprKind::String(file), .. }, Expr { kind: ExprKind::Integer(line), span: lspan }] => {
                let line = line.parse().map_err(|_| error(*lspan, "bad file declaration"))?;
                Ok(attr(AttributeKind::File { name: file.clone(), line }, span))
            }
            [other, ..] => Err(error(other.span, "bad file declaration")),
            [] => Err(error(span, "bad file declaration")),
        },
        // `epp` consumes `-feature(Feature, enable | disable)`; if it gets
        // this far it is kept as the tuple of its two arguments.
        "feature" => match vals.as_slice() {
            [f @ Expr { kind: ExprKind::Atom(_), .. }, e @ Expr { kind: ExprKind::Atom(_), .. }] => {
                let value = Expr { kind: ExprKind::Tuple(vec![f.clone(), e.clone()]), span: f.span.to(e.span) };
                Ok(attr(AttributeKind::Other { name: name.to_string(), value }, span))
            }
            _ => Err(second_bad("feature")),
        },
        _ => match vals.as_slice() {
            [value] => {
                let value = attribute_farity(value.clone());
                if !is_literal_term(&value) {
                    return Err(error(value.span, "bad attribute"));
                }
                let kind = if name == "compile" {
                    AttributeKind::Compile(value)
                } else {
                    AttributeKind::Other { name: name.to_string(), value }
                };
                Ok(attr(kind, span))
            }
            [_, other, ..] => Err(error(other.span, "bad attribute")),
            [] => Err(error(span, "bad attribute")),
        },
    }
}

/// `-record(name, {typed fields})`, `-type`/`-opaque Head :: Type`.
pub fn build_typed_attribute(
    name: &str,
    name_span: Span,
    value: TypedAttrValue,
    span: Span,
) -> Result<Attribute, Diagnostic> {
    match (name, value) {
        ("record", TypedAttrValue::TypedRecord(Expr { kind: ExprKind::Atom(r), .. }, items)) => {
            Ok(attr(AttributeKind::Record { name: r, fields: record_fields(items)? }, span))
        }
        ("type" | "opaque", TypedAttrValue::TypeDef(head, body)) => {
            let ExprKind::Call { fun, args } = head.kind else {
                return Err(error(name_span, format!("bad {name} declaration")));
            };
            let ExprKind::Atom(type_name) = fun.kind else {
                return Err(error(name_span, format!("bad {name} declaration")));
            };
            let mut params = Vec::with_capacity(args.len());
            for a in args {
                match a.kind {
                    ExprKind::Var(v) if v != "_" => params.push(TypeExpr { kind: TypeKind::Var(v), span: a.span }),
                    _ => return Err(error(a.span, "bad type variable")),
                }
            }
            Ok(attr(AttributeKind::Type { name: type_name, params, body, opaque: name == "opaque" }, span))
        }
        ("record" | "type" | "opaque", _) => Err(error(name_span, format!("bad {name} declaration"))),
        _ => Err(error(name_span, "bad attribute")),
    }
}

/// `[f/1, g/2]` in `-export` and friends.
fn farity_list(list: &Expr) -> Result<Vec<NameArity>, Diagnostic> {
    let mut out = vec![];
    let mut cur = list;
    loop {
        match &cur.kind {
            ExprKind::Nil => return Ok(out),
            ExprKind::Cons(head, tail) => {
                match &head.kind {
                    ExprKind::BinOp(BinOp::FDiv, n, a) => match (&n.kind, &a.kind) {
                        (ExprKind::Atom(name), ExprKind::Integer(arity)) => {
                            let arity = arity.parse().map_err(|_| error(a.span, "bad function arity"))?;
                            out.push(NameArity { name: name.clone(), arity, span: head.span });
                        }
                        (ExprKind::Atom(_), _) => return Err(error(a.span, "bad function arity")),
                        _ => return Err(error(n.span, "bad function name")),
                    },
                    _ => return Err(error(cur.span, "bad Name/Arity")),
                }
                cur = tail;
            }
            _ => return Err(error(cur.span, "bad Name/Arity")),
        }
    }
}

fn record_fields(items: Vec<FieldItem>) -> Result<Vec<RecordFieldDef>, Diagnostic> {
    items
        .into_iter()
        .map(|item| {
            let (e, ty) = match item {
                FieldItem::Plain(e) => (e, None),
                FieldItem::Typed(e, t) => (e, Some(t)),
            };
            let span = match &ty {
                Some(t) => e.span.to(t.span),
                None => e.span,
            };
            match e.kind {
                ExprKind::Atom(name) => Ok(RecordFieldDef { name, default: None, ty, span }),
                ExprKind::Match(lhs, default) => match lhs.kind {
                    ExprKind::Atom(name) => Ok(RecordFieldDef { name, default: Some(*default), ty, span }),
                    _ => Err(error(lhs.span, "bad record field")),
                },
                _ => Err(error(e.span, "bad record field")),
            }
        })
        .collect()
}

/// `f/1` inside an attribute's value means the tuple `{f, 1}`.
fn attribute_farity(e: Expr) -> Expr {
    let span = e.span;
    let kind = match e.kind {
        ExprKind::Cons(..) => {
            // Walk the spine without recursion: attribute lists can be long.
            let mut heads = vec![];
            let mut cur = e;
            let tail = loop {
                match cur.kind {
                    ExprKind::Cons(h, t) => {
                        heads.push((attribute_farity(*h), cur.span));
                        cur = *t;
                    }
                    _ => break attribute_farity(cur),
                }
            };
            let mut acc = tail;
            while let Some((h, s)) = heads.pop() {
                acc = Expr { kind: ExprKind::Cons(Box::new(h), Box::new(acc)), span: s };
            }
            return acc;
        }
        ExprKind::Tuple(es) => ExprKind::Tuple(es.into_iter().map(attribute_farity).collect()),
        ExprKind::Map { base: None, fields } => ExprKind::Map {
            base: None,
            fields: fields.into_iter().map(|f| MapField { value: attribute_farity(f.value), ..f }).collect(),
        },
        ExprKind::BinOp(BinOp::FDiv, n, a)
            if matches!(n.kind, ExprKind::Atom(_)) && matches!(a.kind, ExprKind::Integer(_)) =>
        {
            ExprKind::Tuple(vec![*n, *a])
        }
        kind => kind,
    };
    Expr { kind, span }
}

/// Whether `e` is a literal term (what `erl_parse:normalise/1` accepts).
pub fn is_literal_term(e: &Expr) -> bool {
    let mut cur = e;
    // Iterate along list tails; recurse into everything else.
    loop {
        match &cur.kind {
            ExprKind::Cons(h, t) => {
                if !is_literal_term(h) {
                    return false;
                }
                cur = t;
            }
            ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Char(_)
            | ExprKind::String(_)
            | ExprKind::Atom(_)
            | ExprKind::Nil => return true,
            ExprKind::Tuple(es) => return es.iter().all(is_literal_term),
            ExprKind::Map { base: None, fields } => {
                return fields.iter().all(|f| !f.exact && is_literal_term(&f.key) && is_literal_term(&f.value))
            }
            ExprKind::Binary(elems) => {
                return elems.iter().all(|b| {
                    is_literal_term(&b.value) && b.size.as_ref().is_none_or(|s| matches!(s.kind, ExprKind::Integer(_)))
                })
            }
            ExprKind::FunRemoteRef { module, name, arity } => {
                return matches!(
                    (&module.kind, &name.kind, &arity.kind),
                    (ExprKind::Atom(_), ExprKind::Atom(_), ExprKind::Integer(_))
                )
            }
            ExprKind::UnOp(UnOp::Neg | UnOp::Plus, x) => {
                return matches!(x.kind, ExprKind::Integer(_) | ExprKind::Float(_) | ExprKind::Char(_))
            }
            _ => return false,
        }
    }
}
