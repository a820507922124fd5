% kiln conformance: maps built with maps:from_list/1 (no map syntax): the maps BIFs and printing
-module(maps_module).
-export([main/1]).
-mode(compile).

main(_) ->
    M = maps:from_list([{b, 2}, {a, 1}, {c, 3}]),
    io:format("~p~n", [M]),
    io:format("~w~n", [M]),
    io:format("~p ~p~n", [maps:size(M), map_size(M)]),
    io:format("~p ~p ~p~n", [maps:get(a, M), maps:get(zz, M, default), map_get(c, M)]),
    io:format("~p ~p~n", [maps:find(b, M), maps:find(zz, M)]),
    io:format("~p ~p ~p~n", [maps:is_key(a, M), maps:is_key(zz, M), is_map_key(b, M)]),
    io:format("~p~n", [maps:put(d, 4, M)]),
    io:format("~p~n", [maps:put(a, changed, M)]),
    io:format("~p~n", [maps:update(b, twenty, M)]),
    io:format("~p~n", [maps:remove(a, M)]),
    io:format("~p~n", [maps:remove(zz, M)]),
    io:format("~p ~p~n", [maps:take(c, M), maps:take(zz, M)]),
    io:format("~p ~p ~p~n", [maps:keys(M), maps:values(M), maps:to_list(M)]),
    io:format("~p~n", [maps:from_keys([x, y, x], 0)]),
    io:format("~p~n", [maps:merge(M, maps:from_list([{c, 30}, {e, 5}]))]),
    io:format("~p ~p~n", [maps:new(), maps:size(maps:new())]),
    io:format("~p~n", [maps:with([a, c, zz], M)]),
    io:format("~p~n", [maps:without([a, c, zz], M)]),
    io:format("~p~n", [maps:from_list([{k, 1}, {k, 2}, {j, 0}])]),
    %% Term order of keys: numbers < atoms < tuples < maps < nil < lists.
    Mixed = maps:from_list([{"str", string}, {[], nil}, {{t, 1}, tuple}, {atom, atom},
                            {42, int}, {-7, neg}, {maps:from_list([{k, v}]), map}]),
    io:format("~p~n", [Mixed]),
    io:format("~w~n", [maps:keys(Mixed)]),
    %% Equality and order between maps.
    M2 = maps:from_list([{c, 3}, {a, 1}, {b, 2}]),
    io:format("~p ~p ~p~n", [M =:= M2, M == M2, M < maps:put(d, 0, M)]),
    io:format("~p ~p~n", [maps:from_list([{a, 2}]) > maps:from_list([{a, 1}]),
                          maps:from_list([{b, 1}]) > maps:from_list([{a, 1}])]),
    io:format("~p~n", [lists:sort([maps:from_list([{b, 1}]), maps:from_list([]),
                                   maps:from_list([{a, 1}, {b, 1}]), maps:from_list([{a, 1}]),
                                   {tuple}, [list], atom])]),
    %% Maps inside other terms, and as keys.
    Nested = maps:from_list([{inner, M}, {list, [M, M2]}]),
    io:format("~p~n", [Nested]),
    io:format("~p~n", [maps:get(a, maps:get(inner, Nested))]),
    %% A map of 32 keys prints in key order, like OTP's small maps.
    Sq = maps:from_list([{I, I * I} || I <- lists:seq(32, 1, -1)]),
    io:format("~p~n", [Sq]),
    io:format("~p~n", [maps:keys(Sq)]),
    %% Large maps: lookups, updates and sizes (their iteration order is not OTP's,
    %% so only sorted views are printed).
    Big = maps:from_list([{I, I} || I <- lists:seq(1, 1000)]),
    Big2 = lists:foldl(fun(I, Acc) -> maps:put(I, -I, Acc) end, Big, lists:seq(1, 1000, 7)),
    Big3 = lists:foldl(fun(I, Acc) -> maps:remove(I, Acc) end, Big2, lists:seq(2, 1000, 2)),
    io:format("~p ~p ~p~n", [maps:size(Big), maps:size(Big2), maps:size(Big3)]),
    io:format("~p ~p ~p~n", [maps:get(500, Big), maps:get(498, Big2), maps:find(498, Big3)]),
    io:format("~p~n", [lists:sum(maps:values(Big3))]),
    io:format("~p~n", [lists:sublist(lists:sort(maps:to_list(Big3)), 5)]),
    io:format("~p~n", [Big2 == maps:merge(Big, maps:from_list([{I, -I} || I <- lists:seq(1, 1000, 7)]))]),
    io:format("~p~n", [maps:with([1, 2, 3, 8], Big2) =:= maps:from_list([{1, -1}, {2, 2}, {3, 3}, {8, -8}])]),
    ok.
