% kiln conformance-next: records in guards and patterns; is_record/2,3
-module(rec_guards).
-export([main/1]).
-mode(compile).

-record(a, {x, y}).
-record(b, {x}).
-record(shape, {kind, size = 1}).

main(_) ->
    Vals = [#a{x = 1, y = 2}, #b{x = 1}, #a{x = 10}, {a, 1}, {a, 1, 2, 3}, {b}, a, [], #shape{kind = sq, size = 4},
            #shape{kind = circle}, {shape, tri, 0}],
    [io:format("~p -> ~p ~p ~p~n", [V, g(V), h(V), rec(V)]) || V <- Vals],
    io:format("~p~n", [[is_record(V, a) || V <- Vals]]),
    io:format("~p~n", [[is_record(V, a, 3) || V <- Vals]]),
    io:format("~p~n", [[is_record(V, a, 4) || V <- Vals]]),
    io:format("~p~n", [[is_record(V, id(b), 2) || V <- Vals]]),
    io:format("~p~n", [[erlang:is_record(V, shape) || V <- Vals]]),
    io:format("~p~n", [[big(S) || S <- Vals]]),
    try is_record(id(#a{}), id("a"), 3) of R -> io:format("~p~n", [R])
    catch C:E -> io:format("~p~n", [{C, E}]) end,
    ok.

g(R) when is_record(R, a) -> is_a;
g(R) when is_record(R, b, 2) -> is_b;
g(_) -> other.

h(#a{x = X}) when X > 5 -> {big_a, X};
h(#a{x = X, y = undefined}) -> {a_no_y, X};
h(#a{y = Y}) -> {a, Y};
h(#b{}) -> b;
h(_) -> none.

rec(R) when R#a.x =:= 1 -> x_is_one;
rec(R) when R#b.x =/= 1; R#shape.size > 2 -> b_or_big_shape;
rec(_) -> no.

big(S) when is_record(S, shape), S#shape.size >= 4 -> big;
big(#shape{kind = K}) -> {small, K};
big(_) -> '-'.

id(X) -> X.
