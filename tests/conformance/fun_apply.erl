% kiln conformance-next: apply/2,3, dynamic M:F(...) calls, funs stored in data structures
-module(fun_apply).
-export([main/1, add/2, zero/0, var/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [apply(fun add/2, [1, 2])]),
    io:format("~p~n", [apply(?MODULE, add, [3, 4])]),
    io:format("~p~n", [apply(fun ?MODULE:zero/0, [])]),
    io:format("~p~n", [erlang:apply(lists, seq, [1, 5])]),
    io:format("~p~n", [apply(erlang, '+', [1, 2])]),
    io:format("~p~n", [apply(erlang, element, [2, {a, b}])]),
    io:format("~p~n", [apply(fun(X) -> X * X end, [9])]),
    M = id(lists), F = id(sum),
    io:format("~p~n", [M:F([1, 2, 3])]),
    io:format("~p~n", [?MODULE:var(x)]),
    Ops = #{add => fun erlang:'+'/2, sub => fun erlang:'-'/2, mul => fun(A, B) -> A * B end,
            cat => fun lists:append/2},
    io:format("~p~n", [[{K, (maps:get(K, Ops))(6, 3)} || K <- [add, sub, mul]]]),
    io:format("~p~n", [(maps:get(cat, Ops))([1], [2])]),
    Table = [{inc, fun(X) -> X + 1 end}, {dbl, fun(X) -> X * 2 end}, {neg, fun erlang:'-'/1}],
    io:format("~p~n", [lists:foldl(fun({_, Fn}, Acc) -> Fn(Acc) end, 5, Table)]),
    io:format("~p~n", [[apply(M2, F2, A2) || {M2, F2, A2} <- [{lists, max, [[3, 1, 2]]}, {string, to_upper, ["ab"]},
                                                              {erlang, tuple_size, [{1, 2, 3}]}, {?MODULE, var, [[]]}]]]),
    Pipeline = [fun lists:reverse/1, fun(L) -> [X * 10 || X <- L] end, fun lists:sum/1],
    io:format("~p~n", [lists:foldl(fun(P, Acc) -> P(Acc) end, [1, 2, 3], Pipeline)]),
    io:format("~p~n", [lists:map(fun erlang:tuple_to_list/1, [{a}, {b, c}])]),
    io:format("~p~n", [lists:filtermap(fun(X) when X > 2 -> {true, X * X}; (_) -> false end, [1, 2, 3, 4])]),
    io:format("~p~n", [lists:foldr(fun(X, A) -> [X | A] end, [], [1, 2, 3])]),
    io:format("~p~n", [lists:mapfoldl(fun(X, S) -> {X * 2, S + X} end, 0, [1, 2, 3])]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A >= B end, [3, 1, 4, 1, 5, 9, 2, 6])]),
    io:format("~p ~p~n", [lists:any(fun is_atom/1, [1, a]), lists:all(fun is_atom/1, [1, a])]),
    ok.

add(A, B) -> A + B.
zero() -> 0.
var(X) -> {var, X}.

id(X) -> X.
