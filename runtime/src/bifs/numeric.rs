//! Number conversions beyond the operators: `trunc/1`, `round/1`,
//! `floor/1`, `ceil/1`, `float_to_list/1`, `list_to_float/1` (`float/1` is
//! in [`crate::arith`]).

use num_bigint::BigInt;
use num_traits::FromPrimitive;

use crate::abi::{ProcessHeader, Term};
use crate::term::{
    bif_return, make_bigint, make_float, make_int, make_string, view, BifResult, Error, TermAlloc, TermView,
};

/// The integer an integral float denotes.
fn integral_float<H: TermAlloc + ?Sized>(h: &mut H, f: f64) -> BifResult {
    if f.abs() < 9.2e18 {
        return Ok(make_int(h, f as i64));
    }
    let b = BigInt::from_f64(f).ok_or(Error::Badarg)?;
    make_bigint(h, &b)
}

/// Applies `op` to a float argument; integers are returned as they are.
fn to_integer<H: TermAlloc + ?Sized>(h: &mut H, a: Term, op: fn(f64) -> f64) -> BifResult {
    match view(a) {
        TermView::Small(_) | TermView::Big(_) => Ok(a),
        TermView::Float(f) => integral_float(h, op(f)),
        _ => Err(Error::Badarg),
    }
}

/// `trunc(Number)`.
pub fn trunc<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    to_integer(h, a, f64::trunc)
}

/// `round(Number)`: halves away from zero.
pub fn round<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    to_integer(h, a, f64::round)
}

/// `floor(Number)`.
pub fn floor<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    to_integer(h, a, f64::floor)
}

/// `ceil(Number)`.
pub fn ceil<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    to_integer(h, a, f64::ceil)
}

/// The text of `float_to_list/1`: 21 significant digits, `d.ddde+XX`.
pub fn float_to_list_text(f: f64) -> String {
    let s = format!("{f:.20e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mant}e{sign}{:02}", exp.unsigned_abs())
}

/// `float_to_list(Float)`.
pub fn float_to_list<H: TermAlloc + ?Sized>(h: &mut H, a: Term) -> BifResult {
    match view(a) {
        TermView::Float(f) => Ok(make_string(h, &float_to_list_text(f))),
        _ => Err(Error::Badarg),
    }
}

/// Parses float text as OTP's `list_to_float`/`binary_to_float` do (C
/// `sys_chars_to_double`): `[+-]digits(.|,)digits[(e|E)[+-]digits]`, the
/// text ending at its first NUL byte (a C string); overflow is refused,
/// underflow gives zero or a denormal.
pub fn parse_float(s: &str) -> Option<f64> {
    let s = s.split('\0').next().unwrap_or("");
    let owned;
    let s = if s.contains(',') {
        owned = s.replacen(',', ".", 1);
        owned.as_str()
    } else {
        s
    };
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) || b.get(i) != Some(&b'.') {
        return None;
    }
    i += 1;
    if !digits(&mut i) {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

/// `list_to_float(Chars)`.
pub fn list_to_float<H: TermAlloc + ?Sized>(h: &mut H, l: Term) -> BifResult {
    // Any bytes (OTP copies them into a C string); only the text before a
    // NUL must be ASCII float syntax.
    let bytes = crate::term::list_to_bytes(l).ok_or(Error::Badarg)?;
    let text = bytes.split(|&b| b == 0).next().unwrap_or(&[]);
    let s = std::str::from_utf8(text).map_err(|_| Error::Badarg)?;
    let f = parse_float(s).ok_or(Error::Badarg)?;
    Ok(make_float(h, f))
}

macro_rules! numeric_bif {
    ($($name:ident => $op:ident;)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(p: *mut ProcessHeader, a: Term) -> Term {
            bif_return(p, |proc| $op(proc, a))
        }
    )*};
}

numeric_bif! {
    kiln_bif_trunc => trunc;
    kiln_bif_round => round;
    kiln_bif_floor => floor;
    kiln_bif_ceil => ceil;
    kiln_bif_float_to_list => float_to_list;
    kiln_bif_list_to_float => list_to_float;
}
