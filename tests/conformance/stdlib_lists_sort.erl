% kiln conformance: lists:sort/1, merge/1 and friends keep OTP's exact order
% for elements that compare equal without being identical (1 and 1.0)
-module(stdlib_lists_sort).
-export([main/1]).
-mode(compile).

%% A small deterministic generator (no rand module needed).
next(S) -> (S * 1103515245 + 12345) rem 2147483648.

gen(0, S, Acc) -> {Acc, S};
gen(N, S0, Acc) ->
    S1 = next(S0),
    V = (S1 div 65536) rem 5,
    E = case (S1 div 16) rem 3 of
            0 -> float(V);
            _ -> V
        end,
    gen(N - 1, S1, [E | Acc]).

cases(0, _, Acc) -> lists:reverse(Acc);
cases(K, S0, Acc) ->
    Len = (K * 7) rem 37,
    {L, S1} = gen(Len, S0, []),
    cases(K - 1, S1, [L | Acc]).

show(Tag, X) -> io:format("~s ~w~n", [Tag, X]).

main(_) ->
    Fixed = [[1.0, 1, 1, 0], [1, 1.0], [1.0, 1], [2, 1, 1.0], [1, 2, 1.0],
             [1.0, 2, 1], [1, 1.0, 1, 1.0, 0, 0.0, 2, 2.0],
             [3, 2.0, 2, 1, 1.0, 0, 0.0], [0, 0.0, 1, 1.0, 2, 2.0, 3.0, 3],
             [5, 4.0, 4, 6, 1.0, 1, 7, 0, 0.0, 8],
             [a, 1, 1.0, "x", 1.0, {1}, {1.0}, 1, [], 2.0, 2]],
    Rand = cases(60, 42, []),
    lists:foreach(fun(L) ->
                          show("in   ", L),
                          show("sort ", lists:sort(L)),
                          show("usort", lists:usort(L)),
                          show("sortf", lists:sort(fun(A, B) -> A =< B end, L)),
                          show("sortl", lists:sort(fun(A, B) -> A < B end, L)),
                          show("usrtf", lists:usort(fun(A, B) -> A =< B end, L)),
                          Keyed = lists:zip(L, lists:seq(1, length(L))),
                          show("ksort", lists:keysort(1, Keyed)),
                          show("uksrt", lists:ukeysort(1, Keyed))
                  end, Fixed ++ Rand),
    Groups = [[lists:sort(L) || L <- lists:sublist(Rand, I, N)]
              || {I, N} <- [{1, 0}, {1, 1}, {2, 2}, {3, 3}, {5, 4}, {9, 5},
                            {14, 7}, {20, 10}, {30, 13}]],
    lists:foreach(fun(Ls) ->
                          show("merge", lists:merge(Ls)),
                          show("umrge", lists:umerge([lists:usort(L) || L <- Ls]))
                  end, [[[], [1.0], [], [1]], [[1], [], [1.0], [1], []] | Groups]),
    [A, B, C | _] = [lists:sort(L) || L <- Rand],
    show("m3   ", lists:merge3(A, B, C)),
    show("m2   ", lists:merge(A, B)),
    show("um3  ", lists:umerge3(lists:usort(A), lists:usort(B), lists:usort(C))),
    show("um2  ", lists:umerge(lists:usort(A), lists:usort(B))),
    Big = element(1, gen(3000, 7, [])),
    show("big  ", erlang:phash2(lists:sort(Big))),
    show("bigl ", lists:sublist(lists:sort(Big), 1490, 40)),
    ok.
