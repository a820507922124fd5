% kiln conformance: string:split/lexemes/pad/trim/to_lower with unicode, lists and binaries in and out
-module(string_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

%% ~w keeps the exact shape (binaries, deep lists, code points above 255)
p(Label, F) -> io:format("~s: ~w~n", [Label, t(F)]).

main(_) ->
    p("split leading", fun() -> string:split("a,b,,c", ",") end),
    p("split all", fun() -> string:split("a,b,,c", ",", all) end),
    p("split trailing", fun() -> string:split("a,b,,c", ",", trailing) end),
    p("split leading bin", fun() -> string:split(<<"a,b,,c">>, <<",">>, leading) end),
    p("split all bin", fun() -> string:split(<<"a,b,,c,">>, ",", all) end),
    p("split trailing bin", fun() -> string:split(<<",a,b,">>, <<",">>, trailing) end),
    p("split multi-char", fun() -> string:split("a::b::c", "::", all) end),
    p("split not found", fun() -> {string:split("abc", "x"), string:split(<<"abc">>, "x", all)} end),
    p("split empty", fun() -> {string:split("", ","), string:split(<<>>, ",", all)} end),
    p("split empty sep", fun() -> string:split("abc", "") end),
    p("split unicode", fun() -> string:split([97, 16#3bb, 98, 16#3bb, 99], [16#3bb], all) end),
    p("split unicode bin", fun() -> string:split(<<"x", 16#3bb/utf8, "y">>, [16#3bb]) end),
    p("split crlf", fun() -> string:split("a\r\nb\nc", "\n", all) end),
    p("lexemes", fun() -> string:lexemes("  a b\tc  ", " \t") end),
    p("lexemes multi", fun() -> string:lexemes("a,b;;c,;d", ",;") end),
    p("lexemes bin", fun() -> string:lexemes(<<"--a-b---c-">>, "-") end),
    p("lexemes empty", fun() -> {string:lexemes("", ","), string:lexemes(",,,", ","), string:lexemes(<<>>, ",")} end),
    p("lexemes crlf", fun() -> string:lexemes("a\r\nb\nc", [[$\r, $\n], $\n]) end),
    p("lexemes unicode", fun() -> string:lexemes([16#3bb, $ , 16#3bc, 16#3bd], " ") end),
    p("nth_lexeme", fun() -> {string:nth_lexeme("a b c", 2, " "), string:nth_lexeme(<<"a b c">>, 4, " ")} end),
    p("pad", fun() -> {string:pad("ab", 5), string:pad("ab", 5, leading), string:pad("ab", 5, both), string:pad("ab", 6, both, $*)} end),
    p("pad bin", fun() -> {string:pad(<<"ab">>, 4), string:pad(<<"ab">>, 1)} end),
    p("pad unicode", fun() -> {string:pad([16#3bb, 16#3bc], 4, trailing, $.), string:pad(<<16#3bb/utf8>>, 3, leading, 16#2014)} end),
    p("pad combining", fun() -> string:pad([$e, 16#301], 3) end),
    p("pad wide", fun() -> string:length(string:pad([16#4e2d], 3)) end),
    p("to_lower latin1", fun() -> string:to_lower("ÀÉÎÕÜ ABC Ÿ×Þ") end),
    p("to_upper latin1", fun() -> string:to_upper("àéîõü abc ÿ÷þß") end),
    p("lowercase", fun() -> {string:lowercase("ÀB"), string:lowercase(<<"ÀB"/utf8>>), string:lowercase([16#3a9, $A])} end),
    p("uppercase", fun() -> {string:uppercase("àß"), string:uppercase(<<"straße"/utf8>>)} end),
    p("casefold", fun() -> {string:casefold("ẞß"), string:casefold(<<"ÀB"/utf8>>)} end),
    p("titlecase", fun() -> {string:titlecase("ǆa"), string:titlecase(<<"ßx"/utf8>>), string:titlecase("")} end),
    p("to_lower char", fun() -> {string:to_lower($A), string:to_lower(16#c0), string:to_upper(16#e0), string:to_upper(16#ff)} end),
    p("trim", fun() -> {string:trim("  ab  "), string:trim("  ab  ", leading), string:trim("  ab  ", trailing)} end),
    p("trim custom", fun() -> {string:trim("xxabxx", both, "x"), string:trim("-=ab=-", both, "-="), string:trim(<<"..a.b..">>, trailing, ".")} end),
    p("trim all", fun() -> {string:trim("xxxx", both, "x"), string:trim(<<"    ">>), string:trim("")} end),
    p("trim unicode", fun() -> {string:trim([16#3bb, $a, 16#3bb], both, [16#3bb]), string:trim(<<16#a0/utf8, "a", 16#3000/utf8>>)} end),
    p("trim crlf", fun() -> {string:trim("ab\r\n"), string:trim("ab\r\n", trailing, "\n"), string:trim("ab\r\n", trailing, [[$\r, $\n]])} end),
    p("trim deep", fun() -> string:trim(["  ", <<"a ">>, " "]) end),
    p("chomp", fun() -> {string:chomp("ab\n"), string:chomp("ab\r\n"), string:chomp(<<"ab\n\n">>), string:chomp("ab")} end),
    p("take", fun() -> {string:take("abc123", "abc"), string:take("abc123", "0123456789", true), string:take(<<"aab">>, "a", false, trailing)} end),
    p("slice", fun() -> {string:slice("hello", 1, 3), string:slice(<<"hello">>, 3), string:slice("hi", 5), string:slice([16#3bb, 16#3bc, $x], 1, 1)} end),
    p("equal", fun() -> {string:equal("abc", <<"abc">>), string:equal("ABC", "abc", true), string:equal("a", "b")} end),
    p("find", fun() -> {string:find("abcabc", "bc"), string:find("abcabc", "bc", trailing), string:find(<<"abc">>, "z"), string:find(<<"abcabc">>, <<"c">>)} end),
    p("replace", fun() -> {string:replace("a.b.c", ".", "-"), string:replace("a.b.c", ".", "-", all), string:replace(<<"a.b.c">>, ".", "", trailing)} end),
    p("reverse", fun() -> {string:reverse("abc"), string:reverse(<<"abc">>), string:reverse([$e, 16#301, $x])} end),
    p("length", fun() -> {string:length("abc"), string:length(<<"caf", 16#e9/utf8>>), string:length([$e, 16#301]), string:length("\r\n")} end),
    p("is_empty", fun() -> {string:is_empty(""), string:is_empty([[], <<>>]), string:is_empty(" ")} end),
    p("to_integer", fun() -> {string:to_integer("42abc"), string:to_integer(<<"-7">>), string:to_integer("x"), string:to_integer("+")} end),
    p("prefix", fun() -> {string:prefix("foobar", "foo"), string:prefix(<<"foobar">>, "bar"), string:prefix("foo", "")} end),
    p("next_grapheme", fun() -> {string:next_grapheme("abc"), string:next_grapheme(<<"\r\nx">>), string:next_grapheme("")} end),
    p("next_codepoint", fun() -> {string:next_codepoint(<<16#3bb/utf8, "a">>), string:next_codepoint([])} end),
    p("bad utf8", fun() -> string:length(id(<<255, 97>>)) end),
    p("old join tokens", fun() -> {string:join(["a", "b", "c"], ", "), string:tokens("a,b;;c", ",;")} end),
    p("old centre", fun() -> {string:centre("ab", 6), string:left("abc", 5, $.), string:right("abc", 2)} end),
    ok.
