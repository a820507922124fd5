//! The contract between generated code and the runtime.
//!
//! Everything that compiled Erlang code and the runtime must agree on is
//! defined here, once: the term encoding, the layout of the process fields
//! generated code touches, the Erlang stack frame layout, the uniform function
//! signature, the status codes returned to the scheduler, the module
//! descriptors the code generator emits, and the names of runtime entry
//! points. The code generator depends on this module; nothing is copied by
//! hand into a second place.
//!
//! # Execution model (see `shared/DESIGN.md`)
//!
//! Every compiled Erlang function and every continuation is an [`ErlFn`]:
//! `(proc, a0, a1, a2, a3) -> status`. Control moves between them only by
//! guaranteed tail calls, so the native stack never grows with Erlang calls.
//! A non-tail call pushes a continuation frame on the process's Erlang stack
//! (see [`frame`]) and tail-calls the callee; returning pops nothing itself
//! but tail-calls the code pointer of the top frame with the result in `a0`;
//! the continuation then reads its saved values and pops its frame. The
//! chain ends by returning a [`status`] code to the scheduler loop.

pub mod auto_imports;
pub mod bif_table;
pub mod etf_tags;

/// The flags word of the bit-syntax primitives (`erlang:'$bs_put_*'` and
/// `'$bs_get_*'`), a small integer built by the compiler: the unit in bits
/// 8..16, then endianness and signedness bits.
pub mod bits {
    /// Little endian (else big).
    pub const LITTLE: u32 = 1;
    pub const SIGNED: u32 = 2;
    /// Native endian (little on every target kiln supports).
    pub const NATIVE: u32 = 4;
    pub const UNIT_SHIFT: u32 = 8;

    pub const fn flags(unit: u32, little: bool, signed: bool, native: bool) -> u32 {
        (unit << UNIT_SHIFT) | (little as u32 * LITTLE) | (signed as u32 * SIGNED) | (native as u32 * NATIVE)
    }
    pub const fn unit(flags: u32) -> u32 {
        (flags >> UNIT_SHIFT) & 0x1ff
    }
}

/// A term: one 64-bit word on every target (wasm32 included).
pub type Term = u64;

/// The uniform signature of compiled code: the process and [`REG_ARGS`]
/// argument registers. Arguments `REG_ARGS..arity` are passed in
/// [`ProcessHeader::args`] at their own index. The result is a [`status`]
/// code for the scheduler (only ever produced at the end of a tail-call
/// chain).
pub type ErlFn = unsafe extern "C" fn(proc: *mut ProcessHeader, a0: Term, a1: Term, a2: Term, a3: Term) -> u64;

/// Number of arguments passed in registers.
pub const REG_ARGS: usize = 4;

/// Size of the argument array: Erlang's maximum arity (255) plus room for the
/// closure argument of a fun body.
pub const MAX_ARGS: usize = 260;

/// Status codes returned to the scheduler loop.
pub mod status {
    /// Reductions used up (or `erlang:yield/0`): requeue; resume with
    /// [`super::ProcessHeader::resume`].
    pub const YIELD: u64 = 0;
    /// Waiting in `receive`: park until a message or timeout arrives; resume
    /// by returning into the top frame.
    pub const WAIT: u64 = 1;
    /// The process has finished; its exit reason is in the process.
    pub const EXIT: u64 = 2;
}

/// Term tags and constructors. The low 3 bits are the primary tag.
pub mod tag {
    use super::Term;

    pub const MASK: u64 = 0b111;
    /// Pointer to a boxed object (its header word). Objects are 8-aligned.
    pub const BOXED: u64 = 0b000;
    /// Pointer to a cons cell `[head, tail]`, plus 1.
    pub const LIST: u64 = 0b001;
    /// A header word; only found in heaps, at the start of a boxed object.
    pub const HEADER: u64 = 0b010;
    /// Small integer: `value << 3 | 0b011`, 61 bits signed.
    pub const SMALL: u64 = 0b011;
    /// Other immediates: `payload << 6 | sub << 3 | 0b111`.
    pub const IMMED: u64 = 0b111;

