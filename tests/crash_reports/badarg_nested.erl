#!/usr/bin/env escript
%% kiln crash report: badarg from a BIF two calls below main, with two bad arguments
-module(badarg_nested).
-export([main/1]).
-mode(compile).

main(Args) ->
    Value = outer(Args),
    io:format("~p~n", [Value]).

outer(Args) ->
    Size = inner(Args),
    Size + 1.

inner(Args) ->
    element(length(Args) + 10, list_to_tuple(Args)).
