% kiln conformance: monitoring a dead process or an unregistered name gives 'DOWN' with noproc
-module(proc_mon_noproc).
-export([main/1]).
-mode(compile).

main(_) ->
    {Dead, M} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', M, process, Dead, normal} -> ok end,
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, process, Who, R} -> io:format("dead pid: ~p ~p~n", [Who =:= Dead, R]) end,
    Ref2 = monitor(process, kiln_nobody_here),
    receive {'DOWN', Ref2, process, Who2, R2} -> io:format("unregistered name: ~p ~p~n", [Who2, R2]) end,
    Ref3 = monitor(process, {kiln_nobody_here, node()}),
    receive {'DOWN', Ref3, process, Who3, R3} -> io:format("name and node: ~p ~p~n", [Who3, R3]) end,
    try monitor(process, id(42)) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("monitor of an integer: badarg~n")
    end,
    try monitor(id(something), self()) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("unknown monitor type: badarg~n")
    end.

id(X) -> X.
