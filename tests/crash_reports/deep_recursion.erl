#!/usr/bin/env escript
%% kiln crash report: badarg twenty direct body-recursive calls deep (BEAM records the recursion once)
-module(deep_recursion).
-export([main/1]).
-mode(compile).

main(Args) ->
    Sum = count_down(20, Args),
    io:format("~p~n", [Sum]).

count_down(0, Args) -> list_to_integer(hd(Args));
count_down(N, Args) -> 1 + count_down(N - 1, Args).
