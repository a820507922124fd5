% kiln conformance: list comprehensions with generators, filters, patterns and nesting
-module(list_comprehensions).
-export([main/1]).
-mode(compile).

main(_) ->
    L = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    io:format("~p~n", [[X * 2 || X <- L]]),
    io:format("~p~n", [[X || X <- L, X rem 3 =:= 0]]),
    io:format("~p~n", [[X || X <- L, X > 3, X < 8]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b]]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [1, 2, 3], X < Y]]),
    io:format("~p~n", [[V || {ok, V} <- [{ok, 1}, {error, 2}, {ok, 3}, other]]]),
    io:format("~p~n", [[[Y || Y <- lists:seq(1, X)] || X <- [1, 2, 3]]]),
    io:format("~p~n", [[{A, B, C} || C <- lists:seq(1, 20), B <- lists:seq(1, C),
                                      A <- lists:seq(1, B), A * A + B * B =:= C * C]]),
    io:format("~p~n", [[X || X <- [], X > 0]]),
    io:format("~p~n", [[C || C <- "hello world", C =/= $o]]),
    io:format("~s~n", [[C - 32 || C <- "shout"]]),
    N = 3,
    io:format("~p~n", [[X * N || X <- L, X =< N]]),
    io:format("~p~n", [[X || X <- L, is_even(X)]]),
    io:format("~p~n", [length([ok || _ <- lists:seq(1, 1000)])]),
    io:format("~p~n", [primes(50)]),
    io:format("~p~n", [perms([a, b, c])]).

is_even(X) -> X rem 2 =:= 0.

primes(Max) -> [P || P <- lists:seq(2, Max), is_prime(P)].

is_prime(N) -> [] =:= [D || D <- lists:seq(2, N - 1), N rem D =:= 0].

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].
