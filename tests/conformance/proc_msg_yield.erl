% kiln conformance: erlang:yield/0 returns true; busy processes that yield still finish
-module(proc_msg_yield).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("yield ~p~n", [erlang:yield()]),
    Self = self(),
    Workers = [spawn(fun() -> Self ! {done, I, spin(I * 1000, 0)} end) || I <- lists:seq(1, 8)],
    Results = [receive {done, I, S} -> {I, S} end || I <- lists:seq(1, 8)],
    io:format("workers ~p ~p~n", [length(Workers), Results]),
    Counter = spawn(fun() -> count(0) end),
    _ = [begin Counter ! inc, erlang:yield() end || _ <- lists:seq(1, 100)],
    Counter ! {get, Self},
    receive {count, C} -> io:format("count ~p~n", [C]) end.

spin(0, Acc) -> Acc;
spin(N, Acc) ->
    case N rem 100 of
        0 -> true = erlang:yield();
        _ -> ok
    end,
    spin(N - 1, Acc + N rem 7).

count(N) ->
    receive
        inc -> count(N + 1);
        {get, From} -> From ! {count, N}
    end.
