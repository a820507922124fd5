//! Operator precedence and associativity, as in OTP's `erl_parse`:
//! catch < `=` `!` (right) < orelse (right) < andalso (right) < comparison
//! (non-assoc) < `++` `--` (right) < additive (left) < multiplicative
//! (left) < prefix < `#` < `:`.

mod common;
use common::expr_sexp;

fn check(cases: &[(&str, &str)]) {
    for (src, want) in cases {
        assert_eq!(expr_sexp(src), *want, "source: {src}");
    }
}

#[test]
fn match_and_send_are_right_associative() {
    check(&[
        ("a = b = c", "(= a (= b c))"),
        ("X ! Y ! Z", "(! X (! Y Z))"),
        ("A = B ! C", "(= A (! B C))"),
        ("A ! B = C", "(! A (= B C))"),
    ]);
}

#[test]
fn arithmetic_is_left_associative() {
    check(&[
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("1 * 2 + 3", "(+ (* 1 2) 3)"),
        ("8 div 2 rem 3", "(rem (div 8 2) 3)"),
        ("a bor b band c", "(bor a (band b c))"),
        ("a or b and c", "(or a (and b c))"),
        ("1 bsl 2 + 3", "(+ (bsl 1 2) 3)"),
        ("a xor b", "(xor a b)"),
    ]);
}

#[test]
fn list_ops_are_right_associative() {
    check(&[
        ("a ++ b ++ c", "(++ a (++ b c))"),
        ("a -- b -- c", "(-- a (-- b c))"),
        ("a ++ b -- c", "(++ a (-- b c))"),
        ("a + b ++ c + d", "(++ (+ a b) (+ c d))"),
    ]);
}

#[test]
fn boolean_operators() {
    check(&[
        ("not a andalso b", "(andalso (not a) b)"),
        ("a andalso b andalso c", "(andalso a (andalso b c))"),
        ("a orelse b orelse c", "(orelse a (orelse b c))"),
        ("a orelse b andalso c", "(orelse a (andalso b c))"),
        ("a andalso b == c", "(andalso a (== b c))"),
        ("A = a orelse b", "(= A (orelse a b))"),
        ("not a == b", "(== (not a) b)"),
    ]);
}

#[test]
fn comparison_is_non_associative() {
    check(&[("a == b", "(== a b)"), ("a =:= b ++ c", "(=:= a (++ b c))"), ("a < b + 1", "(< a (+ b 1))")]);
    assert_eq!(expr_sexp("A == B == C"), "error: 1:8: syntax error before: '=='");
    assert_eq!(expr_sexp("A < B >= C"), "error: 1:7: syntax error before: '>='");
}

#[test]
fn prefix_operators() {
    check(&[
        ("- - 1", "(- (- 1))"),
        ("-1", "(- 1)"),
        ("- 1 + 2", "(+ (- 1) 2)"),
        ("bnot a band b", "(band (bnot a) b)"),
        ("not not a", "(not (not a))"),
        ("+a", "(+ a)"),
        ("-X#r.f", "(- (#r.f X))"),
        ("-m:f()", "(- (call m:f []))"),
    ]);
}

#[test]
fn catch_is_loosest_and_swallows_the_rest() {
    check(&[
        ("catch a = b", "(catch (= a b))"),
        ("catch a + b", "(catch (+ a b))"),
        ("A = catch b", "(= A (catch b))"),
        ("A ! catch b", "(! A (catch b))"),
        ("a + catch b + c", "(+ a (catch (+ b c)))"),
        ("a * catch b", "(* a (catch b))"),
        ("- catch a", "(- (catch a))"),
        ("not catch a", "(not (catch a))"),
        ("a == catch b", "(== a (catch b))"),
        ("a ++ catch b ++ c", "(++ a (catch (++ b c)))"),
        ("a andalso catch b", "(andalso a (catch b))"),
        ("a orelse catch b", "(orelse a (catch b))"),
        ("a orelse b andalso catch c", "(orelse a (andalso b (catch c)))"),
        ("a + b * - catch c", "(+ a (* b (- (catch c))))"),
        ("catch catch a", "(catch (catch a))"),
    ]);
}

#[test]
fn record_map_and_remote_bind_tightest() {
    check(&[
        ("R#r.a#b.c", "(#b.c (#r.a R))"),
        ("M#{}#{a => 1}", "(#map{1} (#map{0} M))"),
        ("R#r{a = 1}#r.a", "(#r.a (#r{} R))"),
        ("m:f(1)", "(call m:f [1])"),
        ("(m:f)(1)", "(call m:f [1])"),
        ("F(1)(2)", "error: 1:5: syntax error before: '('"),
        ("(F(1))(2)", "(call (call F [1]) [2])"),
        ("a:b:c()", "error: 1:4: syntax error before: ':'"),
        ("X#r.a + 1", "(+ (#r.a X) 1)"),
    ]);
}
