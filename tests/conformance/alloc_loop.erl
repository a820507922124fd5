% kiln conformance (HEAVY): allocates about 1 GB in total (700 lists of 100,000 cells each),
% keeping at most a few lists alive; the harness also checks that peak RSS stays under 100 MB.
-module(alloc_loop).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("checksum ~p~n", [loop(700, 0)]),
    io:format("done~n").

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    L = build(100000, N, []),
    loop(N - 1, Acc + sum(L, 0) + length(L)).

build(0, _, Acc) -> Acc;
build(K, Base, Acc) -> build(K - 1, Base, [Base + K | Acc]).

sum([], S) -> S;
sum([H | T], S) -> sum(T, S + H).
