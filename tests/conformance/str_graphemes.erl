% kiln conformance: grapheme clusters and code points over lists, binaries
% and nested chardata (string:next_grapheme/next_codepoint and friends)
-module(str_graphemes).
-export([main/1]).
-mode(compile).

main(_) ->
    Ss = ["abc", <<"abc">>, "\r\nx", <<"\r\nx">>, [<<"e">>, [769], "x"], <<"e", 204, 129>>,
          <<"e", 204, 129, "z">>, [<<"ab">>, "c"], <<"a">>, [<<"a">>], [[$a], $b], [[$a, 769], $b],
          [$e, 769 | <<"x">>], "e\x{301}\x{302}y", [<<"a">>, <<>>], [<<>>], <<>>, [], [<<"\r">>, "\n"],
          [16#1F1E6, 16#1F1E7, 16#1F1E8], [16#1F468, 16#200D, 16#1F469], [16#AC00, 16#11A8],
          [[97, 98], [99]], [[97], [98, 99]], [[97, 98, 99, 100, 101], [102]], [[97], [98], [99], [100], [101]],
          [[97, 98, 99, 100 | <<"x">>], "y"], [[97, 98], [99 | <<"x">>]], [[97], <<"bc">>], [[97, 98], <<"c">>],
          [<<"ab">>, <<204, 129, "b">>], [<<"a">>, <<204, 129, "b">>], [$a | <<"b">>], ["ab" | <<"c">>],
          <<255, 1>>, [<<255, 1>>], <<"a", 255>>, <<"e", 204>>, [97, 16#D800], "\x{1F44D}\x{1F3FD}!"],
    [io:format("~w -> ~w ~w~n", [S, string:next_grapheme(S), string:next_codepoint(S)]) || S <- Ss],
    Ls = ["abc", <<"abc">>, "e\x{301}a", <<"e\x{301}a"/utf8>>, "\r\n\r\n", [16#1F1E6, 16#1F1E7, 16#1F1E8],
          ["ab", <<"c\x{301}"/utf8>>], "", <<>>, "\x{1F468}\x{200D}\x{1F469}\x{200D}\x{1F467}x"],
    [io:format("~w: ~w ~w ~w~n", [S, string:length(S), string:to_graphemes(S), string:reverse(S)]) || S <- Ls],
    io:format("~w~n", [[string:is_empty(X) || X <- ["", <<>>, [[], <<>>], [[[]]], "a", [<<>>, "b"], <<"a">>]]]),
    ok.
