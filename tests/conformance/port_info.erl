% kiln conformance (NATIVE ONLY): port_info/1,2 items' shapes, is_port/1 and open_port/port_command badarg cases.
-module(port_info).
-export([main/1]).
-mode(compile).

main(_) ->
    P = open_port({spawn, "cat"}, []),
    show(is_port(P)),
    show(is_port(self())),
    Info = erlang:port_info(P),
    show([K || {K, _} <- Info]),
    show([{K, shape(V)} || {K, V} <- Info]),
    Items = [id, name, connected, links, input, output, os_pid, registered_name,
             queue_size, locking, monitors, monitored_by, parallelism],
    show([shape(erlang:port_info(P, I)) || I <- Items]),
    show(erlang:port_info(P, name)),
    show(erlang:port_info(P, connected) =:= {connected, self()}),
    show(erlang:port_info(P, links) =:= {links, [self()]}),
    R = erlang:monitor(port, P),
    show(erlang:port_info(P, monitored_by) =:= {monitored_by, [self()]}),
    demonitor(R, [flush]),
    show(erlang:port_info(P, monitored_by)),
    show(erlang:port_info(P, registered_name)),
    true = port_command(P, "12345"),
    receive {P, {data, _}} -> ok end,
    show([erlang:port_info(P, input), erlang:port_info(P, output)]),
    show(catch_reason(fun() -> erlang:port_info(P, bogus) end)),
    show(catch_reason(fun() -> erlang:port_info(id(self()), id) end)),
    show(catch_reason(fun() -> erlang:port_info(id(42)) end)),
    show(erlang:port_info(no_such_port)),
    show(catch_reason(fun() -> port_control(P, 1, []) end)),
    show(catch_reason(fun() -> erlang:port_call(P, 1, []) end)),
    %% Bad open_port arguments.
    show(catch_reason(fun() -> open_port({spawn, "cat"}, [id(bogus)]) end)),
    show(catch_reason(fun() -> open_port({spawn, "cat"}, [{packet, id(3)}]) end)),
    show(catch_reason(fun() -> open_port({spawn, "cat"}, [{line, id(0)}]) end)),
    show(catch_reason(fun() -> open_port({spawn, "cat"}, id(binary)) end)),
    show(catch_reason(fun() -> open_port({spawn, id(42)}, []) end)),
    show(catch_reason(fun() -> open_port(id({nospawn, "cat"}), []) end)),
    show(catch_reason(fun() -> open_port({spawn_driver, "cat"}, []) end)),
    show(catch_reason(fun() -> open_port({spawn_executable, "/nonexistent/kiln"}, []) end)),
    show(catch_reason(fun() -> open_port({spawn, "cat"}, [{env, [{"A=B", "c"}]}]) end)),
    %% Bad port_command arguments.
    show(catch_reason(fun() -> port_command(id(self()), "x") end)),
    show(catch_reason(fun() -> port_command(P, "x", [id(bogus)]) end)),
    show(port_command(P, "x", [nosuspend])),
    show(catch_reason(fun() -> port_command(P, "y", [force]) end)),
    receive {P, {data, _}} -> ok end,
    true = port_close(P),
    show(erlang:port_info(P, name)),
    show(catch_reason(fun() -> port_connect(P, self()) end)),
    ok.

shape(L) when is_list(L) -> list;
shape({K, V}) -> {K, shape(V)};
shape(I) when is_integer(I) -> integer;
shape(P) when is_pid(P) -> pid;
shape(A) when is_atom(A) -> A.

catch_reason(F) ->
    try F() of V -> {ok, V} catch Class:Reason -> {Class, Reason} end.

id(X) -> X.

show(X) -> io:format("~p~n", [X]).
