% diagnostics: syntax error: the call on line 6 is missing its closing ')'
-module(syntax_error).
-export([f/1]).

f(X) ->
    g(X, 1.

g(A, B) -> A + B.
