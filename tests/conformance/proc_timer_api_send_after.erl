% kiln conformance: erlang:send_after/3 and erlang:start_timer/3 deliver their messages
-module(proc_timer_api_send_after).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    T1 = erlang:send_after(10, Self, ping),
    io:format("send_after gives a reference ~p~n", [is_reference(T1)]),
    receive ping -> io:format("got ping~n") end,
    T2 = erlang:start_timer(10, Self, pong),
    receive {timeout, T2, pong} -> io:format("got {timeout, Ref, pong} with the timer's ref~n") end,
    erlang:send_after(30, Self, {order, 3}),
    erlang:send_after(10, Self, {order, 1}),
    erlang:send_after(20, Self, {order, 2}),
    io:format("by deadline ~p~n", [[receive {order, I} -> I end || _ <- [1, 2, 3]]]),
    erlang:send_after(0, Self, zero),
    receive zero -> io:format("send_after 0 arrives~n") end,
    P = spawn(fun() -> receive {From, M} -> From ! {relayed, M} end end),
    erlang:send_after(5, P, {Self, to_other}),
    receive {relayed, M1} -> io:format("timer to another process: ~p~n", [M1]) end,
    register(kiln_timer_named, self()),
    erlang:send_after(5, kiln_timer_named, by_name),
    receive by_name -> io:format("timer to a registered name~n") end,
    erlang:start_timer(5, kiln_timer_named, named_timeout),
    receive {timeout, _, named_timeout} -> io:format("start_timer to a registered name~n") end,
    unregister(kiln_timer_named),
    %% a timer to a dead process is harmless
    {Dead, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, Dead, _} -> ok end,
    T3 = erlang:send_after(5, Dead, lost),
    io:format("timer to a dead process gives a reference ~p~n", [is_reference(T3)]),
    Many = [erlang:send_after(I rem 7, Self, {many, I}) || I <- lists:seq(1, 100)],
    Got = lists:sort([receive {many, I} -> I end || _ <- Many]),
    io:format("100 timers fired once each ~p~n", [Got =:= lists:seq(1, 100)]),
    try erlang:send_after(id(-1), Self, x) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("negative time: badarg~n")
    end,
    try erlang:send_after(id(1.5), Self, x) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("float time: badarg~n")
    end,
    receive Other -> io:format("unexpected ~p~n", [Other]) after 20 -> io:format("nothing else~n") end.

id(X) -> X.
