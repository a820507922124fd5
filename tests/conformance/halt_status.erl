% kiln conformance: halt(3) exits with status 3; output before it is kept, nothing after runs
-module(halt_status).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("before halt~n"),
    io:format("partial line without newline"),
    erlang:halt(id(3)),
    io:format("never printed~n").

id(X) -> X.
