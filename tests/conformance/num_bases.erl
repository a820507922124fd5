% kiln conformance-next: integer_to_list/2, list_to_integer/2 and friends in every base
-module(num_bases).
-export([main/1]).
-mode(compile).

main(_) ->
    Ns = [0, 1, -1, 35, 36, 255, -255, 1 bsl 32, 123456789, -(1 bsl 70) - 1],
    [io:format("~p: ~p~n", [B, [integer_to_list(N, B) || N <- Ns]]) || B <- lists:seq(2, 36)],
    io:format("~p~n", [[list_to_integer(S, B) || {S, B} <- [{"ff", 16}, {"FF", 16}, {"-ff", 16}, {"+z", 36},
                                                              {"777", 8}, {"1010", 2}, {"0", 2}, {"00012", 3},
                                                              {"zzzzzzzzzzzzzzzzzz", 36}]]]),
    io:format("~p~n", [[list_to_integer(S) || S <- ["0", "-0", "+0", "007", "123456789012345678901234567890", "-99"]]]),
    io:format("~p~n", [[integer_to_list(N) || N <- Ns]]),
    t(base1, fun() -> integer_to_list(5, 1) end),
    t(base37, fun() -> integer_to_list(5, 37) end),
    t(l2i_bad_digit, fun() -> list_to_integer(id("19"), 8) end),
    t(l2i_space, fun() -> list_to_integer(id("1 ")) end),
    t(l2i_float, fun() -> list_to_integer(id("1.0")) end),
    t(l2i_plus_minus, fun() -> list_to_integer(id("+-1")) end),
    t(l2i_base_bad, fun() -> list_to_integer("1", id(0)) end),
    t(l2i_unicode, fun() -> list_to_integer(id([$1, 16#0661])) end),
    io:format("~p~n", [[erlang:integer_to_binary(N, 16) || N <- [255, -4096, 1 bsl 65]]]),
    io:format("~s ~s ~s~n", [io_lib:format("~.2B", [-5]), io_lib:format("~.36B", [1295]), io_lib:format("~.16b", [48879])]),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
