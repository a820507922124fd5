% ETS functions OTP writes in Erlang (ets.erl) over the BIFs: foldl, foldr, tab2list, test_ms,
% match_spec_run, delete_all_objects, select_delete, match_delete, repair_continuation, all.
-module(ets_library).
-export([main/1]).
-mode(compile).

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main(_) ->
    [run(T) || T <- [set, ordered_set, bag, duplicate_bag]],
    MS = [{{'$1', '$2'}, [{'>', '$2', 1}], [{{'$2', '$1'}}]}],
    p("test_ms", ets:test_ms({a, 2}, MS)),
    p("test_ms no match", ets:test_ms({a, 1}, MS)),
    p("test_ms error", ets:test_ms({a, 1}, [{'$1', [], ['$2']}])),
    p("match_spec_run", ets:match_spec_run([{a, 1}, {b, 2}, {c, 3}], ets:match_spec_compile(MS))),
    T = ets:new(lib_named, [named_table]),
    p("all", lists:member(T, ets:all())),
    ok.

run(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(l, [Type]),
    ets:insert(T, [{I, I * 2} || I <- lists:seq(1, 8)] ++ [{1, extra}]),
    p("tab2list", lists:sort(ets:tab2list(T))),
    p("foldl", lists:sort(ets:foldl(fun({K, _}, Acc) -> [K | Acc] end, [], T))),
    p("foldr", lists:sort(ets:foldr(fun({_, V}, Acc) -> [V | Acc] end, [], T))),
    p("match_delete", ets:match_delete(T, {'_', extra})),
    p("select_delete", ets:select_delete(T, [{{'$1', '_'}, [{'>', '$1', 6}], [true]}])),
    p("left", lists:sort(ets:tab2list(T))),
    {_, C} = ets:select(T, [{'_', [], ['$_']}], 2),
    p("repair_continuation", length(element(1, ets:select(ets:repair_continuation(C, [{'_', [], ['$_']}]))))),
    p("select_delete all", ets:select_delete(T, [{'_', [], [true]}])),
    ets:insert(T, {x, y}),
    p("delete_all_objects", {ets:delete_all_objects(T), ets:info(T, size)}).
