% kiln conformance: send_after/4 and start_timer/4 with {abs, true}, read_timer/2 and cancel_timer/2 options
-module(proc_timer_api_abs).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Now = erlang:monotonic_time(millisecond),
    T1 = erlang:send_after(Now + 10, Self, abs_msg, [{abs, true}]),
    receive abs_msg -> io:format("absolute send_after delivered ~p~n", [is_reference(T1)]) end,
    T2 = erlang:start_timer(erlang:monotonic_time(millisecond) + 10, Self, abs_tmo, [{abs, true}]),
    receive {timeout, T2, abs_tmo} -> io:format("absolute start_timer delivered~n") end,
    T3 = erlang:send_after(10, Self, rel_msg, [{abs, false}]),
    receive rel_msg -> io:format("relative with options delivered ~p~n", [is_reference(T3)]) end,
    %% a point in the past, but after the program started (earlier ones are out of range)
    timer:sleep(20),
    T4 = erlang:send_after(erlang:monotonic_time(millisecond) - 10, Self, past, [{abs, true}]),
    receive past -> io:format("absolute time in the past fires at once ~p~n", [is_reference(T4)]) end,
    T5 = erlang:start_timer(60000, Self, never, []),
    R5 = erlang:read_timer(T5, [{async, false}]),
    io:format("read_timer/2 sync: ~p~n", [is_integer(R5) andalso R5 > 0 andalso R5 =< 60000]),
    io:format("cancel_timer/2 sync no info: ~p~n", [erlang:cancel_timer(T5, [{async, false}, {info, false}])]),
    io:format("read after ~p~n", [erlang:read_timer(T5)]),
    T6 = erlang:start_timer(60000, Self, never),
    io:format("cancel_timer/2 async no info: ~p~n", [erlang:cancel_timer(T6, [{async, true}, {info, false}])]),
    receive {cancel_timer, T6, _} -> io:format("unexpected reply~n") after 20 -> io:format("no reply without info~n") end,
    try erlang:send_after(10, Self, x, [{abs, id(maybe)}]) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("bad abs value: badarg~n")
    end,
    receive Other -> io:format("unexpected ~p~n", [Other]) after 0 -> io:format("mailbox empty~n") end.

id(X) -> X.