    pub const SMALL_BITS: u32 = 61;
    pub const SMALL_MIN: i64 = -(1 << 60);
    pub const SMALL_MAX: i64 = (1 << 60) - 1;

    /// Mask of the primary tag plus immediate sub-tag.
    pub const IMMED_MASK: u64 = 0b111_111;
    pub const IMMED_PAYLOAD_SHIFT: u32 = 6;
    pub const SUB_ATOM: u64 = 0;
    pub const SUB_PID: u64 = 1;
    pub const SUB_PORT: u64 = 2;
    pub const SUB_SPECIAL: u64 = 3;
    /// `atom` terms have `t & IMMED_MASK == ATOM`.
    pub const ATOM: u64 = (SUB_ATOM << 3) | IMMED;
    pub const PID: u64 = (SUB_PID << 3) | IMMED;
    pub const PORT: u64 = (SUB_PORT << 3) | IMMED;
    pub const SPECIAL: u64 = (SUB_SPECIAL << 3) | IMMED;

    /// `[]`
    pub const NIL: Term = SPECIAL;
    /// The non-value: returned by BIFs that raised (the exception is in the
    /// process), and used as "no message" by receive helpers. Never a term.
    pub const NON_VALUE: Term = (1 << IMMED_PAYLOAD_SHIFT) | SPECIAL;

    #[inline]
    pub const fn small(v: i64) -> Term {
        ((v as u64) << 3) | SMALL
    }
    #[inline]
    pub const fn small_fits(v: i64) -> bool {
        v >= SMALL_MIN && v <= SMALL_MAX
    }
    #[inline]
    pub const fn small_value(t: Term) -> i64 {
        (t as i64) >> 3
    }
    #[inline]
    pub const fn is_small(t: Term) -> bool {
        t & MASK == SMALL
    }
    #[inline]
    pub const fn atom(index: u64) -> Term {
        (index << IMMED_PAYLOAD_SHIFT) | ATOM
    }
    #[inline]
    pub const fn is_atom(t: Term) -> bool {
        t & IMMED_MASK == ATOM
    }
    #[inline]
    pub const fn atom_index(t: Term) -> u64 {
        t >> IMMED_PAYLOAD_SHIFT
    }
    #[inline]
    pub const fn pid(serial: u64) -> Term {
        (serial << IMMED_PAYLOAD_SHIFT) | PID
    }
    #[inline]
    pub const fn is_pid(t: Term) -> bool {
        t & IMMED_MASK == PID
    }
    #[inline]
    pub const fn pid_serial(t: Term) -> u64 {
        t >> IMMED_PAYLOAD_SHIFT
    }
    #[inline]
    pub const fn is_boxed(t: Term) -> bool {
        t & MASK == BOXED
    }
    #[inline]
    pub const fn is_list(t: Term) -> bool {
        t & MASK == LIST
    }
    #[inline]
    pub fn boxed<T>(ptr: *const T) -> Term {
        ptr as usize as u64
    }
    #[inline]
    pub fn boxed_ptr(t: Term) -> *mut Term {
        t as usize as *mut Term
    }
    #[inline]
    pub fn list<T>(ptr: *const T) -> Term {
        (ptr as usize as u64) | LIST
    }
    #[inline]
    pub fn list_ptr(t: Term) -> *mut Term {
        (t & !MASK) as usize as *mut Term
    }
}

