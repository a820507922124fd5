% kiln conformance: integer comparison operators and exact/inexact equality on integers
-module(int_compare).
-export([main/1]).
-mode(compile).

main(_) ->
    Pairs = [{1, 2}, {2, 1}, {3, 3}, {-5, 5}, {-5, -6}, {0, 0}, {1 bsl 50, (1 bsl 50) + 1}],
    each(Pairs),
    io:format("max ~p min ~p~n", [max(id(3), id(9)), min(id(3), id(-9))]),
    io:format("chain ~p~n", [id(1) < id(2) andalso id(2) < id(3)]).

each([]) -> ok;
each([{A, B} | T]) ->
    io:format("~p ~p: ~p ~p ~p ~p ~p ~p ~p ~p~n",
              [A, B, A == B, A /= B, A =:= B, A =/= B, A < B, A > B, A =< B, A >= B]),
    each(T).

id(X) -> X.
