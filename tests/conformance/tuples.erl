% kiln conformance: tuples, element/2, setelement/3, tuple_size/1, tuple patterns
-module(tuples).
-export([main/1]).
-mode(compile).

main(_) ->
    T = {a, 1, "two", {nested, 3}},
    io:format("~p~n", [T]),
    io:format("~p ~p~n", [tuple_size(T), tuple_size({})]),
    io:format("~p ~p ~p~n", [element(1, T), element(3, T), element(4, T)]),
    T2 = setelement(2, T, 100),
    io:format("~p~n", [T2]),
    io:format("~p~n", [T]),
    {a, N, S, {nested, M}} = T,
    io:format("~p ~s ~p~n", [N, S, M]),
    io:format("~p~n", [{}]),
    io:format("~p~n", [{{{}}}]),
    io:format("~p~n", [swap({left, right})]),
    io:format("~p~n", [sum_elements({1, 2, 3, 4, 5}, 5, 0)]),
    io:format("~p~n", [fill({x, x, x, x}, 4)]),
    io:format("~p~n", [{1, 2} =:= {1, 2}]).

swap({A, B}) -> {B, A}.

sum_elements(_, 0, Acc) -> Acc;
sum_elements(T, I, Acc) -> sum_elements(T, I - 1, Acc + element(I, T)).

fill(T, 0) -> T;
fill(T, I) -> fill(setelement(I, T, I * I), I - 1).
