% kiln conformance: mailbox order, selective receive, guards in receive, after timeouts
-module(process_messages).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    send_all(Self, [1, 2, 3, 4, 5]),
    io:format("~p~n", [receive_n(5)]),
    Self ! {b, 2},
    Self ! {a, 1},
    Self ! {c, 3},
    First = receive {a, V} -> V end,
    io:format("selected ~p~n", [First]),
    io:format("then ~p~n", [receive_n(2)]),
    Self ! 5,
    Self ! 15,
    Self ! 25,
    Big = receive N when N > 10 -> N end,
    io:format("guarded ~p~n", [Big]),
    io:format("rest ~p~n", [receive_n(2)]),
    R = receive _ -> unexpected after 0 -> timeout end,
    io:format("empty mailbox: ~p~n", [R]),
    R2 = receive _ -> unexpected after 20 -> timeout_20 end,
    io:format("~p~n", [R2]),
    Self ! keep,
    R3 = receive nomatch -> wrong after 0 -> no_match end,
    io:format("~p ~p~n", [R3, receive_n(1)]),
    Child = spawn(fun() -> send_all(Self, [{seq, I} || I <- lists:seq(1, 10)]) end),
    io:format("~p~n", [[I || {seq, I} <- receive_n(10)]]),
    true = is_pid(Child),
    Self ! {tag, x},
    Self ! {other, y},
    Self ! {tag, z},
    io:format("~p~n", [receive_tagged()]),
    io:format("~p~n", [receive_n(1)]),
    io:format("~p~n", [flush(0)]).

send_all(_, []) -> ok;
send_all(To, [M | T]) ->
    To ! M,
    send_all(To, T).

receive_n(0) -> [];
receive_n(N) ->
    receive
        M -> [M | receive_n(N - 1)]
    end.

receive_tagged() ->
    receive
        {tag, V} -> [V | receive_tagged()]
    after 0 -> []
    end.

flush(N) ->
    receive
        _ -> flush(N + 1)
    after 0 -> {flushed, N}
    end.
