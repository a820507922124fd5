% kiln conformance: a ring of 500 processes passes a counter around 20 times
-module(proc_order_ring).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 500,
    Laps = 20,
    Self = self(),
    First = ring(N, Self),
    First ! {token, 0, Laps},
    receive {finished, Count} -> io:format("hops ~p (expected ~p)~n", [Count, N * Laps]) end,
    First ! {collect, []},
    receive {collected, Ids} -> io:format("ids ~p first ~p last ~p~n", [length(Ids), hd(Ids), lists:last(Ids)]) end,
    First ! stop,
    receive stopped -> io:format("ring stopped~n") end.

%% The parent closes the ring: the last member sends to the first, which it learns last.
ring(N, Parent) ->
    Members = [spawn(fun() -> member(I, Parent) end) || I <- lists:seq(1, N)],
    Nexts = tl(Members) ++ [hd(Members)],
    _ = [M ! {next, Nx, M =:= lists:last(Members)} || {M, Nx} <- lists:zip(Members, Nexts)],
    hd(Members).

member(Id, Parent) ->
    receive {next, Next, IsLast} -> loop(Id, Parent, Next, IsLast) end.

loop(Id, Parent, Next, IsLast) ->
    receive
        {token, Count, Laps} when IsLast, Laps =:= 1 ->
            Parent ! {finished, Count + 1},
            loop(Id, Parent, Next, IsLast);
        {token, Count, Laps} when IsLast ->
            Next ! {token, Count + 1, Laps - 1},
            loop(Id, Parent, Next, IsLast);
        {token, Count, Laps} ->
            Next ! {token, Count + 1, Laps},
            loop(Id, Parent, Next, IsLast);
        {collect, Acc} when IsLast ->
            Parent ! {collected, lists:reverse([Id | Acc])},
            loop(Id, Parent, Next, IsLast);
        {collect, Acc} ->
            Next ! {collect, [Id | Acc]},
            loop(Id, Parent, Next, IsLast);
        stop when IsLast ->
            Parent ! stopped;
        stop ->
            Next ! stop
    end.
