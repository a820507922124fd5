% kiln conformance: a chain of 100 processes relaying tokens in order
-module(process_ring).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    First = make_chain(100, Self),
    io:format("~p~n", [send_tokens(First, [0, 1000, 2000])]),
    [First ! {item, I * 1000} || I <- lists:seq(1, 5)],
    io:format("~p~n", [receive_items(5)]),
    First ! stop,
    receive stop -> io:format("chain stopped~n") end.

make_chain(0, Next) -> Next;
make_chain(N, Next) ->
    P = spawn(fun() -> relay(Next) end),
    make_chain(N - 1, P).

relay(Next) ->
    receive
        {token, V} ->
            Next ! {token, V + 1},
            relay(Next);
        {item, I} ->
            Next ! {item, I + 1},
            relay(Next);
        stop ->
            Next ! stop
    end.

send_tokens(_, []) -> [];
send_tokens(First, [V | T]) ->
    First ! {token, V},
    receive
        {token, R} -> [R | send_tokens(First, T)]
    end.

receive_items(0) -> [];
receive_items(N) ->
    receive
        {item, I} -> [I | receive_items(N - 1)]
    end.
