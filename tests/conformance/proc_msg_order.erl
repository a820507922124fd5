% kiln conformance: messages between one pair of processes arrive in the order they were sent
-module(proc_msg_order).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    N = 10000,
    Sink = spawn(fun() -> sink(Self, N, 1, true) end),
    _ = [Sink ! {seq, I} || I <- lists:seq(1, N)],
    receive {sink, InOrder} -> io:format("sink saw ~p in order: ~p~n", [N, InOrder]) end,
    spawn(fun() -> [Self ! {back, I} || I <- lists:seq(1, N)] end),
    io:format("parent got them in order: ~p~n", [expect(N, 1)]),
    %% three senders, each one's messages stay in order relative to each other
    Senders = [spawn(fun() -> receive go -> [Self ! {from, S, I} || I <- lists:seq(1, 1000)] end end)
               || S <- [a, b, c]],
    _ = [P ! go || P <- Senders],
    {Counts, Ok} = per_sender(3000, #{a => 0, b => 0, c => 0}, true),
    io:format("per-sender counts ~p, each in order: ~p~n", [lists:sort(maps:to_list(Counts)), Ok]).

sink(Parent, N, Next, Ok) when Next > N -> Parent ! {sink, Ok};
sink(Parent, N, Next, Ok) ->
    receive {seq, I} -> sink(Parent, N, Next + 1, Ok andalso I =:= Next) end.

expect(N, Next) when Next > N -> true;
expect(N, Next) ->
    receive {back, I} when I =:= Next -> expect(N, Next + 1);
            {back, _} -> false
    end.

per_sender(0, Counts, Ok) -> {Counts, Ok};
per_sender(K, Counts, Ok) ->
    receive
        {from, S, I} ->
            Prev = maps:get(S, Counts),
            per_sender(K - 1, Counts#{S := I}, Ok andalso I =:= Prev + 1)
    end.
