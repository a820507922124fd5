% kiln conformance: = match expressions, nested patterns, already-bound variables
-module(match_expr).
-export([main/1]).
-mode(compile).

main(_) ->
    X = 1,
    X = 1,
    {A, B} = {2, 3},
    [H | T] = [4, 5, 6],
    {ok, {value, V}, [First | _]} = {ok, {value, 7}, [8, 9]},
    io:format("~p ~p ~p ~p ~p ~p ~p~n", [X, A, B, H, T, V, First]),
    P = Q = 10,
    io:format("~p ~p~n", [P, Q]),
    {C, C} = {same, same},
    io:format("~p~n", [C]),
    Whole = {point, PX, PY} = make_point(3, 4),
    io:format("~p ~p ~p~n", [Whole, PX, PY]),
    R = (S = 5) + 1,
    io:format("~p ~p~n", [R, S]),
    "abc" ++ Tail = "abcdef",
    io:format("~p~n", [Tail]),
    [_, _, Third | _] = lists:seq(1, 10),
    io:format("~p~n", [Third]),
    Result = {ok, _} = {ok, ignored},
    io:format("~p~n", [Result]),
    {outer, {inner, Deep}} = id({outer, {inner, [1, {2}]}}),
    [_, {Two}] = Deep,
    io:format("~p ~p~n", [Deep, Two]).

make_point(X, Y) -> {point, X, Y}.

id(X) -> X.
