//! Terms: a safe view over the encoding of [`crate::abi`], constructors, list
//! traversal, and the errors BIFs raise.
//!
//! # Reading terms
//!
//! [`view`] turns a word into a [`TermView`]: an enum whose variants borrow
//! the heap words of boxed objects (tuple elements, binary bytes, bignum
//! limbs). The runtime never holds a term across a garbage collection
//! without rooting it, so the contract of [`view`] — the word is a valid term
//! whose heap stays put while the view lives — holds in every BIF, which run
//! between collections. The `unsafe` dereferences are confined to this module.
//!
//! # Building terms
//!
//! Constructors (see [`alloc`]) take any [`TermAlloc`]: the running
//! [`Process`](crate::process::Process) (whose `alloc` never collects, so
//! terms built earlier in the same BIF stay valid), or a test heap.
//!
//! # Errors
//!
//! Term operations return [`BifResult`]; [`Error`] names the exception
//! (`badarg`, `badarith`, `system_limit`) and the `extern "C"` BIF wrappers
//! turn it into a raised exception with [`bif_return`].

mod alloc;
mod list;
mod map;
pub mod map_hash;
pub mod map_trie;
#[cfg(test)]
pub(crate) mod testing;

pub use alloc::*;
pub use list::*;
pub use map::*;

pub use crate::abi::Term;
use crate::abi::{header, tag, FunInfo, ProcessHeader};
use crate::atom::known::predefined;

/// Predefined atoms this part of the runtime uses, as constants.
pub mod atoms {
    use super::predefined;
    use crate::abi::Term;

    pub const FALSE: Term = predefined("false");
    pub const TRUE: Term = predefined("true");
    pub const OK: Term = predefined("ok");
    pub const BADARG: Term = predefined("badarg");
    pub const BADARITH: Term = predefined("badarith");
    pub const SYSTEM_LIMIT: Term = predefined("system_limit");
}

/// The boolean atom for `b`.
#[inline]
pub const fn boolean(b: bool) -> Term {
    if b {
        atoms::TRUE
    } else {
        atoms::FALSE
    }
}

/// A bignum: sign and magnitude limbs, least significant first. Bignums are
/// always normalized: their value does not fit in a small integer.
#[derive(Clone, Copy, Debug)]
pub struct BigView<'a> {
    pub negative: bool,
    pub limbs: &'a [u64],
}

/// A closure: its static description and its free variables.
#[derive(Clone, Copy)]
pub struct FunView<'a> {
    pub info: &'a FunInfo,
    pub env: &'a [Term],
}

impl FunView<'_> {
    /// The defining module's atom.
    pub fn module(&self) -> Term {
        if self.info.module.is_null() {
            return atoms::FALSE;
        }
        // SAFETY: `module` points at the module's atom slot, static data
        // written once at start-up (see `abi::FunInfo`).
        unsafe { *self.info.module }
    }
}

impl std::fmt::Debug for FunView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fun(index {}, uniq {}, {} free)", self.info.index, self.info.uniq, self.env.len())
    }
}

