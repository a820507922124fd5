% kiln benchmark: lists:sort of 1M pseudo-random integers (a linear congruential sequence, the same on both VMs)
-module(sort_1m).
-export([main/1]).
-mode(compile).

main(_) ->
    L = gen(1000000, 12345, []),
    S = lists:sort(L),
    io:format("first ~b last ~b len ~b~n", [hd(S), lists:last(S), length(S)]).

gen(0, _, Acc) -> Acc;
gen(N, X, Acc) ->
    Y = (X * 1103515245 + 12345) band 16#7fffffff,
    gen(N - 1, Y, [Y | Acc]).
