% kiln conformance: stdlib gb_trees: every exported function, tree shapes, error cases
-module(stdlib_gb_trees).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

keys(N) -> [(X * 37) rem 101 || X <- lists:seq(1, N)].

main(_) ->
    E = gb_trees:empty(),
    p("empty", fun() -> {E, gb_trees:is_empty(E), gb_trees:size(E)} end),
    T1 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K * 2, T) end, E, lists:seq(1, 12)),
    p("sequential", fun() -> T1 end),
    T2 = lists:foldl(fun(K, T) -> gb_trees:insert(K, {v, K}, T) end, E, keys(40)),
    p("scattered", fun() -> T2 end),
    T3 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K, T) end, E, lists:seq(50, 1, -1)),
    p("descending", fun() -> T3 end),
    p("is_empty", fun() -> gb_trees:is_empty(T1) end),
    p("size", fun() -> gb_trees:size(T2) end),
    p("lookup", fun() -> {gb_trees:lookup(5, T1), gb_trees:lookup(50, T1), gb_trees:lookup(5.0, T1)} end),
    p("get", fun() -> gb_trees:get(7, T1) end),
    p("get missing", fun() -> gb_trees:get(70, T1) end),
    p("is_defined", fun() -> {gb_trees:is_defined(3, T1), gb_trees:is_defined(33, T1)} end),
    p("insert dup", fun() -> gb_trees:insert(3, x, T1) end),
    p("update", fun() -> gb_trees:update(3, x, T1) end),
    p("update missing", fun() -> gb_trees:update(33, x, T1) end),
    p("enter", fun() -> {gb_trees:enter(3, y, gb_trees:from_orddict([{1, a}, {3, b}])), gb_trees:enter(2, y, gb_trees:from_orddict([{1, a}, {3, b}]))} end),
    p("delete", fun() -> gb_trees:delete(4, T1) end),
    p("delete missing", fun() -> gb_trees:delete(40, T1) end),
    p("delete_any", fun() -> {gb_trees:delete_any(40, T1) =:= T1, gb_trees:delete_any(12, T1)} end),
    D = lists:foldl(fun(K, T) -> gb_trees:delete(K, T) end, T2, lists:sublist(keys(40), 25)),
    p("deleted many", fun() -> D end),
    p("balance", fun() -> gb_trees:balance(D) end),
    p("keys", fun() -> gb_trees:keys(T2) end),
    p("values", fun() -> gb_trees:values(T1) end),
    p("to_list", fun() -> gb_trees:to_list(T1) end),
    p("from_orddict", fun() -> gb_trees:from_orddict([{K, K} || K <- lists:seq(1, 10)]) end),
    p("smallest", fun() -> {gb_trees:smallest(T2), gb_trees:largest(T2)} end),
    p("smallest empty", fun() -> gb_trees:smallest(E) end),
    p("take", fun() -> gb_trees:take(6, T1) end),
    p("take missing", fun() -> gb_trees:take(66, T1) end),
    p("take_any", fun() -> {gb_trees:take_any(66, T1), gb_trees:take_any(1, T1)} end),
    p("take_smallest", fun() -> gb_trees:take_smallest(T1) end),
    p("take_largest", fun() -> gb_trees:take_largest(T1) end),
    p("take_smallest empty", fun() -> gb_trees:take_smallest(E) end),
    I = gb_trees:iterator(T1),
    p("iterator", fun() -> I end),
    p("next", fun() -> walk(I) end),
    p("iterator_from", fun() -> walk(gb_trees:iterator_from(7, T1)) end),
    p("iterator_from mid", fun() -> walk(gb_trees:iterator_from(6.5, T1)) end),
    p("next empty", fun() -> gb_trees:next(gb_trees:iterator(E)) end),
    p("map", fun() -> gb_trees:map(fun(K, V) -> K + V end, T1) end),
    p("map bad", fun() -> gb_trees:map(fun(K) -> K end, T1) end),
    p("size bad", fun() -> gb_trees:size(x) end),
    ok.

walk(I) ->
    case gb_trees:next(I) of
        none -> [];
        {K, V, I1} -> [{K, V} | walk(I1)]
    end.
