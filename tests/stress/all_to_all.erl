% kiln stress: 100 processes each send 10 rounds of messages to all the others; every message accounted for
-module(all_to_all).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 100,
    Rounds = 10,
    Self = self(),
    Pids = [spawn(fun() -> member(Self, I, N, Rounds) end) || I <- lists:seq(1, N)],
    _ = [P ! {peers, Pids} || P <- Pids],
    Reports = [receive {report, I, Count, Sum, Ok} -> {I, Count, Sum, Ok} end || I <- lists:seq(1, N)],
    Expected = (N - 1) * Rounds,
    io:format("members ~b~n", [length(Reports)]),
    io:format("each received ~p (expected ~b)~n", [lists:usort([C || {_, C, _, _} <- Reports]), Expected]),
    io:format("sender sums right ~p~n",
              [lists:all(fun({I, _, Sum, _}) -> Sum =:= Rounds * (N * (N + 1) div 2 - I) end, Reports)]),
    io:format("per-sender order kept ~p~n", [lists:all(fun({_, _, _, Ok}) -> Ok end, Reports)]).

member(Parent, I, N, Rounds) ->
    receive {peers, Pids} -> ok end,
    Others = [P || P <- Pids, P =/= self()],
    lists:foreach(fun(R) -> [P ! {hello, I, R} || P <- Others] end, lists:seq(1, Rounds)),
    {Count, Sum, Ok} = collect((N - 1) * Rounds, #{}, 0, 0, true),
    Parent ! {report, I, Count, Sum, Ok},
    %% stay alive until everybody is done, so no send goes to a dead process
    receive never -> ok after 2000 -> ok end.

collect(0, _, Count, Sum, Ok) -> {Count, Sum, Ok};
collect(K, Last, Count, Sum, Ok) ->
    receive
        {hello, From, R} ->
            Prev = maps:get(From, Last, 0),
            collect(K - 1, Last#{From => R}, Count + 1, Sum + From, Ok andalso R =:= Prev + 1)
    end.
