% kiln conformance: spawn_opt/2,4 with link, monitor and both; spawn_monitor/1,3
-module(proc_spawn_opt).
-export([main/1, wait_exit/1]).
-mode(compile).

main(_) ->
    process_flag(trap_exit, true),
    P0 = spawn_opt(fun() -> wait_exit(plain) end, []),
    io:format("spawn_opt [] gives a pid: ~p~n", [is_pid(P0)]),
    M0 = monitor(process, P0),
    P0 ! go,
    receive {'DOWN', M0, process, P0, R0} -> io:format("plain: ~p~n", [R0]) end,
    P1 = spawn_opt(fun() -> wait_exit(linked) end, [link]),
    P1 ! go,
    receive {'EXIT', P1, R1} -> io:format("link: 'EXIT' ~p~n", [R1]) end,
    {P2, M2} = spawn_opt(fun() -> wait_exit(monitored) end, [monitor]),
    io:format("monitor option gives a reference: ~p~n", [is_reference(M2)]),
    P2 ! go,
    receive {'DOWN', M2, process, P2, R2} -> io:format("monitor: 'DOWN' ~p~n", [R2]) end,
    {P3, M3} = spawn_opt(fun() -> wait_exit(both) end, [link, monitor]),
    P3 ! go,
    receive {'EXIT', P3, R3a} -> io:format("link+monitor: 'EXIT' ~p~n", [R3a]) end,
    receive {'DOWN', M3, process, P3, R3b} -> io:format("link+monitor: 'DOWN' ~p~n", [R3b]) end,
    P4 = spawn_opt(?MODULE, wait_exit, [mfa_linked], [link]),
    P4 ! go,
    receive {'EXIT', P4, R4} -> io:format("spawn_opt/4 link: ~p~n", [R4]) end,
    {P5, M5} = spawn_opt(?MODULE, wait_exit, [mfa_monitored], [monitor]),
    P5 ! go,
    receive {'DOWN', M5, process, P5, R5} -> io:format("spawn_opt/4 monitor: ~p~n", [R5]) end,
    {P6, M6} = spawn_monitor(fun() -> wait_exit(sm) end),
    P6 ! go,
    receive {'DOWN', M6, process, P6, R6} -> io:format("spawn_monitor/1: ~p~n", [R6]) end,
    {P7, M7} = spawn_monitor(?MODULE, wait_exit, [sm3]),
    P7 ! go,
    receive {'DOWN', M7, process, P7, R7} -> io:format("spawn_monitor/3: ~p~n", [R7]) end,
    {P8, M8} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', M8, process, P8, R8} -> io:format("returned: ~p~n", [R8]) end,
    receive Other -> io:format("unexpected ~p~n", [Other]) after 0 -> io:format("mailbox empty~n") end.

wait_exit(Reason) ->
    receive go -> exit(Reason) end.
