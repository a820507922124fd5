% kiln stress: 100,000 short-lived processes spawned by 10 spawners at once; every reply and 'DOWN' counted
-module(spawn_storm).
-export([main/1]).
-mode(compile).

main(_) ->
    Spawners = 10,
    Each = 10000,
    Self = self(),
    _ = [spawn(fun() -> spawner(Self, S, Each) end) || S <- lists:seq(1, Spawners)],
    Results = [receive {spawner, S, R} -> {S, R} end || S <- lists:seq(1, Spawners)],
    io:format("spawners ~b~n", [length(Results)]),
    io:format("replies per spawner ~p~n", [lists:usort([Rep || {_, {Rep, _, _}} <- Results])]),
    io:format("'DOWN' normal per spawner ~p~n", [lists:usort([D || {_, {_, D, _}} <- Results])]),
    io:format("sums right ~p~n", [lists:all(fun({_, {_, _, Sum}}) -> Sum =:= Each * (Each + 1) div 2 end, Results)]),
    %% a storm of linked processes that exit normally does not disturb the spawner
    {P, M} = spawn_monitor(fun() ->
                                   _ = [spawn_link(fun() -> ok end) || _ <- lists:seq(1, 20000)],
                                   exit(linked_storm_done)
                           end),
    receive {'DOWN', M, process, P, R} -> io:format("linked storm: ~p~n", [R]) end.

%% Half of the children are monitored, half reply; the monitored ones also reply.
spawner(Parent, S, Each) ->
    Self = self(),
    Mons = [begin
                P = spawn(fun() -> Self ! {child, I} end),
                case I rem 2 of
                    0 -> monitor(process, P);
                    1 -> none
                end
            end || I <- lists:seq(1, Each)],
    Sum = lists:sum([receive {child, I} -> I end || _ <- lists:seq(1, Each)]),
    Downs = length([receive {'DOWN', Ref, process, _, normal} -> ok; {'DOWN', Ref, process, _, noproc} -> ok end
                    || Ref <- Mons, Ref =/= none]),
    Parent ! {spawner, S, {Each, Downs, Sum}}.
