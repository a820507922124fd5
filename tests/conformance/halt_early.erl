% kiln conformance: halt(0) from a nested call stops the program with status 0
-module(halt_early).
-export([main/1]).
-mode(compile).

main(_) ->
    loop(1),
    io:format("never printed~n").

loop(N) when N > 5 ->
    io:format("stopping at ~p~n", [N]),
    halt(0);
loop(N) ->
    io:format("iteration ~p~n", [N]),
    loop(N + 1).
