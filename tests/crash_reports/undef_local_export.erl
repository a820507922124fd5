#!/usr/bin/env escript
%% kiln crash report: a call to a function the module defines but does not export
-module(undef_local_export).
-export([main/1]).
-mode(compile).

main(_) ->
    One = hidden(1),
    Two = ?MODULE:hidden(id(One)),
    io:format("~p~n", [Two]).

hidden(X) -> X.

id(X) -> X.
