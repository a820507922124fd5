% kiln benchmark: Takeuchi function (deep non-tail recursion, comparisons)
-module(tak).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("checksum ~b~n", [repeat(300, 0)]).

repeat(0, Acc) -> Acc;
repeat(N, Acc) -> repeat(N - 1, Acc + tak(24, 16, 8 + N rem 2)).

tak(X, Y, Z) when Y < X ->
    tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_, _, Z) ->
    Z.
