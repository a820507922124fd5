% kiln conformance-next: map construction, => and := update, badkey and badmap errors
-module(map_construct).
-export([main/1]).
-mode(compile).

main(_) ->
    M0 = #{},
    M1 = #{a => 1, b => 2},
    K = id(key),
    M2 = #{K => value, {t, 1} => [list], "str" => <<"bin">>, 1 => one, 1.0 => float_one},
    p(M0), p(M1), p(M2),
    p(#{a => 1, id(a) => 2}),
    p(#{id(a) => 1, id(a) => 2}),
    p(M1#{c => 3}),
    p(M1#{a := 10}),
    p(M1#{a => 10, d => 4}),
    p(M1#{a := 10, b := 20}),
    p((id(M1))#{a => x, id(a) => y}),
    p(M2#{1 := uno}),
    p(M2#{1.0 := uno_float}),
    p(#{M1 => map_key, [] => nil, <<>> => empty_bin}),
    Nested = #{outer => #{inner => #{deep => 1}}},
    p(Nested),
    #{outer := #{inner := Inner}} = Nested,
    p(Inner),
    p(Nested#{outer := (maps:get(outer, Nested))#{inner := #{deep => 2}}}),
    p(map_size(M2)),
    p(#{a => 1} =:= #{a => 1.0}),
    p(#{a => 1} == #{a => 1.0}),
    p(#{1 => a} =:= #{1.0 => a}),
    p(#{1 => a} == #{1.0 => a}),
    p(maps:get(1, #{1.0 => a, 1 => b})),
    t(badkey_update, fun() -> (id(M1))#{c := 3} end),
    t(badkey_update_second, fun() -> (id(M1))#{a := 0, zz := 3} end),
    t(badmap_update, fun() -> (id(not_a_map))#{a => 1} end),
    t(badmap_update_exact, fun() -> (id([1, 2]))#{a := 1} end),
    t(badkey_get, fun() -> maps:get(missing, id(M1)) end),
    t(badmap_get, fun() -> maps:get(a, id({a, 1})) end),
    t(map_get_bif, fun() -> map_get(a, id(M1)) end),
    t(map_get_badkey, fun() -> map_get(zz, id(M1)) end),
    t(map_get_badmap, fun() -> map_get(a, id(1)) end),
    t(badmatch_map, fun() -> #{c := _} = id(M1) end),
    t(map_size_bad, fun() -> map_size(id([])) end),
    t(big, fun() -> M = maps:from_list([{I, I * I} || I <- lists:seq(1, 100)]),
                    {map_size(M), maps:get(50, M), lists:sum(maps:values(M))} end),
    t(big_update, fun() -> M = maps:from_list([{I, I} || I <- lists:seq(1, 40)]),
                           M3 = M#{20 := twenty, 41 => new},
                           {map_size(M3), maps:get(20, M3), maps:get(41, M3)} end),
    ok.

p(T) -> io:format("~p~n~w~n", [T, T]).

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
