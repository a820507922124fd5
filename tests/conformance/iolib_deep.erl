% kiln conformance: the deep list structure io_lib:format/write/print return
-module(iolib_deep).
-export([main/1]).
-mode(compile).

main(_) ->
    Long = lists:seq(1, 30),
    Cases = [{"~p and ~s", [x, "y"]}, {"~s and ~s", ["x", "y"]}, {"~w", [{a, 1}]},
             {"~p", [[1, 2]]}, {"~p", ["abc"]}, {"~p", [{a, [1, 2], "x"}]}, {"~p", [Long]},
             {"~10s|~-10s|~5.2s|~6.4s|", ["ab", "cd", "xyz", "a"]},
             {"~b ~c ~e ~f ~n ~~ ~x ~s ~.3e ~g", [5, $a, 1.5, 2.5, 10, "p", abc, 3.25, 0.5]},
             {"~10w|~10p|~3w|~-8w|", [abc, def, abcdef, {1}]},
             {"~s", [["ab", [$c, <<"de">>], "f" | <<"g">>]]}, {"~ts", [[<<"é"/utf8>>, "x"]]},
             {"~W ~P", [[1, 2, 3, 4], 3, {a, b, c, d}, 3]},
             {"~p", [{tag, lists:seq(1, 20), {nested, "a string here", [x, y, z]}, #{k => v, l => [1, 2, 3]}}]},
             {"~p", [#{a => 1, b => {x, y}}]}, {"~w", [#{a => 1, b => 2}]},
             {"~p", [<<1, 2, 3>>]}, {"~p", [<<"text">>]}, {"~w", [<<1, 2:3>>]},
             {"~p", [list_to_binary(lists:seq(1, 60))]}, {"~p", [[a | b]]}, {"~w", [[a | b]]},
             {"x~p~n~p", [{a, b}, lists:duplicate(12, {longer_tag, 12345})]},
             {"~p", [{record_like, 1, 2, 3, lists:duplicate(10, abcdefgh)}]},
             {"~p", [[{k, "v"}, {k2, [1.5, -2]}]]}, {"~ts", [<<"abc">>]}, {"~s", [<<"abc">>]},
             {"~i~p", [ignored, 'Quoted Atom']}, {"~p", [-12345678901234567890]}, {"~w", [3.0e100]}],
    [io:format("~w~n", [io_lib:format(F, A)]) || {F, A} <- Cases],
    [io:format("~w~n", [io_lib:fwrite(F, A)]) || {F, A} <- lists:sublist(Cases, 3)],
    Terms = [[1, 2], {1, 2, 3}, "ab", <<"ab">>, <<>>, #{a => 1}, [1 | 2], 1.5, 'A b', {}, [], <<1:3>>,
             {a, [b, {c, "d"}]}, lists:seq(1, 5)],
    [io:format("~w~n~w~n", [io_lib:write(T), io_lib:print(T)]) || T <- Terms],
    [io:format("~w~n", [io_lib:write(T, 2)]) || T <- Terms],
    io:format("~w~n", [io_lib:print({a, lists:seq(1, 30)}, 10, 50, 4)]),
    io:format("~w~n", [io_lib:print(lists:seq(1, 40), 1, 40, -1)]),
    io:format("~w~n", [[io_lib:write_atom(a), io_lib:write_atom('B c'), io_lib:write_string("a\"b\n"),
                        io_lib:write_char($\s), io_lib:write_char($x), io_lib:write_latin1_string("é")]]),
    io:format("~p~n", [[io_lib:char_list("abc"), io_lib:char_list([a]), io_lib:deep_char_list(["a", ["b"]]),
                        io_lib:deep_char_list([a]), io_lib:printable_list("a\n"), io_lib:printable_list([1]),
                        io_lib:printable_unicode_list([955]), io_lib:printable_latin1_list([955]),
                        io_lib:indentation("ab\ncd\te", 3), io_lib:nl()]]),
    [io:format("~p~n", [try io_lib:format(F, A) catch C:R -> {C, R} end])
     || {F, A} <- [{"~p", []}, {"~d", [1]}, {"~s", [1]}, {"~s", [[256]]}, {"~-5p", [x]}, {"~p", [a, b]}]],
    ok.
