% ETS under concurrency: processes updating, inserting and selecting in shared public tables.
-module(ets_concurrent).
-export([main/1]).
-mode(compile).

main(_) ->
    [run(T) || T <- [set, ordered_set, bag, duplicate_bag]],
    ok.

run(Type) ->
    T = ets:new(c, [Type, public, {write_concurrency, true}, {read_concurrency, true}]),
    C = ets:new(counter, [set, public]),
    ets:insert(C, {n, 0}),
    Me = self(),
    Workers = 8,
    Pids = [spawn(fun() -> work(Me, T, C, W) end) || W <- lists:seq(1, Workers)],
    [receive {done, P, Seen} -> Seen end || P <- Pids],
    io:format("~p: counter ~p, size ~p, selected ~p~n",
              [Type, ets:lookup_element(C, n, 2), ets:info(T, size),
               ets:select_count(T, [{{'_', '_', '$1'}, [{'<', '$1', 100}], [true]}])]).

work(Parent, T, C, W) ->
    Seen = [begin
                ets:update_counter(C, n, 1),
                ets:insert(T, {{W, I}, W, I}),
                length(ets:select(T, [{{{W, '_'}, '_', '_'}, [], [ok]}]))
            end || I <- lists:seq(1, 300)],
    Parent ! {done, self(), lists:last(Seen)}.
