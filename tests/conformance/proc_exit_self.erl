% kiln conformance: a process sending exit signals to itself
-module(proc_exit_self).
-export([main/1]).
-mode(compile).

main(_) ->
    {P1, M1} = spawn_monitor(fun() -> exit(self(), normal), receive after 5000 -> exit(late) end end),
    receive {'DOWN', M1, process, P1, R1} -> io:format("exit(self(), normal): ~p~n", [R1]) end,
    {P2, M2} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     exit(self(), normal),
                                     receive {'EXIT', From, R} -> exit({got, From =:= self(), R}) end
                             end),
    receive {'DOWN', M2, process, P2, R2} -> io:format("trapping, normal: ~p~n", [R2]) end,
    {P3, M3} = spawn_monitor(fun() -> exit(self(), bye), receive after 5000 -> exit(late) end end),
    receive {'DOWN', M3, process, P3, R3} -> io:format("exit(self(), bye): ~p~n", [R3]) end,
    {P4, M4} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     exit(self(), bye),
                                     receive {'EXIT', From, R} -> exit({got, From =:= self(), R}) end
                             end),
    receive {'DOWN', M4, process, P4, R4} -> io:format("trapping, bye: ~p~n", [R4]) end,
    {P5, M5} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     exit(self(), kill),
                                     receive after 5000 -> exit(late) end
                             end),
    receive {'DOWN', M5, process, P5, R5} -> io:format("trapping, kill: ~p~n", [R5]) end.
