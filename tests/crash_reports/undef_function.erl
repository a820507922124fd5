#!/usr/bin/env escript
%% kiln crash report: a call to a function that no module defines
-module(undef_function).
-export([main/1]).
-mode(compile).

main(Args) ->
    Result = nosuch_module:lookup(length(Args), two),
    io:format("~p~n", [Result]).
