#!/usr/bin/env escript
%% kiln crash report: a match against a value of another shape
-module(badmatch).
-export([main/1]).
-mode(compile).

main(Args) ->
    {ok, Value} = lookup(Args),
    io:format("~p~n", [Value]).

lookup(Args) -> {error, {not_found, Args}}.
