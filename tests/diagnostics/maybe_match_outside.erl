% kiln diagnostics: `?=` outside the body of a `maybe`
-module(maybe_match_outside).
-feature(maybe_expr, enable).
-export([main/1]).

main(Args) ->
    {ok, X} ?= Args,
    X.
