#!/usr/bin/env escript
%% kiln crash report: error/1 with a term of the program's own
-module(custom_error).
-export([main/1]).
-mode(compile).

main(Args) ->
    check(Args),
    io:format("checked~n").

check(Args) when length(Args) > 2 ->
    erlang:error({invalid_config, #{args => Args, limit => 2}, <<"bytes">>});
check(_) ->
    ok.
