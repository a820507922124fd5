#!/usr/bin/env escript
%% Regenerates runtime/testdata/map_order_cases.txt: the order in which real
%% OTP 25 lists, prints and encodes maps of more than 32 keys (hash tries),
%% whose keys hold no atoms (OTP hashes an atom by its atom table index).
%% Never edit the output by hand:
%%
%%     escript runtime/testdata/gen_map_order_cases.escript runtime/testdata/map_order_cases.txt
%%
%% One line per map M = maps:from_list(Pairs):
%%   "order <Pairs> <maps:to_list(M)> <keys of maps:fold/3, in call order>
%%    <term_to_binary(M)> <~w of M> <~p of M>"
%% every field hex: the first three as term_to_binary of a list (whose
%% encoding does not depend on map order), then the bytes themselves.
-mode(compile).

main([Out]) ->
    Lines = [line(Pairs) || Pairs <- cases()],
    ok = file:write_file(Out, Lines).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

line(Pairs) ->
    M = maps:from_list(Pairs),
    Fold = lists:reverse(maps:fold(fun(K, _, A) -> [K | A] end, [], M)),
    W = unicode:characters_to_binary(io_lib:format("~w", [M])),
    P = unicode:characters_to_binary(io_lib:format("~p", [M])),
    ["order ", hex(term_to_binary(Pairs)), $\s, hex(term_to_binary(maps:to_list(M))), $\s,
     hex(term_to_binary(Fold)), $\s, hex(term_to_binary(M)), $\s, hex(W), $\s, hex(P), $\n].

seq(N) -> lists:seq(1, N).

cases() ->
    Ints = [[{I, I * I} || I <- seq(N)] || N <- [33, 34, 40, 64, 100, 257, 1000, 2000]],
    Neg = [[{-I * 7919, I} || I <- seq(200)]],
    %% Around BEAM's 60-bit small limit and beyond 64 bits.
    Big = [[{(1 bsl 59) - 50 + I, I} || I <- seq(100)] ++ [{-(1 bsl 59) - I, I} || I <- seq(20)]
           ++ [{(1 bsl 64) * I + I, I} || I <- seq(20)] ++ [{-(1 bsl 100) - I, x} || I <- seq(5)]],
    Floats = [[{I / 7, I} || I <- seq(100)] ++ [{0.0, zero}, {-1.5e300, big}, {5.0e-324, tiny}]],
    IntFloat = [[{I, int} || I <- seq(30)] ++ [{float(I), float} || I <- seq(30)]],
    Bins = [[{integer_to_binary(I), I} || I <- seq(300)],
            [{binary:copy(<<I>>, I), I} || I <- seq(100)],
            [{<<I:I>>, I} || I <- seq(60)]],
    Strings = [[{integer_to_list(I * 31), I} || I <- seq(150)],
               [{[I, 256 + I, -I], I} || I <- seq(50)],
               [{[I | I], I} || I <- seq(40)],
               [{lists:seq(1, I), I} || I <- seq(40)]],
    Tuples = [[{{I, I rem 3}, I} || I <- seq(120)],
              [{{}, e}] ++ [{{I, [I], <<I>>, {float(I)}}, I} || I <- seq(60)]],
    Nested = [[{#{I => I, <<"k">> => [I]}, I} || I <- seq(50)],
              [{maps:from_list([{J, J} || J <- seq(32 + I)]), I} || I <- seq(34)],
              [{{#{}, I}, I} || I <- seq(40)] ++ [{#{}, empty}]],
    Values = [[{I, #{I => maps:from_list([{J, J} || J <- seq(40)])}} || I <- seq(35)]],
    Mixed = [[{I, a} || I <- seq(20)] ++ [{float(I), b} || I <- seq(10)]
             ++ [{integer_to_binary(I), c} || I <- seq(10)] ++ [{integer_to_list(I), d} || I <- seq(10)]
             ++ [{{I}, e} || I <- seq(10)] ++ [{[], nil}, {<<>>, empty}, {1 bsl 80, big}, {"", nil2}]],
    Ints ++ Neg ++ Big ++ Floats ++ IntFloat ++ Bins ++ Strings ++ Tuples ++ Nested ++ Values ++ Mixed.
