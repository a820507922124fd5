% kiln conformance: timers outlive or follow their creators; any process can cancel a timer by reference
-module(proc_timer_api_owner).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    %% a timer started by a process that then exits still fires
    {P, M} = spawn_monitor(fun() -> erlang:send_after(20, Self, from_dead_creator) end),
    receive {'DOWN', M, process, P, normal} -> ok end,
    receive from_dead_creator -> io:format("timer outlived its creator~n") end,
    %% another process cancels a timer it did not create
    T = erlang:send_after(60000, Self, never),
    spawn(fun() -> Self ! {other_cancel, is_integer(erlang:cancel_timer(T))} end),
    receive {other_cancel, C} -> io:format("cancelled by another process: ~p~n", [C]) end,
    io:format("then read_timer ~p~n", [erlang:read_timer(T)]),
    %% a start_timer to a process that dies before it fires is dropped
    {Q, QM} = spawn_monitor(fun() -> receive stop -> ok end end),
    TQ = erlang:start_timer(30, Q, for_q),
    Q ! stop,
    receive {'DOWN', QM, process, Q, normal} -> ok end,
    timer:sleep(40),
    io:format("timer to a dead process is gone: ~p~n", [erlang:read_timer(TQ)]),
    %% timers started by many processes, results sorted
    _ = [spawn(fun() -> erlang:send_after(I rem 5, Self, {t, I}) end) || I <- lists:seq(1, 30)],
    io:format("~p~n", [lists:sort([receive {t, I} -> I end || _ <- lists:seq(1, 30)])]).
