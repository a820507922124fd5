% kiln conformance: receive ... after 0, after a timeout, after infinity
-module(proc_msg_after).
-export([main/1]).
-mode(compile).

main(_) ->
    R0 = receive _ -> got after 0 -> empty end,
    io:format("after 0 on an empty mailbox: ~p~n", [R0]),
    self() ! here,
    R1 = receive here -> got after 0 -> empty end,
    io:format("after 0 with a message: ~p~n", [R1]),
    self() ! not_this,
    R2 = receive this -> got after 0 -> timeout end,
    io:format("after 0 without a match: ~p, message kept: ~p~n", [R2, receive not_this -> yes after 0 -> no end]),
    R3 = receive _ -> got after 20 -> timed_out end,
    io:format("after 20: ~p~n", [R3]),
    T = id(10),
    R4 = receive _ -> got after T -> variable_timeout end,
    io:format("after T: ~p~n", [R4]),
    Self = self(),
    spawn(fun() -> Self ! late end),
    R5 = receive late -> got_late after infinity -> never end,
    io:format("after infinity with a message: ~p~n", [R5]),
    Inf = id(infinity),
    spawn(fun() -> Self ! late2 end),
    R6 = receive late2 -> got_late2 after Inf -> never end,
    io:format("after Inf: ~p~n", [R6]),
    R7 = receive after 5 -> only_after end,
    io:format("receive with only after: ~p~n", [R7]),
    spawn(fun() -> receive after 10 -> Self ! delayed end end),
    R8 = receive delayed -> got_delayed after 5000 -> too_slow end,
    io:format("message within the timeout: ~p~n", [R8]),
    try receive after id(-1) -> ok end of
        V -> io:format("negative timeout: ~p~n", [V])
    catch
        error:E -> io:format("negative timeout: ~p~n", [E])
    end,
    try receive after id(bad) -> ok end of
        V2 -> io:format("atom timeout: ~p~n", [V2])
    catch
        error:E2 -> io:format("atom timeout: ~p~n", [E2])
    end,
    io:format("flush ~p~n", [flush_count(0)]).

flush_count(N) ->
    receive _ -> flush_count(N + 1) after 0 -> N end.

id(X) -> X.
