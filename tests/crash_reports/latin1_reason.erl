#!/usr/bin/env escript
%% kiln crash report: an error term with non-ASCII characters, printed as escript prints to a pipe (latin1)
-module(latin1_reason).
-export([main/1]).
-mode(compile).

main(Args) ->
    greet(Args),
    io:format("greeted~n").

greet([_ | _]) -> erlang:error({'caf\x{e9}', "na\x{ef}ve \x{2603}", <<"\x{e9}"/utf8>>});
greet([]) -> ok.
