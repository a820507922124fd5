//! SSA IR: the last machine-independent stage.
//!
//! A [`Module`] holds [`Function`]s made of [`Block`]s with parameters (no phi
//! nodes). Values are local to a function. The IR is in **block-local form**:
//! a block only uses its own parameters and the values it defines; everything
//! else arrives as a block argument. This makes the two things the execution
//! model needs trivial to read off the IR:
//!
//! - what a continuation must save across a non-tail call: the arguments the
//!   [`Terminator::Call`] passes to its continuation block;
//! - what the collector must see at a heap test: the values listed in
//!   [`Op::TestHeap`], which redefines them (the collector may move them).
//!
//! Every block whose [`BlockKind`] is not `Normal` is entered by a tail call
//! from elsewhere (a return, an exception, a resumed receive) and becomes a
//! native function of its own in the code generator; its first parameter is
//! the incoming value (the call result, or ignored) and the rest are loaded
//! from the Erlang stack frame.

mod build;
pub mod passes;
mod text;
pub use build::lower_module;
pub use text::module_to_text;

use std::fmt;

/// A value: an index into [`Function::value_types`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value(pub u32);

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

/// A block: an index into [`Function::blocks`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

impl fmt::Debug for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// A term (`u64`).
    Term,
    /// A boolean test result (`i1`).
    Bool,
    /// An untagged machine integer (`i64`).
    Int,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub name: String,
    /// The source file as named to the compiler (stack traces' `{file, F}`).
    pub file: String,
    pub functions: Vec<Function>,
    /// Literal terms (loaded from a slot filled at start-up).
    pub literals: Vec<Literal>,
    /// Lambdas, indexed by `MakeFun::lambda`; each has a body in `functions`.
    pub lambdas: Vec<Lambda>,
}

