%% Endless loops must not starve other processes, and the main process's
%% end ends the program although they never stop. Run by
%% tests/tests/processes.rs with KILN_SCHEDULERS=1, 2 and 8.
-module(spin).
-export([main/1]).

main(_) ->
    [spawn(fun loop/0) || _ <- lists:seq(1, 3)],
    Self = self(),
    N = 40,
    Pids = [spawn(fun() -> worker(Self, I) end) || I <- lists:seq(1, N)],
    %% All-to-all: every worker sends its id to every other worker.
    [P ! {peers, Pids} || P <- Pids],
    Sums = lists:sort([receive {done, I, S} -> {I, S} end || _ <- Pids]),
    io:format("~p~n", [lists:sum([S || {_, S} <- Sums])]),
    io:format("~p~n", [length(Sums)]).

loop() -> loop().

worker(Parent, I) ->
    receive {peers, Peers} -> ok end,
    [P ! {hello, I} || P <- Peers, P =/= self()],
    Got = collect(length(Peers) - 1, 0),
    Work = lists:sum(lists:reverse(lists:seq(1, 20000 + I))),
    Parent ! {done, I, Got + Work}.

collect(0, Acc) -> Acc;
collect(N, Acc) ->
    receive {hello, J} -> collect(N - 1, Acc + J) end.
