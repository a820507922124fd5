% kiln diagnostics: maybe expressions are parsed but not compiled yet
-module(unsupported_maybe).
-feature(maybe_expr, enable).
-export([main/1]).

main(_) ->
    maybe
        {ok, X} ?= {ok, 1},
        X
    end.
