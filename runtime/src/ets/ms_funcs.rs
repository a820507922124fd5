//! The functions a match specification may call in the table dialect:
//! exactly OTP 25's list (its `guard_tab` entries allowed in tables: type
//! tests, `element`, `hd`, `tl`, `length`, `size`, arithmetic, bit
//! operations, comparisons, `not`, `xor`, `map_get`, `binary_part`, ...).
//! `get_tcw/0` and `set_tcw/1` exist but are for tracing only; everything
//! else does not exist (`is_boolean`, `tuple_size`, `min`, ... were not
//! in OTP 25's list either).
//!
//! Each function reuses the BIF's own implementation; a failure makes the
//! guard fail (or the body return `'EXIT'`, see [`super::ms_eval`]).

use std::cmp::Ordering;

use crate::abi::{tag, Term};
use crate::bifs::{type_test, TypeTest};
use crate::compare::{compare, exact_eq};
use crate::term::{boolean, BifResult, Error, TermAlloc};

/// A function callable from a match specification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    Test(TypeTest),
    IsMapKey,
    IsRecord,
    Abs,
    Element,
    Hd,
    Tl,
    Length,
    MapGet,
    MapSize,
    Node0,
    Node1,
    Round,
    Trunc,
    Float,
    Size,
    BitSize,
    ByteSize,
    BinaryPart2,
    BinaryPart3,
    Plus1,
    Neg,
    Add,
    Sub,
    Mul,
    FDiv,
    Div,
    Rem,
    Band,
    Bor,
    Bxor,
    Bnot,
    Bsl,
    Bsr,
    Cmp(CmpOp),
    Not,
    Xor,
}

/// The comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Gt,
    Ge,
    Lt,
    Le,
    ExactEq,
    Eq,
    ExactNe,
    Ne,
}

impl Func {
    /// The function `name/arity`; `Err(true)` for the tracing-only ones,
    /// `Err(false)` when there is none.
    pub fn lookup(name: &str, arity: usize) -> Result<Func, bool> {
        use Func::*;
        let test = |t| Ok(Test(t));
        match (name, arity) {
            ("is_atom", 1) => test(TypeTest::Atom),
            ("is_float", 1) => test(TypeTest::Float),
            ("is_integer", 1) => test(TypeTest::Integer),
            ("is_list", 1) => test(TypeTest::List),
            ("is_number", 1) => test(TypeTest::Number),
            ("is_pid", 1) => test(TypeTest::Pid),
            ("is_port", 1) => test(TypeTest::Port),
            ("is_reference", 1) => test(TypeTest::Reference),
            ("is_tuple", 1) => test(TypeTest::Tuple),
            ("is_map", 1) => test(TypeTest::Map),
            ("is_binary", 1) => test(TypeTest::Binary),
            ("is_function", 1) => test(TypeTest::Function),
            ("is_map_key", 2) => Ok(IsMapKey),
            ("is_record", 3) => Ok(IsRecord),
            ("abs", 1) => Ok(Abs),
            ("element", 2) => Ok(Element),
            ("hd", 1) => Ok(Hd),
            ("tl", 1) => Ok(Tl),
            ("length", 1) => Ok(Length),
            ("map_get", 2) => Ok(MapGet),
            ("map_size", 1) => Ok(MapSize),
            ("node", 0) => Ok(Node0),
            ("node", 1) => Ok(Node1),
            ("round", 1) => Ok(Round),
            ("trunc", 1) => Ok(Trunc),
            ("float", 1) => Ok(Float),
            ("size", 1) => Ok(Size),
            ("bit_size", 1) => Ok(BitSize),
            ("byte_size", 1) => Ok(ByteSize),
            ("binary_part", 2) => Ok(BinaryPart2),
            ("binary_part", 3) => Ok(BinaryPart3),
            ("+", 1) => Ok(Plus1),
            ("-", 1) => Ok(Neg),
            ("+", 2) => Ok(Add),
            ("-", 2) => Ok(Sub),
            ("*", 2) => Ok(Mul),
            ("/", 2) => Ok(FDiv),
            ("div", 2) => Ok(Div),
            ("rem", 2) => Ok(Rem),
            ("band", 2) => Ok(Band),
            ("bor", 2) => Ok(Bor),
            ("bxor", 2) => Ok(Bxor),
            ("bnot", 1) => Ok(Bnot),
            ("bsl", 2) => Ok(Bsl),
            ("bsr", 2) => Ok(Bsr),
            (">", 2) => Ok(Cmp(CmpOp::Gt)),
            (">=", 2) => Ok(Cmp(CmpOp::Ge)),
            ("<", 2) => Ok(Cmp(CmpOp::Lt)),
            ("=<", 2) => Ok(Cmp(CmpOp::Le)),
            ("=:=", 2) => Ok(Cmp(CmpOp::ExactEq)),
            ("==", 2) => Ok(Cmp(CmpOp::Eq)),
            ("=/=", 2) => Ok(Cmp(CmpOp::ExactNe)),
            ("/=", 2) => Ok(Cmp(CmpOp::Ne)),
            ("not", 1) => Ok(Not),
            ("xor", 2) => Ok(Xor),
            ("get_tcw", 0) | ("set_tcw", 1) => Err(true),
            _ => Err(false),
        }
    }