/// A compile-time constant term, encoded at start-up from its external term
/// format. Used for everything that is not an immediate.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Integer(String),
    Float(f64),
    Atom(String),
    Nil,
    Cons(Box<Literal>, Box<Literal>),
    Tuple(Vec<Literal>),
    /// A string as a list of character codes (a literal char list).
    String(Vec<u32>),
    Binary(Vec<u8>),
    /// `fun M:F/A`
    Export(String, String, u32),
    /// A map (keys in any order; the runtime sorts them).
    Map(Vec<(Literal, Literal)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lambda {
    /// OTP's name for it, e.g. `-main/1-fun-0-`.
    pub name: String,
    /// Arity as seen by Erlang (the body function takes one more argument:
    /// the closure).
    pub arity: u32,
    pub num_free: u32,
    /// Index into `Module::functions` of the body.
    pub function: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FunctionKind {
    /// A named function `name/arity`, exported or local.
    Named { exported: bool },
    /// The body of lambda `index`; takes `arity + 1` parameters, the last
    /// being the closure (free variables are read with [`Op::FunFree`]).
    Lambda { index: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    pub name: String,
    /// Erlang arity (entry block parameters; +1 for lambda bodies).
    pub arity: u32,
    pub kind: FunctionKind,
    /// `blocks[0]` is the entry; its parameters are the arguments.
    pub blocks: Vec<Block>,
    pub value_types: Vec<Type>,
    /// Source line of the function head, for stack traces.
    pub line: u32,
}

impl Function {
    /// Number of parameters of the native entry function.
    pub fn num_params(&self) -> usize {
        self.blocks[0].params.len()
    }

    pub fn ty(&self, v: Value) -> Type {
        self.value_types[v.0 as usize]
    }

    pub fn block(&self, b: BlockId) -> &Block {
        &self.blocks[b.0 as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// Reached only by branches inside the same native function.
    Normal,
    /// The continuation of a non-tail [`Terminator::Call`] or a resumed
    /// [`Terminator::Wait`]: first param is the result (ignored after a
    /// wait), the rest are saved in a NORMAL frame.
    Continuation,
    /// A `try` handler: first param ignored, the rest saved in a TRY frame.
    /// The exception is read with `ExcClass/ExcReason/ExcTrace`.
    TryHandler,
    /// A `catch Expr` handler: like `TryHandler` but a CATCH frame; the value
    /// of the `catch` is read with [`Op::CatchValue`].
    CatchHandler,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub params: Vec<Value>,
    pub insts: Vec<Inst>,
    pub term: Terminator,
    /// Source line of the terminator when it is a call or a raise (0 when
    /// unknown). A `Call`'s line is the line of the stack-trace entry of its
    /// continuation frame; a `Raise`'s (or a failing tail call's) is the line
    /// of the top entry.
    pub line: u32,
}

/// An instruction defining zero or more values.
#[derive(Debug, Clone, PartialEq)]
pub struct Inst {
    pub results: Vec<Value>,
    pub op: Op,
}

/// An immediate constant, emitted inline.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    /// A small integer (fits `abi::tag::SMALL_MIN..=SMALL_MAX`).
    Small(i64),
    /// An atom by name: an immediate if predefined
    /// (`abi::predefined_atom`), else loaded from the module's atom slot.
    Atom(String),
    Nil,
    /// A raw machine integer (`Type::Int`).
    Int(i64),
    /// A `Type::Bool`.
    Bool(bool),
}

/// A function called by `Call`/`TailCall`.
#[derive(Debug, Clone, PartialEq)]
pub enum Callee {
    /// `name/arity` in this module (a `Function` with that name).
    Local { name: String, arity: u32 },
    /// `module:name/arity` known at compile time (may be another module of
    /// the program, the standard library, or a BIF wrapper).
    Remote { module: String, name: String, arity: u32 },
    /// `Module:Name(...)` with run-time module and/or function terms.
    Dynamic { module: Value, name: Value },
    /// `Fun(...)`: a fun term.
    Fun(Value),
    /// `erlang:apply(Fun, Args)` / `erlang:apply(M, F, Args)` with an argument list term.
    ApplyList { module: Option<Value>, fun: Value, args: Value },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// `-> Term|Int|Bool`
    Const(Const),
    /// Load literal `i` of the module. `-> Term`
    Literal(u32),
    /// Heap test: ensure `need` words are free; `live` are the values the
    /// code uses afterwards, which the collector may move. Results: the live
    /// values, renamed (same order). Placed before every run of allocations.
    TestHeap {
        need: u32,
        live: Vec<Value>,
    },
    /// Allocate a cons cell (2 words, reserved by a `TestHeap`). `-> Term`
    Cons(Value, Value),
    /// Allocate a tuple (1 + n words). `-> Term`
    Tuple(Vec<Value>),
    /// Allocate a closure of lambda `lambda` (2 + free words). `-> Term`
    MakeFun {
        lambda: u32,
        free: Vec<Value>,
    },
    /// Free variable `index` of the closure `fun` (a lambda body's last
    /// parameter). `-> Term`
    FunFree {
        fun: Value,
        index: u32,
    },
    /// Head / tail of a value known to be a cons cell. `-> Term`
    Hd(Value),
    Tl(Value),
    /// Element `index` (0-based) of a value known to be a tuple. `-> Term`
    Element {
        tuple: Value,
        index: u32,
    },

    // Type and value tests, `-> Bool`.
    IsSmall(Value),
    IsAtom(Value),
    IsNil(Value),
    IsCons(Value),
    IsList(Value),
    IsTuple(Value),
    /// A tuple of exactly this arity.
    IsTupleArity {
        value: Value,
        arity: u32,
    },
    /// The word equality of two terms: exact equality for immediates.
    WordEq(Value, Value),
    /// Exact (`=:=`) equality of arbitrary terms (runtime call unless both
    /// are known immediates).
    ExactEq(Value, Value),
    /// Is `v` the non-value (a failed guard BIF).
    IsNonValue(Value),
    /// Boolean negation / conjunction of tests.
    Not(Value),
    /// Bool -> Term (`true`/`false` atom)
    BoolToTerm(Value),
    /// Term `true` atom? -> Bool
    IsTrue(Value),

    /// Call the BIF `module:name/arity` directly. In a body (`guard: false`),
    /// failure raises (unwinds); in a guard (`guard: true`), the result may be
    /// the non-value, tested with `IsNonValue`. `-> Term`
    /// `line` is the call's source line (0 when unknown), for the stack
    /// trace of a failure.
    Bif {
        module: String,
        name: String,
        args: Vec<Value>,
        guard: bool,
        line: u32,
    },

    // Receive.
    /// The message at the receive cursor, or the non-value. `-> Term`
    RecvPeek,
    /// Move the cursor past the current message.
    RecvNext,
    /// Remove the current message from the mailbox.
    RecvAccept,
    /// Arm the receive timeout (`infinity` or milliseconds) before waiting;
    /// see `abi::entry::RECV_TIMER`. `-> Bool`: true if the timeout has
    /// expired (run the `after` body). A bad timeout raises (the code
    /// generator unwinds when the entry point returns 2).
    RecvTimer(Value),
    /// After resuming: did the timeout fire? `-> Bool`
    RecvTimedOut,

    // Exceptions (inside handlers).
    ExcClass,
    ExcReason,
    ExcTrace,
    CatchValue,
    /// Pop the TRY/CATCH frame pushed by the `PushHandler` whose handler
    /// block is `handler` (the body finished normally).
    PopHandler {
        handler: BlockId,
    },
}

/// A jump target with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockCall {
    pub block: BlockId,
    pub args: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Terminator {
    Jump(BlockCall),
    /// Branch on a `Bool`.
    Branch {
        cond: Value,
        then: BlockCall,
        otherwise: BlockCall,
    },
    /// Return a value to the caller (tail-call the top frame's code).
    Return(Value),
    /// Guaranteed tail call.
    TailCall {
        callee: Callee,
        args: Vec<Value>,
    },
    /// Non-tail call: push a NORMAL frame saving `cont.args`, tail-call the
    /// callee; `cont.block` (a `Continuation` block) receives the result
    /// followed by `cont.args`.
    Call {
        callee: Callee,
        args: Vec<Value>,
        cont: BlockCall,
    },
    /// Raise an exception of `class` (an atom term) with `reason`.
    Raise {
        class: Value,
        reason: Value,
    },
    /// Re-raise with a given trace (`try ... after`, `erlang:raise/3`).
    Reraise {
        class: Value,
        reason: Value,
        trace: Value,
    },
    /// Push a TRY (or CATCH, per the handler's kind) frame saving
    /// `handler.args`, then continue at `body`.
    PushHandler {
        handler: BlockCall,
        body: BlockCall,
    },
    /// `receive` with no matching message: push a NORMAL frame saving
    /// `resume.args`, and return `status::WAIT` to the scheduler; when
    /// resumed, `resume.block` (a `Continuation`) is entered.
    Wait {
        resume: BlockCall,
    },
    /// Unreachable (after a raise inside the block, say).
    Unreachable,
}

impl Terminator {
    /// Every block this terminator can transfer control to.
    pub fn successors(&self) -> Vec<&BlockCall> {
        match self {
            Terminator::Jump(b) => vec![b],
            Terminator::Branch { then, otherwise, .. } => vec![then, otherwise],
            Terminator::Call { cont, .. } => vec![cont],
            Terminator::PushHandler { handler, body } => vec![handler, body],
            Terminator::Wait { resume } => vec![resume],
            _ => vec![],
        }
    }

    pub fn successors_mut(&mut self) -> Vec<&mut BlockCall> {
        match self {
            Terminator::Jump(b) => vec![b],
            Terminator::Branch { then, otherwise, .. } => vec![then, otherwise],
            Terminator::Call { cont, .. } => vec![cont],
            Terminator::PushHandler { handler, body } => vec![handler, body],
            Terminator::Wait { resume } => vec![resume],
            _ => vec![],
        }
    }
}
