% kiln conformance: the old list-based string API still in OTP 25
-module(str_old_api).
-export([main/1]).
-mode(compile).

main(_) ->
    P = fun(X) -> io:format("~p~n", [X]) end,
    P([string:to_upper("abc xyz \x{e9}\x{f7}\x{ff}"), string:to_lower("ABC XYZ \x{c9}\x{d7}"), string:to_upper($a),
       string:to_lower($Z), string:to_upper($1), string:to_upper(16#3b1)]),
    P([string:tokens("a,b,,c,", ","), string:tokens("  a b  ", " "), string:tokens("abc", ""), string:tokens("", ","),
       string:tokens("a-b_c", "-_")]),
    P([string:join(["a", "b", "c"], ", "), string:join([], ","), string:join(["x"], "-")]),
    P([string:strip("  abc  "), string:strip("  abc  ", left), string:strip("  abc  ", right),
       string:strip("xxaxx", both, $x), string:strip("", both, $x), string:strip("xxx", right, $x)]),
    P([string:substr("hello", 2), string:substr("hello", 2, 3), string:substr("hello", 1, 0), string:substr("hello", 3, 10),
       string:sub_string("hello", 2), string:sub_string("hello", 2, 4)]),
    P([string:str("hello", "ll"), string:str("hello", "x"), string:str("hello", ""), string:rstr("hellollo", "llo"),
       string:rstr("abc", "d"), string:chr("hello", $l), string:rchr("hello", $l), string:chr("abc", $z)]),
    P([string:span("aabbc", "ab"), string:span("xyz", "ab"), string:cspan("abcde", "dc"), string:cspan("abc", "x")]),
    P([string:left("abc", 5), string:left("abcdef", 3), string:left("abc", 5, $.), string:left("abc", 3),
       string:right("abc", 5), string:right("abcdef", 3), string:right("abc", 6, $0),
       string:centre("abc", 7), string:centre("abc", 8, $*), string:centre("abcdef", 3), string:centre("abc", 0)]),
    P([string:copies("ab", 3), string:copies("x", 0), string:words("a  b c"), string:words("  "), string:words(""),
       string:words("a,b,,c", $,), string:sub_word("a  b c", 2), string:sub_word("a b c", 4), string:sub_word("a,b,c", 3, $,)]),
    P([string:len("hello"), string:len(""), string:concat("ab", "c"), string:equal("a", "a"), string:equal("a", "b"),
       string:chars($x, 3), string:chars($x, 2, "yz")]),
    ok.
