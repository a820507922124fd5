% kiln conformance: selective receive takes the first match and leaves the rest in order
-module(proc_msg_selective).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    _ = [Self ! M || M <- [{a, 1}, {b, 1}, {a, 2}, {c, 1}, {b, 2}, {a, 3}, {c, 2}]],
    B1 = receive {b, X1} -> X1 end,
    C1 = receive {c, Y1} -> Y1 end,
    io:format("picked b ~p then c ~p~n", [B1, C1]),
    io:format("rest ~p~n", [drain()]),
    P = spawn(fun() -> collector(Self) end),
    _ = [P ! M || M <- [low1, {prio, 1}, low2, {prio, 2}, low3]],
    P ! report,
    receive {collected, L} -> io:format("priority first: ~p~n", [L]) end,
    _ = [Self ! {n, I} || I <- lists:seq(1, 10)],
    Evens = [receive {n, I} when I rem 2 =:= 0 -> I end || _ <- lists:seq(1, 5)],
    Odds = [receive {n, I} -> I end || _ <- lists:seq(1, 5)],
    io:format("evens ~p odds ~p~n", [Evens, Odds]),
    Self ! {tag, x}, Self ! other, Self ! {tag, y},
    R = receive
            {tag, y} -> y_first;
            {tag, x} -> x_first
        end,
    io:format("first matching message wins, not first clause: ~p~n", [R]),
    io:format("rest ~p~n", [drain()]).

collector(Parent) ->
    receive report -> ok end,
    Prio = take_prio([]),
    Low = drain(),
    Parent ! {collected, Prio ++ Low}.

take_prio(Acc) ->
    receive {prio, I} -> take_prio([{prio, I} | Acc])
    after 0 -> lists:reverse(Acc)
    end.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.
