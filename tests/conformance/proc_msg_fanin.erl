% kiln conformance: 20 processes each send 500 messages to one; totals exact, per-sender order kept
-module(proc_msg_fanin).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Senders = 20,
    PerSender = 500,
    _ = [spawn(fun() -> [Self ! {msg, S, I} || I <- lists:seq(1, PerSender)], Self ! {finished, S} end)
         || S <- lists:seq(1, Senders)],
    {Last, Total, Sum, Ordered} = loop(Senders, #{}, 0, 0, true),
    io:format("messages ~p sum ~p in order ~p~n", [Total, Sum, Ordered]),
    io:format("last per sender ~p~n", [lists:usort(maps:values(Last))]),
    io:format("senders ~p~n", [maps:size(Last)]).

loop(0, Last, Total, Sum, Ok) -> {Last, Total, Sum, Ok};
loop(Running, Last, Total, Sum, Ok) ->
    receive
        {msg, S, I} ->
            Prev = maps:get(S, Last, 0),
            loop(Running, Last#{S => I}, Total + 1, Sum + I, Ok andalso I =:= Prev + 1);
        {finished, _} ->
            loop(Running - 1, Last, Total, Sum, Ok)
    end.
