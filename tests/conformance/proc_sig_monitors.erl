% kiln conformance: monitors, 'DOWN' messages, demonitor options (pids and refs are never printed)
-module(proc_sig_monitors).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    %% DOWN comes after the messages sent before dying.
    {P1, R1} = spawn_monitor(fun() -> Self ! {reply, 1}, exit(done) end),
    A = receive M1 -> M1 end,
    B = receive {'DOWN', R1, process, P1, Why1} -> {down, Why1} end,
    io:format("~p ~p~n", [A, B]),
    %% Monitoring a dead process gives noproc at once.
    R2 = monitor(process, P1),
    receive {'DOWN', R2, process, P1, Why2} -> io:format("dead: ~p~n", [Why2]) end,
    %% By registered name: the DOWN names {Name, Node}.
    P3 = spawn(fun() -> receive stop -> exit(stopped) end end),
    true = register(sig_mon_target, P3),
    R3 = monitor(process, sig_mon_target),
    {monitors, Ms} = process_info(self(), monitors),
    io:format("monitors: ~p~n", [Ms]),
    {monitored_by, By} = process_info(P3, monitored_by),
    io:format("monitored by me: ~p~n", [By =:= [Self]]),
    sig_mon_target ! stop,
    receive {'DOWN', R3, process, Obj3, Why3} -> io:format("by name: ~p ~p~n", [Obj3, Why3]) end,
    io:format("name gone: ~p~n", [whereis(sig_mon_target)]),
    %% An unregistered name gives noproc.
    R4 = monitor(process, sig_mon_nobody),
    receive {'DOWN', R4, process, Obj4, Why4} -> io:format("no name: ~p ~p~n", [Obj4, Why4]) end,
    R4b = monitor(process, {sig_mon_nobody, node()}),
    receive {'DOWN', R4b, process, Obj4b, Why4b} -> io:format("no name: ~p ~p~n", [Obj4b, Why4b]) end,
    %% demonitor before the death: no DOWN.
    P5 = spawn(fun() -> receive go -> ok end end),
    R5 = monitor(process, P5),
    io:format("demonitor ~p~n", [demonitor(R5)]),
    io:format("again with info ~p~n", [demonitor(R5, [info])]),
    R5b = monitor(process, P5),
    P5 ! go,
    receive {'DOWN', R5b, process, P5, normal} -> ok end,
    receive {'DOWN', R5, _, _, _} -> io:format("unexpected DOWN~n") after 20 -> io:format("no DOWN after demonitor~n") end,
    %% demonitor with flush removes a DOWN already received.
    {P6, R6} = spawn_monitor(fun() -> ok end),
    R6b = monitor(process, P6),
    receive {'DOWN', R6b, process, P6, _} -> ok end,
    io:format("flush info ~p~n", [demonitor(R6, [flush, info])]),
    receive {'DOWN', R6, _, _, _} -> io:format("unexpected DOWN~n") after 20 -> io:format("flushed~n") end,
    %% Several monitors of one process each get a DOWN.
    P7 = spawn(fun() -> receive go -> exit(many) end end),
    Refs = [monitor(process, P7) || _ <- [1, 2, 3]],
    P7 ! go,
    io:format("~p~n", [[receive {'DOWN', R, process, P7, W} -> W end || R <- Refs]]),
    %% Errors.
    io:format("~p~n", [err(fun() -> monitor(process, 42) end)]),
    io:format("~p~n", [err(fun() -> monitor(port_or_what, self()) end)]),
    io:format("~p~n", [err(fun() -> demonitor(not_a_ref) end)]),
    io:format("~p~n", [err(fun() -> demonitor(make_ref(), [bogus]) end)]),
    io:format("unknown ref ~p~n", [demonitor(make_ref(), [info])]),
    %% Crash reasons as seen by a monitor.
    logger:set_primary_config(level, none),
    {P8, R8} = spawn_monitor(fun() -> erlang:error(oops) end),
    receive {'DOWN', R8, process, P8, {oops, [_ | _]}} -> io:format("error reason with stack~n") end,
    {P9, R9} = spawn_monitor(fun() -> throw(ball) end),
    receive {'DOWN', R9, process, P9, {{nocatch, ball}, [_ | _]}} -> io:format("throw reason nocatch~n") end,
    {P10, R10} = spawn_monitor(fun() -> receive after infinity -> ok end end),
    exit(P10, kill),
    receive {'DOWN', R10, process, P10, W10} -> io:format("killed: ~p~n", [W10]) end,
    io:format("done~n").

err(F) ->
    try F() catch C:E -> {C, E} end.
