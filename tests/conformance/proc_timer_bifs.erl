% kiln conformance: erlang:send_after/start_timer/cancel_timer/read_timer
-module(proc_timer_bifs).
-export([main/1]).
-mode(compile).

id(X) -> X.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

in_range(N, Lo, Hi) -> is_integer(N) andalso N >= Lo andalso N =< Hi.

badarg(F) ->
    try F() of
        V -> {no_error, V}
    catch
        error:badarg -> badarg
    end.

main(_) ->
    Self = self(),
    % Messages arrive in deadline order.
    erlang:send_after(30, Self, third),
    erlang:send_after(10, Self, first),
    erlang:send_after(20, Self, second),
    erlang:send_after(0, Self, zeroth),
    io:format("order ~p~n", [[receive M -> M end || _ <- [1, 2, 3, 4]]]),
    % Equal deadlines: start order.
    Now = erlang:monotonic_time(millisecond) + 15,
    [erlang:send_after(Now, Self, {same, I}, [{abs, true}]) || I <- lists:seq(1, 5)],
    io:format("same deadline ~p~n", [[receive {same, I} -> I end || _ <- lists:seq(1, 5)]]),
    % start_timer's message names the reference.
    T = erlang:start_timer(5, Self, ping),
    io:format("reference ~p~n", [is_reference(T)]),
    receive
        {timeout, T, ping} -> io:format("timeout message ok~n");
        Other -> io:format("unexpected ~p~n", [Other])
    end,
    io:format("after firing: cancel ~p read ~p~n", [erlang:cancel_timer(T), erlang:read_timer(T)]),
    % Cancel and read a pending timer.
    P = erlang:send_after(5000, Self, never),
    io:format("read in range ~p~n", [in_range(erlang:read_timer(P), 4000, 5000)]),
    io:format("cancel in range ~p~n", [in_range(erlang:cancel_timer(P), 4000, 5000)]),
    io:format("again ~p ~p~n", [erlang:cancel_timer(P), erlang:read_timer(P)]),
    % Options of cancel_timer/2 and read_timer/2.
    A = erlang:start_timer(5000, Self, a),
    io:format("async ~p~n", [erlang:cancel_timer(A, [{async, true}])]),
    receive
        {cancel_timer, A, Left} -> io:format("async result in range ~p~n", [in_range(Left, 4000, 5000)])
    end,
    io:format("async again ~p~n", [erlang:cancel_timer(A, [{async, true}, {info, true}])]),
    io:format("message ~p~n", [receive {cancel_timer, A, R} -> R end]),
    B = erlang:send_after(5000, Self, b),
    io:format("no info ~p ~p~n", [erlang:cancel_timer(B, [{info, false}]), erlang:read_timer(B)]),
    io:format("async no info ~p ~p~n", [erlang:cancel_timer(B, [{async, true}, {info, false}]), flush()]),
    C = erlang:send_after(5000, Self, c),
    io:format("read async ~p~n", [erlang:read_timer(C, [{async, true}])]),
    receive {read_timer, C, RL} -> io:format("read async in range ~p~n", [in_range(RL, 4000, 5000)]) end,
    io:format("sync read_timer/2 in range ~p~n", [in_range(erlang:read_timer(C, []), 4000, 5000)]),
    erlang:cancel_timer(C),
    % A reference that is no timer's.
    io:format("plain ref ~p ~p~n", [erlang:cancel_timer(make_ref()), erlang:read_timer(make_ref())]),
    % Bad arguments.
    io:format("~p~n", [[badarg(F) || F <- [
        fun() -> erlang:send_after(id(-1), Self, x) end,
        fun() -> erlang:send_after(id(1.0), Self, x) end,
        fun() -> erlang:send_after(10, id({a, b}), x) end,
        fun() -> erlang:send_after(10, Self, x, id([{bad, 1}])) end,
        fun() -> erlang:send_after(10, Self, x, id([{abs, maybe}])) end,
        fun() -> erlang:start_timer(id(-5), Self, x) end,
        fun() -> erlang:cancel_timer(id(foo)) end,
        fun() -> erlang:read_timer(id(42)) end,
        fun() -> erlang:cancel_timer(make_ref(), id([{async, 1}])) end,
        fun() -> erlang:read_timer(make_ref(), id([{info, true}])) end
    ]]]),
    % Absolute time in the past fires at once.
    Start = erlang:monotonic_time(millisecond),
    receive after 20 -> ok end,
    erlang:start_timer(Start, Self, past, [{abs, true}]),
    io:format("past ~p~n", [receive {timeout, _, past} -> yes after 1000 -> no end]),
    % A timer to a process that has ended is harmless.
    Dead = spawn(fun() -> ok end),
    erlang:send_after(1, Dead, lost),
    erlang:start_timer(1, Dead, lost),
    receive after 20 -> ok end,
    % Timers from other processes; a message carries a big term.
    Big = lists:seq(1, 1000),
    [spawn(fun() -> erlang:send_after(10 * I, Self, {from, I, Big}) end) || I <- [3, 1, 2]],
    io:format("from others ~p~n", [[receive {from, I, Big} -> I end || _ <- [1, 2, 3]]]),
    % Many timers, half of them cancelled.
    Refs = [erlang:send_after(20 + (I rem 7), Self, {many, I}) || I <- lists:seq(1, 2000)],
    Cancelled = [R2 || {R2, I} <- lists:zip(Refs, lists:seq(1, 2000)), I rem 2 =:= 0],
    io:format("cancelled all ~p~n", [lists:all(fun(R2) -> is_integer(erlang:cancel_timer(R2)) end, Cancelled)]),
    receive after 60 -> ok end,
    Got = [I || {many, I} <- flush()],
    io:format("many: ~p received, all odd ~p~n", [length(Got), lists:all(fun(I) -> I rem 2 =:= 1 end, Got)]),
    io:format("sorted ~p~n", [lists:sort(Got) =:= [I || I <- lists:seq(1, 2000), I rem 2 =:= 1]]),
    io:format("left ~p~n", [flush()]).
