#!/usr/bin/env escript
%% kiln crash report: a BIF failing with badarg, reported with its error_info
-module(badarg_bif).
-export([main/1]).
-mode(compile).

main(Args) ->
    Name = atom_to_list(id(Args)),
    io:format("~s~n", [Name]).

id(X) -> X.
