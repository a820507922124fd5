% kiln conformance: monitor/2 and the 'DOWN' message for several reasons; monitors are one-way
-module(proc_mon_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Reasons = [normal, shutdown, {some, reason}, [1, 2, 3]],
    lists:foreach(
      fun(Reason) ->
              P = spawn(fun() -> receive go -> exit(Reason) end end),
              Ref = monitor(process, P),
              io:format("monitor gives a reference: ~p~n", [is_reference(Ref)]),
              P ! go,
              receive {'DOWN', Ref, process, Who, R} -> io:format("'DOWN' from it ~p: ~p~n", [Who =:= P, R]) end
      end, Reasons),
    %% the monitored process is not affected when the monitoring one dies
    Target = spawn(fun() -> receive {From, ping} -> From ! pong end end),
    {Watcher, WM} = spawn_monitor(fun() -> monitor(process, Target), Self ! watching, exit(watcher_gone) end),
    receive watching -> ok end,
    receive {'DOWN', WM, process, Watcher, WR} -> io:format("watcher: ~p~n", [WR]) end,
    Target ! {Self, ping},
    receive pong -> io:format("target unaffected~n") end,
    %% two monitors on one process give two 'DOWN' messages
    P2 = spawn(fun() -> receive go -> exit(twice) end end),
    R1 = monitor(process, P2),
    R2 = monitor(process, P2),
    io:format("distinct references ~p~n", [R1 =/= R2]),
    P2 ! go,
    receive {'DOWN', R2, process, P2, X2} -> io:format("second: ~p~n", [X2]) end,
    receive {'DOWN', R1, process, P2, X1} -> io:format("first: ~p~n", [X1]) end,
    %% a monitor does not need trap_exit and never kills
    P3 = spawn(fun() -> receive go -> exit(kill) end end),
    R3 = monitor(process, P3),
    P3 ! go,
    receive {'DOWN', R3, process, P3, X3} -> io:format("monitoring survives: ~p~n", [X3]) end,
    receive Other -> io:format("unexpected ~p~n", [Other]) after 0 -> io:format("no more messages~n") end.
