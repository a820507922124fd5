% kiln conformance-next: comparing integers, floats and bignums; == vs =:=; sorting numbers
-module(num_compare).
-export([main/1]).
-mode(compile).

main(_) ->
    Ps = [{1, 1.0}, {0, -0.0}, {0, 0.0}, {1 bsl 53, float(1 bsl 53)}, {1 bsl 53 + 1, float(1 bsl 53)},
          {1 bsl 64, 1.8446744073709552e19}, {-(1 bsl 64), -1.8446744073709552e19}, {1 bsl 1100, 1.0e308},
          {-(1 bsl 1100), -1.0e308}, {2, 1.9999999999999998}, {3, 3}, {0.1 + 0.2, 0.3}, {1 bsl 70, 1 bsl 70 + 1}],
    [io:format("~p ~p: ~p~n", [A, B, [A == B, A =:= B, A /= B, A =/= B, A < B, A > B, A =< B, A >= B]]) || {A, B} <- Ps],
    L = [3, 2.5, -1, 1 bsl 65, 1.0, 1, -1.0e10, 0, 0.0, -(1 bsl 65), 1.0e20, 99999999999999999999],
    io:format("~p~n", [lists:sort(L)]),
    io:format("~p~n", [lists:usort(L)]),
    io:format("~p~n", [lists:usort([1, 1.0, 2, 2.0, 1])]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A >= B end, L)]),
    io:format("~p ~p~n", [lists:max(L), lists:min(L)]),
    io:format("~p~n", [[max(1, 1.0), max(1.0, 1), min(0, 0.0), min(0.0, 0)]]),
    io:format("~p ~p~n", [lists:member(1.0, [1, 2]), lists:member(1, [1.0])]),
    io:format("~p~n", [[lists:keyfind(1, 1, [{1.0, float}, {1, int}]), lists:keysearch(1.0, 1, [{1, int}])]]),
    io:format("~p~n", [lists:delete(1, [1.0, 1])]),
    io:format("~p~n", [[1, 2] -- [1.0]]),
    io:format("~p~n", [[X || X <- L, X == 1]]),
    io:format("~p~n", [[X || X <- L, X =:= 1]]),
    io:format("~p~n", [lists:sort([{1, b}, {1.0, a}, {1, a}])]),
    ok.
