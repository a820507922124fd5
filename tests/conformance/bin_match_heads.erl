% kiln conformance-next: binary patterns in function heads (sizes bound earlier, literal prefixes)
-module(bin_match_heads).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [tlv(<<3, "abc", 0, 2, "xy", 1, "z">>)]),
    io:format("~p~n", [tlv(<<5, "abcdefgh">>)]),
    io:format("~p~n", [tlv(<<>>)]),
    [io:format("~p~n", [request(R)]) ||
        R <- [<<"GET /index.html">>, <<"POST /form">>, <<"PUT x">>, <<"GET ">>, <<"GE">>,
              <<"DELETE /a/b">>, <<>>]],
    [io:format("~p~n", [header(H)]) ||
        H <- [<<1:4, 2:4, 3:16, "rest">>, <<16#FF, 0, 0>>, <<0:24>>, <<1:4, 0:4, 1:8>>]],
    io:format("~p~n", [words(<<"the quick  brown fox">>, <<>>, [])]),
    io:format("~p~n", [lens([<<1, 2, 3>>, <<>>, <<1:1>>, <<1:9>>, <<"abcdefgh">>])]),
    io:format("~p~n", [sizes(<<2, 16#ABCD:16, 3, 1, 2, 3, 0>>)]),
    io:format("~p~n", [last(<<1, 2, 3, 4>>)]),
    io:format("~p~n", [varint(<<16#AC, 16#02, 16#05, 16#FF, 16#FF, 16#03>>)]),
    io:format("~p~n", [bits(<<2#10110:5>>)]),
    io:format("~p ~p~n", [same(<<7, 7>>), same(<<7, 8>>)]),
    io:format("~p~n", [[kind(X) || X <- [<<0>>, <<1:1>>, <<"a">>, <<255, 1>>, <<>>, <<1:7>>]]]),
    try tlv(<<2, "a">>) of V -> io:format("~p~n", [V])
    catch C:R -> io:format("~p~n", [{C, R}]) end,
    try header(not_a_binary) of V2 -> io:format("~p~n", [V2])
    catch C2:R2 -> io:format("~p~n", [{C2, R2}]) end.

tlv(<<N:8, Data:N/binary, Rest/binary>>) -> [Data | tlv(Rest)];
tlv(<<>>) -> [];
tlv(Other) when byte_size(Other) > 1 -> [{bad, Other}].

request(<<"GET ", Path/binary>>) -> {get, Path};
request(<<"POST ", Path/binary>>) -> {post, Path};
request(<<"DELETE ", Path/bytes>>) -> {delete, binary:split(Path, <<"/">>, [global])};
request(<<Verb:3/binary, _/binary>>) -> {unknown, Verb};
request(Other) -> {short, Other}.

header(<<Version:4, Type:4, Len:16, Payload/binary>>) when Version =:= 1 ->
    {v1, Type, Len, Payload};
header(<<16#FF, Rest/binary>>) -> {ff, Rest};
header(<<0:8, _:16>>) -> zero;
header(<<V:4, _/bits>>) -> {version, V}.

words(<<" ", Rest/binary>>, <<>>, Acc) -> words(Rest, <<>>, Acc);
words(<<" ", Rest/binary>>, W, Acc) -> words(Rest, <<>>, [W | Acc]);
words(<<C, Rest/binary>>, W, Acc) -> words(Rest, <<W/binary, C>>, Acc);
words(<<>>, <<>>, Acc) -> lists:reverse(Acc);
words(<<>>, W, Acc) -> lists:reverse([W | Acc]).

lens(L) -> [{byte_size(B), bit_size(B)} || B <- L].

sizes(<<N, Word:N/unit:8, M, Items:M/binary, T>>) -> {N, Word, M, Items, T}.

last(<<_:3/binary, L>>) -> L.

varint(<<>>) -> [];
varint(Bin) -> {V, Rest} = varint1(Bin, 0, 0), [V | varint(Rest)].

varint1(<<1:1, B:7, Rest/binary>>, Shift, Acc) -> varint1(Rest, Shift + 7, Acc bor (B bsl Shift));
varint1(<<0:1, B:7, Rest/binary>>, Shift, Acc) -> {Acc bor (B bsl Shift), Rest}.

bits(<<B:1, Rest/bits>>) -> [B | bits(Rest)];
bits(<<>>) -> [].

same(<<X, X>>) -> same;
same(<<_, _>>) -> different.

kind(<<>>) -> empty;
kind(<<0>>) -> zero_byte;
kind(<<_:1>>) -> one_bit;
kind(<<C>>) when C >= $a, C =< $z -> lower;
kind(B) when is_binary(B) -> {bytes, byte_size(B)};
kind(B) when is_bitstring(B) -> {bits, bit_size(B)}.
