% kiln conformance: normalization forms and byte order marks
-module(unicode_norm_bom).
-export([main/1]).
-mode(compile).

main(_) ->
    Ss = [[$e, 16#301], [16#E9], "abc", <<"e", 204, 129, "a">>, [<<"e">>, [16#301], "x"],
          [16#212B], [16#41, 16#30A], [16#FB01], [16#1E9B, 16#323], [16#AC00], [16#1100, 16#1161, 16#11A8],
          <<"\x{e9}"/utf8>>, "", <<>>],
    [io:format("~w:~n  ~w ~w~n  ~w ~w~n", [S, unicode:characters_to_nfc_list(S), unicode:characters_to_nfd_list(S),
                                          unicode:characters_to_nfc_binary(S), unicode:characters_to_nfd_binary(S)])
     || S <- Ss],
    io:format("~w~n", [unicode:characters_to_nfc_list(<<"a", 255>>)]),
    io:format("~w~n", [unicode:characters_to_nfd_binary([$a, <<255>>])]),
    Boms = [<<239,187,191,"x">>, <<254,255,0,1>>, <<255,254,0,0>>, <<255,254,1,0>>, <<0,0,254,255>>,
            <<"plain">>, <<>>, <<239,187>>, <<255>>],
    [io:format("~w -> ~w~n", [B, unicode:bom_to_encoding(B)]) || B <- Boms],
    Encs = [latin1, unicode, utf8, utf16, {utf16, big}, {utf16, little}, utf32, {utf32, big}, {utf32, little}],
    [io:format("~w -> ~w~n", [E, unicode:encoding_to_bom(E)]) || E <- Encs],
    ok.
