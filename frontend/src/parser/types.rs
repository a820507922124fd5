//! Building the type language: function signatures for `-spec` and
//! `-callback`, `when` constraints, unions and binary types, with the checks
//! `erl_parse` makes on them.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// `(Args) -> Result` with optional `when` constraints; `args` is `None` for
/// `(...) -> Result`, which only `fun()` types allow.
pub struct FunSig {
    pub args: Option<Vec<TypeExpr>>,
    /// The `...` of `(...)`, if that form was written.
    pub ellipsis: Option<Span>,
    pub result: TypeExpr,
    pub constraints: Vec<TypeExpr>,
    pub span: Span,
}

impl FunSig {
    pub fn new(args: Vec<TypeExpr>, result: TypeExpr, span: Span) -> FunSig {
        FunSig { args: Some(args), ellipsis: None, result, constraints: vec![], span }
    }

    pub fn any_args(result: TypeExpr, ellipsis: Span, span: Span) -> FunSig {
        FunSig { args: None, ellipsis: Some(ellipsis), result, constraints: vec![], span }
    }

    pub fn with_constraints(self, constraints: Vec<TypeExpr>, span: Span) -> FunSig {
        FunSig { constraints, span, ..self }
    }

    /// The signature inside `fun(...)`.
    pub fn into_fun_type(self) -> TypeKind {
        TypeKind::Fun { args: self.args, result: Some(Box::new(self.result)) }
    }
}

/// `-spec`/`-callback`: the function (optionally `Mod:`) and its signatures.
/// The arity is the first signature's; `erl_lint` checks that the others agree.
pub fn build_spec(
    (module, name, _name_span, sigs): (Option<String>, String, Span, Vec<FunSig>),
    callback: bool,
    span: Span,
) -> Result<Attribute, Diagnostic> {
    let mut clauses = Vec::with_capacity(sigs.len());
    for sig in sigs {
        let Some(args) = sig.args else {
            let at = sig.ellipsis.unwrap_or(sig.span);
            return Err(Diagnostic::error(at, "syntax error before: '...'"));
        };
        clauses.push(SpecClause { args, result: sig.result, constraints: sig.constraints, span: sig.span });
    }
    let arity = clauses.first().map_or(0, |c| c.args.len() as u32);
    Ok(Attribute { kind: AttributeKind::Spec { module, name, arity, clauses, callback }, span })
}

/// The old constraint syntax `is_subtype(Var, Type)`, kept as a `Call`.
pub fn build_constraint(name: &str, name_span: Span, args: Vec<TypeExpr>, span: Span) -> Result<TypeExpr, Diagnostic> {
    if name != "is_subtype" || args.len() != 2 {
        return Err(Diagnostic::error(name_span, format!("unsupported constraint {}", super::tok::write_atom(name))));
    }
    match &args[0].kind {
        TypeKind::Var(v) if v != "_" => {}
        _ => return Err(Diagnostic::error(args[0].span, "bad type variable")),
    }
    Ok(TypeExpr { kind: TypeKind::Call { module: None, name: name.to_string(), args }, span })
}

/// `A | B`, flattening a union on the right as `erl_parse` does (parentheses
/// leave no node, so `a | (b | c)` is one three-way union too).
pub fn lift_union(a: TypeExpr, b: TypeExpr, span: Span) -> TypeExpr {
    let members = match b.kind {
        TypeKind::Union(mut rest) => {
            rest.insert(0, a);
            rest
        }
        _ => vec![a, b],
    };
    TypeExpr { kind: TypeKind::Union(members), span }
}

/// One `Var:Type` part of a binary type. `_:Size` gives the size;
/// `_:_*Unit` (which the grammar reads as the product `_ * Unit`) the unit.
pub struct BinTypePart {
    pub var: String,
    pub var_span: Span,
    pub ty: TypeExpr,
    /// The first token of `ty` (its text and span), for syntax errors.
    pub first_token: (String, Span),
}

enum BinPart {
    Size(TypeExpr),
    Unit(TypeExpr),
}

fn classify(part: BinTypePart) -> Result<BinPart, Diagnostic> {
    let bad = |span| Diagnostic::error(span, "Bad binary type");
    if part.var != "_" {
        return Err(bad(part.var_span));
    }
    match part.ty.kind {
        TypeKind::BinOp(BinOp::Mul, lhs, unit) if matches!(lhs.kind, TypeKind::Var(_)) => match &lhs.kind {
            TypeKind::Var(v) if v == "_" => Ok(BinPart::Unit(*unit)),
            _ => Err(bad(lhs.span)),
        },
        kind => Ok(BinPart::Size(TypeExpr { kind, span: part.ty.span })),
    }
}

/// `<<>>`, `<<_:M>>`, `<<_:_*N>>` or `<<_:M, _:_*N>>`.
pub fn build_binary_type(parts: Vec<BinTypePart>, span: Span) -> Result<TypeExpr, Diagnostic> {
    let mut size = None;
    let mut unit = None;
    let count = parts.len();
    for (i, part) in parts.into_iter().enumerate() {
        let var_span = part.var_span;
        let (first_text, first_span) = part.first_token.clone();
        match classify(part)? {
            BinPart::Size(t) if i == 0 => size = Some(Box::new(t)),
            BinPart::Unit(t) if i == count - 1 => unit = Some(Box::new(t)),
            // `<<_:M, _:N>>`: the second part must be `_:_*N`.
            BinPart::Size(_) => {
                return Err(Diagnostic::error(first_span, format!("syntax error before: {first_text}")))
            }
            BinPart::Unit(_) => return Err(Diagnostic::error(var_span, "Bad binary type")),
        }
    }
    Ok(TypeExpr { kind: TypeKind::Binary { size, unit }, span })
}
