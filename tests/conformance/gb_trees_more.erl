% kiln conformance: gb_trees shapes, iterators (from/ordered), take_smallest/largest, folds, errors
-module(gb_trees_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

iter_all(I) ->
    case gb_trees:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | iter_all(I2)]
    end.

drain_small(T) ->
    case gb_trees:is_empty(T) of
        true -> [];
        false -> {K, V, T2} = gb_trees:take_smallest(T), [{K, V} | drain_small(T2)]
    end.

main(_) ->
    E = gb_trees:empty(),
    T5 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K * K, T) end, E, [3, 1, 4, 5, 2]),
    Seq = lists:foldl(fun(K, T) -> gb_trees:insert(K, v, T) end, E, lists:seq(1, 8)),
    p("empty", fun() -> {E, gb_trees:size(E), gb_trees:is_empty(E)} end),
    p("shape t5", fun() -> T5 end),
    p("shape seq", fun() -> Seq end),
    p("shape from_orddict", fun() -> gb_trees:from_orddict([{a, 1}, {b, 2}, {c, 3}, {d, 4}]) end),
    p("shape balance", fun() -> gb_trees:balance(Seq) end),
    p("shape enter", fun() -> gb_trees:enter(0, zero, gb_trees:enter(3, three, T5)) end),
    p("shape delete", fun() -> gb_trees:delete(3, T5) end),
    p("shape delete_any", fun() -> {gb_trees:delete_any(9, T5) =:= T5, gb_trees:delete_any(1, T5)} end),
    p("insert dup", fun() -> gb_trees:insert(3, x, T5) end),
    p("delete missing", fun() -> gb_trees:delete(9, T5) end),
    p("update missing", fun() -> gb_trees:update(9, x, T5) end),
    p("update", fun() -> gb_trees:to_list(gb_trees:update(4, four, T5)) end),
    p("get missing", fun() -> gb_trees:get(9, T5) end),
    p("lookup", fun() -> {gb_trees:lookup(4, T5), gb_trees:lookup(4.0, T5), gb_trees:lookup(9, T5), gb_trees:is_defined(1, T5)} end),
    p("iterator", fun() -> iter_all(gb_trees:iterator(T5)) end),
    p("iterator_from", fun() -> [iter_all(gb_trees:iterator_from(K, T5)) || K <- [0, 3, 3.5, 5, 6]] end),
    p("iterator empty", fun() -> gb_trees:next(gb_trees:iterator(E)) end),
    p("take_smallest", fun() -> gb_trees:take_smallest(T5) end),
    p("take_largest", fun() -> gb_trees:take_largest(T5) end),
    p("smallest largest", fun() -> {gb_trees:smallest(T5), gb_trees:largest(T5)} end),
    p("take_smallest empty", fun() -> gb_trees:take_smallest(E) end),
    p("largest empty", fun() -> gb_trees:largest(E) end),
    p("drain", fun() -> drain_small(Seq) end),
    p("take", fun() -> {gb_trees:take(3, T5), gb_trees:take_any(9, T5) =:= error} end),
    p("take missing", fun() -> gb_trees:take(9, T5) end),
    p("fold via to_list", fun() -> lists:foldl(fun({K, V}, A) -> A + K * V end, 0, gb_trees:to_list(T5)) end),
    p("keys values", fun() -> {gb_trees:keys(T5), gb_trees:values(T5)} end),
    p("map", fun() -> gb_trees:map(fun(K, V) -> K + V end, T5) end),
    p("mixed keys", fun() -> gb_trees:keys(lists:foldl(fun(K, T) -> gb_trees:enter(K, x, T) end, E, [b, 1, "s", {t}, 2.5, [], a])) end),
    p("1 vs 1.0", fun() -> gb_trees:insert(1.0, f, gb_trees:insert(1, i, E)) end),
    p("many", fun() -> T = lists:foldl(fun(K, A) -> gb_trees:insert((K * 37) rem 101, K, A) end, E, lists:seq(1, 100)), {gb_trees:size(T), gb_trees:smallest(T), gb_trees:largest(T), element(1, gb_trees:take_largest(T))} end),
    p("many deletes", fun() -> T = gb_trees:from_orddict([{K, K} || K <- lists:seq(1, 50)]), T2 = lists:foldl(fun gb_trees:delete/2, T, lists:seq(1, 50, 2)), {gb_trees:size(T2), gb_trees:keys(T2)} end),
    p("bad tree", fun() -> gb_trees:size(id(not_tree)) end),
    ok.
