% kiln conformance-next: is_map, map_size, is_map_key and map_get in guards and bodies
-module(map_guards).
-export([main/1]).
-mode(compile).

main(_) ->
    Vals = [#{}, #{a => 1}, #{a => 2, b => 3}, #{b => 1}, [], {}, a, 1, #{a => x}],
    [io:format("~p -> ~p~n", [V, classify(V)]) || V <- Vals],
    [io:format("~p -> ~p~n", [V, g2(V)]) || V <- Vals],
    io:format("~p~n", [[is_map(V) || V <- Vals]]),
    io:format("~p~n", [[is_map_key(a, V) || V <- Vals, is_map(V)]]),
    t(is_map_key_badmap, fun() -> is_map_key(a, id([])) end),
    t(maps_is_key_badmap, fun() -> maps:is_key(a, id(x)) end),
    t(map_size_body, fun() -> map_size(id(#{1 => 2, 3 => 4})) end),
    t(guard_fail_silent, fun() -> E = id(#{}), if map_get(z, E) =:= 1 -> yes; true -> no end end),
    t(guard_orelse, fun() -> F = fun(X) when is_map_key(k, X) orelse is_list(X) -> ok; (_) -> no end,
                             [F(#{k => 1}), F([]), F(#{}), F(3)] end),
    t(guard_andalso, fun() -> F = fun(X) when is_map(X) andalso map_size(X) > 1 -> big; (_) -> small end,
                              [F(#{}), F(#{a => 1, b => 2}), F(1)] end),
    ok.

classify(M) when is_map(M), map_size(M) =:= 0 -> empty;
classify(M) when is_map_key(a, M), map_get(a, M) > 1 -> a_big;
classify(M) when is_map_key(a, M), is_integer(map_get(a, M)) -> a_small;
classify(M) when is_map_key(a, M) -> a_other;
classify(M) when is_map(M) -> {map, map_size(M)};
classify(_) -> not_map.

g2(M) when map_get(b, M) =:= 3; map_get(a, M) =:= 1 -> hit;
g2(_) -> miss.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
