#!/usr/bin/env escript
%% kiln crash report: exit(normal) in main is an uncaught exception too
-module(exit_normal).
-export([main/1]).
-mode(compile).

main(Args) ->
    finish(Args),
    io:format("not reached~n").

finish([_ | _]) -> exit(normal);
finish([]) -> ok.
