% kiln conformance: linking to a process that no longer exists
-module(proc_link_noproc).
-export([main/1]).
-mode(compile).

main(_) ->
    {Dead, M} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', M, process, Dead, normal} -> ok end,
    try link(Dead) of
        V -> io:format("link returned ~p~n", [V])
    catch
        error:noproc -> io:format("link failed with noproc~n")
    end,
    process_flag(trap_exit, true),
    io:format("trapping link returns ~p~n", [link(Dead)]),
    receive {'EXIT', From, Reason} -> io:format("then 'EXIT' from it ~p: ~p~n", [From =:= Dead, Reason]) end,
    io:format("unlink ~p~n", [unlink(Dead)]),
    try link(id(not_a_pid)) of
        V2 -> io:format("link returned ~p~n", [V2])
    catch
        error:badarg -> io:format("link of an atom: badarg~n")
    end.

id(X) -> X.
