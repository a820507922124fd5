//! Arithmetic and bitwise operators with OTP's semantics.
//!
//! Small integers take fast paths; results that overflow become bignums
//! (`num-bigint`), and bignum results that fit are normalized back to small
//! integers. A float operand makes `+ - *` float arithmetic; `/` is always
//! float division. Non-numbers, division by zero, integers too large for a
//! float and non-finite float results raise `badarith`; integer operators
//! (`div rem band bor bxor bsl bsr bnot`) reject floats with `badarith`;
//! integers beyond OTP's bignum size raise `system_limit`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::abi::{tag, ProcessHeader, Term};
use crate::term::{
    bif_return, big_to_bigint, make_bigint, make_float, make_i128, make_int, view, BifResult, Error, TermAlloc,
    TermView, MAX_INT_BITS,
};

/// A numeric operand.
enum Num {
    Int(i64),
    Big(BigInt),
    Float(f64),
}

fn num(t: Term) -> Result<Num, Error> {
    match view(t) {
        TermView::Small(v) => Ok(Num::Int(v)),
        TermView::Big(b) => Ok(Num::Big(big_to_bigint(b))),
        TermView::Float(f) => Ok(Num::Float(f)),
        _ => Err(Error::Badarith),
    }
}

fn int(t: Term) -> Result<BigInt, Error> {
    match num(t)? {
        Num::Int(v) => Ok(BigInt::from(v)),
        Num::Big(b) => Ok(b),
        Num::Float(_) => Err(Error::Badarith),
    }
}

/// The float value of a number; `badarith` for integers too large.
fn to_f64(n: &Num) -> Result<f64, Error> {
    let f = match n {
        Num::Int(v) => *v as f64,
        Num::Big(b) => b.to_f64().unwrap_or(f64::INFINITY),
        Num::Float(f) => *f,
    };
    if f.is_finite() {
        Ok(f)
    } else {
        Err(Error::Badarith)
    }
}

fn float_result<H: TermAlloc + ?Sized>(h: &mut H, f: f64) -> BifResult {
    if f.is_finite() {
        Ok(make_float(h, f))
    } else {
        Err(Error::Badarith)
    }
}

fn big_result<H: TermAlloc + ?Sized>(h: &mut H, v: &BigInt) -> BifResult {
    make_bigint(h, v)
}

fn into_big(n: Num) -> BigInt {
    match n {
        Num::Int(v) => BigInt::from(v),
        Num::Big(b) => b,
        Num::Float(_) => BigInt::zero(),
    }
}

/// Applies a binary operator: both integers use `ints`, otherwise `floats`.
fn binary<H: TermAlloc + ?Sized>(
    h: &mut H,
    a: Term,
    b: Term,
    ints: impl FnOnce(BigInt, BigInt) -> Result<BigInt, Error>,
    floats: impl FnOnce(f64, f64) -> f64,
) -> BifResult {
    let (x, y) = (num(a)?, num(b)?);
    if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) {
        let r = floats(to_f64(&x)?, to_f64(&y)?);
        return float_result(h, r);
    }
    let r = ints(into_big(x), into_big(y))?;
    big_result(h, &r)
}

/// `a + b`.
pub fn add<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if tag::is_small(a) && tag::is_small(b) {
        // Two 61-bit values cannot overflow an i64.
        return Ok(make_int(h, tag::small_value(a) + tag::small_value(b)));
    }
    binary(h, a, b, |x, y| Ok(x + y), |x, y| x + y)
}

/// `a - b`.
pub fn sub<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if tag::is_small(a) && tag::is_small(b) {
        return Ok(make_int(h, tag::small_value(a) - tag::small_value(b)));
    }
    binary(h, a, b, |x, y| Ok(x - y), |x, y| x - y)
}

