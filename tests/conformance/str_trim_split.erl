% kiln conformance-next: string:trim/split/lexemes/tokens on lists, binaries and mixed chardata
-module(str_trim_split).
-export([main/1]).
-mode(compile).

main(_) ->
    Ss = ["  hello world  ", <<"  bin trim \n">>, "\t\r\n x \r\n", "", "   ", ["  io", <<"list  ">>], "xxhixx", "\r\n"],
    [io:format("~p -> ~p ~p ~p~n", [S, string:trim(S), string:trim(S, leading), string:trim(S, trailing)]) || S <- Ss],
    io:format("~p~n", [string:trim("xxhixx", both, "x")]),
    io:format("~p~n", [string:trim(<<"..a.b..">>, both, ".")]),
    io:format("~p~n", [string:trim("abcba", both, "ab")]),
    io:format("~p~n", [string:trim("a\r\n", trailing)]),
    io:format("~p~n", [string:trim("  é  ")]),
    io:format("~p~n", [string:split("a,b,c", ",")]),
    io:format("~p~n", [string:split("a,b,c", ",", all)]),
    io:format("~p~n", [string:split("a,b,c", ",", trailing)]),
    io:format("~p~n", [string:split("a,,b", ",", all)]),
    io:format("~p~n", [string:split("abc", "x")]),
    io:format("~p~n", [string:split(<<"k=v=w">>, "=")]),
    io:format("~p~n", [string:split(<<"a::b::c">>, <<"::">>, all)]),
    io:format("~p~n", [string:split("", ",")]),
    io:format("~p~n", [string:split("a\r\nb\r\n", "\r\n", all)]),
    io:format("~p~n", [string:lexemes("  a  b c  ", " ")]),
    io:format("~p~n", [string:lexemes(<<"a,b;;c">>, ",;")]),
    io:format("~p~n", [string:lexemes("line1\r\nline2\nline3", "\r\n")]),
    io:format("~p~n", [string:lexemes("", " ")]),
    io:format("~p~n", [string:tokens("a b  c", " ")]),
    io:format("~p~n", [string:tokens("a,b;c", ",;")]),
    io:format("~p~n", [string:join(["a", "b", "c"], ", ")]),
    io:format("~p~n", [string:nth_lexeme("a b c d", 3, " ")]),
    io:format("~p~n", [string:strip("  x  ")]),
    io:format("~p~n", [string:strip("--x--", both, $-)]),
    io:format("~p~n", [string:left("abc", 6, $.)]),
    io:format("~p~n", [string:right("abc", 6)]),
    io:format("~p~n", [string:centre("ab", 6, $*)]),
    io:format("~p~n", [string:words("one two  three")]),
    io:format("~p~n", [string:sub_word("one two three", 2)]),
    ok.
