% kiln conformance (NATIVE ONLY): ports are linked to their owner: owner death closes them, port exits reach links.
-module(port_links).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    %% The owner ends normally: the port closes (its monitor sees normal).
    {Pid1, P1} = owner(Self, fun() -> receive stop -> ok end end),
    R1 = erlang:monitor(port, P1),
    Pid1 ! stop,
    show(down(R1)),
    show(erlang:port_info(P1)),
    %% The owner crashes: the port closes with the owner's reason.
    {Pid2, P2} = owner(Self, fun() -> receive stop -> exit(boom) end end),
    R2 = erlang:monitor(port, P2),
    Pid2 ! stop,
    show(down(R2)),
    %% exit(Port, Reason) kills the port; a linked owner that does not trap
    %% exits dies with the same reason.
    {Pid3, P3} = owner(Self, fun() -> receive stop -> ok end end),
    M3 = erlang:monitor(process, Pid3),
    exit(P3, crash),
    show(receive {'DOWN', M3, process, Pid3, R} -> {owner_down, R} after 5000 -> timeout end),
    %% A trapping owner gets the exit as a message.
    process_flag(trap_exit, true),
    P4 = open_port({spawn, "cat"}, []),
    exit(P4, normal_from_owner_is_not_normal),
    show(flush()),
    P5 = open_port({spawn, "cat"}, []),
    exit(P5, normal),
    show(flush()),
    P6 = open_port({spawn, "cat"}, []),
    exit(P6, kill),
    show(flush()),
    %% exit(Port, normal) from another process closes it too.
    P7 = open_port({spawn, "cat"}, []),
    spawn(fun() -> exit(P7, normal) end),
    show(flush()),
    %% A linked process that ends normally does not take the port with it,
    %% one that crashes does.
    P10 = open_port({spawn, "cat"}, []),
    spawn(fun() -> link(P10), Self ! linked end),
    receive linked -> ok end,
    receive after 200 -> ok end,
    show(erlang:port_info(P10, name)),
    spawn(fun() -> link(P10), exit(boom) end),
    show(flush()),
    %% A bad message kills the port with badsig.
    P11 = open_port({spawn, "cat"}, []),
    P11 ! not_a_port_request,
    show(flush()),
    %% unlink/1 and link/1 on ports.
    P8 = open_port({spawn, "cat"}, []),
    show(unlink(P8)),
    show(erlang:port_info(P8, links)),
    show(link(P8)),
    {links, [L8]} = erlang:port_info(P8, links),
    show(L8 =:= Self),
    unlink(P8),
    exit(P8, gone),
    show(flush()),
    show(link(P8)),
    show(flush()),
    process_flag(trap_exit, false),
    show(catch_reason(fun() -> link(P8) end)),
    %% Exits of a linked port that ends normally are ignored when not trapping.
    P9 = open_port({spawn, "head -n 1"}, []),
    R9 = erlang:monitor(port, P9),
    true = port_command(P9, "bye\n"),
    show(receive {P9, {data, D}} -> D after 5000 -> timeout end),
    show(down(R9)),
    show(is_reference(erlang:monitor(port, P9))),
    show(receive {'DOWN', _, port, P9, noproc} -> noproc after 5000 -> timeout end),
    ok.

owner(Parent, Body) ->
    Pid = spawn(fun() ->
                        P = open_port({spawn, "cat"}, []),
                        Parent ! {port, self(), P},
                        Body()
                end),
    receive {port, Pid, P} -> {Pid, P} end.

down(R) ->
    receive {'DOWN', R, port, _, Reason} -> {down, Reason} after 5000 -> timeout end.

catch_reason(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

flush() ->
    receive
        {'EXIT', P, R} when is_port(P) -> [{'EXIT', R} | flush()];
        {P, M} when is_port(P) -> [M | flush()]
    after 200 -> []
    end.

show(X) -> io:format("~p~n", [X]).
