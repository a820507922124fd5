#!/usr/bin/env escript
%% Regenerates runtime/testdata/binary_bif_cases.txt: what real OTP returns
%% for the binary BIFs of the erlang and binary modules. The runtime's unit
%% tests (bifs/binary_tests.rs) call the same BIF and compare. Never edit
%% the output by hand:
%%
%%     escript runtime/testdata/gen_binary_bif_cases.escript runtime/testdata/binary_bif_cases.txt
%%
%% Lines: "B <etf hex of {Module, Function, Args}>" then "= <etf hex of the
%% result>" or "! <etf hex of the error reason>".
-mode(compile).

main([Out]) ->
    Lines = [run(M, F, A) || {M, F, A} <- cases()],
    ok = file:write_file(Out, Lines).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

run(M, F, A) ->
    R = try apply(M, F, A)
        of V -> ["= ", hex(term_to_binary(V)), $\n]
        catch error:E -> ["! ", hex(term_to_binary(E)), $\n]
        end,
    [["B ", hex(term_to_binary({M, F, A})), $\n], R].

cases() ->
    Big = list_to_binary(lists:seq(0, 199)),
    Bits = <<"abc", 5:3>>,
    Bins = [<<>>, <<"abc">>, Big, Bits, <<1:1>>, [], a, 1, 1.5, "abc"],
    E = erlang,
    [{E, F, [B]} || F <- [byte_size, bit_size, binary_to_list, bitstring_to_list, list_to_binary,
                          iolist_to_binary, iolist_size, iolist_to_iovec, list_to_bitstring,
                          binary_to_atom, binary_to_existing_atom, binary_to_integer,
                          binary_to_float, float_to_binary, integer_to_binary, atom_to_binary],
                    B <- Bins] ++
    [{E, binary_part, [B, P]} || B <- [<<"abcdef">>, Big, Bits], P <- [{0, 0}, {1, 2}, {6, -2}, {2, -3}, {0, 7}, {-1, 1}, {a, 1}, {0, 200}, x]] ++
    [{E, binary_part, [<<"abcdef">>, 2, 3]}, {E, binary_part, [<<"abcdef">>, 6, 0]}, {E, binary_part, [<<"abcdef">>, 7, 0]}] ++
    [{E, split_binary, [B, N]} || B <- [<<"abcdef">>, Big, Bits, <<>>], N <- [0, 1, 3, 6, 7, 200, -1, a]] ++
    [{E, binary_to_list, [<<"abcdef">>, S, T]} || {S, T} <- [{1, 6}, {2, 3}, {3, 2}, {0, 1}, {1, 7}, {4, 4}]] ++
    [{E, F, [L]} || F <- [list_to_binary, iolist_to_binary, iolist_size, iolist_to_iovec, list_to_bitstring],
                    L <- [[1, 2, <<3>>, [4, [5]] | <<6>>], [256], [-1], [<<1:1>>], [[], [[]]], [1 | 2], [a],
                          [Big, "x", Big], [<<1:3>>, <<7:5>> | <<1:2>>], [<<"ab">>, <<>>], [[<<"x">>] | []]]] ++
    [{E, atom_to_binary, [A, Enc]} || A <- ['hello', 'é', list_to_atom([1024]), "x"], Enc <- [latin1, unicode, utf8, bad]] ++
    [{E, F, [B, Enc]} || F <- [binary_to_atom, binary_to_existing_atom],
                         B <- [<<"hello">>, <<"é"/utf8>>, <<233>>, <<"no_such_atom_xyzzy">>, list_to_binary(lists:duplicate(256, $a)), <<255, 254>>, Bits],
                         Enc <- [latin1, utf8, unicode, bad]] ++
    [{E, integer_to_binary, [I, B]} || I <- [0, 255, -255, 1 bsl 70, -(1 bsl 70), a], B <- [2, 10, 16, 36, 1, 37, x]] ++
    [{E, binary_to_integer, [S, B]} || S <- [<<"ff">>, <<"-FF">>, <<"+10">>, <<"">>, <<"-">>, <<"12a">>, <<"123456789012345678901234567890">>, <<" 1">>, Bits],
                                       B <- [10, 16, 36, 2, 0]] ++
    [{E, binary_to_float, [B]} || B <- [<<"1.5">>, <<"-0.0">>, <<"1.0e10">>, <<"1e10">>, <<"1">>, <<"1.">>, <<".5">>, <<"2.5E-3">>, <<"1.0e400">>, <<"+1.5">>]] ++
    [{E, F, [X, O]} || F <- [float_to_binary, float_to_list],
                       X <- [0.0, 1.0, -1.5, 0.1, 3.14159, 1.0e20, 1.0e-20, 123456.789, 2.5, 0.125, 1.0e300, -0.0, 5.0e-324, 1],
                       O <- [[], [short], [compact], [{decimals, 0}], [{decimals, 2}], [{decimals, 4}, compact],
                             [{decimals, 10}, compact], [{scientific, 0}], [{scientific, 3}], [{scientific, 20}],
                             [{decimals, 254}], [{scientific, 250}], [bad], [{decimals, -1}], x, [{decimals, 3}, short],
                             [short, {decimals, 3}]]] ++
    binary_module_cases().

