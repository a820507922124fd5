//! Constant expressions in patterns: `f(16#01 bsl 32) -> ...`, `?BASE -> ...`
//! with `-define(BASE, (1 bsl 5) + 3)`, `$a + 1`, `-1`.
//!
//! OTP accepts an operator expression in a pattern when erl_lint's
//! `is_pattern_expr/1` does: its operators are erlang's arithmetic ones
//! (`+ - * / div rem band bor bxor bsl bsr`, unary `+ - bnot`), its leaves
//! literals, and `erl_eval:partial_eval/1` turns the whole into a number at
//! compile time by calling those BIFs. Everything that would make the BIFs
//! raise (`badarith` on an atom, division by zero, a float overflow, a
//! shift too large to represent) leaves the expression unevaluated, and
//! erlc reports `illegal pattern` at the outermost operator. This module
//! evaluates the same way, with arbitrary-precision integers as the BIFs
//! use, so the pattern becomes the literal BEAM would match.

use super::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// A number during compile-time evaluation.
#[derive(Debug, Clone, PartialEq)]
enum Num {
    Int(BigInt),
    Float(f64),
}

/// Results of shifts wider than this many bits count as `system_limit`
/// (BEAM's own limit on a bignum's size is of the same order: 2^26 bits).
const MAX_SHIFT_BITS: u64 = 1 << 26;

impl<'a> Lowerer<'a> {
    /// An arithmetic expression in a pattern, as the number literal it
    /// evaluates to, or `illegal pattern` (erl_lint's message).
    pub(crate) fn constant_pattern(&self, p: &ast::Expr) -> Result<Pat> {
        match eval(p) {
            Some(n) => Ok(Pat::Lit(num_lit(n))),
            None => Err(Diagnostic::error(self.operator_span(p), "illegal pattern").with_note(
                "help: an operator in a pattern must be arithmetic, on literals, and give a number without raising",
            )),
        }
    }

    /// A binary segment size that is a constant arithmetic expression, as
    /// the integer literal erl_lint's `pat_bit_size` computes; `None` for
    /// any other size (it stays a guard expression).
    pub(crate) fn constant_size(&self, e: &ast::Expr) -> Option<Expr> {
        use ast::ExprKind as K;
        if !matches!(e.kind, K::UnOp(..) | K::BinOp(..)) {
            return None;
        }
        match eval(e)? {
            n @ Num::Int(_) => Some(Expr::Atomic(Operand::Lit(num_lit(n)))),
            Num::Float(_) => None,
        }
    }

    /// Where erlc reports an operator expression: at its operator (the
    /// first thing after the left operand, past closing parentheses and
    /// comments, for a binary one; the start for a unary one).
    pub(crate) fn operator_span(&self, p: &ast::Expr) -> Span {
        let ast::ExprKind::BinOp(op, l, r) = &p.kind else {
            return p.span;
        };
        if l.span.file != r.span.file || l.span.end > r.span.start || self.sources.files().is_empty() {
            return p.span;
        }
        let text = &self.sources.get(l.span.file).text;
        let Some(between) = text.get(l.span.end as usize..r.span.start as usize) else {
            return p.span;
        };
        let skipped = skip_to_operator(between);
        if between[skipped..].starts_with(op.text()) {
            let start = l.span.end as usize + skipped;
            Span::new(l.span.file, start, start + op.text().len())
        } else {
            p.span
        }
    }
}

/// Bytes of `s` before its first character that is not blank, a closing
/// parenthesis or part of a `%` comment.
fn skip_to_operator(s: &str) -> usize {
    let mut in_comment = false;
    for (i, c) in s.char_indices() {
        match c {
            '\n' => in_comment = false,
            _ if in_comment => {}
            '%' => in_comment = true,
            ')' => {}
            c if c.is_whitespace() => {}
            _ => return i,
        }
    }
    s.len()
}

fn num_lit(n: Num) -> Lit {
    match n {
        Num::Int(i) => Lit::Integer(i.to_string()),
        Num::Float(f) => Lit::Float(f),
    }
}

/// `erl_eval:partial_eval/1` restricted to what erl_lint lets reach it in
/// a pattern: `None` where it would leave the expression unevaluated.
fn eval(e: &ast::Expr) -> Option<Num> {
    use ast::ExprKind as K;
    match &e.kind {
        K::Integer(digits) => digits.parse().ok().map(Num::Int),
        K::Char(c) => Some(Num::Int(BigInt::from(*c))),
        K::Float(f) => Some(Num::Float(*f)),
        K::UnOp(op, x) => unary(*op, eval(x)?),
        K::BinOp(op, l, r) => binary(*op, eval(l)?, eval(r)?),
        _ => None,
    }
}

fn unary(op: ast::UnOp, x: Num) -> Option<Num> {
    match (op, x) {
        (ast::UnOp::Plus, x) => Some(x),
        (ast::UnOp::Neg, Num::Int(i)) => Some(Num::Int(-i)),
        (ast::UnOp::Neg, Num::Float(f)) => Some(Num::Float(-f)),
        (ast::UnOp::Bnot, Num::Int(i)) => Some(Num::Int(-i - 1)),
        _ => None,
    }
}

fn binary(op: ast::BinOp, l: Num, r: Num) -> Option<Num> {
    use ast::BinOp as B;
    match op {
        B::Add | B::Sub | B::Mul => mixed(op, l, r),
        B::FDiv => {
            let (a, b) = (to_float(&l)?, to_float(&r)?);
            if b == 0.0 {
                return None;
            }
            finite(a / b)
        }
        _ => {
            let (Num::Int(a), Num::Int(b)) = (l, r) else {
                return None;
            };
            integer_only(op, a, b).map(Num::Int)
        }
    }
}

