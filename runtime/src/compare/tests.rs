//! Term order (expectations checked with OTP 25; the bulk of the OTP
//! comparison is `bifs::tests::term_operations_match_otp`).

use super::*;
use crate::abi::tag;
use crate::term::make_list;
use crate::term::testing::TestHeap;

#[test]
fn order_across_types() {
    let mut h = TestHeap::new();
    let fl = h.float(1.5);
    let r = h.reference(5);
    let f = h.closure("m", 0, 1, 0, &[]);
    let e = h.export("lists", "map", 2);
    let port = (2 << tag::IMMED_PAYLOAD_SHIFT) | tag::PORT;
    let pid = tag::pid(7);
    let t = h.tuple(&[tag::small(1)]);
    let m = h.map(&[(tag::small(1), tag::small(2))]);
    let l = h.list(&[tag::small(1)]);
    let b = h.bin(b"x");
    let ordered = [tag::small(1), fl, crate::atom::intern("a"), r, f, e, port, pid, t, m, tag::NIL, l, b];
    for (i, &x) in ordered.iter().enumerate() {
        for (j, &y) in ordered.iter().enumerate() {
            assert_eq!(compare(x, y), i.cmp(&j), "{i} vs {j}");
        }
    }
}

#[test]
fn funs_order_as_otp_sorts_them() {
    // OTP: lists:sort([fun lists:map/2, fun() -> ok end, fun erlang:abs/1,
    // fun lists:filter/2]) puts the local fun first, then exports by module
    // and name.
    let mut h = TestHeap::new();
    let local = h.closure("erl_eval", 43, 3316493, 0, &[]);
    let abs = h.export("erlang", "abs", 1);
    let filter = h.export("lists", "filter", 2);
    let map = h.export("lists", "map", 2);
    let mut v = vec![map, local, abs, filter];
    v.sort_by(|&a, &b| compare(a, b));
    assert_eq!(v, vec![local, abs, filter, map]);
    let same = h.closure("erl_eval", 43, 3316493, 0, &[]);
    assert!(exact_eq(local, same));
    let env1 = h.closure("m", 1, 2, 0, &[tag::small(1)]);
    let env2 = h.closure("m", 1, 2, 0, &[tag::small(2)]);
    assert_eq!(compare(env1, env2), Ordering::Less);
}

#[test]
fn numbers_compare_exactly() {
    let mut h = TestHeap::new();
    // 2^53 + 1 is not a float; it is above 2^53.0.
    let i = h.int(9007199254740993);
    let f = h.float(9007199254740992.0);
    assert_eq!(compare(i, f), Ordering::Greater);
    let one_f = h.float(1.0);
    assert!(eq(tag::small(1), one_f));
    assert!(!exact_eq(tag::small(1), one_f));
    assert_eq!(compare_exact(tag::small(1), one_f), Ordering::Less);
    let z = h.float(0.0);
    let nz = h.float(-0.0);
    assert!(exact_eq(z, nz), "OTP 25: 0.0 =:= -0.0");
    let big = h.big("-36028797018963969");
    let bf = h.float(-36028797018963968.0);
    assert_eq!(compare(big, bf), Ordering::Less);
}

#[test]
fn deep_and_long_terms_do_not_overflow() {
    let mut h = TestHeap::new();
    let mut a = tag::NIL;
    let mut b = tag::NIL;
    for _ in 0..1_000_000 {
        a = h.list(&[a]);
        b = h.list(&[b]);
    }
    assert!(exact_eq(a, b));
    let long: Vec<Term> = (0..1_000_000).map(tag::small).collect();
    let l1 = make_list(&mut h, &long);
    let l2 = make_list(&mut h, &long);
    assert_eq!(compare(l1, l2), Ordering::Equal);
}