/// Header words of boxed objects: `arity << 8 | subtag << 3 | tag::HEADER`.
/// `arity` is the number of words that follow the header.
///
/// Layouts (words after the header):
/// - `TUPLE`: the elements.
/// - `POS_BIG`/`NEG_BIG`: magnitude limbs, least significant first (raw).
/// - `FLOAT`: one raw word, the `f64` bits.
/// - `FUN` (closure): a raw `*const FunInfo` word, then the free variables.
/// - `EXPORT` (`fun M:F/A`): module atom, function atom, arity (small).
/// - `HEAP_BIN`: byte size (raw), then the bytes, padded to a word. At most
///   64 bytes; larger binaries are `REFC_BIN`.
/// - `REFC_BIN`: byte size (raw), then a raw pointer to the runtime's
///   reference-counted off-heap buffer (`runtime::binary::OffHeapBin`).
///   Shared, not copied, between processes; every such object is on its
///   heap's (or message fragment's) off-heap list, which the collector
///   sweeps to release dead ones.
/// - `SUB_BIN`: bit size (raw), byte offset (raw), then the original
///   binary (a term: always a `HEAP_BIN` or `REFC_BIN`). A bitstring that is
///   not a whole number of bytes is always a `SUB_BIN`.
/// - `MATCH_CTX`: current bit position (raw), end bit position (raw), both
///   counted from the start of the original binary, then the original
///   binary (a term, `HEAP_BIN` or `REFC_BIN`). Only ever seen by the
///   `$bs_get_*` BIFs.
/// - `BIN_BUILDER`: bit length (raw), then a raw pointer to an off-heap
///   buffer (as `REFC_BIN`, and on the off-heap list likewise). Only ever
///   seen by the `$bs_put_*` BIFs.
/// - `REF`: raw words (a 64-bit unique number). The reference of an
///   `atomics`/`counters` array has three more: a raw pointer to the
///   reference-counted buffer holding the array (listed on the off-heap
///   list like a `REFC_BIN`'s), the array's first slot, and its length and
///   kind (see `runtime/src/bifs/atomics.rs`).
/// - `MAP` (a map of at most 32 keys, OTP's "flatmap"): a tuple of the
///   keys, then the values at the same indices. Keys are unique and sorted
///   in map key order (the standard term order except that every integer
///   sorts before every float, at any depth). See `runtime/src/term/map.rs`.
/// - `MAP_TRIE` (a map of more than 32 keys, OTP's hash array mapped trie):
///   the number of keys (raw), a 16-bit bitmap (raw), then one entry per set
///   bit in ascending bit order. An entry is a leaf, a cons cell
///   `[Key | Value]` (a `LIST`-tagged pointer), or a `MAP_NODE` (a boxed
///   pointer). The layout is a function of the size: a map is a `MAP_TRIE`
///   exactly when it has more than 32 keys. See `runtime/src/term/map_trie.rs`.
/// - `MAP_NODE` (an inner trie node, only ever reached from a `MAP_TRIE`,
///   never a term by itself): a bitmap (raw), then the entries as above.
///   Bitmap 0 marks a collision node, whose entries are all leaves.
pub mod header {
    use super::Term;

    pub const ARITY_SHIFT: u32 = 8;
    pub const SUBTAG_SHIFT: u32 = 3;
    pub const SUBTAG_MASK: u64 = 0b11111 << SUBTAG_SHIFT;

    pub const TUPLE: u64 = 0;
    pub const POS_BIG: u64 = 1;
    pub const NEG_BIG: u64 = 2;
    pub const FLOAT: u64 = 3;
    pub const FUN: u64 = 4;
    pub const EXPORT: u64 = 5;
    pub const HEAP_BIN: u64 = 6;
    pub const REFC_BIN: u64 = 7;
    pub const SUB_BIN: u64 = 8;
    pub const MATCH_CTX: u64 = 9;
    pub const MAP: u64 = 10;
    pub const REF: u64 = 11;
    /// A map of more than 32 keys: the root of a hash trie (layout above).
    pub const MAP_TRIE: u64 = 12;
    /// An inner node of a map's hash trie (layout above).
    pub const MAP_NODE: u64 = 13;
    /// Binary construction state (`$bs_init`); see the layout above.
    pub const BIN_BUILDER: u64 = 15;

