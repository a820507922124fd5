% kiln conformance: demonitor/1,2 with flush and info
-module(proc_mon_demonitor).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    P = spawn(fun() -> receive {exit, R} -> exit(R) end end),
    Ref = monitor(process, P),
    io:format("demonitor ~p~n", [demonitor(Ref)]),
    io:format("demonitor again ~p~n", [demonitor(Ref)]),
    P ! {exit, gone},
    M = monitor(process, P),
    receive {'DOWN', M, process, P, _} -> ok end,
    receive {'DOWN', Ref, _, _, _} -> io:format("unexpected 'DOWN'~n") after 0 -> io:format("no 'DOWN' after demonitor~n") end,
    %% flush removes a 'DOWN' that may already be in the mailbox
    P2 = spawn(fun() -> receive {exit, R} -> Self ! dying, exit(R) end end),
    Ref2 = monitor(process, P2),
    P2 ! {exit, flushed},
    receive dying -> ok end,
    M2 = monitor(process, P2),
    receive {'DOWN', M2, process, P2, _} -> ok end,
    io:format("demonitor flush ~p~n", [demonitor(Ref2, [flush])]),
    receive {'DOWN', Ref2, _, _, _} -> io:format("unexpected 'DOWN'~n") after 0 -> io:format("flushed~n") end,
    %% info: true when the monitor was still active, false otherwise
    P3 = spawn(fun() -> receive {exit, R} -> exit(R) end end),
    Ref3 = monitor(process, P3),
    io:format("info, active ~p~n", [demonitor(Ref3, [info])]),
    io:format("info, removed ~p~n", [demonitor(Ref3, [info])]),
    Ref4 = monitor(process, P3),
    P3 ! {exit, done},
    receive {'DOWN', Ref4, process, P3, done} -> ok end,
    io:format("info, after 'DOWN' ~p~n", [demonitor(Ref4, [info])]),
    io:format("flush+info, after 'DOWN' ~p~n", [demonitor(Ref4, [flush, info])]),
    io:format("demonitor [] ~p~n", [demonitor(make_ref(), [])]),
    io:format("demonitor of an unknown ref ~p~n", [demonitor(make_ref())]),
    try demonitor(id(not_a_ref)) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("demonitor of an atom: badarg~n")
    end.

id(X) -> X.
