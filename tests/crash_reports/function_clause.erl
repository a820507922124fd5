#!/usr/bin/env escript
%% kiln crash report: no clause of a local function matches
-module(function_clause).
-export([main/1]).
-mode(compile).

main(Args) ->
    Kind = classify(length(Args), hd(Args)),
    io:format("~p~n", [Kind]).

classify(0, _) -> empty;
classify(1, "x") -> one.