    #[inline]
    pub const fn make(subtag: u64, arity: u64) -> Term {
        (arity << ARITY_SHIFT) | (subtag << SUBTAG_SHIFT) | super::tag::HEADER
    }
    #[inline]
    pub const fn subtag(h: Term) -> u64 {
        (h & SUBTAG_MASK) >> SUBTAG_SHIFT
    }
    #[inline]
    pub const fn arity(h: Term) -> u64 {
        h >> ARITY_SHIFT
    }
    /// The mask/value pair that tests "is a tuple of arity n" in one compare.
    #[inline]
    pub const fn tuple(n: u64) -> Term {
        make(TUPLE, n)
    }
}

/// Atoms with fixed indices, known to the compiler as immediates. The
/// runtime's atom table starts with exactly these, in this order.
pub const PREDEFINED_ATOMS: &[&str] = &[
    "false",
    "true",
    "ok",
    "error",
    "exit",
    "throw",
    "normal",
    "undefined",
    "nil",
    "badarg",
    "badarith",
    "badmatch",
    "function_clause",
    "case_clause",
    "if_clause",
    "try_clause",
    "undef",
    "badfun",
    "badarity",
    "badkey",
    "badmap",
    "badrecord",
    "noproc",
    "killed",
    "kill",
    "EXIT",
    "DOWN",
    "erlang",
    "infinity",
    "timeout",
    "system_limit",
    "nocatch",
    "module",
    "name",
    "arity",
    "env",
    "type",
    "local",
    "external",
    "line",
    "file",
    "error_info",
];

/// Index of a predefined atom.
pub fn predefined_atom(name: &str) -> Option<u64> {
    PREDEFINED_ATOMS.iter().position(|a| *a == name).map(|i| i as u64)
}

pub const ATOM_FALSE: Term = tag::atom(0);
pub const ATOM_TRUE: Term = tag::atom(1);

/// Hot process fields that generated code reads and writes directly. The
/// runtime's `Process` starts with this struct (`#[repr(C)]`), so a
/// `*mut ProcessHeader` is the process pointer of [`ErlFn`].
///
/// The code generator declares the same struct as an LLVM/Cranelift type;
/// the `FIELD_*` constants are the field indices it uses.
#[repr(C)]
pub struct ProcessHeader {
    /// Next free heap word.
    pub htop: *mut Term,
    /// End of the current heap block: allocation needs `hlimit - htop >= n`.
    pub hlimit: *mut Term,
    /// Erlang stack: next free slot. The stack grows upward.
    pub stop: *mut Term,
    /// End of the Erlang stack block.
    pub slimit: *mut Term,
    /// Reductions left in this time slice; at zero the function entry yields.
    pub reds: i64,
    /// Where the scheduler continues a yielded process: called with
    /// `args[0..REG_ARGS]` in registers. Null means "return into the top
    /// frame" (used after `receive` waits), with `a0` = `[]`.
    pub resume: Option<ErlFn>,
    /// Number of live terms in `args` (GC roots) while yielded or in `kiln_gc`.
    pub nlive: u64,
    /// Argument array: arguments beyond the registers, live values saved
    /// around a GC, and arguments of a yielded call.
    pub args: [Term; MAX_ARGS],
}

pub const FIELD_HTOP: u32 = 0;
pub const FIELD_HLIMIT: u32 = 1;
pub const FIELD_STOP: u32 = 2;
pub const FIELD_SLIMIT: u32 = 3;
pub const FIELD_REDS: u32 = 4;
pub const FIELD_RESUME: u32 = 5;
pub const FIELD_NLIVE: u32 = 6;
pub const FIELD_ARGS: u32 = 7;

/// Reductions in one time slice.
pub const REDUCTIONS_PER_SLICE: i64 = 4000;

