% kiln conformance-next: maps module higher-order functions and iterators
-module(map_module_hof).
-export([main/1]).
-mode(compile).

main(_) ->
    M = id(#{a => 1, b => 2, c => 3, d => 4}),
    t(fold, fun() -> maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], M) end),
    t(fold_sum, fun() -> maps:fold(fun(_, V, Acc) -> V + Acc end, 0, M) end),
    t(map, fun() -> maps:map(fun(K, V) -> {K, V * V} end, M) end),
    t(filter, fun() -> maps:filter(fun(_, V) -> V rem 2 =:= 0 end, M) end),
    t(filtermap, fun() -> maps:filtermap(fun(a, _) -> false; (b, _V) -> true; (_, V) -> {true, V * 100} end, M) end),
    t(foreach, fun() -> maps:foreach(fun(K, V) -> io:format("  ~p=~p~n", [K, V]) end, M) end),
    t(update_with, fun() -> maps:update_with(a, fun(V) -> V + 100 end, M) end),
    t(update_with_default, fun() -> maps:update_with(z, fun(V) -> V + 100 end, init, M) end),
    t(update_with_badkey, fun() -> maps:update_with(z, fun(V) -> V end, M) end),
    t(merge_with, fun() -> maps:merge_with(fun(_K, V1, V2) -> V1 + V2 end, M, #{a => 10, e => 50}) end),
    t(intersect, fun() -> maps:intersect(M, #{a => x, d => y, q => z}) end),
    t(intersect_with, fun() -> maps:intersect_with(fun(K, V1, V2) -> {K, V1, V2} end, M, #{b => x, c => y}) end),
    t(groups, fun() -> maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10)) end),
    t(groups_val, fun() -> maps:groups_from_list(fun erlang:length/1, fun lists:reverse/1, ["ab", "cd", "e", "", "fgh"]) end),
    t(iterator, fun() -> walk(maps:next(maps:iterator(M))) end),
    t(iterator_empty, fun() -> maps:next(maps:iterator(#{})) end),
    t(fold_badmap, fun() -> maps:fold(fun(_, _, A) -> A end, 0, id(nope)) end),
    t(map_badfun, fun() -> maps:map(id(not_fun), M) end),
    t(filter_bad_return, fun() -> maps:filter(fun(_, _) -> maybe end, M) end),
    t(count_words, fun() -> lists:foldl(fun(W, Acc) -> maps:update_with(W, fun(C) -> C + 1 end, 1, Acc) end,
                                        #{}, string:lexemes("the cat and the hat and the bat", " ")) end),
    t(invert, fun() -> maps:fold(fun(K, V, Acc) -> Acc#{V => K} end, #{}, M) end),
    t(nested_update, fun() -> maps:update_with(inner, fun(I) -> maps:put(x, 1, I) end, #{inner => #{}}) end),
    ok.

walk(none) -> [];
walk({K, V, I}) -> [{K, V} | walk(maps:next(I))].

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