binary_module_cases() ->
    B = binary,
    Big = list_to_binary(lists:seq(0, 199)),
    Bits = <<"abc", 5:3>>,
    [{B, at, [X, N]} || X <- [<<"abc">>, Bits, a], N <- [0, 2, 3, -1, x]] ++
    [{B, F, [X]} || F <- [first, last, bin_to_list, copy, decode_unsigned, referenced_byte_size],
                    X <- [<<"abc">>, <<>>, Big, Bits, a, <<0, 0, 1, 0>>]] ++
    [{B, part, [X, P]} || X <- [<<"abcdef">>, Bits], P <- [{1, 2}, {6, -2}, {0, 7}]] ++
    [{B, part, [<<"abcdef">>, 2, 3]}] ++
    [{B, bin_to_list, [<<"abcdef">>, P]} || P <- [{1, 2}, {6, -2}, {0, 7}, {3, 0}]] ++
    [{B, bin_to_list, [<<"abcdef">>, S, L]} || {S, L} <- [{1, 2}, {6, -2}, {0, 7}]] ++
    [{B, list_to_bin, [L]} || L <- [[1, <<2>>, [3]], [256], <<"x">>, a]] ++
    [{B, copy, [X, N]} || X <- [<<"ab">>, <<>>, Bits], N <- [0, 1, 3, -1]] ++
    [{B, F, [X, P]} || F <- [split, match, matches],
                       X <- [<<"a,b,,c,">>, <<>>, <<"abcabc">>, Bits],
                       P <- [<<",">>, [<<",">>, <<"b">>], <<"bc">>, [<<"ab">>, <<"abc">>], <<>>, [], a]] ++
    [{B, F, [X, P, O]} || F <- [split, match, matches],
                          X <- [<<"a,b,,c,">>, <<"abcabc">>],
                          P <- [<<",">>, [<<"a">>, <<"c">>]],
                          O <- [[], [global], [trim], [trim_all], [global, trim], [global, trim_all],
                                [{scope, {1, 4}}], [{scope, {6, -3}}], [global, {scope, {2, 3}}], [{scope, {0, 100}}], [bad]]] ++
    [{B, replace, [X, P, R]} || X <- [<<"a,b,,c,">>, <<"abcabc">>, <<>>],
                                P <- [<<",">>, [<<"a">>, <<"bc">>]],
                                R <- [<<"--">>, <<>>, a]] ++
    [{B, replace, [X, P, R, O]} || X <- [<<"a,b,,c,">>, <<"abcabc">>],
                                   P <- [<<",">>, [<<"a">>, <<"bc">>]],
                                   R <- [<<"[]">>, <<"<>">>],
                                   O <- [[global], [{insert_replaced, 1}], [global, {insert_replaced, [0, 2]}],
                                         [{scope, {2, 4}}], [global, {scope, {1, 5}}], [bad], [{insert_replaced, 5}]]] ++
    [{B, F, [L]} || F <- [longest_common_prefix, longest_common_suffix],
                    L <- [[<<"abcd">>, <<"abxy">>], [<<"abc">>], [<<"xyz">>, <<"ayz">>, <<"z">>], [], [<<>>, <<"a">>], [a], x, [Bits, <<"a">>]]] ++
    [{B, decode_unsigned, [X, E]} || X <- [<<1, 2>>, <<>>, Big], E <- [big, little, x]] ++
    [{B, encode_unsigned, [N]} || N <- [0, 1, 256, 1 bsl 70, -1, a]] ++
    [{B, encode_unsigned, [N, E]} || N <- [0, 258, 1 bsl 70], E <- [big, little, x]].
