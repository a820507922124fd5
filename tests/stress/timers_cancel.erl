% kiln stress: timers cancelled while they fire; each one is either cancelled or delivered, never both
-module(timers_cancel).
-export([main/1]).
-mode(compile).

main(_) ->
    Workers = 8,
    PerWorker = 2000,
    Self = self(),
    _ = [spawn(fun() -> worker(Self, W, PerWorker) end) || W <- lists:seq(1, Workers)],
    Reports = [receive {report, W, R} -> R end || W <- lists:seq(1, Workers)],
    io:format("workers ~b, timers each ~b~n", [length(Reports), PerWorker]),
    io:format("every timer cancelled xor delivered: ~p~n", [lists:all(fun(R) -> R =:= ok end, Reports)]),
    case [R || R <- Reports, R =/= ok] of
        [] -> ok;
        Bad -> io:format("first problem ~p~n", [hd(Bad)])
    end,
    %% timers started by one process and cancelled by another
    Owner = spawn(fun() -> owner() end),
    Owner ! {start, Self, 2000},
    Refs = receive {refs, Rs} -> Rs end,
    Cancelled = [I || {I, T} <- Refs, is_integer(erlang:cancel_timer(T))],
    Owner ! {count, Self},
    receive {count, Delivered} ->
            io:format("cross-process: cancelled + delivered = ~b, overlap ~b~n",
                      [length(Cancelled) + length(Delivered),
                       length(ordsets:intersection(lists:sort(Cancelled), lists:sort(Delivered)))])
    end,
    %% timers of processes that exit before they fire are dropped without harm
    _ = [spawn(fun() -> [erlang:start_timer(K rem 3, self(), x) || K <- lists:seq(1, 50)] end)
         || _ <- lists:seq(1, 200)],
    timer:sleep(20),
    io:format("orphaned timers handled~n").

%% Start timers with deadlines 0..4 ms away, then cancel them all (some have fired,
%% some are firing, some are not due yet), then wait and count deliveries.
worker(Parent, W, N) ->
    Timers = [{I, start(I)} || I <- lists:seq(1, N)],
    Results = [{I, erlang:cancel_timer(T)} || {I, T} <- shuffle(Timers)],
    Cancelled = lists:sort([I || {I, R} <- Results, is_integer(R)]),
    NotCancelled = lists:sort([I || {I, false} <- Results]),
    timer:sleep(30),
    Got = lists:sort(drain()),
    Report = case {Got =:= NotCancelled, length(Cancelled) + length(NotCancelled) =:= N} of
                 {true, true} -> ok;
                 _ -> {W, length(Cancelled), length(NotCancelled), length(Got),
                       length(ordsets:intersection(Got, Cancelled)), Got -- lists:usort(Got)}
             end,
    Parent ! {report, W, Report}.

start(I) when I rem 2 =:= 0 -> erlang:send_after(I rem 5, self(), {fired, I});
start(I) -> erlang:start_timer(I rem 5, self(), I).

drain() ->
    receive
        {fired, I} -> [I | drain()];
        {timeout, _, I} -> [I | drain()]
    after 0 -> []
    end.

%% Deterministic shuffle: interleave from both ends.
shuffle(L) ->
    {A, B} = lists:split(length(L) div 2, L),
    weave(A, lists:reverse(B)).

weave([], B) -> B;
weave(A, []) -> A;
weave([X | A], [Y | B]) -> [X, Y | weave(A, B)].

owner() ->
    receive {start, From, N} ->
            Refs = [{I, erlang:send_after(I rem 4, self(), {fired, I})} || I <- lists:seq(1, N)],
            From ! {refs, Refs}
    end,
    receive {count, From2} ->
            timer:sleep(30),
            From2 ! {count, drain()}
    end.
