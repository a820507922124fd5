% kiln conformance-next: bit syntax construction with integer segments (size, unit, endianness, signedness)
-module(bin_construct_int).
-export([main/1]).
-mode(compile).

main(_) ->
    V = id(16#ABCDEF12),
    p(<<V:32>>),
    p(<<V:32/big>>),
    p(<<V:32/little>>),
    p(<<V:16>>),
    p(<<V:16/little>>),
    p(<<V:8>>),
    p(<<V:4>>),
    p(<<V:12>>),
    p(<<V:12/little>>),
    p(<<V:24/little>>),
    p(<<V:40>>),
    p(<<V:40/little>>),
    N = id(-1),
    p(<<N:8>>),
    p(<<N:16/signed>>),
    p(<<N:3>>),
    p(<<N:72/little-signed>>),
    p(<<(id(-300)):16/signed-little>>),
    p(<<(id(-300)):16/unsigned-big>>),
    p(<<(id(256)):8>>),
    p(<<(id(257)):8>>),
    p(<<(id(1)):1, (id(0)):1, (id(1)):1, (id(1)):5>>),
    p(<<(id(5)):4/unit:2>>),
    p(<<(id(5)):3/unit:8>>),
    p(<<(id(5)):3/little-unit:8>>),
    p(<<(id(0)):0>>),
    p(<<(id(7)):0, 1>>),
    Big = id(1 bsl 100 + 12345),
    p(<<Big:104>>),
    p(<<Big:104/little>>),
    p(<<Big:64>>),
    p(<<(-Big):128/signed>>),
    S = id(24),
    p(<<V:S>>),
    p(<<V:S/little>>),
    p(<<1, 2, 3, (id(300)), -1>>),
    p(<<"abc", 0, "de">>),
    p(<<$a, $b:16, $c:4>>),
    p(<<(id(16#0102030405060708)):64/native>> =:= <<(id(16#0102030405060708)):64/little>>),
    p(<<(id(1000)):16/integer-signed-big-unit:1>>),
    L = [<<X:5>> || X <- lists:seq(0, 7)],
    p(L),
    p(<< <<X:2>> || X <- [0, 1, 2, 3, 4, 5] >>),
    t(atom_value, fun() -> <<(id(a)):8>> end),
    t(float_value, fun() -> <<(id(1.5)):8>> end),
    t(negative_size, fun() -> <<(id(1)):(id(-1))>> end),
    t(atom_size, fun() -> <<(id(1)):(id(x))>> end),
    t(list_value, fun() -> <<(id([1])):8>> end),
    ok.

p(T) -> io:format("~p~n~w~n", [T, T]).

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
