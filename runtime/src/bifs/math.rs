//! The `math` module: floating-point functions over numbers, as OTP 25's.
//!
//! Every function takes integers or floats and returns a float. An argument
//! that is not a number raises `badarg`; an integer too large to convert to
//! a float, or a result that is not finite (NaN, infinity: `sqrt(-1)`,
//! `log(0)`, `pow(10, 400)`), raises `badarith`. OTP 25 has no `math:tau/0`.

use num_traits::ToPrimitive;

use crate::abi::{ProcessHeader, Term};
use crate::term::{bif_return, big_to_bigint, make_float, view, BifResult, Error, TermAlloc, TermView};

// From the C library every kiln program links (glibc, wasi-libc), as BEAM
// uses it: Rust's own asinh/acosh/atanh round differently in the last bit.
extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn asinh(x: f64) -> f64;
    fn acosh(x: f64) -> f64;
    fn atanh(x: f64) -> f64;
}

// Correctly rounded sin/cos, used on wasm32 where wasi-libc's are up to an
// ulp off from glibc's (which OTP on Linux uses).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod trig;

#[cfg(target_arch = "wasm32")]
const SIN: fn(f64) -> f64 = trig::sin;
#[cfg(target_arch = "wasm32")]
const COS: fn(f64) -> f64 = trig::cos;
#[cfg(not(target_arch = "wasm32"))]
const SIN: fn(f64) -> f64 = f64::sin;
#[cfg(not(target_arch = "wasm32"))]
const COS: fn(f64) -> f64 = f64::cos;

/// The float value of a numeric argument.
fn arg(t: Term) -> Result<f64, Error> {
    let f = match view(t) {
        TermView::Small(v) => v as f64,
        TermView::Float(f) => f,
        TermView::Big(b) => big_to_bigint(b).to_f64().unwrap_or(f64::INFINITY),
        _ => return Err(Error::Badarg),
    };
    if f.is_finite() {
        Ok(f)
    } else {
        Err(Error::Badarith)
    }
}

fn result<H: TermAlloc + ?Sized>(h: &mut H, f: f64) -> BifResult {
    if f.is_finite() {
        Ok(make_float(h, f))
    } else {
        Err(Error::Badarith)
    }
}

/// `math:F(X)`.
pub fn unary<H: TermAlloc + ?Sized>(h: &mut H, x: Term, op: fn(f64) -> f64) -> BifResult {
    let x = arg(x)?;
    result(h, op(x))
}

/// `math:F(X, Y)`.
pub fn binary<H: TermAlloc + ?Sized>(h: &mut H, x: Term, y: Term, op: fn(f64, f64) -> f64) -> BifResult {
    let (x, y) = (arg(x)?, arg(y)?);
    result(h, op(x, y))
}

macro_rules! c_math {
    ($($name:ident => $c:ident;)*) => {$(
        fn $name(x: f64) -> f64 {
            // SAFETY: a pure C library function of a double.
            unsafe { $c(x) }
        }
    )*};
}

c_math! {
    c_erf => erf;
    c_erfc => erfc;
    c_asinh => asinh;
    c_acosh => acosh;
    c_atanh => atanh;
}

macro_rules! math_unary {
    ($($name:ident => $op:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, x: Term) -> Term {
            bif_return(p, |proc| unary(proc, x, $op))
        }
    )*};
}

macro_rules! math_binary {
    ($($name:ident => $op:expr;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, x: Term, y: Term) -> Term {
            bif_return(p, |proc| binary(proc, x, y, $op))
        }
    )*};
}

math_unary! {
    kiln_bif_math_sin => SIN;
    kiln_bif_math_cos => COS;
    kiln_bif_math_tan => f64::tan;
    kiln_bif_math_asin => f64::asin;
    kiln_bif_math_acos => f64::acos;
    kiln_bif_math_atan => f64::atan;
    kiln_bif_math_sinh => f64::sinh;
    kiln_bif_math_cosh => f64::cosh;
    kiln_bif_math_tanh => f64::tanh;
    kiln_bif_math_asinh => c_asinh;
    kiln_bif_math_acosh => c_acosh;
    kiln_bif_math_atanh => c_atanh;
    kiln_bif_math_exp => f64::exp;
    kiln_bif_math_log => f64::ln;
    kiln_bif_math_log2 => f64::log2;
    kiln_bif_math_log10 => f64::log10;
    kiln_bif_math_sqrt => f64::sqrt;
    kiln_bif_math_erf => c_erf;
    kiln_bif_math_erfc => c_erfc;
    kiln_bif_math_ceil => f64::ceil;
    kiln_bif_math_floor => f64::floor;
}

math_binary! {
    kiln_bif_math_atan2 => f64::atan2;
    kiln_bif_math_pow => f64::powf;
    kiln_bif_math_fmod => |x: f64, y: f64| x % y;
}

/// `math:pi()`.
#[no_mangle]
pub extern "C" fn kiln_bif_math_pi(p: *mut ProcessHeader) -> Term {
    bif_return(p, |proc| Ok(make_float(proc, std::f64::consts::PI)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::make_int;
    use crate::term::testing::TestHeap;

    #[test]
    fn domain_errors_are_badarith_and_non_numbers_badarg() {
        let mut h = TestHeap::new();
        let minus_one = make_int(&mut h, -1);
        assert_eq!(unary(&mut h, minus_one, f64::sqrt), Err(Error::Badarith));
        let zero = make_int(&mut h, 0);
        assert_eq!(unary(&mut h, zero, f64::ln), Err(Error::Badarith));
        assert_eq!(unary(&mut h, crate::term::atoms::TRUE, f64::sin), Err(Error::Badarg));
    }
}
