% kiln conformance: exit/2 with reason normal is ignored unless the target traps exits
-module(proc_exit_normal).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    P = spawn(fun() -> echo() end),
    io:format("exit/2 returns ~p~n", [exit(P, normal)]),
    P ! {Self, ping},
    receive {P, ping} -> io:format("non-trapping target survives normal~n") end,
    io:format("alive ~p~n", [is_process_alive(P)]),
    T = spawn(fun() ->
                      process_flag(trap_exit, true),
                      Self ! ready,
                      receive {'EXIT', From, normal} -> Self ! {trapped, From =:= Self} end
              end),
    receive ready -> ok end,
    exit(T, normal),
    receive {trapped, FromParent} -> io:format("trapping target got 'EXIT' normal from parent ~p~n", [FromParent]) end,
    {P2, M2} = spawn_monitor(fun() -> exit(normal) end),
    receive {'DOWN', M2, process, P2, R2} -> io:format("exit(normal): ~p~n", [R2]) end,
    {P3, M3} = spawn_monitor(fun() -> done end),
    receive {'DOWN', M3, process, P3, R3} -> io:format("return: ~p~n", [R3]) end,
    {P4, M4} = spawn_monitor(fun() -> catch exit(caught), exit(after_catch) end),
    receive {'DOWN', M4, process, P4, R4} -> io:format("caught exit then: ~p~n", [R4]) end,
    {P5, M5} = spawn_monitor(fun() ->
                                     try exit(in_try)
                                     catch exit:in_try -> exit({caught, in_try})
                                     end
                             end),
    receive {'DOWN', M5, process, P5, R5} -> io:format("try: ~p~n", [R5]) end,
    P ! stop,
    M = monitor(process, P),
    receive {'DOWN', M, process, P, R} -> io:format("echo stopped: ~p~n", [R]) end,
    io:format("alive ~p~n", [is_process_alive(P)]).

echo() ->
    receive
        {From, Msg} -> From ! {self(), Msg}, echo();
        stop -> ok
    end.
