% kiln conformance-next: div/rem/'/' signs and edge cases, small and big
-module(num_divrem).
-export([main/1]).
-mode(compile).

main(_) ->
    Pairs = [{7, 2}, {-7, 2}, {7, -2}, {-7, -2}, {0, 5}, {0, -5}, {1, 1}, {-1, 1}, {5, 7}, {-5, 7},
             {576460752303423487, 3}, {-576460752303423488, -1}, {1 bsl 64, 3}, {-(1 bsl 64), 3},
             {1 bsl 64, -(1 bsl 32)}, {12345678901234567890123, 1 bsl 70}, {3, 1 bsl 70}, {-3, 1 bsl 70}],
    [io:format("~p ~p: ~p ~p ~p~n", [A, B, A div B, A rem B, (A div B) * B + A rem B =:= A]) || {A, B} <- Pairs],
    [io:format("~p / ~p = ~p~n", [A, B, A / B]) || {A, B} <- [{7, 2}, {-7, 2}, {1, 3}, {2, 3}, {10, 5}, {1, 1 bsl 70}, {1 bsl 70, 3}, {1.5, 0.5}, {-0.0, 1}]],
    t(div_zero, fun() -> id(1) div id(0) end),
    t(rem_zero, fun() -> id(-1) rem id(0) end),
    t(slash_zero, fun() -> id(1) / id(0) end),
    t(slash_zero_float, fun() -> id(0.0) / id(0.0) end),
    t(div_big_zero, fun() -> id(1 bsl 100) div id(0) end),
    t(div_float, fun() -> id(7.0) div 2 end),
    t(rem_float, fun() -> 7 rem id(2.0) end),
    t(rem_neg_one, fun() -> id(-576460752303423488) rem -1 end),
    t(div_neg_one_big, fun() -> id(-(1 bsl 63)) div -1 end),
    t(mixed_add, fun() -> {1 + 1.0, 1 - 0.5, 2 * 1.5, 1 bsl 70 + 0.0} end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
