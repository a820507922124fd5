% kiln conformance: erlang:display/1 only (no io:format): tuples, lists, strings, nesting
-module(display_terms).
-export([main/1]).
-mode(compile).

main(Args) ->
    erlang:display({}),
    erlang:display({a, 1}),
    erlang:display({a, {b, {c}}}),
    erlang:display([]),
    erlang:display([1, 2, 3]),
    erlang:display([1 | 2]),
    erlang:display("hello"),
    erlang:display([104, 105]),
    erlang:display([1, "two", three, {4}]),
    erlang:display([[], [[]]]),
    erlang:display(Args),
    erlang:display(length(Args)),
    erlang:display(lists:reverse([1, 2, 3])),
    erlang:display(element(2, {x, y, z})),
    erlang:display(setelement(1, {x, y}, w)),
    erlang:display([X * X || X <- [1, 2, 3, 4]]),
    erlang:display(atom_to_list(abc)),
    erlang:display(list_to_atom("xyz")),
    erlang:display({'EXIT', "a b", 'c d'}).
