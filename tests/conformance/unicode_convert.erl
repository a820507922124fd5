% kiln conformance: unicode:characters_to_binary/list over encodings, with
% error and incomplete tuples
-module(unicode_convert).
-export([main/1]).
-mode(compile).

main(_) ->
    L = [{[$a, [98, 16#110000, 99], <<"x">>], unicode, utf8},
         {[<<"ab">>, <<"c", 255, "d">>, "e"], unicode, utf8},
         {[$a, [<<"b">>, 300, $c]], unicode, latin1},
         {[<<"ab">>, [<<"cd">>, <<"\x{e9}"/utf8, 300/utf8, "x">>]], unicode, latin1},
         {[<<"a", 16#E2, 16#82>>], unicode, utf8},
         {[<<"a", 16#E2>>, <<16#82, 16#AC>>], unicode, utf8},
         {[<<"a", 16#E2>>, "b"], unicode, utf8},
         {[<<"a", 16#E2>>|<<16#82, 16#AC>>], unicode, utf8},
         {[$a, 256], latin1, utf8}, {[<<0,97,0>>], utf16, utf8}, {<<0,97,0>>, utf16, utf8},
         {<<0,97,16#D8,0>>, utf16, utf8}, {<<0,97,16#DC,0,0,98>>, utf16, utf8},
         {<<0,0,0,97,0,0>>, utf32, utf8}, {<<0,17,0,0>>, utf32, utf8},
         {<<"a",16#ED,16#A0,16#80,"b">>, unicode, utf8}, {<<"a",16#C0,16#80,"b">>, unicode, utf8},
         {[97, 16#D800], unicode, utf8}, {[97, -1], unicode, utf8},
         {[[], <<>>], unicode, utf16}, {"\x{e9}\x{20ac}", unicode, {utf32, little}},
         {"\x{e9}\x{1F600}", unicode, {utf16, little}}, {"\x{e9}\x{1F600}", unicode, {utf16, big}},
         {<<"\x{FEFF}a"/utf8>>, unicode, utf16}, {<<1,2,3,4,5>>, latin1, latin1},
         {<<"a", 200>>, unicode, latin1}, {<<"a", 16#F4, 16#90, 16#80, 16#80>>, unicode, utf8},
         {<<"a", 16#F0, 16#90>>, unicode, utf8}, {[<<"x">>, <<"a", 16#F0, 16#90>>, "y"], unicode, utf8},
         {<<"ab">>, utf8, utf8}, {<<216,61,222,0>>, utf16, unicode}, {<<61,216,0,222>>, {utf16, little}, utf8},
         {<<0,1,246,0>>, {utf32, big}, utf8}, {<<0,246,1,0>>, {utf32, little}, latin1},
         {[<<"caf">>, 233], latin1, utf8}, {<<"caf", 233>>, latin1, {utf16, little}},
         {["abc", [[[<<"def">>]]], $g | <<"h">>], unicode, utf8}],
    [io:format("~w ~w ~w ->~n  ~w~n  ~w~n",
               [A, I, O, unicode:characters_to_binary(A, I, O), unicode:characters_to_list(A, I)])
     || {A, I, O} <- L],
    Bad = [[97|b], [97, b], [97, 1.0], a, {x}, [<<1:3>>]],
    [io:format("~w -> ~w ~w~n", [B, catch_it(fun() -> unicode:characters_to_binary(B) end),
                                 catch_it(fun() -> unicode:characters_to_list(B) end)]) || B <- Bad],
    io:format("~w~n", [catch_it(fun() -> unicode:characters_to_binary("a", foo, utf8) end)]),
    io:format("~w~n", [catch_it(fun() -> unicode:characters_to_list("a", {utf16, middle}) end)]),
    io:format("~w~n", [unicode:characters_to_binary("abc")]),
    io:format("~w~n", [unicode:characters_to_binary(<<"abc">>, latin1)]),
    io:format("~w~n", [unicode:characters_to_list(<<"\x{3b1}\x{3b2}"/utf8>>)]),
    io:format("~ts~n", [unicode:characters_to_binary([<<"\x{3b1}"/utf8>>, "\x{3b2}"])]),
    ok.

catch_it(F) -> try F() catch C:R -> {C, R} end.
