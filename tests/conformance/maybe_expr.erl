% kiln conformance: `maybe` expressions (OTP 25's maybe_expr feature)
-module(maybe_expr).
-feature(maybe_expr, enable).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [both({ok, 1}, {ok, 2})]),
    io:format("~p~n", [both({ok, 1}, error)]),
    io:format("~p~n", [both({error, first}, {ok, 2})]),
    io:format("~p~n", [with_else({ok, 1})]),
    io:format("~p~n", [with_else(boom)]),
    io:format("~p~n", [with_else({error, 7})]),
    io:format("~p~n", [try with_else(other) catch error:R -> {caught, R} end]),
    io:format("~p~n", [guarded(3)]),
    io:format("~p~n", [guarded(1)]),
    io:format("~p~n", [last_match({ok, last})]),
    io:format("~p~n", [last_match(nope)]),
    io:format("~p~n", [plain()]),
    io:format("~p~n", [[steps(X) || X <- [0, 1, 2, 3]]]),
    io:format("~p~n", [nested({ok, {ok, 5}})]),
    io:format("~p~n", [nested({ok, {error, inner}})]),
    io:format("~p~n", [bound(4, {ok, 4})]),
    io:format("~p~n", [bound(4, {ok, 5})]).

both(A, B) ->
    maybe
        {ok, X} ?= A,
        {ok, Y} ?= B,
        X + Y
    end.

with_else(A) ->
    maybe
        {ok, X} ?= A,
        X * 10
    else
        boom -> got_boom;
        {error, N} when N > 5 -> {big_error, N}
    end.

guarded(N) ->
    maybe
        true ?= N > 2,
        Z = N * 2,
        Z + 1
    end.

last_match(V) ->
    maybe
        {ok, _} ?= V
    end.

plain() ->
    maybe
        A = 1,
        A + 1
    end.

steps(X) ->
    maybe
        ok ?= check(X > 0, too_small),
        ok ?= check(X rem 2 =:= 1, even),
        {odd, X}
    else
        {error, Why} -> Why
    end.

check(true, _) -> ok;
check(false, Why) -> {error, Why}.

nested(V) ->
    maybe
        {ok, Inner} ?= V,
        maybe
            {ok, N} ?= Inner,
            N * 2
        else
            {error, E} -> {inner_failed, E}
        end
    end.

bound(X, V) ->
    maybe
        {ok, X} ?= V,
        same
    else
        {ok, Y} -> {different, Y}
    end.
