% kiln conformance (HEAVY): 1,000,000-deep non-tail recursion; needs a growable Erlang stack
-module(deep_recursion).
-export([main/1]).
-mode(compile).

main(_) ->
    L = build(1000000),
    io:format("length ~p~n", [length(L)]),
    io:format("sum ~p~n", [sum(L)]),
    io:format("depth ~p~n", [depth(1000000)]),
    io:format("mapped sum ~p~n", [sum(double(L))]).

%% Body-recursive on purpose: each call leaves a frame until the base case.
build(0) -> [];
build(N) -> [N | build(N - 1)].

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

depth(0) -> 0;
depth(N) -> 1 + depth(N - 1).

double([]) -> [];
double([H | T]) -> [2 * H | double(T)].
