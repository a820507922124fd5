% diagnostics: the string literal opened on line 6 is never closed
-module(unterminated_string).
-export([f/0]).

f() ->
    io:format("hello~n).
