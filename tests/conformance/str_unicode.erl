% kiln conformance-next: unicode:characters_to_binary/list, encodings, errors, and ~ts / ~tp printing
-module(str_unicode).
-export([main/1]).
-mode(compile).

main(_) ->
    S = id([$a, 16#E9, 16#20AC, 16#1F600]),
    p(unicode:characters_to_binary(S)),
    p(unicode:characters_to_binary(S, unicode, utf16)),
    p(unicode:characters_to_binary(S, unicode, {utf16, little})),
    p(unicode:characters_to_binary(S, unicode, utf32)),
    p(unicode:characters_to_binary([$a, 16#E9], unicode, latin1)),
    p(unicode:characters_to_binary(S, unicode, latin1)),
    p(unicode:characters_to_binary(<<"caf", 233>>, latin1)),
    p(unicode:characters_to_binary(<<"caf", 233>>, latin1, utf8)),
    p(unicode:characters_to_binary(["ab", <<"cd">>, [$e, [16#100]]])),
    p(unicode:characters_to_binary(<<16#C3>>)),
    p(unicode:characters_to_binary(<<"ok", 16#C3, 16#28>>)),
    p(unicode:characters_to_binary(<<"ok", 255, "x">>)),
    p(unicode:characters_to_binary([$a, 16#110000])),
    p(catch_it(fun() -> unicode:characters_to_binary([$a | b]) end)),
    p(catch_it(fun() -> unicode:characters_to_binary(atom) end)),
    p(unicode:characters_to_list(<<"añ€"/utf8>>)),
    p(unicode:characters_to_list(<<"añ€"/utf8>>, utf8)),
    p(unicode:characters_to_list(<<0, 97, 0, 241>>, utf16)),
    p(unicode:characters_to_list(<<97, 0, 241, 0>>, {utf16, little})),
    p(unicode:characters_to_list(<<0, 0, 0, 97>>, utf32)),
    p(unicode:characters_to_list(<<"caf", 233>>, latin1)),
    p(unicode:characters_to_list(<<"ab", 16#E2, 16#82>>)),
    p(unicode:characters_to_list([<<"x">>, "y", <<"z"/utf8>>])),
    p(unicode:characters_to_nfc_list([$e, 16#301])),
    p(unicode:characters_to_nfd_list([16#E9])),
    p(unicode:characters_to_nfc_binary(<<"e", 204, 129>>)),
    p(unicode:bom_to_encoding(<<239, 187, 191, "x">>)),
    p(unicode:bom_to_encoding(<<"plain">>)),
    p(unicode:encoding_to_bom(utf8)),
    io:format("~ts~n", [S]),
    io:format("~ts~n", [<<"añ€"/utf8>>]),
    io:format("~s~n", [[$a, 16#E9]]),
    io:format("~p~n", [S]),
    io:format("~tp~n", [S]),
    io:format("~p~n", ["café"]),
    io:format("~tp~n", ["café"]),
    io:format("~tp~n", [<<"añ€"/utf8>>]),
    io:format("~p~n", [<<"añ€"/utf8>>]),
    io:format("~tp~n", [{[16#3B1, 16#3B2], <<"αβ"/utf8>>}]),
    io:format("~p~n", [list_to_atom([16#3B1])]),
    io:format("~tp~n", [list_to_atom([16#3B1])]),
    io:format("~w~n", [list_to_atom([16#3B1])]),
    io:format("~p~n", [catch_it(fun() -> io_lib:format("~s", [[16#3B1]]) end)]),
    io:format("~p~n", [lists:flatten(io_lib:format("~ts", [[16#3B1]]))]),
    ok.

p(X) -> io:format("~w~n", [X]).

catch_it(F) -> try F() catch C:R -> {C, R} end.

id(X) -> X.