/// Erlang stack frames. A frame with `n` saved values occupies `n + 2` words,
/// from low to high address:
///
/// ```text
///   v0 .. v(n-1)   saved terms (GC roots)
///   code           the continuation, an ErlFn pointer as u64 (raw)
///   info           n | kind << KIND_SHIFT (raw)
///                  <- stop points here, just past the info word
/// ```
///
/// A continuation entered with the result in `a0` computes its frame base
/// as `stop - (n + 2)`, reloads `v0..`, and sets `stop` to the base.
pub mod frame {
    pub const KIND_SHIFT: u32 = 32;
    pub const COUNT_MASK: u64 = 0xFFFF_FFFF;
    /// Ordinary continuation of a non-tail call.
    pub const NORMAL: u64 = 0;
    /// `try`: the code is the handler, entered by `kiln_unwind`'s caller.
    pub const TRY: u64 = 1;
    /// `catch Expr`: likewise, the handler turns the exception into a value.
    pub const CATCH: u64 = 2;
    /// The bottom frame of every process: its code ends the process.
    pub const BASE: u64 = 3;

    #[inline]
    pub const fn info(n: u64, kind: u64) -> u64 {
        n | (kind << KIND_SHIFT)
    }
    #[inline]
    pub const fn count(info: u64) -> u64 {
        info & COUNT_MASK
    }
    #[inline]
    pub const fn kind(info: u64) -> u64 {
        info >> KIND_SHIFT
    }
}

/// A lambda's static description, emitted by the code generator. A closure
/// (`header::FUN`) points at one.
///
/// The body `code` takes the fun's `arity` arguments followed by the closure
/// term itself (at argument index `arity`), from which it loads the free
/// variables.
#[repr(C)]
pub struct FunInfo {
    pub code: ErlFn,
    pub arity: u32,
    pub num_free: u32,
    /// The defining module's atom slot (filled in at start-up).
    pub module: *const Term,
    /// OTP's internal name, e.g. `-main/1-fun-0-`.
    pub name: *const u8,
    pub name_len: usize,
    /// Index of the fun in its module, and a hash of its code (as OTP's
    /// `#Fun<m.Index.Uniq>`).
    pub index: u32,
    pub uniq: u32,
}

// SAFETY: FunInfo is immutable static data emitted by the compiler.
unsafe impl Sync for FunInfo {}

/// An atom the module uses: interned at start-up, its term stored in `slot`.
#[repr(C)]
pub struct AtomEntry {
    pub name: *const u8,
    pub len: usize,
    pub slot: *mut Term,
}

/// A literal term in external term format (`term_to_binary` encoding),
/// decoded at start-up into the literal area; its term stored in `slot`.
/// Literals are never moved or collected.
#[repr(C)]
pub struct LiteralEntry {
    pub etf: *const u8,
    pub len: usize,
    pub slot: *mut Term,
}

/// An exported (or BIF wrapper) function, for `apply/3`, `spawn/3`,
/// `fun M:F/A` and `main/1` lookup.
#[repr(C)]
pub struct ExportEntry {
    pub name: *const u8,
    pub len: usize,
    pub arity: u32,
    pub code: ErlFn,
}

/// A compiled function, for stack traces: `ModuleInfo::funcs[i]` describes
/// the module's `i`-th function (in SSA order), named as OTP names it
/// (`main`, `-main/1-fun-0-`, `-f/1-lc$^0/1-0-`).
#[repr(C)]
pub struct FuncEntry {
    pub name: *const u8,
    pub name_len: usize,
    /// Erlang arity (a lambda's, without the closure).
    pub arity: u32,
    /// Line of the function head.
    pub line: u32,
}

/// A call site, for stack traces: the continuation `code` that a non-tail
/// call pushes in its frame belongs to function `func` (an index into
/// `ModuleInfo::funcs`), and the call is on source line `line`.
#[repr(C)]
pub struct SiteEntry {
    pub code: ErlFn,
    pub func: u32,
    pub line: u32,
}

