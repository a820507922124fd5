% kiln benchmark: CPU-bound parallel map: 64 independent chunks, each fib(30) plus a list fold
-module(parallel).
-export([main/1]).
-mode(compile).

main(_) ->
    Chunks = 64,
    Results = pmap(fun work/1, lists:seq(1, Chunks)),
    io:format("~b chunks, checksum ~b~n", [Chunks, lists:sum(Results)]).

%% One chunk: fib(30) (calls and arithmetic) and a fold over a list it builds
%% (allocation and GC in the worker's own heap).
work(I) ->
    L = lists:seq(1, 20000 + I),
    fib(30) + lists:foldl(fun(X, Acc) -> (Acc + X * I) rem 1000003 end, 0, L).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

pmap(F, L) ->
    Self = self(),
    Refs = [begin
                Ref = make_ref(),
                spawn(fun() -> Self ! {Ref, F(X)} end),
                Ref
            end || X <- L],
    [receive {Ref, V} -> V end || Ref <- Refs].
