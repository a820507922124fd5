% kiln conformance: stdlib queue: original, extended and Okasaki APIs, shapes, error cases
-module(stdlib_queue).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    E = queue:new(),
    Q = queue:from_list([1, 2, 3, 4, 5, 6, 7]),
    Q2 = lists:foldl(fun queue:in/2, E, [a, b, c, d, e]),
    p("new", fun() -> {E, queue:is_queue(E), queue:is_empty(E), queue:len(E)} end),
    p("from_list", fun() -> {Q, queue:from_list([]), queue:from_list([x]), queue:from_list([x, y])} end),
    p("from_list bad", fun() -> queue:from_list(x) end),
    p("in", fun() -> Q2 end),
    p("in_r", fun() -> lists:foldl(fun queue:in_r/2, E, [a, b, c, d]) end),
    p("is_queue", fun() -> {queue:is_queue(Q), queue:is_queue({a, b}), queue:is_queue(x)} end),
    p("is_empty bad", fun() -> queue:is_empty(x) end),
    p("len", fun() -> {queue:len(Q), queue:len(Q2)} end),
    p("len bad", fun() -> queue:len({a, b}) end),
    p("to_list", fun() -> {queue:to_list(Q), queue:to_list(Q2)} end),
    p("member", fun() -> {queue:member(3, Q), queue:member(9, Q), queue:member(a, Q2)} end),
    p("out", fun() -> drain(fun queue:out/1, Q2) end),
    p("out_r", fun() -> drain(fun queue:out_r/1, Q2) end),
    p("out mixed", fun() -> {V1, Qa} = queue:out(Q), {V2, Qb} = queue:out_r(Qa), {V3, Qc} = queue:out(queue:in(z, Qb)), {V1, V2, V3, Qc} end),
    p("out empty", fun() -> queue:out(E) end),
    p("out bad", fun() -> queue:out(x) end),
    p("get", fun() -> {queue:get(Q), queue:get(Q2), queue:get_r(Q), queue:get_r(Q2)} end),
    p("get empty", fun() -> queue:get(E) end),
    p("get_r empty", fun() -> queue:get_r(E) end),
    p("peek", fun() -> {queue:peek(Q), queue:peek_r(Q), queue:peek(E), queue:peek_r(E), queue:peek(Q2), queue:peek_r(Q2)} end),
    p("drop", fun() -> {queue:drop(Q), queue:drop(Q2), queue:drop_r(Q), queue:drop_r(Q2), queue:drop(queue:from_list([1]))} end),
    p("drop empty", fun() -> queue:drop(E) end),
    p("drop_r empty", fun() -> queue:drop_r(E) end),
    p("reverse", fun() -> {queue:reverse(Q), queue:to_list(queue:reverse(Q2))} end),
    p("join", fun() -> {queue:join(Q, Q2), queue:join(E, Q), queue:join(Q, E)} end),
    p("split", fun() -> [queue:split(N, Q) || N <- lists:seq(0, 7)] end),
    p("split in", fun() -> [queue:split(N, Q2) || N <- [1, 2, 4]] end),
    p("split past", fun() -> queue:split(8, Q) end),
    p("split neg", fun() -> queue:split(-1, Q) end),
    p("filter", fun() -> {queue:filter(fun(X) -> X rem 2 =:= 0 end, Q), queue:filter(fun(X) -> [X, X] end, Q2), queue:filter(fun(X) -> X > 5 end, Q), queue:filter(fun(X) -> X < 3 end, Q)} end),
    p("filter bad", fun() -> queue:filter(fun(_) -> true end, x) end),
    p("filtermap", fun() -> queue:filtermap(fun(X) when X > 4 -> {true, X * 10}; (X) -> X =:= 1 end, Q) end),
    p("fold", fun() -> queue:fold(fun(X, A) -> [X | A] end, [], Q) end),
    p("any all", fun() -> {queue:any(fun(X) -> X > 6 end, Q), queue:any(fun(X) -> X > 7 end, Q), queue:all(fun(X) -> X > 0 end, Q), queue:all(fun(X) -> X > 1 end, Q)} end),
    p("delete", fun() -> {queue:delete(3, Q), queue:delete(7, Q), queue:delete(1, Q), queue:delete(9, Q), queue:delete(a, queue:from_list([a]))} end),
    p("delete_r", fun() -> {queue:delete_r(3, queue:from_list([3, 1, 3, 2])), queue:delete_r(9, Q)} end),
    p("delete_with", fun() -> {queue:delete_with(fun(X) -> X > 2 end, Q), queue:delete_with_r(fun(X) -> X > 2 end, Q)} end),
    p("okasaki", fun() -> {queue:cons(0, Q), queue:head(Q), queue:tail(Q), queue:snoc(Q, 8), queue:last(Q), queue:daeh(Q), queue:init(Q), queue:liat(Q), (id(queue)):lait(Q)} end),
    p("head empty", fun() -> queue:head(E) end),
    p("last empty", fun() -> queue:last(E) end),
    p("tail empty", fun() -> queue:tail(E) end),
    ok.

id(X) -> X.

drain(Out, Q) ->
    case Out(Q) of
        {empty, _} -> [];
        {{value, V}, Q1} -> [{V, Q1} | drain(Out, Q1)]
    end.