/// `a * b`.
pub fn mul<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if tag::is_small(a) && tag::is_small(b) {
        let r = i128::from(tag::small_value(a)) * i128::from(tag::small_value(b));
        return Ok(make_i128(h, r));
    }
    binary(
        h,
        a,
        b,
        |x, y| {
            if x.bits() + y.bits() > MAX_INT_BITS + 1 {
                return Err(Error::SystemLimit);
            }
            Ok(x * y)
        },
        |x, y| x * y,
    )
}

/// `a / b` (always a float).
pub fn fdiv<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    let (x, y) = (to_f64(&num(a)?)?, to_f64(&num(b)?)?);
    if y == 0.0 {
        return Err(Error::Badarith);
    }
    float_result(h, x / y)
}

/// `a div b` (truncating).
pub fn div<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if tag::is_small(a) && tag::is_small(b) {
        let (x, y) = (tag::small_value(a), tag::small_value(b));
        if y == 0 {
            return Err(Error::Badarith);
        }
        return Ok(make_int(h, x / y));
    }
    let (x, y) = (int(a)?, int(b)?);
    if y.is_zero() {
        return Err(Error::Badarith);
    }
    big_result(h, &(x / y))
}

/// `a rem b` (the sign of `a`).
pub fn rem<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if tag::is_small(a) && tag::is_small(b) {
        let (x, y) = (tag::small_value(a), tag::small_value(b));
        if y == 0 {
            return Err(Error::Badarith);
        }
        return Ok(make_int(h, x % y));
    }
    let (x, y) = (int(a)?, int(b)?);
    if y.is_zero() {
        return Err(Error::Badarith);
    }
    big_result(h, &(x % y))
}

/// `band`, `bor`, `bxor` (two's complement semantics on any size).
fn bitwise<H: TermAlloc + ?Sized>(
    h: &mut H,
    a: Term,
    b: Term,
    small: fn(i64, i64) -> i64,
    big: fn(&BigInt, &BigInt) -> BigInt,
) -> BifResult {
    if tag::is_small(a) && tag::is_small(b) {
        return Ok(make_int(h, small(tag::small_value(a), tag::small_value(b))));
    }
    let (x, y) = (int(a)?, int(b)?);
    big_result(h, &big(&x, &y))
}

pub fn band<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    bitwise(h, a, b, |x, y| x & y, |x, y| x & y)
}

pub fn bor<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    bitwise(h, a, b, |x, y| x | y, |x, y| x | y)
}

pub fn bxor<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    bitwise(h, a, b, |x, y| x ^ y, |x, y| x ^ y)
}

/// `bnot a`.
pub fn bnot<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    if tag::is_small(a) {
        return Ok(make_int(h, !tag::small_value(a)));
    }
    let x = int(a)?;
    big_result(h, &(-x - 1))
}

/// `a bsl b`: shifts left by `b` (right when `b` is negative).
pub fn bsl<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if let Some(r) = small_shift(h, a, b, false) {
        return Ok(r);
    }
    let x = int(a)?;
    let n = shift_amount(b)?;
    shift(h, x, n)
}

/// `a bsr b`: arithmetic shift right by `b` (left when `b` is negative).
pub fn bsr<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term) -> BifResult {
    if let Some(r) = small_shift(h, a, b, true) {
        return Ok(r);
    }
    let x = int(a)?;
    let n = shift_amount(b)?;
    shift(h, x, -n)
}

/// The fast path of `bsl`/`bsr` on small integers with a small count, when
/// the result fits an `i128`.
fn small_shift<H: TermAlloc + ?Sized>(h: &mut H, a: Term, b: Term, right: bool) -> Option<Term> {
    if !(tag::is_small(a) && tag::is_small(b)) {
        return None;
    }
    let (x, n) = (tag::small_value(a), tag::small_value(b));
    let left = if right { n.checked_neg()? } else { n };
    if left >= 0 {
        if left >= 64 {
            return None;
        }
        Some(make_i128(h, i128::from(x) << left))
    } else {
        Some(tag::small(x >> (-left).min(63)))
    }
}

