% kiln conformance: kill cannot be trapped and becomes killed; exit(kill) from a process is ordinary
-module(proc_exit_kill).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    {P1, M1} = spawn_monitor(fun() -> receive never -> ok end end),
    exit(P1, kill),
    receive {'DOWN', M1, process, P1, R1} -> io:format("kill non-trapping: ~p~n", [R1]) end,
    {P2, M2} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     Self ! trapping,
                                     receive Any -> Self ! {escaped, Any} end
                             end),
    receive trapping -> ok end,
    exit(P2, kill),
    receive {'DOWN', M2, process, P2, R2} -> io:format("kill trapping: ~p~n", [R2]) end,
    receive {escaped, _} -> io:format("kill was trapped!~n") after 0 -> ok end,
    {P3, M3} = spawn_monitor(fun() -> exit(self(), kill) end),
    receive {'DOWN', M3, process, P3, R3} -> io:format("exit(self(), kill): ~p~n", [R3]) end,
    {P4, M4} = spawn_monitor(fun() -> exit(kill) end),
    receive {'DOWN', M4, process, P4, R4} -> io:format("exit(kill): ~p~n", [R4]) end,
    %% a trapping process linked to a killed one sees killed
    Watcher = spawn(fun() -> watcher(Self) end),
    receive {watching, Victim} -> ok end,
    exit(Victim, kill),
    receive {watcher_saw, W1} -> io:format("linked trapper saw: ~p~n", [W1]) end,
    %% a trapping process linked to one that calls exit(kill) sees kill
    Watcher ! spawn_exit_kill,
    receive {watcher_saw, W2} -> io:format("linked trapper saw: ~p~n", [W2]) end,
    %% a non-trapping process linked to one that calls exit(kill) dies with kill
    {P5, M5} = spawn_monitor(fun() ->
                                     spawn_link(fun() -> exit(kill) end),
                                     receive never -> ok end
                             end),
    receive {'DOWN', M5, process, P5, R5} -> io:format("linked non-trapper died: ~p~n", [R5]) end,
    %% a non-trapping process linked to a killed one dies with killed
    {P6, M6} = spawn_monitor(fun() ->
                                     V = spawn_link(fun() -> receive never -> ok end end),
                                     Self ! {victim, V},
                                     receive never -> ok end
                             end),
    receive {victim, V6} -> exit(V6, kill) end,
    receive {'DOWN', M6, process, P6, R6} -> io:format("linked non-trapper of killed: ~p~n", [R6]) end,
    Watcher ! stop.

watcher(Parent) ->
    process_flag(trap_exit, true),
    V = spawn_link(fun() -> receive never -> ok end end),
    Parent ! {watching, V},
    receive {'EXIT', V, R} -> Parent ! {watcher_saw, R} end,
    receive spawn_exit_kill -> ok end,
    K = spawn_link(fun() -> exit(kill) end),
    receive {'EXIT', K, R2} -> Parent ! {watcher_saw, R2} end,
    receive stop -> ok end.
