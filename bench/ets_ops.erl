% kiln benchmark: ETS insert, lookup and update_counter on a shared set table, from one process and from two at once
-module(ets_ops).
-export([main/1]).
-mode(compile).

-define(N, 400000).

main(_) ->
    T = ets:new(bench, [set, public, {write_concurrency, true}, {read_concurrency, true}]),
    ok = work(T, 0),
    Parent = self(),
    Pids = [spawn(fun() -> ok = work(T, K * ?N), Parent ! {self(), done} end) || K <- [1, 2]],
    [receive {P, done} -> ok end || P <- Pids],
    Sum = ets:foldl(fun({_, V}, Acc) -> Acc + V end, 0, T),
    io:format("size ~b sum ~b~n", [ets:info(T, size), Sum]).

work(T, Base) ->
    insert(T, Base, Base + ?N),
    lookup(T, Base, Base + ?N, 0),
    count(T, Base, Base + ?N).

insert(_, N, N) -> ok;
insert(T, I, N) -> true = ets:insert(T, {I, I}), insert(T, I + 1, N).

lookup(_, N, N, _) -> ok;
lookup(T, I, N, Acc) -> [{_, V}] = ets:lookup(T, I), lookup(T, I + 1, N, Acc + V).

count(_, N, N) -> ok;
count(T, I, N) -> ets:update_counter(T, I, 1), count(T, I + 1, N).
