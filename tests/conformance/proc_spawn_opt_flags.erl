% kiln conformance: spawn_opt accepts tuning options (priority, heap sizes, fullsweep_after, message_queue_data)
-module(proc_spawn_opt_flags).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Options = [[{priority, low}], [{priority, normal}], [{priority, high}],
               [{min_heap_size, 1000}], [{min_bin_vheap_size, 100000}],
               [{fullsweep_after, 0}], [{message_queue_data, off_heap}],
               [{message_queue_data, on_heap}],
               [link, {min_heap_size, 233}, {fullsweep_after, 10}]],
    lists:foreach(fun(Opts) ->
                          P = spawn_opt(fun() -> Self ! {ran, self(), lists:sum(lists:seq(1, 100))} end, Opts),
                          receive {ran, P, S} -> io:format("~p: ~p~n", [Opts, S]) end
                  end, Options),
    io:format("priority of self ~p~n", [process_flag(priority, high)]),
    io:format("priority back ~p~n", [process_flag(priority, normal)]),
    try spawn_opt(fun() -> ok end, [{priority, id(urgent)}]) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("bad priority: badarg~n")
    end,
    try spawn_opt(fun() -> ok end, [id(no_such_option)]) of
        _ -> io:format("no error~n")
    catch
        error:badarg -> io:format("unknown option: badarg~n")
    end.

id(X) -> X.
