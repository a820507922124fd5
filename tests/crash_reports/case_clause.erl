#!/usr/bin/env escript
%% kiln crash report: no clause of a case matches
-module(case_clause).
-export([main/1]).
-mode(compile).

main(Args) ->
    Reply = case list_to_tuple(Args) of
                {} -> none;
                {_} -> one
            end,
    io:format("~p~n", [Reply]).
