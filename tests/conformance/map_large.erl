% kiln conformance-next: large maps (hundreds of keys): build, update, remove, fold; order-independent output
-module(map_large).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 1000,
    M = lists:foldl(fun(I, Acc) -> Acc#{I => I * 2} end, #{}, lists:seq(1, N)),
    io:format("~p ~p ~p~n", [map_size(M), maps:get(500, M), maps:get(1000, M)]),
    io:format("~p~n", [lists:sum(maps:values(M))]),
    io:format("~p~n", [lists:sort(maps:keys(M)) =:= lists:seq(1, N)]),
    M2 = maps:filter(fun(K, _) -> K rem 7 =:= 0 end, M),
    io:format("~p ~p~n", [map_size(M2), lists:sort(maps:to_list(M2)) -- [{K, K * 2} || K <- lists:seq(7, N, 7)]]),
    M3 = maps:without(lists:seq(1, N, 2), M),
    io:format("~p ~p~n", [map_size(M3), maps:is_key(3, M3)]),
    M4 = maps:map(fun(K, V) -> V - K end, M),
    io:format("~p~n", [lists:usort(maps:values(M4)) =:= lists:seq(1, N)]),
    S = maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 300)]),
    io:format("~p ~p ~p~n", [map_size(S), maps:get("150", S), maps:find("301", S)]),
    Mixed = maps:from_list([{{I, I}, I} || I <- lists:seq(1, 50)] ++ [{<<I>>, I} || I <- lists:seq(1, 50)]
                           ++ [{float(I), I} || I <- lists:seq(1, 50)]),
    io:format("~p~n", [map_size(Mixed)]),
    io:format("~p~n", [lists:sort(maps:to_list(maps:with([{3, 3}, <<4>>, 5.0, 5, nope], Mixed)))]),
    io:format("~p~n", [maps:fold(fun(_, V, Acc) -> V + Acc end, 0, Mixed)]),
    Eq1 = maps:from_list([{I, x} || I <- lists:seq(1, 100)]),
    Eq2 = maps:from_list([{I, x} || I <- lists:reverse(lists:seq(1, 100))]),
    io:format("~p ~p~n", [Eq1 =:= Eq2, Eq1 == Eq2#{1 => y}]),
    Shrunk = maps:without(lists:seq(33, 100), Eq1),
    io:format("~p~n", [Shrunk]),
    Merged = maps:merge(Eq1, maps:from_list([{I, y} || I <- lists:seq(90, 120)])),
    io:format("~p ~p ~p~n", [map_size(Merged), maps:get(89, Merged), maps:get(95, Merged)]),
    {V, M5} = maps:take(77, M),
    io:format("~p ~p ~p~n", [V, map_size(M5), maps:is_key(77, M5)]),
    io:format("~p~n", [lists:sort(maps:keys(maps:filter(fun(_, X) -> X > 1990 end, M)))]),
    ok.