/// Where an exception was raised, as compiled code passes it to
/// [`entry::UNWIND`]: `func << 32 | line` (`func` indexes
/// `ModuleInfo::funcs`), or [`trace::NO_LOC`].
pub mod trace {
    /// No location: the raising function has no entry of its own in the
    /// stack trace (a failed tail call through `apply`, a re-raise).
    pub const NO_LOC: u64 = u64::MAX;
    /// No failing BIF (the `bif` argument of [`super::entry::UNWIND`]).
    pub const NO_BIF: u64 = u64::MAX;
    /// OTP's default `backtrace_depth`: entries kept in a stack trace.
    pub const DEPTH: usize = 8;

    #[inline]
    pub const fn loc(func: u32, line: u32) -> u64 {
        ((func as u64) << 32) | line as u64
    }
    #[inline]
    pub const fn loc_func(loc: u64) -> u32 {
        (loc >> 32) as u32
    }
    #[inline]
    pub const fn loc_line(loc: u64) -> u32 {
        loc as u32
    }
}

/// What the code generator emits per compiled module.
#[repr(C)]
pub struct ModuleInfo {
    pub name: *const u8,
    pub name_len: usize,
    pub atoms: *const AtomEntry,
    pub num_atoms: usize,
    pub literals: *const LiteralEntry,
    pub num_literals: usize,
    pub exports: *const ExportEntry,
    pub num_exports: usize,
    pub funs: *const FunInfo,
    pub num_funs: usize,
    /// The source file as named to the compiler (UTF-8, no terminator).
    pub file: *const u8,
    pub file_len: usize,
    /// Every function of the module (see [`FuncEntry`]).
    pub funcs: *const FuncEntry,
    pub num_funcs: usize,
    /// Every non-tail call site's continuation (see [`SiteEntry`]).
    pub sites: *const SiteEntry,
    pub num_sites: usize,
}

// SAFETY: module descriptors are static data emitted by the compiler; the
// slots they point to are written once, at start-up, before any process runs.
unsafe impl Sync for ModuleInfo {}

