% kiln conformance: erlang:system_flag/2 for the flags programs set, with OTP's old values and badargs.
-module(vm_system_flag).
-export([main/1]).
-mode(compile).

id(X) -> X.

flag(F, V) ->
    try erlang:system_flag(id(F), id(V)) catch C:R -> {C, R} end.

main(_) ->
    [io:format("~p ~p -> ~p~n", [F, V, flag(F, V)])
     || {F, V} <- [{backtrace_depth, 20}, {backtrace_depth, 300}, {backtrace_depth, 8},
                   {backtrace_depth, -1}, {backtrace_depth, x},
                   {scheduler_wall_time, true}, {scheduler_wall_time, true},
                   {scheduler_wall_time, false}, {scheduler_wall_time, x},
                   {fullsweep_after, 10}, {fullsweep_after, 65535}, {fullsweep_after, -1},
                   {min_bin_vheap_size, 50000},
                   {max_heap_size, 0}, {max_heap_size, x},
                   {trace_control_word, 0},
                   {bogus, 1}, {"backtrace_depth", 1}]],
    S = erlang:system_info(schedulers),
    io:format("schedulers_online all -> ~p~n", [flag(schedulers_online, S) =:= S]),
    io:format("schedulers_online 0 -> ~p~n", [flag(schedulers_online, 0)]),
    io:format("schedulers_online too many -> ~p~n", [flag(schedulers_online, S + 1)]),
    io:format("schedulers_online x -> ~p~n", [flag(schedulers_online, x)]),
    io:format("schedulers_online still all: ~p~n", [erlang:system_info(schedulers_online) =:= S]),
    {fullsweep_after, FA} = erlang:system_info(fullsweep_after),
    io:format("fullsweep_after read back: ~p~n", [FA]),
    ok.
