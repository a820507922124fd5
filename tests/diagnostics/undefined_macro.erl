% diagnostics: ?MISSING (line 6) was never defined
-module(undefined_macro).
-export([f/0]).

f() ->
    ?MISSING + 1.
