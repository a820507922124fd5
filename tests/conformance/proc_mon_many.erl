% kiln conformance: 1000 monitored workers that exit with their index; every 'DOWN' accounted for
-module(proc_mon_many).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 1000,
    Workers = [begin
                   {P, R} = spawn_monitor(fun() -> receive go -> exit({index, I}) end end),
                   {I, P, R}
               end || I <- lists:seq(1, N)],
    _ = [P ! go || {_, P, _} <- lists:reverse(Workers)],
    Reasons = [receive {'DOWN', R, process, P, Reason} -> Reason end || {_, P, R} <- Workers],
    io:format("downs ~p, in index order ~p~n",
              [length(Reasons), Reasons =:= [{index, I} || I <- lists:seq(1, N)]]),
    %% the same, collecting in arrival order and sorting
    Refs = [element(2, spawn_monitor(fun() -> exit({index, I}) end)) || I <- lists:seq(1, N)],
    Got = lists:sort([receive {'DOWN', _, process, _, {index, I}} -> I end || _ <- Refs]),
    io:format("sorted arrivals match ~p~n", [Got =:= lists:seq(1, N)]),
    receive Other -> io:format("unexpected ~p~n", [Other]) after 0 -> io:format("mailbox empty~n") end.
