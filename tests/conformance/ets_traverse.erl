% ETS traversal: first/next/last/prev/slot for every type, term order of ordered_set, safe_fixtable.
-module(ets_traverse).
-export([main/1]).
-mode(compile).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

walk(T, Next, '$end_of_table', Acc) -> _ = {T, Next}, lists:reverse(Acc);
walk(T, Next, K, Acc) -> walk(T, Next, ets:Next(T, K), [K | Acc]).

slots(T, I, Acc) ->
    case ets:slot(T, I) of
        '$end_of_table' -> {I, lists:sort(lists:append(Acc))};
        L -> slots(T, I + 1, [L | Acc])
    end.

main(_) ->
    ordered(),
    [hashed(T) || T <- [set, bag, duplicate_bag]],
    [fixed(T) || T <- [set, bag, duplicate_bag, ordered_set]],
    ok.

ordered() ->
    io:format("== ordered_set~n"),
    T = ets:new(o, [ordered_set]),
    Keys = [3, 1.5, a, "str", {1, 2}, <<"bin">>, [x], 2, -7, 100000000000000000000, {0}, b, []],
    ets:insert(T, [{K, v} || K <- Keys]),
    p("forward", walk(T, next, ets:first(T), [])),
    p("backward", walk(T, prev, ets:last(T), [])),
    p("next of missing", [ets:next(T, K) || K <- [0, 1.7, 2.5, aa, "zz", {1, 1}]]),
    p("prev of missing", [ets:prev(T, K) || K <- [0, 1.7, 2.5, aa, "zz", {1, 1}]]),
    p("next of last", ets:next(T, ets:last(T))),
    p("prev of first", ets:prev(T, ets:first(T))),
    p("slots", [ets:slot(T, I) || I <- [0, 1, 5, 12, 13]]),
    p("slot beyond", e(fun() -> ets:slot(T, id(14)) end)),
    p("1 == 1.0", {ets:insert(T, {2.0, float}), ets:lookup(T, 2), ets:member(T, 2.0)}),
    p("delete 2 deletes 2.0", {ets:delete(T, 2), ets:lookup(T, 2.0)}),
    p("match is exact", {ets:insert(T, {5, five}), ets:match_object(T, {5.0, '_'}), ets:match_object(T, {5, '_'})}),
    p("size", ets:info(T, size)).

hashed(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(h, [Type]),
    ets:insert(T, [{K, V} || K <- lists:seq(1, 50), V <- [x, y]]),
    ets:insert(T, [{1.0, float}, {"s", str}]),
    Fwd = walk(T, next, ets:first(T), []),
    p("forward count", length(Fwd)),
    p("forward has all", lists:all(fun(K) -> lists:member(K, Fwd) end, [1.0, "s" | lists:seq(1, 50)])),
    p("last is first", ets:last(T) =:= ets:first(T)),
    p("prev is next", [ets:prev(T, K) =:= ets:next(T, K) || K <- [1, 2, 3]]),
    {N, Objs} = slots(T, 0, []),
    p("slot count positive", N > 0),
    p("slot objects", length(Objs)),
    p("slot objects all", Objs =:= lists:sort(ets:match_object(T, '_'))),
    p("slot past end", e(fun() -> ets:slot(T, N + 1) end)),
    p("next missing", e(fun() -> ets:next(T, id(999)) end)),
    p("next missing float", e(fun() -> ets:next(T, id(2.0)) end)),
    p("empty after delete", begin [ets:delete(T, K) || K <- Fwd], ets:first(T) end).

fixed(Type) ->
    io:format("== fixed ~p~n", [Type]),
    T = ets:new(f, [Type]),
    ets:insert(T, [{K, K} || K <- lists:seq(1, 30)]),
    p("fix", ets:safe_fixtable(T, true)),
    p("fixed", ets:info(T, fixed)),
    {_, [{Pid, 1}]} = ets:info(T, safe_fixed),
    p("fixer", Pid =:= self()),
    {Mono, [{_, 1}]} = ets:info(T, safe_fixed_monotonic_time),
    p("monotonic", is_integer(Mono)),
    p("fix again", ets:safe_fixtable(T, true)),
    {_, [{_, 2}]} = ets:info(T, safe_fixed),
    %% Delete every object while walking: each key is still accepted by next/2.
    Seen = delete_walk(T, ets:first(T), []),
    p("walked", lists:sort(Seen)),
    p("size", ets:info(T, size)),
    p("unfix", ets:safe_fixtable(T, false)),
    p("still fixed", ets:info(T, fixed)),
    p("unfix", ets:safe_fixtable(T, false)),
    p("unfixed", {ets:info(T, fixed), ets:info(T, safe_fixed)}),
    p("unfix when not fixed", ets:safe_fixtable(T, false)),
    case Type of
        ordered_set -> p("next of deleted", ets:next(T, 5));
        _ -> p("next of deleted", e(fun() -> ets:next(T, id(5)) end))
    end.

delete_walk(_T, '$end_of_table', Acc) -> Acc;
delete_walk(T, K, Acc) ->
    ets:delete(T, K),
    delete_walk(T, ets:next(T, K), [K | Acc]).
