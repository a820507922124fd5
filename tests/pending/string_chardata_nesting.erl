% kiln pending: string functions on chardata mixing lists and binaries must keep OTP's result nesting
-module(string_chardata_nesting).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~w~n", [Label, t(F)]).

main(_) ->
    p("split deep all", fun() -> string:split(["a,", <<"b,c">>], ",", all) end),
    p("split deep leading", fun() -> string:split(["a", <<"b,c">>], ",") end),
    p("split deep trailing", fun() -> string:split([<<"a,b">>, ",c"], ",", trailing) end),
    p("lexemes deep", fun() -> string:lexemes(["a ", <<"b c">>, " d"], " ") end),
    p("trim deep", fun() -> string:trim(["  ", <<"a ">>, " "]) end),
    p("trim deep trailing", fun() -> string:trim([<<"ab  ">>, "  "], trailing) end),
    p("pad deep", fun() -> string:pad(["a", <<"b">>], 4) end),
    p("replace deep", fun() -> string:replace(["a.", <<"b.c">>], ".", "-", all) end),
    ok.
