% kiln conformance-next: binary/bytes/bitstring/bits segments in construction
-module(bin_construct_binary).
-export([main/1]).
-mode(compile).

main(_) ->
    A = id(<<"hello">>),
    B = id(<<1:3>>),
    p(<<A/binary>>),
    p(<<A/bytes>>),
    p(<<A/binary, " ", A/binary>>),
    p(<<A:3/binary>>),
    p(<<A:2/bytes, "!">>),
    p(<<A/bitstring, B/bits>>),
    p(<<B/bitstring, A/binary>>),
    p(<<B/bits, B/bits, B/bits>>),
    p(<<B:2/bits>>),
    p(<<A:12/bits>>),
    p(<<A:24/bits>>),
    p(<<A:20/bitstring>>),
    p(<<>>),
    p(<<(id(<<>>))/binary>>),
    p(<<(id(<<>>))/binary, (id(<<>>))/bits>>),
    C = << <<X>> || X <- lists:seq(1, 10) >>,
    p(<<C/binary, C/binary>>),
    N = id(4),
    p(<<C:N/binary, 0, C:(N + 1)/binary>>),
    Nested = <<(<<1, 2>>)/binary, (<<3:4>>)/bits, (<<5:4>>)/bits>>,
    p(Nested),
    p(is_binary(Nested)),
    t(binary_from_bitstring, fun() -> <<(id(B))/binary>> end),
    t(too_short, fun() -> <<(id(A)):6/binary>> end),
    t(not_binary, fun() -> <<(id(abc))/binary>> end),
    t(list_as_binary, fun() -> <<(id("abc"))/binary>> end),
    t(int_as_binary, fun() -> <<(id(1))/binary>> end),
    t(bits_too_short, fun() -> <<(id(B)):4/bits>> end),
    t(bad_unit_multiple, fun() -> <<(id(<<1:12>>))/binary>> end),
    ok.

p(T) -> io:format("~p~n~w~n", [T, T]).

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