/// Runtime entry points called by generated code, by symbol name. Each is an
/// `extern "C"` function in the runtime; the signature is given in the
/// comment with `P` = `*mut ProcessHeader`, `T` = `Term`.
pub mod entry {
    /// `fn(argc: i32, argv: *const *const u8, modules: *const *const ModuleInfo,
    ///     num_modules: usize, entry: *const u8, entry_len: usize) -> i32`.
    /// The generated program's `main` calls it; it never returns on success
    /// paths other than the program's exit status.
    pub const MAIN: &str = "kiln_main";
    /// `fn(n: u32)`: the default number of scheduler threads (`kiln build
    /// --schedulers N`); the generated `main` calls it before [`MAIN`] when
    /// the program was built with that option. `KILN_SCHEDULERS` overrides it.
    pub const SET_SCHEDULERS: &str = "kiln_set_default_schedulers";
    /// Installs the Wasm host (`kiln-host`'s staticlib) before `kiln_main`,
    /// in programs that call `kiln:spawn_wasm`.
    pub const HOST_INIT: &str = "kiln_host_init";
    /// `fn(P, need_words: u64, nlive: u64)`: collect; live values are in
    /// `args[0..nlive]`; afterwards at least `need_words` are free.
    pub const GC: &str = "kiln_gc";
    /// `fn(P, need_words: u64)`: make room for `need_words` on the Erlang stack.
    pub const GROW_STACK: &str = "kiln_grow_stack";
    /// `fn(P, class: T, reason: T) -> T`: record an exception (with a fresh
    /// stack trace); returns `NON_VALUE`.
    pub const RAISE: &str = "kiln_raise";
    /// `fn(P, class: T, reason: T, trace: T) -> T`: re-raise with a given
    /// stack trace (`erlang:raise/3`, `try ... after` re-raising).
    pub const RERAISE: &str = "kiln_reraise";
    /// `fn(P, module: *const ModuleInfo, loc: u64, bif: u64) -> ErlFn`:
    /// pops frames down to the nearest TRY/CATCH frame and returns its
    /// handler (which then pops that frame like any continuation), or the
    /// runtime's "process died" function. Before that, when the exception
    /// has a fresh stack trace, builds it: `loc` (see [`super::trace`]) is
    /// where the code raised, in `module`'s function table; `bif` is the
    /// index in `bif_table::BIFS` of the body BIF that failed, whose
    /// arguments are then in `args[0..arity]` (else `trace::NO_BIF`).
    /// Allocates (without collecting).
    pub const UNWIND: &str = "kiln_unwind";
    /// `fn(P, module: *const u8, module_len: usize, function: *const u8,
    /// function_len: usize, nargs: u64) -> T`: raise `error:undef` for a
    /// call of a function defined nowhere, with its arguments in
    /// `args[0..nargs]` (the stack trace starts with `{M, F, Args, []}`);
    /// returns `NON_VALUE`.
    pub const RAISE_UNDEF: &str = "kiln_raise_undef";
    /// `fn(P) -> T` each: the current exception, inside a TRY handler.
    pub const EXC_CLASS: &str = "kiln_exception_class";
    pub const EXC_REASON: &str = "kiln_exception_reason";
    pub const EXC_TRACE: &str = "kiln_exception_trace";
    /// `fn(P) -> T`: the value of `catch Expr` for the current exception
    /// (`Reason` for throw, `{'EXIT', Reason}` for exit, `{'EXIT', {Reason,
    /// Trace}}` for error).
    pub const CATCH_VALUE: &str = "kiln_catch_value";
    /// `fn(P, fun: T, nargs: u64) -> Option<ErlFn>`: call a fun with
    /// `args[0..nargs]` already stored in `args`. Returns the code to
    /// tail-call with `args[0..REG_ARGS]` in registers (a closure is stored at
    /// `args[nargs]`), or null after raising `badfun`/`badarity`.
    pub const APPLY_FUN: &str = "kiln_apply_fun";
    /// `fn(P, module: T, function: T, nargs: u64) -> Option<ErlFn>`: look up
    /// `M:F/nargs` (args already in `args`); null after raising `undef`.
    pub const APPLY_MFA: &str = "kiln_apply_mfa";
    /// `fn(P, module: T, function: T, arglist: T) -> Option<ErlFn>`:
    /// `erlang:apply/3`: spreads the list into `args`, then as `APPLY_MFA`.
    /// With `module` = `NON_VALUE`, `function` is a fun (`apply/2`).
    pub const APPLY_LIST: &str = "kiln_apply_list";
    /// `fn(P) -> T`: the message at the receive cursor, or `NON_VALUE`.
    pub const RECV_PEEK: &str = "kiln_recv_peek";
    /// `fn(P)`: move the receive cursor past the current message.
    pub const RECV_NEXT: &str = "kiln_recv_next";
    /// `fn(P)`: remove the message at the cursor; reset the cursor.
    pub const RECV_ACCEPT: &str = "kiln_recv_accept";
    /// `fn(P, timeout: T) -> u64`: called each time a `receive ... after`
    /// is about to wait. Arms the timer unless it is already armed for this
    /// receive (a later wait of the same receive keeps the original
    /// deadline). `timeout` is `infinity` or a non-negative integer of
    /// milliseconds. Returns 1 if it has expired (timeout 0, or the deadline
    /// passed: the timer is disarmed and the cursor reset; run the `after`
    /// body), 0 to wait, 2 after raising `timeout_value` for a bad timeout.
    /// `RECV_ACCEPT` disarms the timer.
    pub const RECV_TIMER: &str = "kiln_recv_timer";
    /// `fn(P) -> u64`: after resuming from a wait: 1 if the timeout fired
    /// (the cursor is reset; run the `after` body), 0 otherwise.
    pub const RECV_TIMED_OUT: &str = "kiln_recv_timed_out";
    /// `fn(P, words: u64) -> *mut T`: allocate `words` on the heap without
    /// collecting (uses a heap fragment when the heap is full). For code
    /// paths that cannot collect.
    pub const ALLOC: &str = "kiln_alloc";
}
