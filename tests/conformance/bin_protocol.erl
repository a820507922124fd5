% kiln conformance-next: a small binary protocol: encode/decode records to bytes and back
-module(bin_protocol).
-export([main/1]).
-mode(compile).

main(_) ->
    Msgs = [{ping, 1}, {data, 7, <<"payload">>}, {text, "héllo wörld"},
            {point, -3, 4.5}, {list, [1, 300, 70000, 1 bsl 40]}, {flags, [true, false, true, true]},
            {data, 0, <<>>}],
    lists:foreach(fun(M) ->
                          E = encode(M),
                          D = decode(E),
                          io:format("~p~n  ~w~n  ~p ~p~n", [M, E, D, D =:= M])
                  end, Msgs),
    All = << <<(encode(M))/binary>> || M <- Msgs >>,
    io:format("~p bytes, ~p~n", [byte_size(All), decode_all(All) =:= Msgs]),
    io:format("~p~n", [checksum(All)]),
    io:format("~p~n", [base64:encode(All)]),
    io:format("~p~n", [base64:decode(base64:encode(All)) =:= All]),
    io:format("~p~n", [base64:encode(<<"any carnal pleas">>)]),
    io:format("~p~n", [base64:encode_to_string("ab")]),
    io:format("~p~n", [base64:mime_decode(<<"YW Jj\nZA==">>)]),
    try decode(<<99, 0>>) of V -> io:format("~p~n", [V])
    catch C:R -> io:format("~p~n", [{C, R}]) end,
    try decode(<<2, 0, 10, 0, 3, "ab">>) of V2 -> io:format("~p~n", [V2])
    catch C2:R2 -> io:format("~p~n", [{C2, R2}]) end.

encode({ping, N}) -> <<1, N:32>>;
encode({data, Id, Bin}) -> <<2, Id:16, (byte_size(Bin)):16, Bin/binary>>;
encode({text, S}) -> B = unicode:characters_to_binary(S), <<3, (byte_size(B)):8, B/binary>>;
encode({point, X, Y}) -> <<4, X:16/signed-little, Y/float>>;
encode({list, L}) -> <<5, (length(L)):8, << <<(varint(I))/binary>> || I <- L >>/binary>>;
encode({flags, Fs}) ->
    N = length(Fs),
    Pad = (8 - N rem 8) rem 8,
    <<6, N:8, << <<(flag(F)):1>> || F <- Fs >>/bits, 0:Pad>>.

flag(true) -> 1;
flag(false) -> 0.

varint(N) when N < 128 -> <<0:1, N:7>>;
varint(N) -> <<1:1, (N band 127):7, (varint(N bsr 7))/binary>>.

decode(B) -> {M, <<>>} = decode1(B), M.

decode_all(<<>>) -> [];
decode_all(B) -> {M, Rest} = decode1(B), [M | decode_all(Rest)].

decode1(<<1, N:32, R/binary>>) -> {{ping, N}, R};
decode1(<<2, Id:16, Len:16, Bin:Len/binary, R/binary>>) -> {{data, Id, Bin}, R};
decode1(<<3, Len, Bin:Len/binary, R/binary>>) -> {{text, unicode:characters_to_list(Bin)}, R};
decode1(<<4, X:16/signed-little, Y/float, R/binary>>) -> {{point, X, Y}, R};
decode1(<<5, N, R/binary>>) -> {L, R2} = varints(N, R, []), {{list, L}, R2};
decode1(<<6, N, R/binary>>) ->
    Pad = (8 - N rem 8) rem 8,
    <<Bits:N/bits, _:Pad, R2/binary>> = R,
    {{flags, [B =:= 1 || <<B:1>> <= Bits]}, R2}.

varints(0, R, Acc) -> {lists:reverse(Acc), R};
varints(N, R, Acc) -> {V, R2} = unvarint(R, 0, 0), varints(N - 1, R2, [V | Acc]).

unvarint(<<1:1, B:7, R/binary>>, S, Acc) -> unvarint(R, S + 7, Acc bor (B bsl S));
unvarint(<<0:1, B:7, R/binary>>, S, Acc) -> {Acc bor (B bsl S), R}.

checksum(B) -> lists:foldl(fun(X, Acc) -> (Acc * 31 + X) band 16#FFFFFFFF end, 0, binary_to_list(B)).
