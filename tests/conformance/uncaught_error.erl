% kiln conformance: an uncaught error exits with status 127 (report on stderr); earlier stdout is kept
-module(uncaught_error).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("before the error~n"),
    io:format("~p~n", [step(3)]),
    erlang:error(boom),
    io:format("never printed~n").

step(N) -> N * 2.
