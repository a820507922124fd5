#!/usr/bin/env escript
%% kiln crash report: an update of a map key that is not there
-module(badkey_map).
-export([main/1]).
-mode(compile).

main(Args) ->
    Config = #{args => Args},
    Limit = limit(Config, length(Args)),
    io:format("~p~n", [Limit]).

limit(Config, N) when N > 1 -> Config#{limit := N};
limit(Config, _) -> Config.
