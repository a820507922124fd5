% kiln conformance: 20000 processes that each wait for a number and reply with its square
-module(proc_spawn_many).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    N = 20000,
    Pids = [spawn(fun() -> receive {go, I} -> Self ! {done, I, I * I} end end)
            || _ <- lists:seq(1, N)],
    io:format("spawned ~p distinct ~p~n", [length(Pids), length(lists:usort(Pids))]),
    lists:foldl(fun(P, I) -> P ! {go, I}, I + 1 end, 1, Pids),
    {Count, Sum, Seen} = collect(N, 0, 0, []),
    io:format("replies ~p sum ~p all indices ~p~n",
              [Count, Sum, lists:sort(Seen) =:= lists:seq(1, N)]),
    io:format("expected sum ~p~n", [lists:sum([I * I || I <- lists:seq(1, N)])]).

collect(0, C, S, Seen) -> {C, S, Seen};
collect(N, C, S, Seen) ->
    receive {done, I, Sq} -> collect(N - 1, C + 1, S + Sq, [I | Seen]) end.
