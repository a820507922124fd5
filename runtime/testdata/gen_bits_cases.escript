#!/usr/bin/env escript
%% Regenerates runtime/testdata/bits_cases.txt: what real OTP builds for
%% bitstring construction segments and what it matches out of bitstrings.
%% The runtime's unit tests (binary/tests.rs) replay each case with the
%% '$bs_*' primitives. Never edit the output by hand:
%%
%%     escript runtime/testdata/gen_bits_cases.escript runtime/testdata/bits_cases.txt
%%
%% Lines: "C <etf hex of [Segment]>" then "= <etf hex of the bitstring>" or
%% "= badarg"; "M <etf hex of {Bitstring, [Getter]}>" then "= <etf hex of
%% {Values, Rest}>" or "= nomatch" (Rest: the bits left unmatched).
-mode(compile).

main([Out]) ->
    rand:seed(exsss, {3, 14, 15}),
    C = [construct_case(S) || S <- fixed_constructions() ++ random_constructions(300)],
    M = [match_case(B, G) || {B, G} <- fixed_matches() ++ random_matches(300)],
    ok = file:write_file(Out, [C, M]).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

construct_case(Segs) ->
    R = try list_to_bitstring([seg(S) || S <- Segs])
        of B -> ["= ", hex(term_to_binary(B)), $\n]
        catch error:badarg -> "= badarg\n"
        end,
    [["C ", hex(term_to_binary(Segs)), $\n], R].

seg({integer, V, S, big}) -> <<V:S/big>>;
seg({integer, V, S, little}) -> <<V:S/little>>;
seg({integer8, V, S, big}) -> <<V:S/big-unit:8>>;
seg({integer8, V, S, little}) -> <<V:S/little-unit:8>>;
seg({float, V, S, big}) -> <<V:S/float-big>>;
seg({float, V, S, little}) -> <<V:S/float-little>>;
seg({binary, V, all}) -> <<V/binary>>;
seg({binary, V, S}) -> <<V:S/binary>>;
seg({bitstring, V, all}) -> <<V/bitstring>>;
seg({bitstring, V, S}) -> <<V:S/bitstring>>;
seg({utf8, V}) -> <<V/utf8>>;
seg({utf16, V, big}) -> <<V/utf16-big>>;
seg({utf16, V, little}) -> <<V/utf16-little>>;
seg({utf32, V, big}) -> <<V/utf32-big>>;
seg({utf32, V, little}) -> <<V/utf32-little>>.

match_case(B, Getters) ->
    R = try lists:mapfoldl(fun get/2, B, Getters)
        of {Vs, Rest} -> ["= ", hex(term_to_binary({Vs, Rest})), $\n]
        catch throw:nomatch -> "= nomatch\n"
        end,
    [["M ", hex(term_to_binary({B, Getters})), $\n], R].

get(G, B) ->
    case get1(G, B) of
        {_, _} = Ok -> Ok;
        _ -> throw(nomatch)
    end.

get1({integer, S, big, unsigned}, B) -> case B of <<V:S/big-unsigned, R/bitstring>> -> {V, R}; _ -> no end;
get1({integer, S, big, signed}, B) -> case B of <<V:S/big-signed, R/bitstring>> -> {V, R}; _ -> no end;
get1({integer, S, little, unsigned}, B) -> case B of <<V:S/little-unsigned, R/bitstring>> -> {V, R}; _ -> no end;
get1({integer, S, little, signed}, B) -> case B of <<V:S/little-signed, R/bitstring>> -> {V, R}; _ -> no end;
get1({float, S, big}, B) -> case B of <<V:S/float-big, R/bitstring>> -> {V, R}; _ -> no end;
get1({float, S, little}, B) -> case B of <<V:S/float-little, R/bitstring>> -> {V, R}; _ -> no end;
get1({binary, all}, B) -> case B of <<V/binary>> -> {V, <<>>}; _ -> no end;
get1({binary, S}, B) -> case B of <<V:S/binary, R/bitstring>> -> {V, R}; _ -> no end;
get1({bitstring, all}, B) -> case B of <<V/bitstring>> -> {V, <<>>}; _ -> no end;
get1({bitstring, S}, B) -> case B of <<V:S/bitstring, R/bitstring>> -> {V, R}; _ -> no end;
get1({utf8}, B) -> case B of <<V/utf8, R/bitstring>> -> {V, R}; _ -> no end;
get1({utf16, big}, B) -> case B of <<V/utf16-big, R/bitstring>> -> {V, R}; _ -> no end;
get1({utf16, little}, B) -> case B of <<V/utf16-little, R/bitstring>> -> {V, R}; _ -> no end;
get1({utf32, big}, B) -> case B of <<V/utf32-big, R/bitstring>> -> {V, R}; _ -> no end;
get1({utf32, little}, B) -> case B of <<V/utf32-little, R/bitstring>> -> {V, R}; _ -> no end.

