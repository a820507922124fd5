% kiln conformance: exit signals through links, trap_exit, kill/killed, exit/2 (pids are never printed)
-module(proc_sig_links).
-export([main/1]).
-mode(compile).

main(_) ->
    logger:set_primary_config(level, none),
    Self = self(),
    %% A linked child's abnormal exit arrives as a message when trapping.
    false = process_flag(trap_exit, true),
    C1 = spawn_link(fun() -> exit(boom) end),
    receive {'EXIT', C1, R1} -> io:format("trapped ~p~n", [R1]) end,
    %% A normal exit is delivered too while trapping.
    C2 = spawn_link(fun() -> ok end),
    receive {'EXIT', C2, R2} -> io:format("trapped ~p~n", [R2]) end,
    %% Messages sent before dying come before the 'EXIT'.
    C3 = spawn_link(fun() -> Self ! one, Self ! two, exit(three) end),
    io:format("order ~p~n", [[receive M -> strip(M, C3) end || _ <- [1, 2, 3]]]),
    %% kill through exit/2 becomes killed for the links.
    C4 = spawn_link(fun() -> receive never -> ok end end),
    exit(C4, kill),
    receive {'EXIT', C4, R4} -> io:format("exit/2 kill seen as ~p~n", [R4]) end,
    %% exit(kill) by the process itself is seen as kill.
    C5 = spawn_link(fun() -> exit(kill) end),
    receive {'EXIT', C5, R5} -> io:format("exit/1 kill seen as ~p~n", [R5]) end,
    %% A middle process that does not trap dies with its link's reason.
    {Mid, MRef} = spawn_monitor(fun() ->
                                        link(spawn(fun() -> exit(chained) end)),
                                        receive never -> ok end
                                end),
    receive {'DOWN', MRef, process, Mid, MR} -> io:format("middle died ~p~n", [MR]) end,
    %% exit(Pid, normal) does not kill a process that does not trap.
    {P6, M6} = spawn_monitor(fun() -> receive stop -> ok end end),
    exit(P6, normal),
    P6 ! stop,
    receive {'DOWN', M6, process, P6, R6} -> io:format("survived normal, then ~p~n", [R6]) end,
    %% A trapping process gets exit/2 signals as messages, kill excepted.
    {P7, M7} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     Self ! ready,
                                     receive {'EXIT', From, Why} -> Self ! {got, From =:= Self, Why} end,
                                     receive never -> ok end
                             end),
    receive ready -> ok end,
    exit(P7, please),
    receive {got, FromSelf, Why7} -> io:format("trapping child got ~p ~p~n", [FromSelf, Why7]) end,
    exit(P7, kill),
    receive {'DOWN', M7, process, P7, R7} -> io:format("then killed: ~p~n", [R7]) end,
    %% exit(self(), Reason) while trapping is a message.
    true = exit(self(), note),
    receive {'EXIT', Me, note} when Me =:= Self -> io:format("self exit trapped~n") end,
    %% unlink: no exit signal afterwards.
    C8 = spawn_link(fun() -> receive go -> exit(late) end end),
    true = unlink(C8),
    M8 = monitor(process, C8),
    C8 ! go,
    receive {'DOWN', M8, process, C8, R8} -> io:format("unlinked child died ~p~n", [R8]) end,
    receive {'EXIT', C8, _} -> io:format("unexpected EXIT~n") after 50 -> io:format("no EXIT after unlink~n") end,
    %% exit(self(), normal) ends a process that does not trap.
    {P9, M9} = spawn_monitor(fun() -> exit(self(), normal), Self ! not_reached end),
    receive {'DOWN', M9, process, P9, R9} -> io:format("self normal exit: ~p~n", [R9]) end,
    %% catch does not stop exit(self(), R).
    {P10, M10} = spawn_monitor(fun() -> catch exit(self(), uncatchable), Self ! not_reached end),
    receive {'DOWN', M10, process, P10, R10} -> io:format("self exit: ~p~n", [R10]) end,
    %% Links are listed in process_info.
    C11 = spawn_link(fun() -> receive stop -> ok end end),
    {links, L11} = process_info(self(), links),
    io:format("linked to child: ~p~n", [lists:member(C11, L11)]),
    {links, L11b} = process_info(C11, links),
    io:format("child linked to me: ~p~n", [L11b =:= [Self]]),
    C11 ! stop,
    receive {'EXIT', C11, normal} -> ok end,
    {links, L11c} = process_info(self(), links),
    io:format("link gone after exit: ~p~n", [not lists:member(C11, L11c)]),
    %% A crash in a linked process that does not trap, seen by a monitor.
    {P12, M12} = spawn_monitor(fun() ->
                                       spawn_link(fun() -> erlang:error(crash) end),
                                       receive never -> ok end
                               end),
    receive {'DOWN', M12, process, P12, {crash, [_ | _]}} -> io:format("linked crash propagated~n") end,
    io:format("done~n").

strip({'EXIT', P, R}, P) -> {'EXIT', R};
strip(M, _) -> M.
