% kiln conformance: 50 processes race to register one name; exactly one wins
-module(proc_reg_race).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Pids = [spawn(fun() ->
                          receive go -> ok end,
                          Won = try register(kiln_reg_prize, self()) catch error:badarg -> false end,
                          Self ! {result, self(), Won},
                          receive stop -> ok end
                  end) || _ <- lists:seq(1, 50)],
    _ = [P ! go || P <- Pids],
    Results = [receive {result, P, W} -> {P, W} end || P <- Pids],
    Winners = [P || {P, true} <- Results],
    io:format("winners ~p losers ~p~n", [length(Winners), length([x || {_, false} <- Results])]),
    io:format("whereis is the winner ~p~n", [[whereis(kiln_reg_prize)] =:= Winners]),
    _ = [P ! stop || P <- Pids],
    [W] = Winners,
    M = monitor(process, W),
    receive {'DOWN', M, process, W, normal} -> ok end,
    io:format("released ~p~n", [whereis(kiln_reg_prize)]).
