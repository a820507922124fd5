% kiln conformance: stdlib gb_sets: every exported function, tree shapes, error cases
-module(stdlib_gb_sets).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    E = gb_sets:empty(),
    p("empty", fun() -> {E, gb_sets:new(), gb_sets:is_empty(E), gb_sets:size(E), gb_sets:is_set(E)} end),
    S1 = lists:foldl(fun gb_sets:insert/2, E, lists:seq(1, 15)),
    p("sequential", fun() -> S1 end),
    S2 = lists:foldl(fun gb_sets:add/2, E, [(X * 13) rem 47 || X <- lists:seq(1, 60)]),
    p("scattered", fun() -> S2 end),
    p("singleton", fun() -> gb_sets:singleton(a) end),
    p("is_member", fun() -> {gb_sets:is_member(3, S1), gb_sets:is_element(30, S1), gb_sets:is_member(3.0, S1)} end),
    p("insert dup", fun() -> gb_sets:insert(3, S1) end),
    p("add dup", fun() -> gb_sets:add_element(3, S1) =:= S1 end),
    p("delete", fun() -> gb_sets:delete(8, S1) end),
    p("delete missing", fun() -> gb_sets:delete(80, S1) end),
    p("delete_any", fun() -> {gb_sets:delete_any(80, S1) =:= S1, gb_sets:del_element(15, S1)} end),
    p("balance", fun() -> gb_sets:balance(lists:foldl(fun gb_sets:delete/2, S2, lists:seq(0, 30))) end),
    Small = gb_sets:from_list([3, 5, 100, 7]),
    Big = gb_sets:from_list(lists:seq(1, 60, 2)),
    Mid = gb_sets:from_list(lists:seq(2, 24, 2)),
    p("from_list", fun() -> {Small, gb_sets:from_list([b, a, c, a])} end),
    p("from_ordset", fun() -> gb_sets:from_ordset([1, 2, 3, 4, 5, 6]) end),
    p("union small", fun() -> gb_sets:union(Small, gb_sets:from_list([1, 5, 9])) end),
    p("union lookup", fun() -> gb_sets:union(Small, Big) end),
    p("union merge", fun() -> gb_sets:union(Mid, Big) end),
    p("union swapped", fun() -> gb_sets:union(Big, Small) end),
    p("union list", fun() -> {gb_sets:union([Small, Mid, gb_sets:singleton(0)]), gb_sets:union([])} end),
    p("intersection", fun() -> {gb_sets:intersection(Small, Big), gb_sets:intersection(Mid, Big), gb_sets:intersection(Big, Small)} end),
    p("intersection small", fun() -> gb_sets:intersection(Small, gb_sets:from_list([1, 3, 7])) end),
    p("intersection list", fun() -> gb_sets:intersection([Big, Small, gb_sets:from_list([5, 7])]) end),
    p("intersection empty list", fun() -> gb_sets:intersection([]) end),
    p("is_disjoint", fun() -> {gb_sets:is_disjoint(Small, Mid), gb_sets:is_disjoint(Small, Big), gb_sets:is_disjoint(Big, Mid)} end),
    p("difference", fun() -> {gb_sets:difference(Small, Big), gb_sets:subtract(Big, Small), gb_sets:difference(Mid, Big)} end),
    p("difference small", fun() -> gb_sets:difference(Small, gb_sets:from_list([3, 4])) end),
    p("is_subset", fun() -> {gb_sets:is_subset(gb_sets:from_list([3, 5]), Big), gb_sets:is_subset(Small, Big), gb_sets:is_subset(Mid, Mid), gb_sets:is_subset(gb_sets:from_list([1, 3]), Small)} end),
    p("to_list", fun() -> gb_sets:to_list(S2) end),
    p("smallest", fun() -> {gb_sets:smallest(S2), gb_sets:largest(S2)} end),
    p("smallest empty", fun() -> gb_sets:smallest(E) end),
    p("take_smallest", fun() -> gb_sets:take_smallest(S1) end),
    p("take_largest", fun() -> gb_sets:take_largest(S1) end),
    p("take_largest empty", fun() -> gb_sets:take_largest(E) end),
    p("iterator", fun() -> gb_sets:iterator(S1) end),
    p("next", fun() -> walk(gb_sets:iterator(S1)) end),
    p("iterator_from", fun() -> walk(gb_sets:iterator_from(9, S1)) end),
    p("filter", fun() -> gb_sets:filter(fun(X) -> X rem 3 =:= 0 end, S2) end),
    p("fold", fun() -> gb_sets:fold(fun(X, A) -> [X | A] end, [], S1) end),
    p("is_set", fun() -> {gb_sets:is_set(S1), gb_sets:is_set({1, 2}), gb_sets:is_set([])} end),
    ok.

walk(I) ->
    case gb_sets:next(I) of
        none -> [];
        {K, I1} -> [K | walk(I1)]
    end.
