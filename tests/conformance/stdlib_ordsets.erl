% kiln conformance: stdlib ordsets: every exported function, error cases
-module(stdlib_ordsets).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    A = ordsets:from_list([5, 1, 3, 9, 7, 3, 1]),
    B = ordsets:from_list([2, 3, 4, 5, 6]),
    p("new", fun() -> ordsets:new() end),
    p("from_list", fun() -> {A, B, ordsets:from_list([b, a, "x", {1}, a])} end),
    p("is_set", fun() -> {ordsets:is_set(A), ordsets:is_set([2, 1]), ordsets:is_set([1, 1]), ordsets:is_set(x), ordsets:is_set([])} end),
    p("size", fun() -> {ordsets:size(A), ordsets:is_empty(A), ordsets:is_empty([])} end),
    p("to_list", fun() -> ordsets:to_list(A) end),
    p("is_element", fun() -> {ordsets:is_element(3, A), ordsets:is_element(4, A), ordsets:is_element(3.0, A), ordsets:is_element(100, A)} end),
    p("add_element", fun() -> {ordsets:add_element(4, A), ordsets:add_element(3, A), ordsets:add_element(10, A), ordsets:add_element(0, [])} end),
    p("del_element", fun() -> {ordsets:del_element(3, A), ordsets:del_element(4, A), ordsets:del_element(10, A)} end),
    p("union", fun() -> {ordsets:union(A, B), ordsets:union([], B), ordsets:union(A, [])} end),
    p("union mixed", fun() -> {ordsets:union([1, 2.0, 3], [1.0, 2, 4]), ordsets:union([1.0, 2, 4], [1, 2.0, 3])} end),
    p("union list", fun() -> {ordsets:union([A, B, [0, 100]]), ordsets:union([]), ordsets:union([A])} end),
    p("intersection", fun() -> {ordsets:intersection(A, B), ordsets:intersection(A, []), ordsets:intersection([1, 2.0], [1.0, 2])} end),
    p("intersection list", fun() -> {ordsets:intersection([A, B, [3, 4]]), ordsets:intersection([A])} end),
    p("intersection empty list", fun() -> ordsets:intersection([]) end),
    p("is_disjoint", fun() -> {ordsets:is_disjoint(A, B), ordsets:is_disjoint(A, [2, 4]), ordsets:is_disjoint([], A)} end),
    p("subtract", fun() -> {ordsets:subtract(A, B), ordsets:subtract(B, A), ordsets:subtract(A, [])} end),
    p("is_subset", fun() -> {ordsets:is_subset([3, 5], A), ordsets:is_subset([3, 4], A), ordsets:is_subset([], A), ordsets:is_subset(A, [])} end),
    p("fold", fun() -> ordsets:fold(fun(X, Acc) -> X + Acc end, 0, A) end),
    p("filter", fun() -> ordsets:filter(fun(X) -> X > 4 end, A) end),
    ok.
