//! Correctly rounded `sin` and `cos` (in all but astronomically rare cases)
//! for wasm32.
//!
//! OTP uses the C library's `sin`/`cos`; on Linux that is glibc, whose
//! results are (in practice) the correctly rounded ones. wasi-libc's (musl's)
//! are up to one ulp off for some arguments (`math:cos(2.3)`), so on wasm32
//! `math:sin/cos` evaluate here instead: the argument is reduced modulo pi/2
//! and the Taylor series summed in double-double arithmetic (about 104 bits),
//! then rounded once. Arguments beyond 2^20 in magnitude fall back to the C
//! library (their reduction needs more bits of pi than kept here).

/// A double-double: `hi + lo` with `|lo| <= ulp(hi) / 2`.
#[derive(Clone, Copy, Debug)]
struct Dd {
    hi: f64,
    lo: f64,
}

fn two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    let bb = s - a;
    let err = (a - (s - bb)) + (b - bb);
    Dd { hi: s, lo: err }
}

fn quick_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd { hi: s, lo: b - (s - a) }
}

fn two_prod(a: f64, b: f64) -> Dd {
    let p = a * b;
    Dd { hi: p, lo: a.mul_add(b, -p) }
}

impl Dd {
    fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    fn add(self, o: Dd) -> Dd {
        let s = two_sum(self.hi, o.hi);
        let t = two_sum(self.lo, o.lo);
        let s = quick_two_sum(s.hi, s.lo + t.hi);
        quick_two_sum(s.hi, s.lo + t.lo)
    }

    fn neg(self) -> Dd {
        Dd { hi: -self.hi, lo: -self.lo }
    }

    fn mul(self, o: Dd) -> Dd {
        let p = two_prod(self.hi, o.hi);
        quick_two_sum(p.hi, p.lo + (self.hi * o.lo + self.lo * o.hi))
    }

    fn div_f(self, d: f64) -> Dd {
        let q1 = self.hi / d;
        let p = two_prod(q1, d);
        let r = two_sum(self.hi, -p.hi);
        let q2 = (r.hi + (r.lo - p.lo + self.lo)) / d;
        quick_two_sum(q1, q2)
    }

    fn round(self) -> f64 {
        self.hi + self.lo
    }
}

/// pi/2 as the sum of three doubles (about 160 bits).
const PIO2: [f64; 3] = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33];

/// Beyond this, fall back to the C library.
const LIMIT: f64 = 1048576.0;

/// `x = k * pi/2 + r` with `|r| <= pi/4` (roughly): `(k mod 4, r)`.
fn reduce(x: f64) -> (i64, Dd) {
    let k = (x / PIO2[0]).round();
    let mut r = Dd::from(x);
    for c in PIO2 {
        r = r.add(two_prod(k, c).neg());
    }
    ((k as i64).rem_euclid(4), r)
}

/// sin(r) for small `r`: r * (1 - r^2/(2*3) * (1 - r^2/(4*5) * (1 - ...))).
fn sin_series(r: Dd) -> Dd {
    let r2 = r.mul(r);
    let mut s = Dd::from(1.0);
    for n in (1..=14).rev() {
        let d = (2 * n) as f64 * (2 * n + 1) as f64;
        s = Dd::from(1.0).add(r2.mul(s).div_f(d).neg());
    }
    r.mul(s)
}

/// cos(r) for small `r`: 1 - r^2/(1*2) * (1 - r^2/(3*4) * (1 - ...)).
fn cos_series(r: Dd) -> Dd {
    let r2 = r.mul(r);
    let mut s = Dd::from(1.0);
    for n in (1..=14).rev() {
        let d = (2 * n - 1) as f64 * (2 * n) as f64;
        s = Dd::from(1.0).add(r2.mul(s).div_f(d).neg());
    }
    s
}

/// sin(x + quadrant * pi/2) for a reduced `r`.
fn eval(quadrant: i64, r: Dd) -> f64 {
    match quadrant {
        0 => sin_series(r).round(),
        1 => cos_series(r).round(),
        2 => sin_series(r).neg().round(),
        _ => cos_series(r).neg().round(),
    }
}

pub fn sin(x: f64) -> f64 {
    if !x.is_finite() || x.abs() > LIMIT {
        return x.sin();
    }
    if x.abs() < 1.0e-8 {
        // sin(x) = x - x^3/6: the cube is below half an ulp of x (keeps -0.0).
        return x;
    }
    let (q, r) = reduce(x);
    eval(q, r)
}

pub fn cos(x: f64) -> f64 {
    if !x.is_finite() || x.abs() > LIMIT {
        return x.cos();
    }
    if x.abs() < 1.0e-9 {
        return 1.0;
    }
    let (q, r) = reduce(x);
    eval((q + 1) % 4, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{X, sin(X / 10), cos(X / 10)}` as OTP 25 (glibc) prints them, for the
    /// arguments where wasi-libc is off by one ulp, and a few others.
    const OTP: [(f64, f64, f64); 10] = [
        (2.3, 0.7457052121767203, -0.6662760212798241),
        (2.5, 0.5984721441039565, -0.8011436155469337),
        (4.4, -0.951602073889516, -0.30733286997841935),
        (6.9, 0.5784397643882001, 0.8157251001253568),
        (8.3, 0.9021718337562933, -0.4313768449706208),
        (8.4, 0.8545989080882804, -0.5192886541166856),
        (0.1, 0.09983341664682815, 0.9950041652780258),
        (1.0, 0.8414709848078965, 0.5403023058681398),
        (3.141592653589793, 1.2246467991473532e-16, -1.0),
        (-1000.0, -0.8268795405320025, 0.5623790762907029),
    ];

    #[test]
    fn matches_glibc_where_musl_differs() {
        for (x, s, c) in OTP {
            assert_eq!(sin(x).to_bits(), s.to_bits(), "sin({x})");
            assert_eq!(cos(x).to_bits(), c.to_bits(), "cos({x})");
        }
        assert_eq!(sin(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(cos(0.0), 1.0);
        assert_eq!(sin(1.0e300), 1.0e300f64.sin());
    }

    #[test]
    fn agrees_with_host_libm_within_an_ulp() {
        let mut x = -50.0;
        while x < 50.0 {
            for (ours, theirs) in [(sin(x), x.sin()), (cos(x), x.cos())] {
                let d = (ours.to_bits() as i64 - theirs.to_bits() as i64).abs();
                assert!(d <= 1, "x = {x}: {ours} vs {theirs}");
            }
            x += 0.0137;
        }
    }
}
