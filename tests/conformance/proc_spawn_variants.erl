% kiln conformance: spawn/1,2,3,4 and spawn_link/1,3 start processes that reply to the parent
-module(proc_spawn_variants).
-export([main/1, reply/3]).
-mode(compile).

main(_) ->
    Self = self(),
    P1 = spawn(fun() -> Self ! {one, self()} end),
    receive {one, P1} -> io:format("spawn/1 ok~n") end,
    P2 = spawn(node(), fun() -> Self ! {two, self()} end),
    receive {two, P2} -> io:format("spawn/2 ok~n") end,
    P3 = spawn(?MODULE, reply, [Self, three, [1, 2, 3]]),
    receive {three, P3, V3} -> io:format("spawn/3 ~p~n", [V3]) end,
    P4 = spawn(node(), ?MODULE, reply, [Self, four, {x, "y"}]),
    receive {four, P4, V4} -> io:format("spawn/4 ~p~n", [V4]) end,
    P5 = spawn_link(fun() -> Self ! {five, self()} end),
    receive {five, P5} -> io:format("spawn_link/1 ok~n") end,
    P6 = spawn_link(?MODULE, reply, [Self, six, <<"bin">>]),
    receive {six, P6, V6} -> io:format("spawn_link/3 ~p~n", [V6]) end,
    P7 = spawn_link(node(), fun() -> Self ! {seven, self()} end),
    receive {seven, P7} -> io:format("spawn_link/2 ok~n") end,
    P8 = spawn_link(node(), ?MODULE, reply, [Self, eight, #{k => v}]),
    receive {eight, P8, V8} -> io:format("spawn_link/4 ~p~n", [V8]) end,
    Pids = [P1, P2, P3, P4, P5, P6, P7, P8],
    io:format("all pids ~p, distinct ~p, self not among them ~p~n",
              [lists:all(fun erlang:is_pid/1, Pids), length(lists:usort(Pids)),
               not lists:member(Self, Pids)]),
    Vals = [10, 20, 30],
    _ = [spawn(fun() -> Self ! {sq, V, V * V} end) || V <- Vals],
    io:format("closures ~p~n", [[receive {sq, V, S} -> S end || V <- Vals]]),
    spawn(erlang, send, [Self, via_bif]),
    receive via_bif -> io:format("spawn/3 of erlang:send/2 ok~n") end,
    F = fun ?MODULE:reply/3,
    spawn(erlang, apply, [F, [Self, applied, 42]]),
    receive {applied, _, V9} -> io:format("spawn/3 of erlang:apply/2 ~p~n", [V9]) end,
    io:format("node of child is local ~p~n", [node(P1) =:= node()]).

reply(To, Tag, V) ->
    To ! {Tag, self(), V}.
