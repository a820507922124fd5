% kiln conformance: the {'EXIT', Pid, Reason} messages a trapping process receives
-module(proc_trap_forms).
-export([main/1]).
-mode(compile).

main(_) ->
    process_flag(trap_exit, true),
    Self = self(),
    L1 = spawn_link(fun() -> ok end),
    receive {'EXIT', L1, R1} -> io:format("linked returned: ~p~n", [R1]) end,
    L2 = spawn_link(fun() -> exit({custom, 2}) end),
    receive {'EXIT', L2, R2} -> io:format("linked exit/1: ~p~n", [R2]) end,
    L3 = spawn_link(fun() -> receive never -> ok end end),
    exit(L3, kill),
    receive {'EXIT', L3, R3} -> io:format("linked killed: ~p~n", [R3]) end,
    L4 = spawn_link(fun() -> receive never -> ok end end),
    exit(L4, shutdown),
    receive {'EXIT', L4, R4} -> io:format("linked shut down: ~p~n", [R4]) end,
    S = spawn(fun() -> exit(Self, {from, unlinked}) end),
    receive {'EXIT', S, R5} -> io:format("exit/2 from an unlinked process: ~p~n", [R5]) end,
    S2 = spawn(fun() -> exit(Self, normal) end),
    receive {'EXIT', S2, R6} -> io:format("exit/2 normal from an unlinked process: ~p~n", [R6]) end,
    L7 = spawn_link(fun() -> receive go -> exit(Self, direct), exit(own) end end),
    L7 ! go,
    receive {'EXIT', L7, R7a} -> io:format("first: ~p~n", [R7a]) end,
    receive {'EXIT', L7, R7b} -> io:format("second: ~p~n", [R7b]) end,
    %% 'EXIT' messages are ordinary messages: they can be matched selectively
    L8 = spawn_link(fun() -> Self ! before_exit, exit(last) end),
    receive {'EXIT', L8, R8} -> io:format("selected 'EXIT' first: ~p~n", [R8]) end,
    receive before_exit -> io:format("then the earlier message~n") end,
    process_flag(trap_exit, false),
    {P9, M9} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     spawn_link(fun() -> exit(inner) end),
                                     receive Msg -> exit({wrapped, element(1, Msg), element(3, Msg)}) end
                             end),
    receive {'DOWN', M9, process, P9, R9} -> io:format("child saw: ~p~n", [R9]) end.
