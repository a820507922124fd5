% kiln conformance: if expressions
-module(if_expr).
-export([main/1]).
-mode(compile).

main(_) ->
    show([-10, -1, 0, 1, 9, 10, 11, 1000]),
    io:format("~p~n", [fizzbuzz(1, 15)]),
    io:format("~p~n", [sign_list([3, -2, 0])]),
    io:format("~p~n", [grade(95)]),
    io:format("~p~n", [grade(72)]),
    io:format("~p~n", [grade(10)]).

show([]) -> ok;
show([X | T]) ->
    R = if
            X < 0 -> negative;
            X =:= 0 -> zero;
            X < 10 -> small;
            X >= 10, X =< 100 -> medium;
            true -> large
        end,
    io:format("~p: ~p~n", [X, R]),
    show(T).

fizzbuzz(N, Max) when N > Max -> [];
fizzbuzz(N, Max) ->
    V = if
            N rem 15 =:= 0 -> fizzbuzz;
            N rem 3 =:= 0 -> fizz;
            N rem 5 =:= 0 -> buzz;
            true -> N
        end,
    [V | fizzbuzz(N + 1, Max)].

sign_list(L) -> [if X > 0 -> 1; X < 0 -> -1; true -> 0 end || X <- L].

grade(S) ->
    if S >= 90 -> a;
       S >= 80; S >= 70 -> b_or_c;
       true -> f
    end.
