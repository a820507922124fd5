% kiln conformance: exceptions of the maps module and the map BIFs (no map syntax)
-module(maps_module_errors).
-export([main/1]).
-mode(compile).

main(_) ->
    M = maps:from_list([{a, 1}]),
    %% Bad arguments read back from the process dictionary, so that OTP's
    %% compiler cannot tell the calls will fail (and warn on stdout).
    Nope = opaque(nope),
    Nope1 = opaque(nope1),
    Nope2 = opaque(nope2),
    NotAMap = opaque(not_a_map),
    Nil = opaque([]),
    Empty = opaque({}),
    FortyTwo = opaque(42),
    F1 = fun(X) -> X end,
    F2 = fun(_, _) -> true end,
    F3 = fun(_, _, V) -> V end,
    Cases =
        [fun() -> maps:get(zz, M) end,
         fun() -> maps:get(a, NotAMap) end,
         fun() -> maps:get(a, Nil, default) end,
         fun() -> maps:find(a, FortyTwo) end,
         fun() -> maps:put(k, v, Empty) end,
         fun() -> maps:update(zz, 1, M) end,
         fun() -> maps:update(a, 1, Nope) end,
         fun() -> maps:remove(a, Nope) end,
         fun() -> maps:take(a, Nope) end,
         fun() -> maps:is_key(a, Nope) end,
         fun() -> maps:size(Nope) end,
         fun() -> maps:keys(Nope) end,
         fun() -> maps:values(Nope) end,
         fun() -> maps:to_list(Nope) end,
         fun() -> maps:from_list(Nope) end,
         fun() -> maps:from_list([{a, 1}, b]) end,
         fun() -> maps:from_list([{a, 1} | b]) end,
         fun() -> maps:from_keys(Nope, 1) end,
         fun() -> maps:merge(Nope1, Nope2) end,
         fun() -> maps:merge(M, Nope2) end,
         fun() -> maps:with(Nope, M) end,
         fun() -> maps:with([a], Nope) end,
         fun() -> maps:with([a | b], M) end,
         fun() -> maps:without([a], Nope) end,
         fun() -> map_size(Nope) end,
         fun() -> map_get(zz, M) end,
         fun() -> map_get(a, Nope) end,
         fun() -> is_map_key(a, Nope) end,
         fun() -> maps:fold(F3, 0, Nope) end,
         fun() -> maps:fold(Nope, 0, M) end,
         fun() -> maps:map(F2, Nope) end,
         fun() -> maps:map(Nope, Nope) end,
         fun() -> maps:filter(fun(_, _) -> maybe end, M) end,
         fun() -> maps:filtermap(fun(_, _) -> {true} end, M) end,
         fun() -> maps:foreach(Nope, M) end,
         fun() -> maps:update_with(zz, F1, M) end,
         fun() -> maps:update_with(a, F1, Nope) end,
         fun() -> maps:update_with(a, Nope, M) end,
         fun() -> maps:update_with(a, F1, 0, Nope) end,
         fun() -> maps:merge_with(F3, Nope1, Nope2) end,
         fun() -> maps:merge_with(F3, M, Nope2) end,
         fun() -> maps:merge_with(Nope, M, M) end,
         fun() -> maps:intersect(Nope1, M) end,
         fun() -> maps:intersect_with(Nope, M, M) end,
         fun() -> maps:groups_from_list(Nope, [1]) end,
         fun() -> maps:groups_from_list(F1, [a | b]) end,
         fun() -> maps:groups_from_list(F1, F1, Nope) end,
         fun() -> maps:iterator(Nope) end,
         fun() -> maps:next(Nope) end,
         fun() -> maps:next([0 | Nope]) end,
         fun() -> maps:next([5 | M]) end,
         fun() -> maps:fold(F3, 0, [0 | Nope]) end,
         fun() -> maps:fold(F3, 0, {a, 1, Nope}) end],
    lists:foreach(fun(F) -> io:format("~p~n", [try F() catch C:R -> {C, R} end]) end, Cases),
    %% Guard BIFs fail the guard instead of raising.
    io:format("~p~n", [[guarded(X) || X <- [M, maps:from_list([{a, x}, {b, y}]), Nope, FortyTwo]]]).

opaque(X) ->
    put(opaque, X),
    get(opaque).

guarded(X) when map_size(X) > 1 -> big;
guarded(X) when is_map_key(a, X), map_get(a, X) =:= 1 -> a_is_one;
guarded(X) when is_map(X) -> other_map;
guarded(_) -> not_a_map.
