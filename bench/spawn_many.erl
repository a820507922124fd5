% kiln benchmark: spawn 1,000,000 processes that each wait for a message, then message them all and collect every reply
-module(spawn_many).
-export([main/1]).
-mode(compile).

%% main([]) spawns 1,000,000; main(["N"]) spawns N (bench/run.py uses "0" as the
%% baseline for its memory-per-process figure).
main(Args) ->
    N = case Args of
            [A | _] -> list_to_integer(A);
            [] -> 1000000
        end,
    Self = self(),
    Pids = spawn_all(N, Self, []),
    ping_all(Pids, Self),
    Sum = collect(N, 0),
    io:format("spawned ~b processes, ~b replies, sum ~b~n", [N, N, Sum]).

spawn_all(0, _, Acc) -> Acc;
spawn_all(I, Parent, Acc) ->
    P = spawn(fun() -> wait(I) end),
    spawn_all(I - 1, Parent, [P | Acc]).

wait(I) ->
    receive
        {ping, From} -> From ! {pong, I}
    end.

ping_all([], _) -> ok;
ping_all([P | Ps], Self) ->
    P ! {ping, Self},
    ping_all(Ps, Self).

collect(0, Sum) -> Sum;
collect(N, Sum) ->
    receive
        {pong, I} -> collect(N - 1, Sum + I)
    end.
