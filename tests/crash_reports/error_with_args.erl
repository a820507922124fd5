#!/usr/bin/env escript
%% kiln crash report: error/2: the caller's entry shows the given arguments
-module(error_with_args).
-export([main/1]).
-mode(compile).

main(Args) ->
    validate(Args, 2),
    io:format("valid~n").

validate(Args, Max) when length(Args) > Max -> erlang:error(too_many, [Args, Max]);
validate(_, _) -> ok.