fixed_constructions() ->
    Big = 1 bsl 100 + 12345,
    [[{integer, 1, 12, little}], [{integer, 1, 12, big}], [{integer, -1, 7, big}],
     [{integer, 300, 8, big}], [{integer, -300, 16, little}], [{integer, Big, 128, big}],
     [{integer, Big, 128, little}], [{integer, -Big, 130, big}], [{integer, -Big, 99, little}],
     [{integer, 1 bsl 64, 64, big}], [{integer, 5, 0, big}], [{integer, a, 8, big}],
     [{integer, 1.0, 8, big}], [{integer, 16#ABCD, 3, little}], [{integer8, 513, 2, little}],
     [{integer, 1, 3, big}, {integer, 255, 8, big}, {integer, 1, 5, little}],
     [{float, 1.5, 64, big}, {float, 1.5, 32, little}, {float, 1.5, 16, big}],
     [{float, 3, 64, big}], [{float, 1 bsl 200, 64, big}], [{float, 1 bsl 1100, 64, big}],
     [{float, 1.0e300, 32, big}], [{float, 70000.0, 16, big}], [{float, 65504.0, 16, little}],
     [{float, 1.0e-7, 16, big}], [{float, 6.0e-8, 16, big}], [{float, -0.0, 16, big}],
     [{float, 2.0e-45, 32, big}], [{float, 1.0, 8, big}], [{float, x, 64, big}],
     [{binary, <<"abc">>, all}], [{binary, <<"abc">>, 2}], [{binary, <<"abc">>, 4}],
     [{binary, <<1:3>>, all}], [{bitstring, <<1:3>>, all}], [{bitstring, <<"abc">>, 13}],
     [{integer, 1, 1, big}, {binary, <<"hello">>, all}], [{bitstring, <<"hello">>, 41}],
     [{binary, list_to_binary(lists:seq(1, 100)), all}, {integer, 7, 3, big}],
     [{binary, [1, 2], all}], [{utf8, 0}, {utf8, 127}, {utf8, 128}, {utf8, 16#7FF}, {utf8, 16#800},
      {utf8, 16#FFFF}, {utf8, 16#10000}, {utf8, 16#10FFFF}],
     [{utf8, 16#D800}], [{utf8, 16#110000}], [{utf8, -1}], [{utf8, a}],
     [{utf16, 16#1F600, big}, {utf16, 16#1F600, little}, {utf16, 65, little}], [{utf16, 16#DFFF, big}],
     [{utf32, 16#1F600, big}, {utf32, 16#1F600, little}], [{utf32, 16#D800, big}],
     [{integer, 1, 1, big}, {utf8, 233}, {utf16, 233, big}, {utf32, 233, little}],
     [{integer, 1, 4, big}, {binary, list_to_binary(lists:seq(1, 70)), all}, {integer, 3, 4, big}]].

fixed_matches() ->
    Bin = list_to_binary(lists:seq(1, 100)),
    [{<<1, 2, 3>>, [{integer, 8, big, unsigned}, {binary, all}]},
     {<<255, 254>>, [{integer, 16, little, signed}]}, {<<255, 254>>, [{integer, 16, big, signed}]},
     {<<255, 254>>, [{integer, 12, little, signed}]}, {<<255, 254>>, [{integer, 12, little, unsigned}]},
     {<<255, 254>>, [{integer, 3, big, signed}, {integer, 13, big, unsigned}]},
     {<<255, 254>>, [{integer, 17, big, unsigned}]}, {<<1:3>>, [{integer, 3, big, unsigned}]},
     {Bin, [{integer, 200, big, unsigned}, {integer, 100, little, signed}, {binary, all}]},
     {Bin, [{integer, 3, big, unsigned}, {binary, 10}, {bitstring, all}]},
     {Bin, [{integer, 3, big, unsigned}, {binary, all}]},
     {Bin, [{binary, 90}, {binary, all}]},
     {<<0, 0, 192, 127>>, [{float, 32, little}]}, {<<127, 192, 0, 0>>, [{float, 32, big}]},
     {<<127, 128, 0, 0>>, [{float, 32, big}]}, {<<60, 0>>, [{float, 16, big}]},
     {<<124, 0>>, [{float, 16, big}]}, {<<1, 0>>, [{float, 16, little}]},
     {<<64, 9, 33, 251, 84, 68, 45, 24>>, [{float, 64, big}]}, {<<1, 2, 3>>, [{float, 24, big}]},
     {<<"é€😀"/utf8, 1:1>>, [{utf8}, {utf8}, {utf8}]}, {<<16#C0, 16#80>>, [{utf8}]},
     {<<16#ED, 16#A0, 16#80>>, [{utf8}]}, {<<16#F4, 16#90, 16#80, 16#80>>, [{utf8}]},
     {<<16#E2, 16#82>>, [{utf8}]}, {<<16#80>>, [{utf8}]},
     {<<16#D8, 16#3D, 16#DE, 16#00, 0, 65>>, [{utf16, big}, {utf16, big}]},
     {<<16#3D, 16#D8, 16#00, 16#DE>>, [{utf16, little}]}, {<<16#DC, 0>>, [{utf16, big}]},
     {<<16#D8, 0, 0, 65>>, [{utf16, big}]},
     {<<0, 1, 16#F6, 0>>, [{utf32, big}]}, {<<0, 16#F6, 1, 0>>, [{utf32, little}]},
     {<<0, 0, 16#D8, 0>>, [{utf32, big}]}, {<<0, 16#11, 0, 0>>, [{utf32, big}]},
     {<<1:1, "abc">>, [{integer, 1, big, unsigned}, {binary, all}]},
     {<<1:1, "abc">>, [{integer, 1, big, unsigned}, {binary, 2}, {bitstring, all}]},
     {<<1:1, "abc">>, [{integer, 1, big, unsigned}, {utf8}, {utf8}]},
     {<<"abc", 5:4>>, [{binary, all}]}, {<<"abc", 5:4>>, [{bitstring, all}]},
     {<<"abc", 5:4>>, [{binary, 3}, {integer, 4, big, signed}]},
     {<<>>, [{binary, all}]}, {<<>>, [{integer, 0, big, unsigned}]}].

random_constructions(N) -> [[rnd_seg() || _ <- lists:seq(1, rand:uniform(4))] || _ <- lists:seq(1, N)].

rnd_seg() ->
    case rand:uniform(6) of
        1 -> {integer, rnd_int(), rand:uniform(80) - 1, rnd_endian()};
        2 -> {integer, rnd_int(), rand:uniform(200), rnd_endian()};
        3 -> {float, rnd_float(), lists:nth(rand:uniform(3), [16, 32, 64]), rnd_endian()};
        4 -> {bitstring, rnd_bits(), all};
        5 -> {binary, rnd_bytes(), all};
        6 -> {utf8, rand:uniform(16#10FFFF)}
    end.

random_matches(N) ->
    [begin
         B = list_to_bitstring([seg(rnd_seg_ok()) || _ <- lists:seq(1, rand:uniform(5))]),
         {B, [rnd_getter() || _ <- lists:seq(1, rand:uniform(4))]}
     end || _ <- lists:seq(1, N)].

rnd_seg_ok() ->
    case rand:uniform(3) of
        1 -> {integer, rnd_int(), rand:uniform(100), rnd_endian()};
        2 -> {bitstring, rnd_bits(), all};
        3 -> {utf8, rand:uniform(16#D7FF)}
    end.

rnd_getter() ->
    Sign = case rand:uniform(2) of 1 -> signed; 2 -> unsigned end,
    case rand:uniform(7) of
        1 -> {integer, rand:uniform(70) - 1, rnd_endian(), Sign};
        2 -> {integer, rand:uniform(150), rnd_endian(), Sign};
        3 -> {float, lists:nth(rand:uniform(3), [16, 32, 64]), rnd_endian()};
        4 -> {binary, rand:uniform(6) - 1};
        5 -> {bitstring, rand:uniform(30) - 1};
        6 -> {utf8};
        7 -> {bitstring, all}
    end.

rnd_endian() -> case rand:uniform(2) of 1 -> big; 2 -> little end.

rnd_int() ->
    X = case rand:uniform(3) of
            1 -> rand:uniform(256);
            2 -> rand:uniform(1 bsl 62);
            3 -> rand:uniform(1 bsl 160)
        end,
    case rand:uniform(2) of 1 -> X; 2 -> -X end.

rnd_float() -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(20) - 10).

rnd_bytes() -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(80) - 1)]).

rnd_bits() -> <<(rnd_bytes())/binary, (rand:uniform(128) - 1):(rand:uniform(7))>>.
