#!/usr/bin/env escript
%% kiln crash report: a throw nobody catches
-module(throw_uncaught).
-export([main/1]).
-mode(compile).

main(Args) ->
    find(lists:reverse(Args)),
    io:format("found~n").

find(["x" | _]) -> found;
find(Keys) -> throw({not_found, Keys}).
