% kiln conformance: the maps module's higher-order functions and iterators (no map syntax)
-module(maps_module_hof).
-export([main/1]).
-mode(compile).

main(_) ->
    M = maps:from_list([{a, 1}, {b, 2}, {c, 3}, {d, 4}]),
    io:format("~p~n", [maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M)]),
    io:format("~p~n", [maps:fold(fun(_, V, Acc) -> V + Acc end, 0, M)]),
    io:format("~p~n", [maps:map(fun(K, V) -> {K, V * 10} end, M)]),
    io:format("~p~n", [maps:filter(fun(_, V) -> V rem 2 =:= 0 end, M)]),
    io:format("~p~n", [maps:filtermap(fun(a, _) -> true;
                                         (b, _) -> false;
                                         (_, V) -> {true, V * 100} end, M)]),
    maps:foreach(fun(K, V) -> io:format("~p=~p;", [K, V]) end, M),
    io:format("~n"),
    io:format("~p~n", [maps:update_with(a, fun(V) -> V + 100 end, M)]),
    io:format("~p~n", [maps:update_with(z, fun(V) -> V + 100 end, init, M)]),
    io:format("~p~n", [maps:update_with(b, fun(V) -> V + 100 end, init, M)]),
    N = maps:from_list([{c, 30}, {d, 40}, {e, 50}]),
    io:format("~p~n", [maps:merge_with(fun(K, V1, V2) -> {K, V1, V2} end, M, N)]),
    io:format("~p~n", [maps:merge_with(fun(_, V1, V2) -> V1 + V2 end, N, M)]),
    io:format("~p~n", [maps:intersect(M, N)]),
    io:format("~p~n", [maps:intersect(N, M)]),
    io:format("~p~n", [maps:intersect_with(fun(K, V1, V2) -> {K, V1, V2} end, M, N)]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10))]),
    io:format("~p~n", [maps:groups_from_list(fun erlang:length/1, fun lists:reverse/1,
                                             ["ab", "cd", "e", "fgh", "", "ij"])]),
    io:format("~p~n", [maps:groups_from_list(fun(X) -> X end, [])]),
    %% Iterators.
    I = maps:iterator(M),
    io:format("~p~n", [I]),
    {K1, V1, I1} = maps:next(I),
    io:format("~p ~p~n", [K1, V1]),
    io:format("~p~n", [I1]),
    io:format("~p~n", [walk(maps:next(I))]),
    io:format("~p~n", [maps:next(maps:iterator(maps:new()))]),
    io:format("~p~n", [maps:next(none)]),
    io:format("~p~n", [maps:fold(fun(K, V, Acc) -> [K, V | Acc] end, [], I1)]),
    io:format("~p~n", [maps:map(fun(_, V) -> -V end, I1)]),
    io:format("~p~n", [maps:filter(fun(K, _) -> K =/= c end, maps:iterator(M))]),
    %% Larger maps.
    Big = maps:from_list([{I2, I2} || I2 <- lists:seq(1, 500)]),
    io:format("~p~n", [maps:fold(fun(_, V, Acc) -> V + Acc end, 0, Big)]),
    Evens = maps:filter(fun(_, V) -> V rem 2 =:= 0 end, Big),
    io:format("~p~n", [maps:size(Evens)]),
    Doubled = maps:map(fun(_, V) -> V * 2 end, Big),
    io:format("~p ~p~n", [maps:get(250, Doubled), maps:size(Doubled)]),
    io:format("~p~n", [length(walk(maps:next(maps:iterator(Big))))]),
    ok.

walk({K, V, Next}) -> [{K, V} | walk(maps:next(Next))];
walk(none) -> [].
