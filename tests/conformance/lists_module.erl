% kiln conformance: basics of the lists module: reverse, seq, map, foldl, filter
-module(lists_module).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [lists:reverse([1, 2, 3])]),
    io:format("~p~n", [lists:reverse([])]),
    io:format("~p~n", [lists:reverse("abc")]),
    io:format("~p~n", [lists:seq(1, 10)]),
    io:format("~p~n", [lists:seq(5, 5)]),
    io:format("~p~n", [lists:seq(1, 0)]),
    io:format("~p~n", [lists:seq(0, 20, 5)]),
    io:format("~p~n", [lists:seq(10, 1, -3)]),
    io:format("~p~n", [lists:map(fun(X) -> X * 10 end, [1, 2, 3])]),
    io:format("~p~n", [lists:map(fun(X) -> {X} end, [])]),
    io:format("~p~n", [lists:foldl(fun(X, Acc) -> X + Acc end, 0, lists:seq(1, 100))]),
    io:format("~p~n", [lists:foldl(fun(X, Acc) -> [X | Acc] end, [], [a, b, c])]),
    io:format("~p~n", [lists:filter(fun(X) -> X rem 2 =:= 0 end, lists:seq(1, 10))]),
    io:format("~p~n", [lists:filter(fun is_atom/1, [a, 1, b, "c", {d}])]),
    io:format("~p~n", [lists:map(fun atom_to_list/1, [x, yz])]),
    Big = lists:seq(1, 100000),
    io:format("~p~n", [lists:foldl(fun(X, Acc) -> X + Acc end, 0, lists:reverse(Big))]),
    io:format("~p~n", [length(lists:filter(fun(X) -> X rem 7 =:= 0 end, Big))]).
