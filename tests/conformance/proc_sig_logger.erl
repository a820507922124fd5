% kiln conformance: logger's primary level; crash reports silenced with level none
-module(proc_sig_logger).
-export([main/1]).
-mode(compile).

main(_) ->
    #{level := L0} = logger:get_primary_config(),
    io:format("default level ~p~n", [L0]),
    %% Below the default level: nothing printed.
    ok = logger:info("not shown ~p", [1]),
    ok = logger:debug("not shown"),
    io:format("~p~n", [logger:set_primary_config(level, bogus)]),
    ok = logger:set_primary_config(level, none),
    #{level := L1} = logger:get_primary_config(),
    io:format("level ~p~n", [L1]),
    ok = logger:error("not shown either ~p", [2]),
    ok = logger:error(#{what => silenced}),
    {P, R} = spawn_monitor(fun() -> erlang:error({silent, crash}) end),
    receive {'DOWN', R, process, P, {Why, _}} -> io:format("crashed ~p~n", [Why]) end,
    ok = logger:set_primary_config(level, notice),
    ok = logger:info("still not shown"),
    io:format("done~n").
