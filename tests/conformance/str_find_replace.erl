% kiln conformance-next: string:find/replace/prefix/equal/is_empty/concat and classic helpers
-module(str_find_replace).
-export([main/1]).
-mode(compile).

main(_) ->
    p(string:find("hello world", "o")),
    p(string:find("hello world", "o", trailing)),
    p(string:find("hello world", "xyz")),
    p(string:find(<<"hello world">>, "wor")),
    p(string:find("hello", "")),
    p(string:replace("a.b.c", ".", "-")),
    p(string:replace("a.b.c", ".", "-", all)),
    p(string:replace("a.b.c", ".", "-", trailing)),
    p(string:replace(<<"a.b.c">>, ".", "--", all)),
    p(string:replace("aaa", "aa", "b", all)),
    p(string:replace("abc", "x", "y")),
    p(lists:flatten(string:replace("a.b.c", ".", "-", all))),
    p(string:prefix("prefix_rest", "prefix_")),
    p(string:prefix("prefix_rest", "nope")),
    p(string:prefix(<<"binary">>, "bin")),
    p(string:prefix("abc", "")),
    p(string:equal("abc", "abc")),
    p(string:equal("abc", <<"abc">>)),
    p(string:equal("ABC", "abc")),
    p(string:equal("ABC", "abc", true)),
    p(string:equal("Straße", "STRASSE", true)),
    p(string:is_empty("")),
    p(string:is_empty([[], <<>>])),
    p(string:is_empty(" ")),
    p(string:concat("ab", "cd")),
    p(string:chr("hello", $l)),
    p(string:rchr("hello", $l)),
    p(string:str("hello world", "world")),
    p(string:rstr("abcabc", "bc")),
    p(string:substr("hello world", 7)),
    p(string:substr("hello world", 1, 5)),
    p(string:span("aaabc", "a")),
    p(string:cspan("abc,d", ",")),
    p(string:take("abc123", lists:seq($a, $z))),
    p(string:take("abc123", lists:seq($a, $z), true)),
    p(string:take(<<"  x">>, " ", false, leading)),
    p(string:take("x  ", " ", false, trailing)),
    p(string:chomp("line\n")),
    p(string:chomp("line\r\n")),
    p(string:chomp(<<"line">>)),
    ok.

p(X) -> io:format("~p~n", [X]).
