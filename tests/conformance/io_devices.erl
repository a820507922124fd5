% kiln conformance: io functions with devices, io:write, io:nl, options
-module(io_devices).
-export([main/1]).
-mode(compile).

main(_) ->
    io:fwrite("fwrite/1~n"),
    io:fwrite("fwrite/2 ~p~n", [x]),
    io:fwrite(standard_io, "fwrite/3 ~w~n", [{y}]),
    io:format(user, "format/3 user ~s~n", ["ok"]),
    io:format(standard_error, "to stderr ~p~n", [hidden]),
    io:put_chars(standard_io, ["put_chars/2 ", <<"bin">>, $\n]),
    io:put_chars(standard_error, "stderr again\n"),
    io:write({a, "b", [1, 2]}), io:nl(),
    io:write(standard_io, [x | y]), io:nl(standard_io),
    io:format("~p~n", [io:columns()]),
    io:format("~p~n", [io:getopts()]),
    io:format("~p~n", [io:printable_range()]),
    io:format("~p~n", [io:get_line("")]),
    io:format("~p~n", [io:get_chars(id(""), 3)]),
    io:format("~p~n", [catching(fun() -> io:format(id("~p"), []) end)]),
    io:format("~p~n", [catching(fun() -> io:format(id("~q"), [1]) end)]),
    io:format("~p~n", [catching(fun() -> io:put_chars([-1]) end)]),
    io:format("~p~n", [catching(fun() -> io:format(nowhere, "x", []) end)]),
    io:format("~ts|~s~n", [[955], "é"]),
    ok.

id(X) -> X.

catching(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.