/// The shift count, saturated to ±2^64 (far beyond any possible result).
fn shift_amount(b: Term) -> Result<i128, Error> {
    match num(b)? {
        Num::Int(v) => Ok(i128::from(v)),
        Num::Big(big) => Ok(if big.is_negative() { -(1 << 64) } else { 1 << 64 }),
        Num::Float(_) => Err(Error::Badarith),
    }
}

/// `x * 2^n` rounded towards negative infinity.
fn shift<H: TermAlloc + ?Sized>(h: &mut H, x: BigInt, n: i128) -> BifResult {
    if x.is_zero() {
        return Ok(tag::small(0));
    }
    if n >= 0 {
        if x.bits() as i128 + n > MAX_INT_BITS as i128 {
            return Err(Error::SystemLimit);
        }
        if let (Some(v), true) = (x.to_i64(), n < 64) {
            let r = i128::from(v) << n;
            if r >> n == i128::from(v) {
                return Ok(make_i128(h, r));
            }
        }
        big_result(h, &(x << (n as usize)))
    } else {
        let m = -n;
        if m > x.bits() as i128 {
            return Ok(tag::small(if x.is_negative() { -1 } else { 0 }));
        }
        // Floor division by 2^m (BigInt's `>>` on negatives rounds down too,
        // but say so explicitly).
        let d = BigInt::from(1) << (m as usize);
        big_result(h, &x.div_floor(&d))
    }
}

/// `-a`.
pub fn neg<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    match num(a)? {
        Num::Int(v) => Ok(make_int(h, -v)),
        Num::Big(b) => big_result(h, &(-b)),
        Num::Float(f) => float_result(h, -f),
    }
}

/// `+a`: `a` itself if it is a number.
pub fn plus(a: Term) -> BifResult {
    num(a)?;
    Ok(a)
}

/// `abs(a)` (a BIF: `badarg` for non-numbers).
pub fn abs<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    match num(a).map_err(|_| Error::Badarg)? {
        Num::Int(v) => Ok(if v < 0 { make_int(h, -v) } else { a }),
        Num::Big(b) => {
            if b.is_negative() {
                big_result(h, &(-b))
            } else {
                Ok(a)
            }
        }
        Num::Float(f) => Ok(if f < 0.0 { make_float(h, -f) } else { a }),
    }
}

/// `float(Number)` (a BIF: `badarg` for non-numbers and integers too
/// large for a float).
pub fn float<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    match num(a).map_err(|_| Error::Badarg)? {
        Num::Float(_) => Ok(a),
        n => Ok(make_float(h, to_f64(&n).map_err(|_| Error::Badarg)?)),
    }
}

macro_rules! arith_bif2 {
    ($name:ident, $op:ident) => {
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, a: Term, b: Term) -> Term {
            bif_return(p, |proc| $op(proc, a, b))
        }
    };
}

macro_rules! arith_bif1 {
    ($name:ident, $op:ident) => {
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, a: Term) -> Term {
            bif_return(p, |proc| $op(proc, a))
        }
    };
}

arith_bif2!(kiln_bif_add, add);
arith_bif2!(kiln_bif_sub, sub);
arith_bif2!(kiln_bif_mul, mul);
arith_bif2!(kiln_bif_fdiv, fdiv);
arith_bif2!(kiln_bif_div, div);
arith_bif2!(kiln_bif_rem, rem);
arith_bif2!(kiln_bif_band, band);
arith_bif2!(kiln_bif_bor, bor);
arith_bif2!(kiln_bif_bxor, bxor);
arith_bif2!(kiln_bif_bsl, bsl);
arith_bif2!(kiln_bif_bsr, bsr);
arith_bif1!(kiln_bif_bnot, bnot);
arith_bif1!(kiln_bif_neg, neg);
arith_bif1!(kiln_bif_abs, abs);
arith_bif1!(kiln_bif_float, float);

#[no_mangle]
pub extern "C" fn kiln_bif_plus(p: *mut ProcessHeader, a: Term) -> Term {
    crate::term::bif_return_pure(p, plus(a))
}

#[cfg(test)]
mod tests;
