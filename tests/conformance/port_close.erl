% kiln conformance (NATIVE ONLY): port_close/1, {Pid, close}, {Pid, {connect, _}}, port_connect/2 and ports/0.
-module(port_close).
-export([main/1]).
-mode(compile).

main(_) ->
    process_flag(trap_exit, true),
    P = open_port({spawn, "cat"}, []),
    show(lists:member(P, erlang:ports())),
    show(port_close(P)),
    show(flush()),
    show(lists:member(P, erlang:ports())),
    show(erlang:port_info(P)),
    show(catch_reason(fun() -> port_close(P) end)),
    show(catch_reason(fun() -> port_command(P, "x") end)),
    P ! {self(), {command, "dropped"}},
    show(flush()),
    Q = open_port({spawn, "cat"}, []),
    Q ! {self(), close},
    show(flush()),
    %% {connect, Pid}: the old owner is told; the new owner gets the data.
    Self = self(),
    C = open_port({spawn, "cat"}, []),
    Helper = spawn(fun() -> helper(Self) end),
    C ! {self(), {connect, Helper}},
    show(flush()),
    show(erlang:port_info(C, connected) =:= {connected, Helper}),
    true = port_command(C, "to helper\n"),
    show(receive {helper, M} -> M after 5000 -> timeout end),
    %% port_connect/2 back to us, which links us (already linked) again.
    true = port_connect(C, Self),
    show(erlang:port_info(C, connected) =:= {connected, Self}),
    true = port_command(C, "back\n"),
    show(flush()),
    Helper ! stop,
    true = port_close(C),
    show(flush()),
    %% port_connect/2 links the new owner; when it exits, the port closes.
    D = open_port({spawn, "cat"}, []),
    Owner = spawn(fun() -> receive stop -> ok end end),
    true = port_connect(D, Owner),
    unlink(D),
    {links, Links} = erlang:port_info(D, links),
    show([L =:= Owner || L <- Links]),
    Ref = erlang:monitor(port, D),
    Owner ! stop,
    show(receive {'DOWN', Ref, port, D, Reason} -> {down, Reason} after 5000 -> timeout end),
    show(erlang:port_info(D, connected)),
    show(flush()),
    ok.

helper(Parent) ->
    receive
        {Port, {data, D}} when is_port(Port) -> Parent ! {helper, D}, helper(Parent);
        stop -> ok
    end.

catch_reason(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

flush() ->
    receive
        {'EXIT', P, R} when is_port(P) -> [{'EXIT', R} | flush()];
        {P, M} when is_port(P) -> [M | flush()]
    after 200 -> []
    end.

show(X) -> io:format("~p~n", [X]).
