%% One million processes, each waiting in `receive`; then every one gets a
%% message and replies, and the main process collects every reply.
%% Heavy: driven by tests/tests/processes.rs (native only), which reports
%% the peak RSS per process.
-module(million).
-export([main/1]).

main(Args) ->
    N = case Args of
            [A | _] -> list_to_integer(A);
            [] -> 1000000
        end,
    Self = self(),
    Pids = spawn_all(N, Self, []),
    send_all(Pids),
    N = collect(N, 0),
    io:format("ok ~p~n", [N]).

spawn_all(0, _, Acc) -> Acc;
spawn_all(N, Parent, Acc) ->
    P = spawn(fun() -> wait(Parent) end),
    spawn_all(N - 1, Parent, [P | Acc]).

wait(Parent) ->
    receive
        {ping, From} -> From ! {pong, self()}
    end.

send_all([]) -> ok;
send_all([P | Ps]) ->
    P ! {ping, self()},
    send_all(Ps).

collect(0, Acc) -> Acc;
collect(N, Acc) ->
    receive
        {pong, _} -> collect(N - 1, Acc + 1)
    end.
