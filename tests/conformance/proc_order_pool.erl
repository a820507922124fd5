% kiln conformance: a pool of 8 workers takes 200 jobs from a dispatcher; results sorted before printing
-module(proc_order_pool).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Jobs = lists:seq(1, 200),
    Dispatcher = spawn(fun() -> dispatcher(Jobs, Self) end),
    Workers = [spawn(fun() -> link(Dispatcher), worker(W, Dispatcher) end) || W <- lists:seq(1, 8)],
    Results = [receive {result, J, V, _W} -> {J, V} end || _ <- Jobs],
    Sorted = lists:sort(Results),
    io:format("results ~p~n", [length(Sorted)]),
    io:format("first ~p~n", [lists:sublist(Sorted, 5)]),
    io:format("last ~p~n", [lists:last(Sorted)]),
    io:format("each job once ~p~n", [[J || {J, _} <- Sorted] =:= Jobs]),
    io:format("checksum ~p~n", [lists:sum([V || {_, V} <- Sorted])]),
    Mons = [monitor(process, W) || W <- Workers],
    Dispatcher ! shutdown,
    Reasons = [receive {'DOWN', M, process, _, R} -> R end || M <- Mons],
    io:format("workers stopped ~p~n", [lists:usort(Reasons)]).

dispatcher(Jobs, Collector) ->
    receive
        {ready, Worker} ->
            case Jobs of
                [J | Rest] -> Worker ! {job, J, Collector}, dispatcher(Rest, Collector);
                [] -> drain(Collector)
            end
    end.

%% All jobs handed out; idle workers wait until shutdown.
drain(Collector) ->
    receive
        {ready, _} -> drain(Collector);
        shutdown -> exit(shutdown)
    end.

worker(W, Dispatcher) ->
    Dispatcher ! {ready, self()},
    receive
        {job, J, Collector} ->
            Collector ! {result, J, collatz(J, 0), W},
            worker(W, Dispatcher)
    end.

collatz(1, Steps) -> Steps;
collatz(N, Steps) when N rem 2 =:= 0 -> collatz(N div 2, Steps + 1);
collatz(N, Steps) -> collatz(3 * N + 1, Steps + 1).