    /// Calls the function on `args` (as many as its arity), building in `h`.
    pub fn call<H: TermAlloc + ?Sized>(self, h: &mut H, args: &[Term]) -> BifResult {
        use Func::*;
        let a = args.first().copied().unwrap_or(tag::NIL);
        let b = args.get(1).copied().unwrap_or(tag::NIL);
        let map = |r: crate::bifs::maps::MapResult| r.map_err(|_| Error::Badarg);
        match self {
            Test(t) => Ok(boolean(type_test(a, t))),
            IsMapKey => map(crate::bifs::maps::is_map_key(a, b)),
            IsRecord => crate::bifs::is_record_3(a, b, args[2]),
            Abs => crate::arith::abs(h, a),
            Element => crate::bifs::data::element(a, b),
            Hd => crate::bifs::data::hd(a),
            Tl => crate::bifs::data::tl(a),
            Length => crate::bifs::data::length(a),
            MapGet => map(crate::bifs::maps::map_get(a, b)),
            MapSize => map(crate::bifs::maps::map_size(a)),
            Node0 => Ok(node_name()),
            Node1
                if matches!(
                    crate::term::view(a),
                    crate::term::TermView::Pid(_) | crate::term::TermView::Port(_) | crate::term::TermView::Ref(_)
                ) =>
            {
                Ok(node_name())
            }
            Node1 => Err(Error::Badarg),
            Round => crate::bifs::numeric::round(h, a),
            Trunc => crate::bifs::numeric::trunc(h, a),
            Float => crate::arith::float(h, a),
            Size => crate::bifs::data::size(a),
            BitSize => crate::bifs::binary::bit_size(a),
            ByteSize => crate::bifs::binary::byte_size(a),
            BinaryPart2 => crate::bifs::binary::binary_part_2(h, a, b),
            BinaryPart3 => crate::bifs::binary::binary_part(h, a, b, args[2]),
            Plus1 => crate::arith::plus(a),
            Neg => crate::arith::neg(h, a),
            Add => crate::arith::add(h, a, b),
            Sub => crate::arith::sub(h, a, b),
            Mul => crate::arith::mul(h, a, b),
            FDiv => crate::arith::fdiv(h, a, b),
            Div => crate::arith::div(h, a, b),
            Rem => crate::arith::rem(h, a, b),
            Band => crate::arith::band(h, a, b),
            Bor => crate::arith::bor(h, a, b),
            Bxor => crate::arith::bxor(h, a, b),
            Bnot => crate::arith::bnot(h, a),
            Bsl => crate::arith::bsl(h, a, b),
            Bsr => crate::arith::bsr(h, a, b),
            Cmp(op) => Ok(boolean(compare_op(op, a, b))),
            Not => crate::bifs::not(a),
            Xor => crate::bifs::xor(a, b),
        }
    }
}

fn compare_op(op: CmpOp, a: Term, b: Term) -> bool {
    let o = compare(a, b);
    match op {
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::Ne => o != Ordering::Equal,
        CmpOp::ExactEq => exact_eq(a, b),
        CmpOp::ExactNe => !exact_eq(a, b),
    }
}

/// This node's name (kiln programs are never distributed).
fn node_name() -> Term {
    crate::atom::intern(crate::etf::encode::NODE)
}
