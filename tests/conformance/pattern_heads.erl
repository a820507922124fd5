% kiln conformance: pattern matching in function heads
-module(pattern_heads).
-export([main/1]).
-mode(compile).

main(_) ->
    Inputs = [0, 1, 2, foo, bar, {}, {x}, {x, y}, {pair, 1, 1}, {pair, 1, 2},
              [], [a], [a, b], [a, b, c, d], "prefix:rest", {nested, {deep, [7]}}],
    each(Inputs),
    io:format("~p~n", [same(1, 1)]),
    io:format("~p~n", [same(1, 2)]),
    io:format("~p~n", [same({a, [b]}, {a, [b]})]),
    io:format("~p~n", [area({square, 3})]),
    io:format("~p~n", [area({rect, 2, 5})]),
    io:format("~p~n", [area({triangle, 4, 6})]),
    io:format("~p~n", [fact(10)]).

each([]) -> ok;
each([X | T]) ->
    io:format("~p -> ~p~n", [X, match(X)]),
    each(T).

match(0) -> zero;
match(1) -> one;
match(foo) -> the_atom_foo;
match(N) when is_integer(N) -> {int, N};
match({}) -> empty_tuple;
match({X}) -> {one_tuple, X};
match({pair, Same, Same}) -> {same_pair, Same};
match({pair, A, B}) -> {diff_pair, A, B};
match({nested, {deep, [V]}}) -> {deep_value, V};
match({_, _}) -> two_tuple;
match([]) -> empty_list;
match([X]) -> {singleton, X};
match([X, Y]) -> {two, X, Y};
match("prefix:" ++ Rest) -> {prefixed, Rest};
match([X, _ | Rest]) -> {long, X, length(Rest)};
match(Other) -> {other, Other}.

same(X, X) -> true;
same(_, _) -> false.

area({square, S}) -> S * S;
area({rect, W, H}) -> W * H;
area({triangle, B, H}) -> B * H div 2.

fact(0) -> 1;
fact(N) when N > 0 -> N * fact(N - 1).
