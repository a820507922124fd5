#!/usr/bin/env escript
%% kiln crash report: badarith twelve body-recursive calls deep: the stack trace stops at eight entries
-module(badarith_deep).
-export([main/1]).
-mode(compile).

main(Args) ->
    Total = sum_inverse(12, length(Args) - 3),
    io:format("~p~n", [Total]).

sum_inverse(0, X) -> 1 / X;
sum_inverse(N, X) -> 1 + step(N - 1, X).

step(N, X) -> 2 * sum_inverse(N, X).
