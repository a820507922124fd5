% kiln stress: 10 senders each send 100,000 messages to one receiver; counts exact, per-sender order kept
-module(fan_in).
-export([main/1]).
-mode(compile).

main(_) ->
    Senders = 10,
    PerSender = 100000,
    Self = self(),
    Receiver = spawn(fun() -> receiver(Self, Senders, #{}, 0, 0, true) end),
    _ = [spawn(fun() -> send(Receiver, S, 1, PerSender) end) || S <- lists:seq(1, Senders)],
    receive
        {result, Counts, Total, Sum, InOrder} ->
            io:format("messages ~b (expected ~b)~n", [Total, Senders * PerSender]),
            io:format("per sender ~p~n", [lists:usort(maps:values(Counts))]),
            io:format("senders ~b, sum ~b (expected ~b), in order ~p~n",
                      [map_size(Counts), Sum, Senders * PerSender * (PerSender + 1) div 2, InOrder])
    end.

send(Receiver, S, I, N) when I > N -> Receiver ! {done, S};
send(Receiver, S, I, N) ->
    Receiver ! {msg, S, I},
    send(Receiver, S, I + 1, N).

receiver(Parent, 0, Counts, Total, Sum, Ok) ->
    Parent ! {result, Counts, Total, Sum, Ok};
receiver(Parent, Running, Counts, Total, Sum, Ok) ->
    receive
        {msg, S, I} ->
            Prev = maps:get(S, Counts, 0),
            receiver(Parent, Running, Counts#{S => I}, Total + 1, Sum + I, Ok andalso I =:= Prev + 1);
        {done, _} ->
            receiver(Parent, Running - 1, Counts, Total, Sum, Ok)
    end.
