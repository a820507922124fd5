//! Arithmetic edge cases (expectations checked with OTP 25; the bulk of the
//! OTP comparison is `bifs::tests::term_operations_match_otp`).

use super::*;
use crate::format::{write::write, Encoding};
use crate::term::testing::TestHeap;
use crate::term::{float_value, to_bigint};

fn w(t: Term) -> String {
    write(t, -1, Encoding::Latin1)
}

fn big(h: &mut TestHeap, s: &str) -> Term {
    h.big(s)
}

#[test]
fn small_overflow_becomes_big_and_back() {
    let mut h = TestHeap::new();
    let max = tag::small(tag::SMALL_MAX);
    let one = tag::small(1);
    let r = add(&mut h, max, one).unwrap();
    assert!(!tag::is_small(r));
    assert_eq!(w(r), "1152921504606846976");
    let back = sub(&mut h, r, one).unwrap();
    assert_eq!(back, max, "normalized back to a small integer");
    let min = tag::small(tag::SMALL_MIN);
    let r = sub(&mut h, min, one).unwrap();
    assert_eq!(w(r), "-1152921504606846977");
    let sq = mul(&mut h, max, max).unwrap();
    assert_eq!(w(sq), "1329227995784915870597964051066650625");
    let q = div(&mut h, sq, max).unwrap();
    assert_eq!(q, max);
    // SMALL_MIN div -1 does not fit a small integer.
    let r = div(&mut h, min, tag::small(-1)).unwrap();
    assert_eq!(w(r), "1152921504606846976");
    let r = neg(&mut h, min).unwrap();
    assert_eq!(w(r), "1152921504606846976");
}

#[test]
fn div_rem_signs() {
    let mut h = TestHeap::new();
    let s = tag::small;
    assert_eq!(div(&mut h, s(-7), s(2)), Ok(s(-3)));
    assert_eq!(rem(&mut h, s(-7), s(2)), Ok(s(-1)));
    assert_eq!(rem(&mut h, s(7), s(-2)), Ok(s(1)));
    assert_eq!(div(&mut h, s(1), s(0)), Err(Error::Badarith));
    assert_eq!(rem(&mut h, s(5), s(0)), Err(Error::Badarith));
    let b = big(&mut h, "-100000000000000000000000");
    assert_eq!(w(div(&mut h, b, s(7)).unwrap()), "-14285714285714285714285");
    assert_eq!(w(rem(&mut h, b, s(7)).unwrap()), "-5");
    let f = h.float(1.0);
    assert_eq!(div(&mut h, f, s(1)), Err(Error::Badarith));
}

#[test]
fn shifts() {
    let mut h = TestHeap::new();
    let s = tag::small;
    assert_eq!(bsl(&mut h, s(1), s(-3)), Ok(s(0)));
    assert_eq!(bsr(&mut h, s(16), s(-2)), Ok(s(64)));
    assert_eq!(bsr(&mut h, s(-5), s(1)), Ok(s(-3)));
    let huge = big(&mut h, "18446744073709551616");
    assert_eq!(bsl(&mut h, s(1), huge), Err(Error::SystemLimit));
    assert_eq!(bsr(&mut h, s(-1), huge), Ok(s(-1)));
    assert_eq!(bsr(&mut h, s(1), huge), Ok(s(0)));
    assert_eq!(bsl(&mut h, s(0), huge), Ok(s(0)));
    let r = bsl(&mut h, s(1), s(100)).unwrap();
    assert_eq!(w(r), "1267650600228229401496703205376");
    assert_eq!(bsr(&mut h, r, s(100)), Ok(s(1)));
    let nb = big(&mut h, "-18446744073709551616");
    assert_eq!(bsr(&mut h, nb, s(63)), Ok(s(-2)));
    // OTP's limit: 1 bsl 33554367 works, 1 bsl 33554368 does not.
    assert!(bsl(&mut h, s(1), s(33_554_367)).is_ok());
    assert_eq!(bsl(&mut h, s(1), s(33_554_368)), Err(Error::SystemLimit));
    assert_eq!(bsl(&mut h, s(1), s(100_000_000)), Err(Error::SystemLimit));
}

#[test]
fn bitwise_on_bignums() {
    let mut h = TestHeap::new();
    let a = big(&mut h, "-18446744073709551617");
    assert_eq!(band(&mut h, a, tag::small(0xFFFF)), Ok(tag::small(65535)));
    let b = bsl(&mut h, tag::small(1), tag::small(70)).unwrap();
    assert_eq!(w(bnot(&mut h, b).unwrap()), "-1180591620717411303425");
}

#[test]
fn floats() {
    let mut h = TestHeap::new();
    let s = tag::small;
    let z = h.float(0.0);
    let r = neg(&mut h, z).unwrap();
    assert_eq!(w(r), "-0.0");
    let r = sub(&mut h, s(0), z).unwrap();
    assert_eq!(w(r), "0.0");
    assert_eq!(fdiv(&mut h, s(1), s(0)), Err(Error::Badarith));
    assert_eq!(fdiv(&mut h, s(1), z), Err(Error::Badarith));
    let r = fdiv(&mut h, s(1), s(4)).unwrap();
    assert_eq!(float_value(r), Some(0.25));
    let big1100 = bsl(&mut h, s(1), s(1100)).unwrap();
    let one = h.float(1.0);
    assert_eq!(add(&mut h, big1100, one), Err(Error::Badarith));
    assert_eq!(fdiv(&mut h, big1100, s(2)), Err(Error::Badarith));
    let m = h.float(1.0e308);
    assert_eq!(mul(&mut h, m, s(10)), Err(Error::Badarith));
    let b64 = bsl(&mut h, s(1), s(64)).unwrap();
    assert_eq!(w(add(&mut h, b64, one).unwrap()), "1.8446744073709552e19");
    let nz = h.float(-0.0);
    assert_eq!(w(abs(&mut h, nz).unwrap()), "-0.0");
}

#[test]
fn non_numbers() {
    let mut h = TestHeap::new();
    let a = crate::atom::intern("a");
    assert_eq!(add(&mut h, a, tag::small(1)), Err(Error::Badarith));
    assert_eq!(neg(&mut h, a), Err(Error::Badarith));
    assert_eq!(plus(a), Err(Error::Badarith));
    assert_eq!(abs(&mut h, a), Err(Error::Badarg));
    assert_eq!(float(&mut h, a), Err(Error::Badarg));
    let f = h.float(1.5);
    assert_eq!(plus(f), Ok(f));
    assert_eq!(bnot(&mut h, f), Err(Error::Badarith));
    assert_eq!(to_bigint(tag::small(5)).map(|b| b.to_string()), Some("5".to_owned()));
}
