% kiln conformance-next: string:length/slice/pad/reverse and grapheme handling
-module(str_length_slice).
-export([main/1]).
-mode(compile).

main(_) ->
    Ss = ["hello", <<"hello">>, "", "e\x{301}te\x{301}", "\r\n\r\n", "añ€😀", <<"añ€"/utf8>>, ["ab", <<"cd">>, $e]],
    [io:format("~w: ~p ~p~n", [S, string:length(S), length(unicode:characters_to_list(S))]) || S <- Ss],
    io:format("~p~n", [string:slice("hello world", 6)]),
    io:format("~p~n", [string:slice("hello world", 0, 5)]),
    io:format("~p~n", [string:slice("hello", 3, 100)]),
    io:format("~p~n", [string:slice("hello", 10)]),
    io:format("~p~n", [string:slice(<<"hello">>, 1, 3)]),
    io:format("~w~n", [string:slice("e\x{301}te\x{301}", 1, 2)]),
    io:format("~p~n", [string:pad("abc", 6)]),
    io:format("~p~n", [string:pad("abc", 6, leading)]),
    io:format("~p~n", [string:pad("abc", 6, both)]),
    io:format("~p~n", [string:pad("abc", 7, both, $*)]),
    io:format("~p~n", [string:pad("abcdef", 3)]),
    io:format("~p~n", [string:pad(<<"ab">>, 4, trailing, "-")]),
    io:format("~p~n", [lists:flatten(string:pad("x", 3, leading, $0))]),
    io:format("~p~n", [string:reverse("hello")]),
    io:format("~p~n", [string:reverse(<<"abc">>)]),
    io:format("~w~n", [string:reverse("ae\x{301}b")]),
    io:format("~p~n", [string:next_grapheme("abc")]),
    io:format("~w~n", [string:next_grapheme("e\x{301}x")]),
    io:format("~p~n", [string:next_grapheme("\r\nx")]),
    io:format("~p~n", [string:next_grapheme("")]),
    io:format("~p~n", [string:next_codepoint(<<"é"/utf8>>)]),
    io:format("~p~n", [string:next_codepoint("xyz")]),
    io:format("~w~n", [string:to_graphemes("e\x{301}\r\na")]),
    io:format("~p~n", [lists:reverse("hello")]),
    io:format("~p~n", [string:copies("ab", 3)]),
    io:format("~p~n", [string:len("abc")]),
    ok.
