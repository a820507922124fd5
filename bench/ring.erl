% kiln benchmark: 1,000 processes in a ring pass one token around 1,000 times (1,000,000 messages)
-module(ring).
-export([main/1]).
-mode(compile).

main(_) ->
    N = 1000,
    Laps = 1000,
    Self = self(),
    First = spawn(fun() -> first(N, Self) end),
    First ! {token, N * Laps},
    receive
        {done, Hops} -> io:format("ring of ~b processes, ~b laps, ~b hops~n", [N, Laps, Hops])
    end.

%% The first process builds the rest of the ring and relays like the others. The
%% token carries the hops still to go; after N * Laps hops it is back at the first
%% process with 0 left, which reports to the parent.
first(N, Parent) ->
    Next = build(N - 1, self()),
    first_relay(Next, Parent, 0).

build(0, First) -> First;
build(K, First) ->
    Next = build(K - 1, First),
    spawn(fun() -> relay(Next) end).

first_relay(Next, Parent, Seen) ->
    receive
        {token, 0} -> Parent ! {done, Seen * 1000};
        {token, Left} -> Next ! {token, Left - 1}, first_relay(Next, Parent, Seen + 1)
    end.

relay(Next) ->
    receive
        {token, Left} -> Next ! {token, Left - 1}, relay(Next)
    end.
