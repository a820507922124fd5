% ETS select/3, match/3, match_object/3, select_reverse/3 and their continuations.
-module(ets_select_chunks).
-export([main/1]).
-mode(compile).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

%% Every chunk's length, and all results.
chunks('$end_of_table', Lens, All) -> {lists:reverse(Lens), All};
chunks({L, Cont}, Lens, All) -> chunks(next(Cont), [length(L) | Lens], All ++ L).

next('$end_of_table') -> '$end_of_table';
next(Cont) -> ets:select(Cont).

main(_) ->
    [run(T) || T <- [set, ordered_set, bag, duplicate_bag]],
    ok.

run(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(c, [Type]),
    ets:insert(T, [{I, I rem 3} || I <- lists:seq(1, 20)]),
    MS = [{{'$1', '$2'}, [{'=/=', '$2', 0}], ['$1']}],
    {Lens, All} = chunks(ets:select(T, MS, 5), [], []),
    p("select/3 chunks", Lens),
    p("select/3 all", lists:sort(All)),
    {Lens2, All2} = chunks(ets:select(T, [{{'$1', '_'}, [], ['$1']}], 4), [], []),
    p("exact multiple", {Lens2, lists:sort(All2)}),
    {Lens3, All3} = chunks(ets:select(T, MS, 100), [], []),
    p("one chunk", {Lens3, lists:sort(All3)}),
    p("nothing", ets:select(T, [{{'$1', '_'}, [{'>', '$1', 100}], ['$1']}], 3)),
    {RLens, RAll} = chunks(ets:select_reverse(T, MS, 5), [], []),
    p("select_reverse/3 chunks", RLens),
    case Type of
        ordered_set ->
            p("select/3 order", All),
            p("select_reverse/3 order", RAll),
            {_, MAll} = chunks(ets:match(T, {'$1', 1}, 3), [], []),
            p("match/3", MAll),
            {_, OAll} = chunks(ets:match_object(T, {'_', 2}, 3), [], []),
            p("match_object/3", OAll);
        _ ->
            p("select_reverse/3 all", lists:sort(RAll)),
            {_, MAll} = chunks(ets:match(T, {'$1', 1}, 3), [], []),
            p("match/3", lists:sort(MAll)),
            {_, OAll} = chunks(ets:match_object(T, {'_', 2}, 3), [], []),
            p("match_object/3", lists:sort(OAll))
    end,
    {M1, C1} = ets:match(T, {'$1', '_'}, 2),
    {M2, _} = ets:match(C1),
    p("match/1", {length(M1), length(M2)}),
    {O1, D1} = ets:match_object(T, '_', 2),
    {O2, _} = ets:match_object(D1),
    p("match_object/1", {length(O1), length(O2)}),
    {S1, E1} = ets:select_reverse(T, MS, 2),
    {S2, _} = ets:select_reverse(E1),
    p("select_reverse/1", {length(S1), length(S2)}),
    %% Objects inserted after a chunk was taken are seen or not, but a
    %% continuation always works.
    {_, C4} = ets:select(T, MS, 3),
    ets:insert(T, {100, 1}),
    p("continue after insert", is_tuple(ets:select(C4))),
    p("limit 0", e(fun() -> ets:select(T, MS, id(0)) end)),
    p("limit -1", e(fun() -> ets:match(T, '_', id(-1)) end)),
    {_, C5} = ets:select(T, MS, 3),
    ets:delete(T),
    p("continue deleted table", e(fun() -> ets:select(C5) end)).
