% kiln conformance: try ... after runs when a process exits on its own, not when an exit signal kills it
-module(proc_exit_after).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    {P1, M1} = spawn_monitor(fun() ->
                                     try exit(own_exit)
                                     after Self ! after_ran_1
                                     end
                             end),
    receive {'DOWN', M1, process, P1, R1} -> io:format("exit/1: ~p~n", [R1]) end,
    io:format("after ran: ~p~n", [receive after_ran_1 -> yes after 0 -> no end]),
    {P2, M2} = spawn_monitor(fun() ->
                                     try Self ! waiting, receive never -> ok end
                                     after Self ! after_ran_2
                                     end
                             end),
    receive waiting -> ok end,
    exit(P2, external),
    receive {'DOWN', M2, process, P2, R2} -> io:format("exit signal: ~p~n", [R2]) end,
    io:format("after ran: ~p~n", [receive after_ran_2 -> yes after 0 -> no end]),
    {P3, M3} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     try Self ! waiting3, receive {'EXIT', _, Why} -> exit({trapped, Why}) end
                                     after Self ! after_ran_3
                                     end
                             end),
    receive waiting3 -> ok end,
    exit(P3, polite),
    receive {'DOWN', M3, process, P3, R3} -> io:format("trapped signal: ~p~n", [R3]) end,
    io:format("after ran: ~p~n", [receive after_ran_3 -> yes after 0 -> no end]),
    {P4, M4} = spawn_monitor(fun() ->
                                     try
                                         try exit(inner)
                                         after Self ! {after_ran, inner}
                                         end
                                     catch exit:inner -> exit(caught_and_rethrown)
                                     after Self ! {after_ran, outer}
                                     end
                             end),
    receive {'DOWN', M4, process, P4, R4} -> io:format("nested: ~p~n", [R4]) end,
    io:format("afters ~p~n", [[receive {after_ran, W} -> W end || _ <- [1, 2]]]).
