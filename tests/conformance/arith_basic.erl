% kiln conformance: integer + - * div rem, unary minus, precedence (small ints only)
-module(arith_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    show(7, 3),
    show(-7, 3),
    show(7, -3),
    show(-7, -3),
    show(0, 5),
    show(5, 1),
    show(123456789, 1000),
    show(1 bsl 40, 12345),
    show(-(1 bsl 50), 7),
    io:format("~p~n", [2 + 3 * 4 - 10 div 3]),
    io:format("~p~n", [(2 + 3) * (4 - 10) rem 7]),
    io:format("~p ~p~n", [-id(5), +id(5)]),
    io:format("~p~n", [- - id(9)]),
    io:format("~p~n", [id(1000000) * id(1000000)]),
    io:format("~p~n", [abs(id(-42))]),
    io:format("~p~n", [sum_to(id(10000))]).

show(A, B) ->
    io:format("~p ~p: ~p ~p ~p ~p ~p~n",
              [A, B, A + B, A - B, A * B, A div B, A rem B]).

sum_to(0) -> 0;
sum_to(N) -> N + sum_to(N - 1).

id(X) -> X.