/// `+ - *`: integer if both operands are, else float (which must stay
/// finite, or BEAM raises `badarith`).
fn mixed(op: ast::BinOp, l: Num, r: Num) -> Option<Num> {
    use ast::BinOp as B;
    if let (Num::Int(a), Num::Int(b)) = (&l, &r) {
        return Some(Num::Int(match op {
            B::Add => a + b,
            B::Sub => a - b,
            _ => a * b,
        }));
    }
    let (a, b) = (to_float(&l)?, to_float(&r)?);
    finite(match op {
        B::Add => a + b,
        B::Sub => a - b,
        _ => a * b,
    })
}

/// `div rem band bor bxor bsl bsr` on integers; any other operator (a
/// comparison, `++`, `andalso`, ...) is not an arithmetic BIF.
fn integer_only(op: ast::BinOp, a: BigInt, b: BigInt) -> Option<BigInt> {
    use ast::BinOp as B;
    match op {
        B::IDiv | B::Rem if b.is_zero() => None,
        // Both truncate toward zero; the remainder has the dividend's sign.
        B::IDiv => Some(a / b),
        B::Rem => Some(a % b),
        B::Band => Some(a & b),
        B::Bor => Some(a | b),
        B::Bxor => Some(a ^ b),
        B::Bsl => shift_left(a, b),
        B::Bsr => shift_left(a, -b),
        _ => None,
    }
}

/// `a bsl n` (`a bsr -n` for a negative `n`), shifting right rounding
/// toward negative infinity as BEAM does.
fn shift_left(a: BigInt, n: BigInt) -> Option<BigInt> {
    if n.is_negative() {
        return Some(match n.magnitude().to_u64() {
            Some(k) if k < a.bits() => a >> k,
            _ if a.is_negative() => BigInt::from(-1),
            _ => BigInt::zero(),
        });
    }
    if a.is_zero() {
        return Some(a);
    }
    let k = n.to_u64().filter(|k| a.bits().saturating_add(*k) <= MAX_SHIFT_BITS)?;
    Some(a << k)
}

/// An operand of float arithmetic: integers convert, and one too large for
/// a float makes BEAM raise `badarith`.
fn to_float(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => i.to_f64().filter(|f| f.is_finite()),
        Num::Float(f) => Some(*f),
    }
}

fn finite(f: f64) -> Option<Num> {
    f.is_finite().then_some(Num::Float(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiln_frontend::span::Span;

    fn int(s: &str) -> ast::Expr {
        ast::Expr { kind: ast::ExprKind::Integer(s.into()), span: Span::default() }
    }

    fn float(f: f64) -> ast::Expr {
        ast::Expr { kind: ast::ExprKind::Float(f), span: Span::default() }
    }

    fn bin(op: ast::BinOp, l: ast::Expr, r: ast::Expr) -> ast::Expr {
        ast::Expr { kind: ast::ExprKind::BinOp(op, Box::new(l), Box::new(r)), span: Span::default() }
    }

    fn un(op: ast::UnOp, x: ast::Expr) -> ast::Expr {
        ast::Expr { kind: ast::ExprKind::UnOp(op, Box::new(x)), span: Span::default() }
    }

    fn value(e: &ast::Expr) -> Option<String> {
        eval(e).map(|n| match n {
            Num::Int(i) => i.to_string(),
            Num::Float(f) => format!("{f:?}"),
        })
    }

    use ast::BinOp as B;

    #[test]
    fn integer_arithmetic_is_exact() {
        assert_eq!(value(&bin(B::Bsl, int("1"), int("70"))), Some("1180591620717411303424".into()));
        assert_eq!(value(&bin(B::Add, bin(B::Bsl, int("1"), int("5")), int("3"))), Some("35".into()));
        assert_eq!(value(&bin(B::IDiv, un(ast::UnOp::Neg, int("7")), int("2"))), Some("-3".into()));
        assert_eq!(value(&bin(B::Rem, un(ast::UnOp::Neg, int("7")), int("2"))), Some("-1".into()));
        assert_eq!(value(&un(ast::UnOp::Bnot, int("7"))), Some("-8".into()));
        assert_eq!(value(&bin(B::Band, un(ast::UnOp::Neg, int("1")), int("255"))), Some("255".into()));
    }

    #[test]
    fn shifts_follow_beam() {
        assert_eq!(value(&bin(B::Bsr, un(ast::UnOp::Neg, int("5")), int("1"))), Some("-3".into()));
        assert_eq!(value(&bin(B::Bsl, int("8"), un(ast::UnOp::Neg, int("2")))), Some("2".into()));
        assert_eq!(value(&bin(B::Bsr, un(ast::UnOp::Neg, int("1")), int("1000"))), Some("-1".into()));
        assert_eq!(value(&bin(B::Bsl, int("0"), int("100000000000"))), Some("0".into()));
        assert_eq!(value(&bin(B::Bsl, int("1"), int("100000000000"))), None);
    }

    #[test]
    fn floats_and_failures() {
        assert_eq!(value(&bin(B::FDiv, int("2"), int("1"))), Some("2.0".into()));
        assert_eq!(value(&bin(B::Add, float(0.5), int("1"))), Some("1.5".into()));
        assert_eq!(value(&bin(B::FDiv, int("5"), int("0"))), None);
        assert_eq!(value(&bin(B::Mul, float(1.5e308), int("10"))), None);
        assert_eq!(value(&bin(B::IDiv, float(2.0), int("1"))), None);
        assert_eq!(value(&bin(B::Bsl, int("1"), float(1.0))), None);
        assert_eq!(value(&bin(B::Eq, int("1"), int("1"))), None);
        assert_eq!(value(&un(ast::UnOp::Not, int("1"))), None);
    }
}
