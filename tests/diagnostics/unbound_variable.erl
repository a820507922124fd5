% diagnostics: variable 'Y' (line 6) is unbound
-module(unbound_variable).
-export([f/1]).

f(X) ->
    X + Y.
