% kiln benchmark: list-heavy work (allocation and GC): build, map, filter, reverse,
% sort and fold lists of 500,000 elements. (Named lists_heavy, not lists: a module
% called lists would replace the standard library's.)
-module(lists_heavy).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("checksum ~b~n", [rounds(8, 0)]).

rounds(0, Acc) -> Acc;
rounds(N, Acc) -> rounds(N - 1, (Acc + one_round(N)) rem 1000000007).

one_round(Seed) ->
    L = random_list(500000, Seed, []),
    Mapped = lists:map(fun(X) -> X * 3 + 1 end, L),
    Evens = lists:filter(fun(X) -> X band 1 =:= 0 end, Mapped),
    Sorted = lists:sort(Evens),
    Rev = lists:reverse(Sorted),
    Zipped = weave(Rev, L, []),
    lists:foldl(fun(X, A) -> (A * 31 + X) rem 1000000007 end, length(Sorted), Zipped).

%% A deterministic pseudo-random list (linear congruential generator).
random_list(0, _, Acc) -> Acc;
random_list(N, X, Acc) ->
    Next = (X * 1664525 + 1013904223) band 16#FFFFFF,
    random_list(N - 1, Next, [Next rem 1000000 | Acc]).

weave([A | As], [B | Bs], Acc) -> weave(As, Bs, [A - B | Acc]);
weave(_, _, Acc) -> Acc.
