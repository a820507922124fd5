% kiln conformance: queue shapes after mixed operations, folds, filters, splits, errors
-module(queue_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

drain(Q) ->
    case queue:out(Q) of
        {{value, V}, Q2} -> [V | drain(Q2)];
        {empty, _} -> []
    end.

main(_) ->
    E = queue:new(),
    Q10 = queue:from_list(lists:seq(1, 10)),
    p("shape in x5", fun() -> lists:foldl(fun queue:in/2, E, [1, 2, 3, 4, 5]) end),
    p("shape in_r x5", fun() -> lists:foldl(fun queue:in_r/2, E, [1, 2, 3, 4, 5]) end),
    p("shape from_list", fun() -> [queue:from_list(lists:seq(1, N)) || N <- [0, 1, 2, 3, 4]] end),
    p("shape after out", fun() -> {_, Q} = queue:out(Q10), Q end),
    p("shape after out_r", fun() -> {_, Q} = queue:out_r(Q10), Q end),
    p("shape out until rear", fun() -> Q = lists:foldl(fun queue:in/2, E, [a, b, c, d]), {V, Q2} = queue:out(Q), {V, Q2} end),
    p("shape out_r from front", fun() -> Q = lists:foldl(fun queue:in_r/2, E, [a, b, c, d]), queue:out_r(Q) end),
    p("alternating", fun() -> lists:foldl(fun(X, Q) when X rem 3 =:= 0 -> {_, Q2} = queue:out(Q), Q2; (X, Q) -> queue:in(X, Q) end, E, lists:seq(1, 12)) end),
    p("drain", fun() -> drain(lists:foldl(fun queue:in_r/2, Q10, [a, b])) end),
    p("reverse", fun() -> {queue:reverse(Q10), queue:to_list(queue:reverse(Q10))} end),
    p("join", fun() -> queue:join(queue:from_list([1, 2]), queue:from_list([3, 4])) end),
    p("join empty", fun() -> {queue:join(E, Q10) =:= Q10, queue:join(Q10, E) =:= Q10} end),
    p("split", fun() -> [queue:split(N, Q10) || N <- [0, 1, 5, 10]] end),
    p("split bad", fun() -> queue:split(11, Q10) end),
    p("filter", fun() -> queue:filter(fun(X) -> X rem 2 =:= 0 end, Q10) end),
    p("filter expand", fun() -> queue:to_list(queue:filter(fun(X) when X < 3 -> [X, X * 10]; (_) -> false end, Q10)) end),
    p("filter bad", fun() -> queue:filter(fun(_) -> maybe end, Q10) end),
    p("filtermap", fun() -> queue:to_list(queue:filtermap(fun(X) when X > 8 -> {true, {big, X}}; (X) -> X =:= 1 end, Q10)) end),
    p("fold via to_list", fun() -> lists:foldl(fun(X, A) -> A * 2 + X end, 0, queue:to_list(Q10)) end),
    p("fold", fun() -> queue:fold(fun(X, A) -> [X | A] end, [], Q10) end),
    p("any all", fun() -> {queue:any(fun(X) -> X > 9 end, Q10), queue:all(fun(X) -> X > 0 end, Q10), queue:all(fun(X) -> X > 1 end, Q10)} end),
    p("delete", fun() -> {queue:delete(5, Q10), queue:delete(99, Q10) =:= Q10, queue:delete_r(1, queue:from_list([1, 2, 1]))} end),
    p("delete_with", fun() -> queue:to_list(queue:delete_with(fun(X) -> X > 3 end, Q10)) end),
    p("head/last/drop", fun() -> {queue:head(Q10), queue:last(Q10), queue:daeh(Q10), queue:liat(Q10), queue:init(Q10), queue:tail(Q10)} end),
    p("peek", fun() -> {queue:peek(Q10), queue:peek_r(Q10), queue:peek(E), queue:peek_r(E)} end),
    p("drop empty", fun() -> queue:drop(E) end),
    p("drop_r empty", fun() -> queue:drop_r(E) end),
    p("head empty", fun() -> queue:head(E) end),
    p("get empty", fun() -> queue:get(E) end),
    p("cons snoc", fun() -> {queue:cons(0, Q10), queue:snoc(Q10, 11)} end),
    p("len after ops", fun() -> Q = queue:in(x, queue:drop(queue:drop_r(Q10))), {queue:len(Q), queue:to_list(Q)} end),
    p("member", fun() -> {queue:member(1.0, Q10), queue:member(1, Q10)} end),
    p("bad queue", fun() -> queue:in(1, id({bad})) end),
    p("bad from_list", fun() -> queue:from_list(id([1 | 2])) end),
    p("equal content", fun() -> A = queue:from_list([1, 2, 3]), B = queue:in(3, queue:in(2, queue:in(1, E))), {A =:= B, queue:to_list(A) =:= queue:to_list(B), A, B} end),
    p("big queue", fun() -> Q = lists:foldl(fun queue:in/2, E, lists:seq(1, 1000)), {Q2, _} = queue:split(500, Q), {queue:len(Q2), queue:peek_r(Q2)} end),
    ok.
