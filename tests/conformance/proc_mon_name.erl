% kiln conformance: monitoring a registered name reports the name in 'DOWN'
-module(proc_mon_name).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    P = spawn(fun() -> receive {exit, Why} -> exit(Why) end end),
    true = register(kiln_mon_target, P),
    Ref = monitor(process, kiln_mon_target),
    Ref2 = monitor(process, {kiln_mon_target, node()}),
    kiln_mon_target ! {exit, by_name},
    receive {'DOWN', Ref, process, Who, R} -> io:format("by name: ~p ~p~n", [Who =:= {kiln_mon_target, node()}, R]) end,
    receive {'DOWN', Ref2, process, Who2, R2} -> io:format("by {name, node}: ~p ~p~n", [Who2 =:= {kiln_mon_target, node()}, R2]) end,
    io:format("whereis after exit ~p~n", [whereis(kiln_mon_target)]),
    %% the monitor follows the process, not the name
    P2 = spawn(fun() -> receive unreg -> unregister(kiln_mon_t2), Self ! unregistered end,
                          receive {exit, Why} -> exit(Why) end end),
    register(kiln_mon_t2, P2),
    Ref3 = monitor(process, kiln_mon_t2),
    P2 ! unreg,
    receive unregistered -> ok end,
    P2 ! {exit, after_unregister},
    receive {'DOWN', Ref3, process, Who3, R3} -> io:format("after unregister: ~p ~p~n", [Who3 =:= {kiln_mon_t2, node()}, R3]) end.
