% kiln conformance: string pad/take/lexemes/nth_lexeme/prefix/equal/titlecase
% on lists and binaries
-module(str_misc).
-export([main/1]).
-mode(compile).

main(_) ->
    P = fun(X) -> io:format("~tp~n", [X]) end,
    P([string:pad("abc", 6), string:pad(<<"abc">>, 6, leading), string:pad("abc", 8, both, $*),
       string:pad("abc", 7, both), string:pad("abcdef", 3), string:pad("e\x{301}", 3, trailing, $.)]),
    P([string:take("aabbcc", "a"), string:take(<<"aabbcc">>, "ab"), string:take("aabbcc", "c", true),
       string:take(<<"aabbcc">>, "c", true), string:take("aabbcc", "c", false, trailing),
       string:take(<<"aabbcc">>, "bc", false, trailing), string:take("aabbcc", "a", true, trailing),
       string:take(<<"aabbcc">>, "a", true, trailing), string:take("abc", []), string:take(<<"abc">>, [], true),
       string:take("abc", "xyz"), string:take(<<"abc">>, "abc"), string:take("", "a"), string:take(<<>>, "a", false, trailing)]),
    P([string:lexemes("a,b,,c", ","), string:lexemes(<<" a  b c ">>, " "), string:lexemes("a\r\nb\nc", "\r\n"),
       string:lexemes("a\r\nb\nc", [[$\r, $\n], $\n]), string:lexemes("", ","), string:lexemes(",,,", ","),
       string:lexemes(<<",,,">>, ","), string:lexemes("abc", [])]),
    P([string:nth_lexeme("a b c", 2, " "), string:nth_lexeme(<<"a b c">>, 3, " "), string:nth_lexeme("a b c", 4, " "),
       string:nth_lexeme(<<"a b c">>, 4, " "), string:nth_lexeme("abc", 1, [])]),
    P([string:prefix("prefix-rest", "prefix-"), string:prefix(<<"prefix-rest">>, "prefix-"), string:prefix("abc", "x"),
       string:prefix(<<"abc">>, <<"abc">>), string:prefix("abc", ""), string:prefix("e\x{301}x", "e"),
       string:prefix("abc", "abc")]),
    P([string:equal("abc", "abc"), string:equal("abc", <<"abc">>), string:equal(<<"abc">>, <<"abd">>),
       string:equal("ABC", "abc", true), string:equal("Straße", "STRASSE", true), string:equal("abc", "ab"),
       string:equal("\x{e9}", "e\x{301}", false, nfc), string:equal("\x{c9}", "e\x{301}", true, nfd),
       string:equal("\x{e9}", "e\x{301}"), string:equal(["a", <<"b">>], "ab"), string:equal("x", "X", false, none)]),
    P([string:titlecase("hello world"), string:titlecase(<<"hello">>), string:titlecase("\x{df}x"),
       string:titlecase(<<"\x{1c6}x"/utf8>>), string:titlecase(""), string:titlecase(<<>>), string:titlecase("1a")]),
    P([string:concat("ab", "cd"), string:to_graphemes("ab"), string:slice(<<"hello">>, 1, 3), string:slice("hello", 2),
       string:slice("hello", 10), string:slice(<<"hello">>, 10), string:slice("hello", 1, 0), string:slice(<<"héllo"/utf8>>, 1, infinity)]),
    ok.