/// What a term is, with its contents borrowed from the heap.
#[derive(Clone, Copy, Debug)]
pub enum TermView<'a> {
    Small(i64),
    Big(BigView<'a>),
    Float(f64),
    Atom(Term),
    Nil,
    Cons(Term, Term),
    Tuple(&'a [Term]),
    Map(MapView<'a>),
    Fun(FunView<'a>),
    Export {
        module: Term,
        function: Term,
        arity: u32,
    },
    /// A binary (a whole number of bytes), whatever its representation.
    Binary(&'a [u8]),
    /// A bitstring that is not a whole number of bytes.
    Bitstring(crate::binary::Bits<'a>),
    Pid(u64),
    Port(u64),
    Ref(u64),
    /// Not a term: `NON_VALUE`, a header word, or a boxed object whose
    /// layout this module does not know.
    Invalid(Term),
}

/// Classes of the standard term order, lowest first:
/// `number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeClass {
    Number,
    Atom,
    Ref,
    Fun,
    Port,
    Pid,
    Tuple,
    Map,
    Nil,
    List,
    Bitstring,
    Invalid,
}

impl TermView<'_> {
    /// The term's class in the standard order.
    pub fn class(&self) -> TypeClass {
        match self {
            TermView::Small(_) | TermView::Big(_) | TermView::Float(_) => TypeClass::Number,
            TermView::Atom(_) => TypeClass::Atom,
            TermView::Ref(_) => TypeClass::Ref,
            TermView::Fun(_) | TermView::Export { .. } => TypeClass::Fun,
            TermView::Port(_) => TypeClass::Port,
            TermView::Pid(_) => TypeClass::Pid,
            TermView::Tuple(_) => TypeClass::Tuple,
            TermView::Map(_) => TypeClass::Map,
            TermView::Nil => TypeClass::Nil,
            TermView::Cons(..) => TypeClass::List,
            TermView::Binary(_) | TermView::Bitstring(_) => TypeClass::Bitstring,
            TermView::Invalid(_) => TypeClass::Invalid,
        }
    }
}

/// Views the term `t`.
///
/// Contract: `t` is a valid term (an immediate, or a pointer to a live
/// object built per `abi`) and its heap is neither collected nor freed while
/// the returned view is used. Every BIF argument satisfies this.
pub fn view<'a>(t: Term) -> TermView<'a> {
    match t & tag::MASK {
        tag::SMALL => TermView::Small(tag::small_value(t)),
        tag::LIST => {
            let p = tag::list_ptr(t);
            // SAFETY: a list-tagged term points at a two-word cons cell
            // (contract of `view`).
            unsafe { TermView::Cons(*p, *p.add(1)) }
        }
        tag::BOXED if t != 0 => view_boxed(t),
        tag::IMMED => match t & tag::IMMED_MASK {
            tag::ATOM => TermView::Atom(t),
            tag::PID => TermView::Pid(t >> tag::IMMED_PAYLOAD_SHIFT),
            tag::PORT => TermView::Port(t >> tag::IMMED_PAYLOAD_SHIFT),
            _ if t == tag::NIL => TermView::Nil,
            _ => TermView::Invalid(t),
        },
        _ => TermView::Invalid(t),
    }
}

fn view_boxed<'a>(t: Term) -> TermView<'a> {
    let p = tag::boxed_ptr(t) as *const Term;
    // SAFETY: a boxed term points at a header word followed by `arity` words
    // laid out per `abi::header` (contract of `view`); every slice below
    // stays within those words.
    unsafe {
        let h = *p;
        if h & tag::MASK != tag::HEADER {
            return TermView::Invalid(t);
        }
        let arity = header::arity(h) as usize;
        let body = p.add(1);
        match header::subtag(h) {
            header::TUPLE => TermView::Tuple(std::slice::from_raw_parts(body, arity)),
            header::POS_BIG | header::NEG_BIG => TermView::Big(BigView {
                negative: header::subtag(h) == header::NEG_BIG,
                limbs: std::slice::from_raw_parts(body, arity),
            }),
            header::FLOAT if arity >= 1 => TermView::Float(f64::from_bits(*body)),
            header::FUN if arity >= 1 && *body != 0 => TermView::Fun(FunView {
                info: &*(*body as usize as *const FunInfo),
                env: std::slice::from_raw_parts(body.add(1), arity - 1),
            }),
            header::EXPORT if arity >= 3 => {
                TermView::Export { module: *body, function: *body.add(1), arity: tag::small_value(*body.add(2)) as u32 }
            }
            header::HEAP_BIN | header::REFC_BIN | header::SUB_BIN => match crate::binary::view_bitstring(p, h) {
                Some(b) if b.is_binary() => TermView::Binary(b.bytes),
                Some(b) => TermView::Bitstring(b),
                None => TermView::Invalid(t),
            },
            header::MAP if arity >= 1 => {
                let keys = *body;
                let n = arity - 1;
                let key_slice = if n == 0 {
                    &[][..]
                } else {
                    match view(keys) {
                        TermView::Tuple(k) if k.len() == n => k,
                        _ => return TermView::Invalid(t),
                    }
                };
                TermView::Map(MapView::Flat { keys: key_slice, values: std::slice::from_raw_parts(body.add(1), n) })
            }
            header::MAP_TRIE => match map_trie::TrieView::from_body(body, arity) {
                Some(tv) => TermView::Map(MapView::Trie(tv)),
                None => TermView::Invalid(t),
            },
            header::REF if arity >= 1 => TermView::Ref(*body),
            _ => TermView::Invalid(t),
        }
    }
}

/// The elements of a tuple, or `None`.
pub fn tuple_elements<'a>(t: Term) -> Option<&'a [Term]> {
    match view(t) {
        TermView::Tuple(es) => Some(es),
        _ => None,
    }
}

/// The value of a float term, or `None`.
pub fn float_value(t: Term) -> Option<f64> {
    match view(t) {
        TermView::Float(f) => Some(f),
        _ => None,
    }
}

/// The bytes of a binary term, or `None`.
pub fn binary_bytes<'a>(t: Term) -> Option<&'a [u8]> {
    match view(t) {
        TermView::Binary(b) => Some(b),
        _ => None,
    }
}

/// Whether `t` is an integer (small or big).
pub fn is_integer(t: Term) -> bool {
    tag::is_small(t) || matches!(view(t), TermView::Big(_))
}

/// Whether `t` is a number.
pub fn is_number(t: Term) -> bool {
    tag::is_small(t) || matches!(view(t), TermView::Big(_) | TermView::Float(_))
}

/// The exception a term operation failed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    Badarg,
    Badarith,
    SystemLimit,
}

impl Error {
    /// The exception reason (class `error`).
    pub fn reason(self) -> Term {
        match self {
            Error::Badarg => atoms::BADARG,
            Error::Badarith => atoms::BADARITH,
            Error::SystemLimit => atoms::SYSTEM_LIMIT,
        }
    }
}

/// The result of a BIF's body: a term, or the exception to raise.
pub type BifResult = Result<Term, Error>;

/// The process a BIF runs in.
///
/// # Safety
/// `p` is the header of the live process that called the BIF (generated code
/// and the runtime only pass their running process).
pub unsafe fn process<'a>(p: *mut ProcessHeader) -> &'a mut crate::process::Process {
    // SAFETY: guaranteed by the caller.
    unsafe { crate::process::Process::from_header(p) }
}

/// Runs a BIF body in the process `p` and converts its result for generated
/// code: the term, or `NON_VALUE` after raising the error.
///
/// `p` is the BIF's process argument: generated code and the runtime only
/// ever pass the running process's header, which is the contract of every
/// `kiln_bif_*` entry point (hence not an `unsafe fn`, like the entry points).
#[inline]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn bif_return(p: *mut ProcessHeader, body: impl FnOnce(&mut crate::process::Process) -> BifResult) -> Term {
    // SAFETY: BIF entry points are only called with the running process's
    // header (see `bif_table`).
    let proc = unsafe { process(p) };
    match body(proc) {
        Ok(t) => t,
        Err(e) => proc.raise_error(e.reason()),
    }
}

/// Like [`bif_return`] for BIFs that need no allocation.
#[inline]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub fn bif_return_pure(p: *mut ProcessHeader, r: BifResult) -> Term {
    match r {
        Ok(t) => t,
        Err(e) => {
            // SAFETY: as in `bif_return`.
            let proc = unsafe { process(p) };
            proc.raise_error(e.reason())
        }
    }
}
