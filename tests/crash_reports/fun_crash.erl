#!/usr/bin/env escript
%% kiln crash report: a crash inside a fun, called by a higher-order function of the program
-module(fun_crash).
-export([main/1]).
-mode(compile).

main(Args) ->
    Lengths = map(fun(A) -> length(A) + list_to_integer(A) end, Args),
    io:format("~p~n", [Lengths]).

map(F, [X | Xs]) -> [F(X) | map(F, Xs)];
map(_, []) -> [].
