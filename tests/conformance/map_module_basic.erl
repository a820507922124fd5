% kiln conformance-next: maps module basics: get/find/put/remove/take/update/keys/values/lists/merge/with/without
-module(map_module_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    M = id(#{a => 1, b => 2, c => 3}),
    t(get, fun() -> maps:get(a, M) end),
    t(get_default, fun() -> {maps:get(z, M, dflt), maps:get(a, M, dflt)} end),
    t(get_badkey, fun() -> maps:get(z, M) end),
    t(get_badmap, fun() -> maps:get(z, id(x), 1) end),
    t(find, fun() -> {maps:find(a, M), maps:find(z, M)} end),
    t(find_badmap, fun() -> maps:find(a, id([])) end),
    t(put, fun() -> maps:put(d, 4, M) end),
    t(put_existing, fun() -> maps:put(a, 0, M) end),
    t(put_badmap, fun() -> maps:put(a, 0, id(0)) end),
    t(remove, fun() -> maps:remove(a, M) end),
    t(remove_missing, fun() -> maps:remove(z, M) end),
    t(remove_badmap, fun() -> maps:remove(z, id(<<>>)) end),
    t(take, fun() -> maps:take(b, M) end),
    t(take_missing, fun() -> maps:take(z, M) end),
    t(update, fun() -> maps:update(c, 30, M) end),
    t(update_badkey, fun() -> maps:update(z, 30, M) end),
    t(keys, fun() -> maps:keys(M) end),
    t(values, fun() -> maps:values(M) end),
    t(to_list, fun() -> maps:to_list(M) end),
    t(from_list, fun() -> maps:from_list([{x, 1}, {y, 2}, {x, 3}]) end),
    t(from_list_bad, fun() -> maps:from_list([{x, 1}, y]) end),
    t(from_list_empty, fun() -> maps:from_list([]) end),
    t(from_keys, fun() -> maps:from_keys([a, b, a], 0) end),
    t(merge, fun() -> maps:merge(M, #{c => 30, d => 40}) end),
    t(merge_empty, fun() -> {maps:merge(#{}, M), maps:merge(M, #{})} end),
    t(merge_badmap, fun() -> maps:merge(M, id(x)) end),
    t(with, fun() -> maps:with([a, c, z], M) end),
    t(without, fun() -> maps:without([a, c, z], M) end),
    t(with_badarg, fun() -> maps:with(id(a), M) end),
    t(is_key, fun() -> {maps:is_key(a, M), maps:is_key(1, M)} end),
    t(size, fun() -> {maps:size(M), maps:size(#{})} end),
    t(new, fun() -> maps:new() end),
    t(identity, fun() -> maps:from_list(maps:to_list(M)) =:= M end),
    t(numeric_keys, fun() -> N = #{1 => a, 1.0 => b}, {maps:get(1, N), maps:get(1.0, N), maps:find(2, N)} end),
    t(keys_mixed, fun() -> maps:keys(#{b => 1, 2 => 2, "c" => 3, {d} => 4, 1.5 => 5}) end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
