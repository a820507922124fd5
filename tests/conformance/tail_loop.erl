% kiln conformance: tail calls run in constant stack: 10,000,000 iterations, mutual tail recursion
-module(tail_loop).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [count(10000000, 0)]),
    io:format("~p~n", [is_even(1000001)]),
    io:format("~p~n", [is_even(1000000)]),
    io:format("~p~n", [collatz_steps(27, 0)]),
    io:format("~p~n", [gcd(1071, 462)]),
    io:format("~p~n", [ping(3000000, 0)]).

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + N rem 3).

is_even(0) -> true;
is_even(N) -> is_odd(N - 1).

is_odd(0) -> false;
is_odd(N) -> is_even(N - 1).

collatz_steps(1, Steps) -> Steps;
collatz_steps(N, Steps) when N rem 2 =:= 0 -> collatz_steps(N div 2, Steps + 1);
collatz_steps(N, Steps) -> collatz_steps(3 * N + 1, Steps + 1).

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

%% Tail calls through a fun held in a variable.
ping(0, Acc) -> Acc;
ping(N, Acc) ->
    F = fun(X, Y) -> ping(X, Y) end,
    F(N - 1, Acc + 1).
