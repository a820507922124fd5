#!/usr/bin/env escript
%% kiln crash report: exit/1 called in main
-module(exit_uncaught).
-export([main/1]).
-mode(compile).

main(Args) ->
    stop(length(Args)),
    io:format("still here~n").

stop(N) when N > 0 -> exit({shutdown, N, "done"});
stop(_) -> ok.
