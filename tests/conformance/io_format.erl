% kiln conformance: io:format directives ~p ~w ~s ~n ~b ~~ on short terms
-module(io_format).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("plain text~n"),
    io:format("no args, empty list~n", []),
    io:format("~p ~p ~p~n", [atom, 42, -7]),
    io:format("~w ~w ~w~n", [atom, 42, -7]),
    io:format("~p|~w~n", ["abc", "abc"]),
    io:format("~p|~w~n", ['Quoted Atom', 'Quoted Atom']),
    io:format("~p|~w~n", [[], []]),
    io:format("~p|~w~n", [{}, {}]),
    io:format("~p~n", [{tuple, [1, 2, 3], "str", 'A'}]),
    io:format("~w~n", [{tuple, [1, 2, 3], "str", 'A'}]),
    io:format("~p~n", [[{a, 1}, {b, 2}]]),
    io:format("~p~n", [[1 | 2]]),
    io:format("~p~n", [[[], [[]]]]),
    io:format("~p~n", [["ab", "cd"]]),
    io:format("~s~n", ["a string"]),
    io:format("~s~n", [an_atom]),
    io:format("~s~n", [["deep", [" char", [" list"]]]]),
    io:format("[~s]~n", [""]),
    io:format("~b ~b ~b ~b~n", [0, 10, 255, -5]),
    io:format("~b~n", [1 bsl 50]),
    io:format("~~ is a tilde, ~~~~ two~n"),
    io:format("~p~p~p~n", [a, b, c]),
    io:format("~s=~p, ~s=~w~n", ["x", 1, "y", {2}]),
    io:format("line one~nline two~n"),
    io:format("~n"),
    io:format("trailing text without newline then one"),
    io:format("~n"),
    io:format("~p~n", [-123456789]),
    io:format("~p~n", [[-1, 0, 1]]),
    io:format("~p~n", [{nested, {deeper, {deepest, []}}}]),
    io:format("~p~n", [ok]),
    io:format("~w~n", [[$a, $b]]),
    io:format("~p~n", [[$a, $b, 0]]).
