% kiln conformance: convert_time_unit, time_offset, now/0, system and monotonic time
-module(proc_timer_clock).
-export([main/1]).
-mode(compile).
-compile({nowarn_deprecated_function, [{erlang, now, 0}]}).

id(X) -> X.

main(_) ->
    C = fun(T, F, To) -> erlang:convert_time_unit(T, F, To) end,
    io:format("~p~n", [[C(1, second, millisecond), C(1999, millisecond, second), C(-1, millisecond, second),
                        C(-1, native, second), C(5, second, 1000), C(3, 10, 100), C(1 bsl 70, second, millisecond),
                        C(7, microsecond, nanosecond)]]),
    io:format("native/second ~p~n", [C(1, second, native) > 0]),
    io:format("~p~n", [try C(1, id(minute), second) catch error:badarg -> badarg end]),
    io:format("~p~n", [try C(id(1.5), second, second) catch error:badarg -> badarg end]),
    Mono = erlang:monotonic_time(),
    Off = erlang:time_offset(),
    Sys = erlang:system_time(),
    io:format("offset consistent ~p~n", [abs(Mono + Off - Sys) < C(1, second, native)]),
    io:format("offset units ~p~n", [abs(erlang:time_offset(second) - C(Off, native, second)) =< 1]),
    io:format("os:system_time ~p~n", [abs(os:system_time(second) - erlang:system_time(second)) =< 1]),
    {M1, S1, U1} = N1 = erlang:now(),
    N2 = erlang:now(),
    io:format("now shape ~p, increasing ~p~n", [is_integer(M1 + S1 + U1), N2 > N1]),
    io:format("now vs system ~p~n", [abs((M1 * 1000000 + S1) - erlang:system_time(second)) =< 1]),
    Ns = [erlang:now() || _ <- lists:seq(1, 100)],
    io:format("unique ~p~n", [length(lists:usort(Ns)) =:= 100]),
    T0 = erlang:monotonic_time(millisecond),
    receive after 30 -> ok end,
    io:format("monotonic advanced ~p~n", [erlang:monotonic_time(millisecond) - T0 >= 30]).
