% kiln conformance-next: round/trunc/ceil/floor, float/1, float overflow and conversions
-module(num_rounding).
-export([main/1]).
-mode(compile).

main(_) ->
    Xs = [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 1.4999999999999998, 2.7, -2.7,
          1.0e15 + 0.5, 4503599627370495.5, 1.0e20, -1.0e20, 1.0e300, 123456789.987654321, 7, -7, 1 bsl 70],
    [io:format("~p: ~p ~p ~p ~p~n", [X, round(X), trunc(X), ceil(X), floor(X)]) || X <- Xs],
    io:format("~p~n", [[float(X) || X <- [0, 1, -1, 1 bsl 53 + 1, 1 bsl 100, -(1 bsl 1000), 3.5]]]),
    t(float_huge, fun() -> float(id(1 bsl 1024)) end),
    t(float_almost_huge, fun() -> float(id((1 bsl 1024) - (1 bsl 970))) end),
    t(mul_overflow, fun() -> id(1.0e308) * 10 end),
    t(add_overflow, fun() -> id(1.7976931348623157e308) + id(1.0e292) end),
    t(big_plus_float_overflow, fun() -> id(1 bsl 1100) + 1.0 end),
    t(underflow, fun() -> id(1.0e-308) / 1.0e100 end),
    t(neg_zero_mul, fun() -> id(-1.0) * 0.0 end),
    t(neg_zero_eq, fun() -> {-0.0 == 0.0, -0.0 =:= 0.0, 0.0 - 0.0} end),
    t(round_atom, fun() -> round(id(x)) end),
    t(trunc_big, fun() -> trunc(id(1.0e30)) end),
    t(round_neg_big, fun() -> round(id(-1.5e25)) end),
    t(int_div_float_result, fun() -> {7 / 7, is_float(7 / 7)} end),
    t(abs, fun() -> [abs(X) || X <- [-1, -1.5, -0.0, 1 bsl 80, -(1 bsl 80)]] end),
    t(minmax, fun() -> [max(1, 1.0), max(1.0, 1), min(1, 1.0), min(1.0, 1), max(2, 1.5), min(-0.0, 0)] end),
    t(list_to_float_variants, fun() -> [list_to_float(S) || S <- ["0.5", "-0.0", "1.0e+3", "1.0e-3", "12.5e2"]] end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
