% diagnostics: the quoted atom opened on line 6 is never closed
-module(unterminated_atom).
-export([f/0]).

f() ->
    'unclosed.
