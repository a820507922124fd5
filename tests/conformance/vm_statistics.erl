% kiln conformance: erlang:statistics/1 items in OTP 25's shapes (values vary between runs, so only shapes and invariants are printed).
-module(vm_statistics).
-export([main/1]).
-mode(compile).

id(X) -> X.

nat(X) -> is_integer(X) andalso X >= 0.

pair(Item) ->
    {A, B} = erlang:statistics(Item),
    nat(A) andalso nat(B) andalso B =< A.

main(_) ->
    burn(100000),
    [io:format("~p: ~p~n", [I, pair(I)]) || I <- [runtime, wall_clock, reductions, exact_reductions]],
    {R1, _} = erlang:statistics(reductions),
    burn(100000),
    {R2, Since} = erlang:statistics(reductions),
    io:format("reductions grow: ~p, since last call: ~p~n", [R2 > R1, Since =:= R2 - R1]),
    {E1, _} = erlang:statistics(exact_reductions),
    {E2, _} = erlang:statistics(exact_reductions),
    io:format("exact reductions never decrease: ~p~n", [E2 >= E1]),
    {W1, _} = erlang:statistics(wall_clock),
    timer:sleep(20),
    {W2, WS} = erlang:statistics(wall_clock),
    io:format("wall clock advances: ~p ~p~n", [W2 - W1 >= 20, WS >= 20]),
    {CS, Zero} = erlang:statistics(context_switches),
    io:format("context_switches: ~p ~p~n", [nat(CS), Zero]),
    _ = [length(lists:seq(1, 1000)) || _ <- lists:seq(1, 200)],
    {GCs, Words, Z2} = erlang:statistics(garbage_collection),
    io:format("garbage_collection: ~p ~p ~p~n", [nat(GCs), nat(Words), Z2]),
    {{input, In}, {output, Out}} = erlang:statistics(io),
    io:format("io: ~p ~p~n", [nat(In), nat(Out)]),
    {_, {output, Out2}} = erlang:statistics(io),
    io:format("output counted: ~p~n", [Out2 > Out]),
    RQ = erlang:statistics(run_queue),
    io:format("run_queue: ~p~n", [nat(RQ)]),
    [io:format("~p: ~p~n", [I, nat_list(erlang:statistics(I))])
     || I <- [run_queue_lengths, run_queue_lengths_all, active_tasks, active_tasks_all]],
    Lens = erlang:statistics(run_queue_lengths_all),
    io:format("total_run_queue_lengths_all is the sum: ~p~n",
              [erlang:statistics(total_run_queue_lengths_all) =:= lists:sum(Lens) orelse retry]),
    io:format("total_run_queue_lengths: ~p~n", [nat(erlang:statistics(total_run_queue_lengths))]),
    Active = erlang:statistics(total_active_tasks),
    io:format("total_active_tasks counts me: ~p~n", [Active >= 1]),
    io:format("total_active_tasks_all: ~p~n", [erlang:statistics(total_active_tasks_all) >= 1]),
    io:format("scheduler_wall_time off: ~p ~p~n",
              [erlang:statistics(scheduler_wall_time), erlang:statistics(scheduler_wall_time_all)]),
    false = erlang:system_flag(scheduler_wall_time, true),
    burn(200000),
    SWT = erlang:statistics(scheduler_wall_time),
    io:format("scheduler_wall_time on: ~p~n", [is_list(SWT) andalso SWT =/= []]),
    io:format("rows: ~p~n", [lists:all(fun({Id, A, T}) -> Id >= 1 andalso nat(A) andalso nat(T) andalso A =< T end, SWT)]),
    io:format("ids: ~p~n", [lists:sort([Id || {Id, _, _} <- SWT]) =:= lists:seq(1, length(SWT))]),
    io:format("some scheduler was active: ~p~n", [lists:any(fun({_, A, _}) -> A > 0 end, SWT)]),
    true = erlang:system_flag(scheduler_wall_time, false),
    io:format("off again: ~p~n", [erlang:statistics(scheduler_wall_time)]),
    [io:format("statistics(~p) -> ~p~n", [B, try erlang:statistics(id(B)) catch C:R -> {C, R} end])
     || B <- [bogus, "runtime", {runtime}, 1]],
    ok.

nat_list(L) -> is_list(L) andalso L =/= [] andalso lists:all(fun nat/1, L).

burn(0) -> ok;
burn(N) -> _ = erlang:phash2(N), burn(N - 1).
