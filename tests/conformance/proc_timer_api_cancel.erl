% kiln conformance: erlang:cancel_timer/1,2 and read_timer/1 before and after a timer fires
-module(proc_timer_api_cancel).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    T1 = erlang:send_after(60000, Self, never),
    Left = erlang:read_timer(T1),
    io:format("read_timer: integer ~p, in range ~p~n", [is_integer(Left), Left > 0 andalso Left =< 60000]),
    C1 = erlang:cancel_timer(T1),
    io:format("cancel: integer ~p, in range ~p~n", [is_integer(C1), C1 > 0 andalso C1 =< 60000]),
    io:format("cancel again ~p~n", [erlang:cancel_timer(T1)]),
    io:format("read after cancel ~p~n", [erlang:read_timer(T1)]),
    T2 = erlang:send_after(5, Self, fired),
    receive fired -> ok end,
    io:format("cancel after firing ~p~n", [erlang:cancel_timer(T2)]),
    io:format("read after firing ~p~n", [erlang:read_timer(T2)]),
    T3 = erlang:start_timer(60000, Self, never),
    C3 = erlang:cancel_timer(T3, [{async, false}, {info, true}]),
    io:format("cancel/2 sync info: ~p~n", [is_integer(C3)]),
    T4 = erlang:start_timer(60000, Self, never),
    io:format("cancel/2 no info: ~p~n", [erlang:cancel_timer(T4, [{info, false}])]),
    T5 = erlang:start_timer(60000, Self, never),
    io:format("cancel/2 async info: ~p~n", [erlang:cancel_timer(T5, [{async, true}, {info, true}])]),
    receive {cancel_timer, T5, R5} -> io:format("async result: integer ~p~n", [is_integer(R5)]) end,
    T6 = erlang:start_timer(60000, Self, never),
    R6 = erlang:read_timer(T6, [{async, true}]),
    receive {read_timer, T6, V6} -> io:format("read_timer async: ~p ~p~n", [R6, is_integer(V6)]) end,
    erlang:cancel_timer(T6),
    io:format("cancel of a made-up reference ~p~n", [erlang:cancel_timer(make_ref())]),
    try erlang:cancel_timer(id(not_a_ref)) of
        V -> io:format("returned ~p~n", [V])
    catch
        error:badarg -> io:format("not a reference: badarg~n")
    end,
    %% cancelled timers never deliver
    Ts = [erlang:send_after(20, Self, {cancelled, I}) || I <- lists:seq(1, 50)],
    Cs = [erlang:cancel_timer(T) || T <- Ts],
    io:format("all cancelled in time ~p~n", [lists:all(fun erlang:is_integer/1, Cs)]),
    receive {cancelled, _} -> io:format("a cancelled timer fired!~n") after 60 -> io:format("none fired~n") end,
    receive Other -> io:format("unexpected ~p~n", [Other]) after 0 -> io:format("mailbox empty~n") end.

id(X) -> X.
