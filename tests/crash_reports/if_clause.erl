#!/usr/bin/env escript
%% kiln crash report: no branch of an if is true
-module(if_clause).
-export([main/1]).
-mode(compile).

main(Args) ->
    Size = if
               length(Args) > 5 -> big;
               length(Args) =:= 0 -> empty
           end,
    io:format("~p~n", [Size]).
