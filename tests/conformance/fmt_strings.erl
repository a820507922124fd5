% kiln conformance-next: ~s ~c ~i ~n ~~ with widths, precisions, pad chars and '*' arguments
-module(fmt_strings).
-export([main/1]).
-mode(compile).

main(_) ->
    Fmts = ["~s", "~10s", "~-10s", "~.3s", "~10.3s", "~-10.3s", "~10..s", "~10.3.*s", "~-10.3.-s", "~.10s", "~3s"],
    [f(F, ["hello"]) || F <- Fmts],
    [f(F, [<<"bin">>]) || F <- Fmts],
    [f(F, [hello_atom]) || F <- ["~s", "~10s", "~.3s"]],
    f("~s", [["nested", [$i, $o], <<"list">>]]),
    f("~s", [""]),
    f("~*s|~-*s", [6, "ab", 6, "cd"]),
    f("~*.*s", [8, 2, "abcdef"]),
    f("~c", [$a]),
    f("~5c", [$x]),
    f("~-5c|", [$x]),
    f("~.3c", [$y]),
    f("~5.2c|", [$z]),
    f("~c~c~c", [$a, $b, $c]),
    f("~i~s", [ignored, "shown"]),
    f("a~nb", []),
    f("~~", []),
    f("100~~ sure~n", []),
    f("~s and ~s", ["one", "two"]),
    f("~ts", [[16#3B1, 16#3B2]]),
    f("~10ts|", [[16#3B1, 16#3B2]]),
    f("~s", [123]),
    f("~s", [[1 | 2]]),
    f("~s", [[300]]),
    f("~c", ["a"]),
    f("~z", [1]),
    f("~s ~s", ["only one"]),
    f("~s", ["too", "many"]),
    f("~p", []),
    ok.

f(Fmt, Args) ->
    R = try lists:flatten(io_lib:format(Fmt, Args)) catch C:E -> {C, E} end,
    io:format("~p ~w -> ~p~n", [Fmt, Args, R]).
