% kiln conformance: process_info monitors and monitored_by follow monitor/demonitor
-module(proc_info_monitors).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    T = spawn(fun() -> receive stop -> ok end end),
    W = spawn(fun() -> watcher() end),
    io:format("target monitored_by ~p~n", [process_info(T, monitored_by)]),
    io:format("watcher monitors ~p~n", [process_info(W, monitors)]),
    W ! {Self, {monitor, T}},
    Ref = receive {W, R} -> R end,
    {monitored_by, By} = process_info(T, monitored_by),
    io:format("target monitored by the watcher ~p~n", [By =:= [W]]),
    {monitors, Ms} = process_info(W, monitors),
    io:format("watcher monitors the target ~p~n", [Ms =:= [{process, T}]]),
    register(kiln_info_named, T),
    W ! {Self, {monitor, kiln_info_named}},
    _ = receive {W, R2} -> R2 end,
    {monitors, Ms2} = process_info(W, monitors),
    io:format("by name ~p~n", [lists:sort(Ms2) =:= lists:sort([{process, T}, {process, {kiln_info_named, node()}}])]),
    W ! {Self, {demonitor, Ref}},
    _ = receive {W, D} -> D end,
    {monitors, Ms3} = process_info(W, monitors),
    io:format("after demonitor ~p~n", [Ms3 =:= [{process, {kiln_info_named, node()}}]]),
    M = monitor(process, T),
    {monitored_by, By2} = process_info(T, monitored_by),
    io:format("two watchers ~p~n", [lists:sort(By2) =:= lists:sort([W, Self])]),
    demonitor(M),
    T ! stop,
    W ! {Self, wait_down},
    receive {W, down} -> ok end,
    io:format("after 'DOWN' ~p~n", [process_info(W, monitors)]),
    W ! stop.

watcher() ->
    receive
        {From, {monitor, X}} -> From ! {self(), monitor(process, X)}, watcher();
        {From, {demonitor, R}} -> From ! {self(), demonitor(R)}, watcher();
        {From, wait_down} -> receive {'DOWN', _, _, _, _} -> From ! {self(), down} end, watcher();
        stop -> ok
    end.
