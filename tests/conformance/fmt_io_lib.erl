% kiln conformance-next: io_lib:format/write/print/write_atom/write_string and io:fwrite
-module(fmt_io_lib).
-export([main/1]).
-mode(compile).

main(_) ->
    F = io_lib:format("~p and ~s", [x, "y"]),
    io:format("~p~n", [F]),
    io:format("~p~n", [lists:flatten(F)]),
    io:format("~p~n", [iolist_to_binary(F)]),
    io:fwrite("fwrite ~p ~s~n", [1, "two"]),
    io:fwrite("no args~n"),
    io:format("no args either~n"),
    io:format(<<"binary format ~p~n">>, [ok]),
    io:format('format atom ~p~n', [ok]),
    io:fwrite(standard_io, "explicit device ~w~n", [dev]),
    W = [a, 'A', 'hello world', "str", <<"bin">>, 1.5, {t, [1]}, #{a => 1}, [1 | 2], -3],
    [io:format("~p | ~p | ~p~n", [X, lists:flatten(io_lib:write(X)), lists:flatten(io_lib:print(X))]) || X <- W],
    io:format("~s~n", [io_lib:write({deep, [1, 2, 3, 4, 5, 6]}, 3)]),
    io:format("~s~n", [io_lib:write(lists:seq(1, 30), 5)]),
    io:format("~s~n", [io_lib:print(lists:seq(1, 40))]),
    io:format("~s~n", [io_lib:print(lists:seq(1, 40), 1, 40, -1)]),
    io:format("~s~n", [io_lib:print({a, lists:seq(1, 30)}, 10, 50, 4)]),
    [io:format("~s~n", [io_lib:write_atom(A)]) || A <- [ok, 'OK', 'with space', '', 'quote\'s', 'a.b', 'a@b', '_x', 'é', 'end', 'fun', 'true', '+', '[]', '{}', 'x-y', a1, 'A1', 'ok!']],
    io:format("~s~n", [io_lib:write_string("he said \"hi\"\n")]),
    io:format("~s~n", [io_lib:write_string("quote's", $')]),
    io:format("~p~n", [io_lib:write_char($a)]),
    io:format("~p~n", [io_lib:char_list("abc")]),
    io:format("~p~n", [io_lib:deep_char_list(["ab", ["c"]])]),
    io:format("~p~n", [io_lib:printable_list([])]),
    io:format("~p~n", [io_lib:fread("~d ~s", "42 hello")]),
    io:format("~p~n", [io_lib:fread("~f", "1.5 rest")]),
    io:format("~p~n", [io_lib:fread("~a~d", "abc")]),
    [io:format("~p ~p -> ~p~n", [Fmt, A, try lists:flatten(io_lib:format(Fmt, [A])) catch C:R -> {C, R} end])
     || {Fmt, A} <- [{"~10.3.0p|", 7}, {"~-6.2.xp|", x}, {"~10.3.0w|", 7}, {"~5w|", abc}, {"~-5w|", abc},
                     {"~2w|", abc}, {"~5p|", "ab"}, {"~.5p|", x}]],
    ok.
