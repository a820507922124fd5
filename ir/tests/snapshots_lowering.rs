//! Snapshot tests of the Core and SSA text forms for small programs that
//! exercise each lowering: matching, guards, calls, closures,
//! comprehensions, receive, try/catch, records.

use kiln_ir::{core, ssa};

fn lower(src: &str) -> (String, String) {
    let (sources, ast) = kiln_frontend::parse_source("test.erl", src);
    let ast =
        ast.unwrap_or_else(|d| panic!("parse error: {}", d.iter().map(|d| d.render(&sources)).collect::<String>()));
    let core = core::lower::lower_module(&ast, &sources)
        .unwrap_or_else(|d| panic!("lowering error: {}", d.iter().map(|d| d.render(&sources)).collect::<String>()));
    let ssa = ssa::lower_module(&core).unwrap_or_else(|d| panic!("ssa error: {}", d.render(&sources)));
    (core::module_to_text(&core), ssa::module_to_text(&ssa))
}

macro_rules! snapshot {
    ($name:ident, $src:expr) => {
        #[test]
        fn $name() {
            let (core, ssa) = lower($src);
            insta::assert_snapshot!(concat!(stringify!($name), "_core"), core);
            insta::assert_snapshot!(concat!(stringify!($name), "_ssa"), ssa);
        }
    };
}

snapshot!(
    fib,
    "-module(m).\n-export([fib/1]).\nfib(0) -> 0;\nfib(1) -> 1;\nfib(N) when N > 1 -> fib(N - 1) + fib(N - 2).\n"
);

snapshot!(
    case_exports,
    "-module(m).\n-export([f/1]).\nf(X) ->\n    case X of\n        {a, Y} -> Z = Y;\n        _ -> Z = none\n    end,\n    {Z, X}.\n"
);

snapshot!(closure, "-module(m).\n-export([adder/1]).\nadder(N) -> fun(X) -> X + N end.\n");

snapshot!(comprehension, "-module(m).\n-export([f/1]).\nf(L) -> [X * 2 || X <- L, X > 1].\n");

snapshot!(receive_after, "-module(m).\n-export([f/0]).\nf() -> receive {ok, V} -> V after 100 -> timeout end.\n");

snapshot!(
    try_catch,
    "-module(m).\n-export([f/1]).\nf(F) -> try F() of ok -> yes catch throw:X -> {caught, X} after io:format(\"done~n\") end.\n"
);

snapshot!(records, "-module(m).\n-export([f/1]).\n-record(p, {x = 0, y}).\nf(#p{x = X} = P) -> P#p{y = X + 1}.\n");

snapshot!(
    binaries,
    "-module(m).\n-export([f/2]).\nf(<<N:8, Data:N/binary, Rest/bits>>, X) -> {<<X:16/little, Data/binary, \"ok\">>, <<1, 2:4, 3:4>>, Rest};\nf(B, _) -> << <<Y:4>> || <<Y:8>> <= B >>.\n"
);

snapshot!(
    maps,
    "-module(m).\n-export([f/2]).\nf(#{k := V} = M, K) -> {M#{K => V, k := 2}, #{a => 1, b => [2]}, #{K => V}};\nf(M, K) -> M#{}.\n"
);

#[test]
fn a_call_in_last_position_is_a_tail_call() {
    let (_, ssa) = lower("-module(m).\n-export([count/2]).\ncount(0, A) -> A;\ncount(N, A) -> count(N - 1, A + 1).\n");
    assert!(ssa.contains("tail_call count/2("), "{ssa}");
    assert!(!ssa.contains("continuation"), "no call may need a continuation: {ssa}");
    // A variable bound in a receive (or case) clause that nothing after the
    // receive uses is not exported, so the call ending the clause stays a
    // tail call.
    let (_, ssa) = lower("-module(m).\n-export([loop/1]).\nloop(N) -> receive {add, V} -> loop(N + V); {get, P} -> P ! N, loop(N) end.\n");
    assert_eq!(ssa.matches("tail_call loop/1(").count(), 2, "{ssa}");
    assert!(!ssa.contains("    call loop/1("), "{ssa}");
}

#[test]
fn unbound_variable_is_an_error_with_location() {
    let (sources, ast) = kiln_frontend::parse_source("t.erl", "-module(t).\n-export([f/0]).\nf() -> Y.\n");
    let err = core::lower::lower_module(&ast.unwrap(), &sources).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].message, "variable 'Y' is unbound");
    assert_eq!(sources.location(err[0].span), "t.erl:3:8");
}

#[test]
fn binary_segment_errors_name_the_problem() {
    for (src, want) in [
        ("f(X) -> <<X/foo>>.", "undefined bit type `foo`"),
        ("f(X) -> <<X:8/utf8>>.", "a `utf8` segment cannot have a size"),
        ("f(<<X/binary, Y>>) -> {X, Y}.", "a binary segment without a size must be the last segment of a pattern"),
        ("f(X) -> #{a := X}.", "only association operators `=>` are allowed in map construction"),
        ("f(#{a => X}) -> X.", "only association operators `:=` are allowed in map patterns"),
    ] {
        let text = format!("-module(t).\n-export([f/1]).\n{src}\n");
        let (sources, ast) = kiln_frontend::parse_source("t.erl", &text);
        let err = core::lower::lower_module(&ast.unwrap(), &sources).unwrap_err();
        assert_eq!(err[0].message, want, "{src}");
    }
}
