% kiln conformance: binary matching with computed sizes, odd signed little, floats, unit tails, utf16/32
-module(bin_match_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~w~n", [Label, t(F)]).

%% Size*8 as a guard-expression size
take(N, Bin) ->
    case Bin of
        <<Head:(N * 8)/binary, Rest/binary>> -> {Head, Rest};
        _ -> short
    end.

take_int(N, Bin) ->
    case Bin of
        <<V:(N * 8)/little-signed, _/binary>> -> V;
        _ -> none
    end.

len_prefixed(<<Len:8, Body:(Len * 2)/binary, Rest/binary>>) -> {Body, Rest};
len_prefixed(_) -> nomatch.

%% binary pattern inside a tuple pattern in a function head
msg({pkt, <<1, Len:16, Payload:Len/binary>>, Meta}) -> {short_form, Payload, Meta};
msg({pkt, <<2, X:32/float, _/binary>>, _}) -> {float_form, X};
msg({pkt, <<3, A:4, B:4, Rest/bitstring>>, M}) when A > B -> {nibbles, A, B, bit_size(Rest), M};
msg({pkt, <<_, _/binary>>, _}) -> unknown_tag;
msg(_) -> not_a_packet.

%% repeated variable: both must be equal
same(<<X, X>>) -> {same, X};
same(<<X, _>>) -> {differ, X};
same(_) -> other.

same_len(<<N, N, Data:N/binary>>) -> Data;
same_len(_) -> nomatch.

tuple_and_bin({X, <<X, Y>>}) -> {hit, Y};
tuple_and_bin(_) -> miss.

unit_tail(<<H:8, T/binary-unit:16>>) -> {u16, H, T};
unit_tail(<<H:8, T/binary-unit:3>>) -> {u3, H, T};
unit_tail(_) -> nomatch.

main(_) ->
    Hello = id(<<"hello world">>),
    p("take", fun() -> [take(N, Hello) || N <- [0, 1, 5, 11, 12]] end),
    p("take_int", fun() -> [take_int(N, id(<<255, 255, 255, 127, 1>>)) || N <- [1, 2, 3, 4, 5, 6]] end),
    p("len_prefixed", fun() -> [len_prefixed(X) || X <- [<<2, "abcdX">>, <<3, "ab">>, <<0>>, <<>>]] end),
    p("signed little 12", fun() -> <<V:12/little-signed, R:4>> = id(<<16#ff, 16#f8>>), {V, R} end),
    p("signed little 12b", fun() -> <<V:12/little-signed, _:4>> = id(<<16#01, 16#08>>), V end),
    p("unsigned little 12", fun() -> <<V:12/little, _:4>> = id(<<16#ff, 16#f8>>), V end),
    p("signed little 24", fun() -> <<V:24/little-signed>> = id(<<0, 0, 128>>), V end),
    p("signed big 7", fun() -> <<V:7/signed, W:9/signed>> = id(<<255, 0>>), {V, W} end),
    p("signed little 17", fun() -> <<V:17/little-signed, _:7>> = id(<<1, 2, 255>>), V end),
    p("little 3 bits", fun() -> <<V:3/little, _:5>> = id(<<2#10100000>>), V end),
    p("little 33", fun() -> <<V:33/little, _/bitstring>> = id(<<1, 2, 3, 4, 255>>), V end),
    p("native/big roundtrip", fun() -> <<V:40/little-signed>> = <<(-5):40/little-signed>>, V end),
    p("float16", fun() -> [X || <<X:16/float>> <= id(<<16#3c00:16, 16#c000:16, 16#7bff:16, 16#0001:16, 16#3555:16>>)] end),
    p("float32", fun() -> [X || <<X:32/float>> <= id(<<1.0:32/float, -0.1:32/float, 3.4e38:32/float>>)] end),
    p("float64", fun() -> [X || <<X:64/float>> <= id(<<1.0e300:64/float, -2.5:64/float, 5.0e-324:64/float>>)] end),
    p("float little", fun() -> <<X:32/float-little, Y:64/float-little>> = id(<<1.5:32/float-little, 0.25:64/float-little>>), {X, Y} end),
    p("float16 build", fun() -> <<1.5:16/float, (-0.5):16/float, 65504.0:16/float>> end),
    p("float nan no match", fun() -> case id(<<16#7fc00000:32>>) of <<X:32/float>> -> {ok, X}; _ -> nomatch end end),
    p("float inf no match", fun() -> case id(<<16#7ff0000000000000:64>>) of <<X:64/float>> -> {ok, X}; _ -> nomatch end end),
    p("float16 inf no match", fun() -> case id(<<16#7c00:16>>) of <<X:16/float>> -> {ok, X}; _ -> nomatch end end),
    p("float bad size", fun() -> S = id(24), case id(<<0:24>>) of <<X:S/float>> -> {ok, X}; _ -> nomatch end end),
    p("unit tails", fun() -> [unit_tail(X) || X <- [<<1, 2, 3>>, <<1, 2>>, <<1, 2:6>>, <<1, 1:3>>, <<1, 1:2>>, <<>>]] end),
    p("unit sized", fun() -> <<A:3/binary-unit:4, R/bits>> = id(<<1, 2, 3>>), {A, R} end),
    p("unit 1 size", fun() -> <<A:5/binary-unit:1, R/bits>> = id(<<255>>), {A, R} end),
    p("utf16 big", fun() -> [C || <<C/utf16>> <= id(<<0, $a, 16#d8, 16#3d, 16#de, 16#00, 16#00, 16#e9>>)] end),
    p("utf16 little", fun() -> [C || <<C/utf16-little>> <= id(<<$a, 0, 16#3d, 16#d8, 16#00, 16#de>>)] end),
    p("utf16 lone surrogate", fun() -> case id(<<16#d8, 16#00, 0, $a>>) of <<C/utf16, _/binary>> -> {ok, C}; _ -> nomatch end end),
    p("utf32 big", fun() -> [C || <<C/utf32>> <= id(<<0, 0, 0, $z, 0, 1, 16#f6, 0>>)] end),
    p("utf32 little", fun() -> <<C/utf32-little, R/binary>> = id(<<16#e9, 0, 0, 0, 1>>), {C, R} end),
    p("utf32 too big", fun() -> case id(<<0, 16#11, 0, 0>>) of <<C/utf32>> -> {ok, C}; _ -> nomatch end end),
    p("utf32 surrogate", fun() -> case id(<<0, 0, 16#d8, 0>>) of <<C/utf32>> -> {ok, C}; _ -> nomatch end end),
    p("utf8 overlong", fun() -> case id(<<16#c0, 16#80>>) of <<C/utf8>> -> {ok, C}; _ -> nomatch end end),
    p("utf8 then rest", fun() -> <<C/utf8, R/binary>> = id(<<226, 130, 172, 1, 2>>), {C, R} end),
    p("same", fun() -> [same(X) || X <- [<<7, 7>>, <<7, 8>>, <<7>>, <<7, 7, 7>>]] end),
    p("same_len", fun() -> [same_len(X) || X <- [<<2, 2, "ab">>, <<2, 3, "abc">>, <<1, 1, "ab">>, <<0, 0>>]] end),
    p("tuple_and_bin", fun() -> [tuple_and_bin(X) || X <- [{1, <<1, 9>>}, {1, <<2, 9>>}, {1, <<1>>}, {a, <<>>}]] end),
    p("msg", fun() -> [msg(X) || X <- [{pkt, <<1, 0, 3, "abc">>, m1}, {pkt, <<1, 0, 4, "abc">>, m2},
                                       {pkt, <<2, 2.5:32/float, 9>>, m3}, {pkt, <<3, 16#52, 1:3>>, m4},
                                       {pkt, <<3, 16#25>>, m5}, {pkt, <<>>, m6}, {other, <<1>>, m7}, x]] end),
    p("case size var", fun() -> S = id(3), case id(<<5:3, 1:5>>) of <<A:S, B:(8 - S)>> -> {A, B} end end),
    p("size arithmetic", fun() -> W = id(2), <<A:(W + 1)/unit:8, _/binary>> = id(<<1, 2, 3, 4>>), A end),
    p("negative size", fun() -> S = id(-8), case id(<<1>>) of <<A:S>> -> A; _ -> nomatch end end),
    p("badmatch", fun() -> <<_:16>> = id(<<1>>) end),
    p("bignum field", fun() -> <<V:72, W:72/little>> = id(<<1:72, 1:72/little>>), {V, W} end),
    p("bignum signed", fun() -> <<V:100/signed>> = id(<<(-12345678901234567890123):100/signed>>), V end),
    p("skip then match", fun() -> <<_:5/binary, " ", W/binary>> = id(<<"hello world">>), W end),
    ok.
