% kiln benchmark: two processes, 1,000,000 round trips
-module(pingpong).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 1000000,
    Self = self(),
    Pong = spawn(fun() -> pong() end),
    Ping = spawn(fun() -> Self ! {done, ping(Pong, N, 0)} end),
    receive
        {done, Sum} ->
            Pong ! stop,
            io:format("~b round trips, checksum ~b (pinger ~p)~n", [N, Sum, is_pid(Ping)])
    end.

ping(_, 0, Acc) -> Acc;
ping(Pong, N, Acc) ->
    Pong ! {ping, self(), N},
    receive
        {pong, V} -> ping(Pong, N - 1, Acc + V)
    end.

pong() ->
    receive
        {ping, From, N} -> From ! {pong, N rem 7}, pong();
        stop -> ok
    end.
