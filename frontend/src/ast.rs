//! The Erlang abstract syntax tree, as the parser produces it.
//!
//! It follows OTP's `erl_parse` closely: patterns and guards are parsed as
//! expressions (the grammar does not tell them apart), and later stages check
//! that a pattern position holds a valid pattern. Every node carries a
//! [`Span`]. `.beam` abstract code converts into this same tree.

use crate::span::Span;

/// A parsed module: its forms in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub forms: Vec<Form>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Attribute(Attribute),
    Function(Function),
}

/// A `Name/Arity` pair as written in `-export` and friends.
#[derive(Debug, Clone, PartialEq)]
pub struct NameArity {
    pub name: String,
    pub arity: u32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub kind: AttributeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AttributeKind {
    Module(String),
    Export(Vec<NameArity>),
    Import {
        module: String,
        functions: Vec<NameArity>,
    },
    ExportType(Vec<NameArity>),
    Record {
        name: String,
        fields: Vec<RecordFieldDef>,
    },
    /// `-type`, and `-opaque` when `opaque` is set.
    Type {
        name: String,
        params: Vec<TypeExpr>,
        body: TypeExpr,
        opaque: bool,
    },
    /// `-spec` (and `-callback` when `callback` is set). `module` is set for
    /// `-spec mod:f(...) -> ...`.
    Spec {
        module: Option<String>,
        name: String,
        arity: u32,
        clauses: Vec<SpecClause>,
        callback: bool,
    },
    /// `-compile(...)`, whose value is a literal term.
    Compile(Expr),
    /// `-file("name", Line)`.
    File {
        name: String,
        line: u32,
    },
    /// Any other `-name(Value).`; the value is kept as an expression.
    Other {
        name: String,
        value: Expr,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordFieldDef {
    pub name: String,
    pub default: Option<Expr>,
    pub ty: Option<TypeExpr>,
    pub span: Span,
}

/// `(Args) -> Result when Constraints` in a `-spec`.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecClause {
    pub args: Vec<TypeExpr>,
    pub result: TypeExpr,
    pub constraints: Vec<TypeExpr>,
    pub span: Span,
}

/// A type expression (in `-type`, `-spec`, record field types).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Var(String),
    Atom(String),
    Integer(String),
    Char(u32),
    /// Unary or binary operator on integer types (`-1`, `1 bsl 8`).
    UnOp(UnOp, Box<TypeExpr>),
    BinOp(BinOp, Box<TypeExpr>, Box<TypeExpr>),
    /// `Low..High`
    Range(Box<TypeExpr>, Box<TypeExpr>),
    /// `name(Args)` or `mod:name(Args)`
    Call {
        module: Option<String>,
        name: String,
        args: Vec<TypeExpr>,
    },
    /// `Var :: Type`
    Annotated(String, Box<TypeExpr>),
    /// `A | B | ...`
    Union(Vec<TypeExpr>),
    /// `[]`
    Nil,
    /// `[T]`
    List(Box<TypeExpr>),
    /// `[T, ...]`
    NonEmptyList(Box<TypeExpr>),
    /// `{T1, ..., Tn}`; `tuple()` is a `Call`.
    Tuple(Vec<TypeExpr>),
    /// `#{...}`; `map()` is a `Call`.
    Map(Vec<TypeMapField>),
    /// `#name{field :: Type}`
    Record {
        name: String,
        fields: Vec<(String, TypeExpr)>,
    },
    /// `<<>>`, `<<_:M>>`, `<<_:_*N>>`, `<<_:M, _:_*N>>`
    Binary {
        size: Option<Box<TypeExpr>>,
        unit: Option<Box<TypeExpr>>,
    },
    /// `fun()`, `fun((...) -> T)`, `fun((A) -> T)`
    Fun {
        args: Option<Vec<TypeExpr>>,
        result: Option<Box<TypeExpr>>,
    },
    /// `Constraint` in `when` clauses: `Var :: Type` is `Annotated`; the old
    /// `is_subtype(V, T)` form is a `Call`.
    Paren(Box<TypeExpr>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeMapField {
    pub key: TypeExpr,
    pub value: TypeExpr,
    /// `:=` (mandatory) rather than `=>`.
    pub exact: bool,
}

/// A named function: its clauses all have the same arity.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub name: String,
    pub arity: u32,
    pub clauses: Vec<Clause>,
    pub span: Span,
}

/// `(Patterns) when Guards -> Body`. Also used for `case`, `receive`, `if`
/// (no patterns), `fun` and `try ... of` clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub patterns: Vec<Expr>,
    /// Guard sequence: alternatives separated by `;`, each a list of tests
    /// separated by `,`. Empty when there is no `when`.
    pub guards: Vec<Vec<Expr>>,
    pub body: Vec<Expr>,
    pub span: Span,
}

/// `Class:Reason:Stack when Guards -> Body` in `try ... catch`.
#[derive(Debug, Clone, PartialEq)]
pub struct CatchClause {
    /// `None` means the default class, `throw`.
    pub class: Option<Expr>,
    pub reason: Expr,
    pub stack: Option<Expr>,
    pub guards: Vec<Vec<Expr>>,
    pub body: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Decimal digits of a non-negative integer (negative literals are
    /// `UnOp(Neg, ..)`).
    Integer(String),
    Float(f64),
    Char(u32),
    /// A string literal (adjacent literals already concatenated).
    String(String),
    Atom(String),
    Var(String),
    /// `[]`
    Nil,
    /// `[H | T]`; `[a, b, c]` is nested `Cons` ending in `Nil`.
    Cons(Box<Expr>, Box<Expr>),
    Tuple(Vec<Expr>),
    /// `<<Elements>>`
    Binary(Vec<BinElement>),
    /// `#{K => V}` (base `None`) or `M#{K := V}`.
    Map {
        base: Option<Box<Expr>>,
        fields: Vec<MapField>,
    },
    /// `#name{f = V}` (base `None`) or `R#name{f = V}`. A field named `_`
    /// sets every other field.
    Record {
        base: Option<Box<Expr>>,
        name: String,
        fields: Vec<RecordField>,
    },
    /// `R#name.field`
    RecordAccess {
        expr: Box<Expr>,
        name: String,
        field: String,
    },
    /// `#name.field`
    RecordIndex {
        name: String,
        field: String,
    },
    /// `Pattern = Expr`
    Match(Box<Expr>, Box<Expr>),
    /// `Pattern ?= Expr` inside `maybe`.
    MaybeMatch(Box<Expr>, Box<Expr>),
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    UnOp(UnOp, Box<Expr>),
    /// `F(Args)`; for `m:f(Args)`, `fun` is a `Remote`.
    Call {
        fun: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `M:F`, only as the callee of a `Call`.
    Remote(Box<Expr>, Box<Expr>),
    Case {
        expr: Box<Expr>,
        clauses: Vec<Clause>,
    },
    /// `if` clauses have no patterns.
    If(Vec<Clause>),
    Receive {
        clauses: Vec<Clause>,
        after: Option<Box<After>>,
    },
    Try {
        body: Vec<Expr>,
        of_clauses: Vec<Clause>,
        catch_clauses: Vec<CatchClause>,
        after: Vec<Expr>,
    },
    /// `catch Expr`
    Catch(Box<Expr>),
    /// `begin ... end`
    Block(Vec<Expr>),
    /// `maybe ... else ... end`
    Maybe {
        body: Vec<Expr>,
        else_clauses: Option<Vec<Clause>>,
    },
    /// `fun name/Arity`
    FunRef {
        name: String,
        arity: u32,
    },
    /// `fun M:F/A`; each part may be a variable.
    FunRemoteRef {
        module: Box<Expr>,
        name: Box<Expr>,
        arity: Box<Expr>,
    },
    /// `fun (...) -> ... end`; `name` is set for named funs `fun Name(...) -> ... end`.
    Lambda {
        name: Option<String>,
        clauses: Vec<Clause>,
    },
    /// `[Expr || Qualifiers]`
    ListComp {
        expr: Box<Expr>,
        qualifiers: Vec<Qualifier>,
    },
    /// `<< Expr || Qualifiers >>`
    BinComp {
        expr: Box<Expr>,
        qualifiers: Vec<Qualifier>,
    },
}

/// The `after Timeout -> Body` part of a `receive`.
#[derive(Debug, Clone, PartialEq)]
pub struct After {
    pub timeout: Expr,
    pub body: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Qualifier {
    /// `Pattern <- List`
    Generator {
        pattern: Expr,
        source: Expr,
    },
    /// `Pattern <= Binary`
    BinGenerator {
        pattern: Expr,
        source: Expr,
    },
    Filter(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapField {
    pub key: Expr,
    pub value: Expr,
    /// `:=` rather than `=>`.
    pub exact: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecordField {
    /// The field name, or `_` for the "all other fields" form.
    pub name: String,
    pub value: Expr,
    pub span: Span,
}

/// One segment of a binary: `Value:Size/Type-Specifiers`.
#[derive(Debug, Clone, PartialEq)]
pub struct BinElement {
    pub value: Expr,
    pub size: Option<Expr>,
    /// Type specifiers in order: `integer`, `little`, `unit:8`, ...
    pub specs: Vec<BinTypeSpec>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BinTypeSpec {
    pub name: String,
    /// Set for `unit:N`.
    pub value: Option<u64>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    // Arithmetic and bitwise.
    Add,
    Sub,
    Mul,
    FDiv,
    IDiv,
    Rem,
    Band,
    Bor,
    Bxor,
    Bsl,
    Bsr,
    // Boolean.
    And,
    Or,
    Xor,
    AndAlso,
    OrElse,
    // Comparison.
    Eq,
    Ne,
    Le,
    Lt,
    Ge,
    Gt,
    ExactEq,
    ExactNe,
    // Lists.
    Append,
    Subtract,
    // `!`
    Send,
}

impl BinOp {
    /// The operator as written in source.
    pub fn text(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            FDiv => "/",
            IDiv => "div",
            Rem => "rem",
            Band => "band",
            Bor => "bor",
            Bxor => "bxor",
            Bsl => "bsl",
            Bsr => "bsr",
            And => "and",
            Or => "or",
            Xor => "xor",
            AndAlso => "andalso",
            OrElse => "orelse",
            Eq => "==",
            Ne => "/=",
            Le => "=<",
            Lt => "<",
            Ge => ">=",
            Gt => ">",
            ExactEq => "=:=",
            ExactNe => "=/=",
            Append => "++",
            Subtract => "--",
            Send => "!",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-X`
    Neg,
    /// `+X`
    Plus,
    Not,
    Bnot,
}

impl UnOp {
    pub fn text(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Plus => "+",
            UnOp::Not => "not",
            UnOp::Bnot => "bnot",
        }
    }
}
