% kiln conformance: register/2, whereis/1, unregister/1, registered/0 (only our own names are printed)
-module(proc_reg_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Names = [kiln_reg_a, kiln_reg_b, kiln_reg_c],
    Pids = [spawn(fun() -> server(N) end) || N <- Names],
    io:format("register ~p~n", [[register(N, P) || {N, P} <- lists:zip(Names, Pids)]]),
    io:format("whereis matches ~p~n", [[whereis(N) =:= P || {N, P} <- lists:zip(Names, Pids)]]),
    io:format("ours ~p~n", [ours()]),
    io:format("registered/0 is a list of atoms ~p~n", [lists:all(fun is_atom/1, registered())]),
    kiln_reg_a ! {Self, hello},
    receive {kiln_reg_a, R1} -> io:format("reply ~p~n", [R1]) end,
    erlang:send(kiln_reg_b, {Self, via_send}),
    receive {kiln_reg_b, R2} -> io:format("reply ~p~n", [R2]) end,
    {kiln_reg_c, node()} ! {Self, via_tuple},
    receive {kiln_reg_c, R3} -> io:format("reply ~p~n", [R3]) end,
    io:format("unregister ~p~n", [unregister(kiln_reg_b)]),
    io:format("whereis ~p~n", [whereis(kiln_reg_b)]),
    io:format("ours ~p~n", [ours()]),
    io:format("re-register under a new name ~p~n", [register(kiln_reg_b2, lists:nth(2, Pids))]),
    kiln_reg_b2 ! {Self, renamed},
    receive {kiln_reg_b, R4} -> io:format("reply ~p~n", [R4]) end,
    io:format("self registers ~p~n", [register(kiln_reg_main, self())]),
    io:format("whereis self ~p~n", [whereis(kiln_reg_main) =:= self()]),
    kiln_reg_main ! to_myself,
    receive to_myself -> io:format("got my own message by name~n") end,
    io:format("ours ~p~n", [ours()]),
    _ = [unregister(N) || N <- [kiln_reg_a, kiln_reg_b2, kiln_reg_c, kiln_reg_main]],
    io:format("ours at the end ~p~n", [ours()]),
    _ = [P ! stop || P <- Pids],
    ok.

ours() ->
    lists:sort([N || N <- registered(), lists:prefix("kiln_reg_", atom_to_list(N))]).

server(Name) ->
    receive
        {From, Msg} -> From ! {Name, Msg}, server(Name);
        stop -> ok
    end.
