#!/usr/bin/env escript
%% kiln crash report: no clause of a try ... of matches
-module(try_clause).
-export([main/1]).
-mode(compile).

main(Args) ->
    Value = try length(Args) of
                0 -> none
            catch
                error:badarg -> bad
            end,
    io:format("~p~n", [Value]).
