% kiln conformance: nested map updates, maps as keys, update_with, numeric keys, == vs =:= on maps
-module(map_update_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

put_in(M, [K], V) -> M#{K => V};
put_in(M, [K | Ks], V) ->
    Inner = maps:get(K, M, #{}),
    M#{K => put_in(Inner, Ks, V)}.

update_in(M, [K], F) -> #{K := Old} = M, M#{K := F(Old)};
update_in(M, [K | Ks], F) -> #{K := Inner} = M, M#{K := update_in(Inner, Ks, F)}.

main(_) ->
    M0 = id(#{a => #{b => #{c => 1}}, x => 0}),
    p("nested exact", fun() -> #{a := A} = M0, #{b := B} = A, M0#{a := A#{b := B#{c := 2, d => 3}}} end),
    p("put_in", fun() -> put_in(M0, [a, b, e], new) end),
    p("put_in new path", fun() -> put_in(M0, [p, q, r], deep) end),
    p("update_in", fun() -> update_in(M0, [a, b, c], fun(V) -> V + 100 end) end),
    p("update_in missing", fun() -> update_in(M0, [a, z, c], fun(V) -> V end) end),
    p("exact on missing", fun() -> (id(#{a => 1}))#{b := 2} end),
    p("update non-map", fun() -> (id(not_map))#{a => 1} end),
    p("exact non-map", fun() -> (id([1]))#{a := 1} end),
    MK = id(#{#{k => 1} => map_key, #{} => empty_key, [1, 2] => list_key, {t, #{}} => tuple_key}),
    p("maps as keys", fun() -> {maps:get(#{k => 1}, MK), maps:get(#{}, MK), maps:get({t, #{}}, MK), maps:find(#{k => 1.0}, MK)} end),
    p("maps as keys update", fun() -> MK#{#{k => 1} := changed, #{k => 2} => added} end),
    p("maps as keys match", fun() -> #{#{} := V} = MK, V end),
    p("update_with", fun() -> maps:update_with(a, fun(V) -> V * 2 end, #{a => 21}) end),
    p("update_with missing", fun() -> maps:update_with(b, fun(V) -> V * 2 end, #{a => 21}) end),
    p("update_with init", fun() -> maps:update_with(b, fun(V) -> V * 2 end, 7, #{a => 21}) end),
    p("update_with init present", fun() -> maps:update_with(a, fun(V) -> V * 2 end, 7, #{a => 21}) end),
    p("update_with badmap", fun() -> maps:update_with(a, fun(V) -> V end, id(nomap)) end),
    p("update_with badarg fun", fun() -> maps:update_with(a, id(notfun), #{a => 1}) end),
    Big = 1 bsl 100,
    MB = id(#{Big => big, -Big => neg_big, 1.0e300 => huge_float, 0.0 => pos_zero, 1 => int_one, 1.0 => float_one}),
    p("big keys", fun() -> {maps:get(1 bsl 100, MB), maps:get(-(1 bsl 100), MB), maps:get(1.0e300, MB)} end),
    p("zero keys", fun() -> {maps:find(0.0, MB), maps:find(-0.0, MB), maps:find(0, MB)} end),
    p("one keys", fun() -> {maps:get(1, MB), maps:get(1.0, MB), map_size(MB)} end),
    p("neg zero distinct", fun() -> M = #{0.0 => a, id(-0.0) => b}, {map_size(M), maps:get(0.0, M), maps:get(-0.0, M)} end),
    p("neg zero update", fun() -> (id(#{0.0 => a}))#{-0.0 => b} end),
    p("neg zero exact", fun() -> (id(#{0.0 => a}))#{-0.0 := b} end),
    p("big key sorted", fun() -> maps:keys(MB) end),
    p("big key update", fun() -> M = MB#{(1 bsl 100) := updated}, maps:get(Big, M) end),
    p("1 vs 1.0 keys ==", fun() -> {#{1 => a} == #{1.0 => a}, #{1 => a} =:= #{1.0 => a}} end),
    p("1 vs 1.0 values ==", fun() -> {#{a => 1} == #{a => 1.0}, #{a => 1} =:= #{a => 1.0}} end),
    p("order 1 vs 1.0 keys", fun() -> {#{1 => a} < #{1.0 => a}, #{1.0 => a} < #{1 => a}} end),
    p("order values", fun() -> {#{a => 1} < #{a => 1.0}, #{a => 1.0} < #{a => 1}, #{a => 1} < #{a => 2}} end),
    p("sort maps", fun() -> lists:sort([#{1.0 => x}, #{1 => x}, #{a => 1}, #{}, #{a => 1.0}, #{b => 0, a => 0}]) end),
    p("usort maps", fun() -> lists:usort([#{a => 1}, #{a => 1.0}, #{a => 1}]) end),
    p("fold build", fun() -> lists:foldl(fun(X, Acc) -> maps:update_with(X rem 3, fun(L) -> [X | L] end, [X], Acc) end, #{}, lists:seq(1, 10)) end),
    p("fold counts", fun() -> maps:fold(fun(K, V, Acc) -> Acc + K * V end, 0, #{1 => 2, 3 => 4, 5 => 6}) end),
    p("map over", fun() -> maps:map(fun(K, V) -> {K, V * V} end, #{a => 2, b => 3}) end),
    p("filtermap", fun() -> maps:filtermap(fun(_, V) when V > 1 -> {true, V * 10}; (_, _) -> false end, #{a => 1, b => 2, c => 3}) end),
    p("from_list dup", fun() -> maps:from_list([{a, 1}, {b, 2}, {a, 3}, {1, x}, {1.0, y}]) end),
    p("multi update", fun() -> (id(#{a => 1, b => 2, c => 3}))#{a := 10, b => 20, d => 40} end),
    p("update same key twice", fun() -> K = id(a), (id(#{}))#{K => 1, a => 2} end),
    p("large update", fun() -> M = maps:from_list([{I, I} || I <- lists:seq(1, 100)]), M2 = M#{50 := fifty, 101 => new}, {map_size(M2), maps:get(50, M2), maps:get(101, M2), maps:get(99, M2)} end),
    p("large to small", fun() -> M = maps:from_list([{I, I} || I <- lists:seq(1, 40)]), maps:without(lists:seq(1, 36), M) end),
    p("large 1 vs 1.0", fun() -> M = maps:from_list([{I, I} || I <- lists:seq(1, 40)]), M2 = M#{1.0 => float}, {map_size(M2), maps:get(1, M2), maps:get(1.0, M2), M == maps:remove(1.0, M2)} end),
    p("large ==", fun() -> A = maps:from_list([{I, I} || I <- lists:seq(1, 40)]), B = maps:from_list([{I, float(I)} || I <- lists:seq(1, 40)]), {A == B, A =:= B, A < B} end),
    p("nested == ", fun() -> {#{a => #{b => 1}} == #{a => #{b => 1.0}}, #{a => [1]} =:= #{a => [1.0]}} end),
    p("merge_with", fun() -> maps:merge_with(fun(_K, V1, V2) -> V1 + V2 end, #{a => 1, b => 2}, #{b => 10, c => 20}) end),
    p("intersect", fun() -> maps:intersect(#{a => 1, b => 2, 1 => x}, #{b => 3, 1.0 => y, 1 => z}) end),
    p("match float key", fun() -> case id(#{1.0 => f, 1 => i}) of #{1 := I, 1.0 := F} -> {I, F} end end),
    p("match big key", fun() -> case MB of #{Big := V} -> V; _ -> none end end),
    ok.
