% kiln conformance-next: ~p line breaking and indentation of nested lists, tuples, records and strings
-module(fmt_pretty).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [lists:seq(1, 60)]),
    io:format("~p~n", [[lists:seq(1, 10), lists:seq(11, 30), {a, lists:seq(1, 25)}]]),
    io:format("~p~n", [{very_long_atom_name_number_one, very_long_atom_name_number_two, very_long_atom_name_number_three}]),
    io:format("~p~n", [{config, [{name, "a fairly long string value"}, {port, 8080}, {hosts, ["alpha.example.com", "beta.example.com", "gamma.example.com"]}]}]),
    io:format("~p~n", [[{key, "value"} || _ <- lists:seq(1, 8)]]),
    io:format("~p~n", [lists:duplicate(5, "a string of moderate length")]),
    io:format("~p~n", [["short", "list", "of", "strings"]]),
    io:format("~p~n", [{a, {b, {c, {d, {e, {f, {g, {h, {i, {j, {k, lists:seq(1, 20)}}}}}}}}}}}]),
    io:format("~p~n", [[[[[[[lists:seq(1, 30)]]]]]]]),
    io:format("~p~n", [lists:duplicate(3, #{name => "someone", roles => [admin, user], id => 12345})]),
    io:format("foo ~p bar~n", [lists:seq(1, 40)]),
    io:format("~p ~p~n", [lists:seq(1, 25), lists:seq(1, 25)]),
    io:format("~10p~n", [{a, b, c, d, e}]),
    io:format("~200p~n", [lists:seq(1, 60)]),
    io:format("~p~n", [list_to_tuple(lists:seq(1, 40))]),
    io:format("~p~n", [[a | {improper, lists:seq(1, 30)}]]),
    io:format("~p~n", [{"string in tuple that is quite long indeed", <<"and a binary that is also rather long">>, 'atom'}]),
    io:format("~p~n", [lists:seq(1000000, 1000030)]),
    io:format("~p~n", [[-1.5, 2.25e-10, 3.0e100, -0.0, 1.0] ++ lists:duplicate(10, 0.1)]),
    io:format("~p~n", [{"nested\nnewline string", ["tab\tseparated", "and\\backslash"]}]),
    ok.
