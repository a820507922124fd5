% kiln conformance: timer:sleep/1, timer:tc/1,2,3 and the shape of their results
-module(proc_timer_api_module).
-export([main/1, add/2]).
-mode(compile).

main(_) ->
    io:format("sleep ~p~n", [timer:sleep(5)]),
    io:format("sleep 0 ~p~n", [timer:sleep(0)]),
    {T1, V1} = timer:tc(fun() -> lists:sum(lists:seq(1, 1000)) end),
    io:format("tc/1: integer time ~p, non-negative ~p, value ~p~n", [is_integer(T1), T1 >= 0, V1]),
    {T2, V2} = timer:tc(fun lists:reverse/1, [[1, 2, 3]]),
    io:format("tc/2: ~p ~p~n", [is_integer(T2), V2]),
    {T3, V3} = timer:tc(?MODULE, add, [2, 3]),
    io:format("tc/3: ~p ~p~n", [is_integer(T3), V3]),
    {T4, ok} = timer:tc(fun() -> timer:sleep(20) end),
    io:format("tc of a 20 ms sleep is at least 20000 us: ~p~n", [T4 >= 20000]),
    io:format("conversions ~p ~p ~p ~p~n",
              [timer:seconds(2), timer:minutes(1), timer:hours(1), timer:hms(1, 2, 3)]),
    Before = erlang:monotonic_time(millisecond),
    timer:sleep(15),
    After = erlang:monotonic_time(millisecond),
    io:format("slept at least 15 ms ~p~n", [After - Before >= 15]).

add(A, B) -> A + B.
