% kiln conformance: an exit propagates along a chain of linked processes; a trapping link stops it
-module(proc_link_chain).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    %% chain of 10 linked processes, none trapping
    Pids = chain(10, Self, none),
    Mons = [{I, monitor(process, P)} || {I, P} <- Pids],
    {_, Last} = lists:last(Pids),
    exit(Last, boom),
    Downs = [receive {'DOWN', Ref, process, _, R} -> {I, R} end || {I, Ref} <- Mons],
    io:format("all down: ~p~n", [Downs]),
    %% the same with process 5 trapping exits
    Pids2 = chain(10, Self, 5),
    {_, Last2} = lists:last(Pids2),
    Mons2 = [{I, monitor(process, P)} || {I, P} <- Pids2],
    exit(Last2, boom2),
    receive {trapper, 5, Got} -> io:format("trapper 5 got ~p~n", [Got]) end,
    Dead = [receive {'DOWN', Ref, process, _, R} -> {I, R} end || {I, Ref} <- Mons2, I > 5],
    io:format("down after the trapper: ~p~n", [Dead]),
    Alive = [{I, is_process_alive(P)} || {I, P} <- Pids2, I =< 5],
    io:format("still alive: ~p~n", [Alive]),
    {_, First2} = hd(Pids2),
    exit(First2, kill),
    Rest = [receive {'DOWN', Ref, process, _, R} -> {I, R} end || {I, Ref} <- Mons2, I < 5],
    io:format("after killing the first: ~p~n", [Rest]),
    {5, P5} = lists:keyfind(5, 1, Pids2),
    receive {trapper, 5, Got5} -> io:format("trapper 5 got ~p~n", [Got5]) end,
    exit(P5, kill),
    [R5] = [receive {'DOWN', Ref, process, _, R} -> R end || {I, Ref} <- Mons2, I =:= 5],
    io:format("trapper 5 killed: ~p~n", [R5]).

%% Process 1 is spawned first; each next one is spawned by and linked to the previous one.
chain(N, Parent, TrapAt) ->
    First = spawn(fun() -> link_member(1, N, Parent, TrapAt) end),
    [receive {member, I, P} -> {I, P} end || I <- lists:seq(1, N), is_pid(First)].

link_member(I, N, Parent, TrapAt) ->
    case I =:= TrapAt of
        true -> process_flag(trap_exit, true);
        false -> ok
    end,
    Parent ! {member, I, self()},
    case I < N of
        true -> spawn_link(fun() -> link_member(I + 1, N, Parent, TrapAt) end);
        false -> ok
    end,
    receive
        {'EXIT', _, R} -> Parent ! {trapper, I, R}, trap_more(I, Parent)
    end.

trap_more(I, Parent) ->
    receive {'EXIT', _, R} -> Parent ! {trapper, I, R}, trap_more(I, Parent) end.
