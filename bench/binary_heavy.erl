% kiln benchmark: binaries: build 200,000 length-prefixed records with the bit
% syntax, parse them back, checksum the payloads, and run a binary comprehension
-module(binary_heavy).
-export([main/1]).
-mode(compile).

main(_) ->
    Bin = encode(200000, <<>>),
    io:format("encoded ~b bytes~n", [byte_size(Bin)]),
    {Count, Sum} = decode(Bin, 0, 0),
    io:format("decoded ~b records, checksum ~b~n", [Count, Sum]),
    Xored = << <<(B bxor 16#5A)>> || <<B>> <= Bin >>,
    io:format("xor ~b~n", [adler(Xored, 1, 0)]).

encode(0, Acc) -> Acc;
encode(N, Acc) ->
    Payload = payload(N),
    encode(N - 1, <<Acc/binary, N:32/big, (byte_size(Payload)):16/little, Payload/binary>>).

payload(N) -> <<"record-", (integer_to_binary(N))/binary, "-", (N rem 251):8, (N * 7):24>>.

decode(<<N:32/big, Len:16/little, Payload:Len/binary, Rest/binary>>, Count, Sum) ->
    decode(Rest, Count + 1, (Sum + N + sum_bytes(Payload, 0)) rem 1000000007);
decode(<<>>, Count, Sum) -> {Count, Sum}.

sum_bytes(<<B, Rest/binary>>, Acc) -> sum_bytes(Rest, Acc + B);
sum_bytes(<<>>, Acc) -> Acc.

adler(<<B, Rest/binary>>, A, S) ->
    A1 = (A + B) rem 65521,
    adler(Rest, A1, (S + A1) rem 65521);
adler(<<>>, A, S) -> S * 65536 + A.
