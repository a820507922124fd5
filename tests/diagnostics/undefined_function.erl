% diagnostics: local function nowhere/1 (line 6) is not defined in this module
-module(undefined_function).
-export([f/1]).

f(X) ->
    nowhere(X).
