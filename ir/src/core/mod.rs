//! Core IR: a small functional language that the AST is desugared into.
//!
//! Like Core Erlang, but in A-normal form: every operand of an operation is
//! a variable or a literal, and every intermediate result is bound by a
//! `Let`, so evaluation order is explicit. Records have become tuples,
//! comprehensions local recursive functions (`LetRec`), `if` a `Case`,
//! pattern-matching `=` a `Case` with a `badmatch` clause, and every `case`
//! ends with an explicit failure clause. Variables are unique within a
//! function (`X@3`), and funs are still nested (`Fun`); closure conversion
//! happens when lowering to SSA, where free variables are computed.

pub mod free;
pub mod lower;
mod text;

pub use free::free_vars;
pub use text::module_to_text;

/// A variable, unique within its function.
pub type Var = String;

#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub name: String,
    /// The source file as named to the compiler (stack traces' `{file, F}`).
    pub file: String,
    pub exports: Vec<(String, u32)>,
    pub functions: Vec<FunDef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FunDef {
    pub name: String,
    pub arity: u32,
    pub params: Vec<Var>,
    pub body: Expr,
    pub line: u32,
}

/// A constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// Decimal digits, with a leading `-` when negative.
    Integer(String),
    Float(f64),
    Atom(String),
    Nil,
    /// A character list.
    String(Vec<u32>),
    /// Constant compound terms (`[1,2,3]`, `{a, b}`).
    Cons(Box<Lit>, Box<Lit>),
    Tuple(Vec<Lit>),
    /// `fun M:F/A` with constant parts.
    Export(String, String, u32),
    /// A binary whose bytes are known at compile time.
    Binary(Vec<u8>),
    /// A map with constant keys and values (later duplicates already
    /// removed; the runtime sorts the keys).
    Map(Vec<(Lit, Lit)>),
}

/// A variable or a constant: the operands of every operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Var(Var),
    Lit(Lit),
}

impl Operand {
    pub fn atom(a: &str) -> Operand {
        Operand::Lit(Lit::Atom(a.to_string()))
    }
}

/// What a call calls.
#[derive(Debug, Clone, PartialEq)]
pub enum Callee {
    /// `name/arity` in this module.
    Local { name: String, arity: u32 },
    /// A function bound by an enclosing `LetRec`.
    LetRec(Var),
    /// `M:F(...)` (either may be a variable).
    Remote { module: Operand, name: Operand },
    /// `F(...)` where `F` is a fun value.
    Fun(Operand),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Atomic(Operand),
    Cons(Operand, Operand),
    Tuple(Vec<Operand>),
    Let {
        var: Var,
        value: Box<Expr>,
        body: Box<Expr>,
    },
    /// Match `args` against the clauses in order. The last clause always
    /// matches (the lowering adds the failure clause).
    Case {
        args: Vec<Operand>,
        clauses: Vec<Clause>,
    },
    /// `line`: the source line of the call (0 when unknown), for stack
    /// traces; likewise on `ApplyList` and `Raise`.
    Call {
        callee: Callee,
        args: Vec<Operand>,
        line: u32,
    },
    /// `erlang:apply(F, Args)` or `erlang:apply(M, F, Args)`.
    ApplyList {
        module: Option<Operand>,
        fun: Operand,
        args: Operand,
        line: u32,
    },
    /// A fun: `name` is bound to the closure itself inside (named funs).
    Fun(Box<Fun>),
    /// A local recursive function (from comprehensions), visible in its own
    /// body and in `body`.
    LetRec {
        name: Var,
        fun: Box<Fun>,
        body: Box<Expr>,
    },
    /// Receive: clauses match one message; `timeout` (if any) and its body.
    Receive {
        clauses: Vec<Clause>,
        after: Option<(Operand, Box<Expr>)>,
    },
    /// `try body of var -> success catch class:reason:trace -> handler`.
    Try {
        body: Box<Expr>,
        var: Var,
        success: Box<Expr>,
        class: Var,
        reason: Var,
        trace: Var,
        handler: Box<Expr>,
    },
    /// `catch body`.
    Catch(Box<Expr>),
    /// Raise `error`/`exit`/`throw`, or re-raise with a trace. With `args`
    /// (`function_clause`), the top frame of the stack trace shows these
    /// arguments instead of the arity, as OTP's does.
    Raise {
        class: Operand,
        reason: Operand,
        trace: Option<Operand>,
        args: Option<Vec<Operand>>,
        line: u32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fun {
    pub name: Option<Var>,
    pub params: Vec<Var>,
    pub body: Expr,
    /// OTP-style name, e.g. `-main/1-fun-0-` or `-main/1-lc$^0/1-0-`.
    pub label: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub patterns: Vec<Pat>,
    /// Guard sequence: alternatives, each a conjunction of tests.
    pub guards: Vec<Vec<Guard>>,
    pub body: Expr,
}

/// A guard test: an expression evaluated in guard context (a BIF failure
/// makes the test false), which must yield `true`.
#[derive(Debug, Clone, PartialEq)]
pub enum Guard {
    /// Evaluate `body`; the test holds if it yields `true`.
    Test(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Pat {
    /// Binds a fresh variable.
    Var(Var),
    /// Must equal an already-bound variable.
    Bound(Var),
    Wildcard,
    Lit(Lit),
    Cons(Box<Pat>, Box<Pat>),
    Tuple(Vec<Pat>),
    /// `Var = Pat`
    Alias(Var, Box<Pat>),
    /// `P1 = P2` with two compound patterns: the value matches both.
    Both(Box<Pat>, Box<Pat>),
    /// `#{Key := Pat, ...}`: each key is a guard expression (a literal or
    /// already bound variables) evaluated when the pattern is tried.
    Map(Vec<(Expr, Pat)>),
    /// `<<Segment, ...>>`, matched left to right; a segment's size may use
    /// variables bound by earlier segments.
    Binary(Vec<Segment<Pat, Expr>>),
}

/// One segment of a binary construction (`Segment<Operand, Operand>`) or
/// pattern (`Segment<Pat, Expr>`: the size is a guard expression).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment<V, S> {
    pub value: V,
    pub kind: SegmentKind,
    /// In units; `None` for the kind's default (integer 8, float 64, binary
    /// "all of it", none for utf).
    pub size: Option<S>,
    /// The runtime's flags word: unit, endianness, signedness
    /// (`abi::bits`).
    pub flags: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Integer,
    Float,
    /// `binary`/`bytes` (unit 8) and `bitstring`/`bits` (unit 1).
    Binary,
    Utf8,
    Utf16,
    Utf32,
}

impl SegmentKind {
    /// The suffix of the runtime primitives (`'$bs_put_integer'`, ...).
    pub fn name(self) -> &'static str {
        match self {
            SegmentKind::Integer => "integer",
            SegmentKind::Float => "float",
            SegmentKind::Binary => "binary",
            SegmentKind::Utf8 => "utf8",
            SegmentKind::Utf16 => "utf16",
            SegmentKind::Utf32 => "utf32",
        }
    }
}
