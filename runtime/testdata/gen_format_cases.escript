#!/usr/bin/env escript
%% Regenerates runtime/testdata/format_cases.txt: how real OTP prints terms
%% (~w, ~p, ~tp, erlang:display) and what io_lib:format returns for format
%% strings. The runtime's unit tests (format/tests.rs) decode each term from
%% its external format and compare. Never edit the output by hand:
%%
%%     escript runtime/testdata/gen_format_cases.escript runtime/testdata/format_cases.txt
%%
%% (erts_debug:display/1, used for the display cases, also prints to stdout;
%% that output is noise.)
%%
%% Lines: "T <etf hex>" starts a term case, followed by "w|p|tp|d <utf8 hex>"
%% (d: erlang:display's bytes); "F <etf hex of {Format, Args}>" is a format
%% case followed by "= <utf8 hex>" or "= badarg".
-mode(compile).

main([Out]) ->
    rand:seed(exsss, {17, 42, 4711}),
    Fixed = fixed_terms(),
    Random = [rnd_term(rand:uniform(4)) || _ <- lists:seq(1, 250)],
    Wide = [rnd_wide() || _ <- lists:seq(1, 80)],
    Lines = [[term_case(T) || T <- Fixed ++ Random ++ Wide],
             [format_case(F, A) || {F, A} <- format_cases()]],
    ok = file:write_file(Out, Lines).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

utf8(Chars) -> unicode:characters_to_binary(lists:flatten(Chars)).

term_case(T) ->
    D = erts_debug:display(T),
    [["T ", hex(term_to_binary(T)), $\n],
     [[K, $\s, hex(utf8(io_lib:format(F, [T]))), $\n]
      || {K, F} <- [{"w", "~w"}, {"p", "~p"}, {"tp", "~tp"}]],
     ["d ", hex(list_to_binary(lists:droplast(D))), $\n]].

format_case(F, A) ->
    [["F ", hex(term_to_binary({F, A})), $\n],
     case catch io_lib:format(F, A) of
         {'EXIT', {badarg, _}} -> "= badarg\n";
         R -> ["= ", hex(utf8(R)), $\n]
     end].

fixed_terms() ->
    Atoms = ['and', 'maybe', 'else', 'cond', 'let', 'a@b', 'aB_9', 'é', 'ñandú', 'Ä', 'a b',
             list_to_atom("a'b"), 'a\\b', 'a\nb', list_to_atom([$a, 128]), list_to_atom([$a, 159, 160]),
             'hello_World', '', '[]', '{}', 'Foo', list_to_atom([1024]), list_to_atom([$a, 1024]),
             list_to_atom("a\x{7f}"), '_a', '9a', true, false, ok, undefined],
    Strings = ["abc", "a\"b\\c\n\t\e\v\b\f\r", [200, 201], "ab\x{7f}", [7], [160, 255], " ",
               [$a, 1024], "a\nb\tc", "\r\n", lists:duplicate(100, $x),
               "long string with spaces that goes on and on and on past the end of the line, twice over"],
    Bins = [<<"a\nb">>, <<"é"/utf8>>, <<233>>, <<>>, <<"abc\"d">>, <<1, 2, 3>>, <<"a\\b">>,
            <<"a b~">>, <<"a", 200>>, <<0>>, list_to_binary(lists:seq(0, 60)),
            list_to_binary(lists:duplicate(90, $y)), <<208, 128>>, <<195, 169, 1>>,
            <<1:3>>, <<"ab", 1:1>>, <<1, 2, 3:5>>, <<0:1>>, <<"a", 200, 3:2>>, <<"é"/utf8, 1:1>>,
            list_to_bitstring(lists:duplicate(30, <<"abc">>) ++ [<<1:1>>]),
            list_to_binary(lists:duplicate(70, <<"xyz ">>)), {<<5:7>>, [<<"x", 1:2>>]}],
    Numbers = [0, 1, -1, 42, -5, 1 bsl 59, 1 bsl 60, -(1 bsl 60), -(1 bsl 60) - 1, 1 bsl 64,
               1 bsl 70, -(1 bsl 70), 123456789012345678901234567890,
               1.0, 0.1, 1.0e10, 1.0e15, 1.0e16, 123456789.0, 1.0e-5, 0.0001, 12345.678, 1.5e300,
               5.0e-324, 1.7976931348623157e308, -0.0, 0.0, 100.0, 1.0e22, 1.0e23, 0.000123,
               1234567890123456.0, 9007199254740992.0, 9007199254740991.0, 3.14, 2/3, -2.5e-7],
    Floats = [rnd_float() || _ <- lists:seq(1, 150)],
    Structured = [{}, {a}, #{}, #{1 => 2, a => b, "s" => <<"b">>}, [], [[]], [a | b], [1, 2 | 3],
                  {a, [1, 2, 3], "str", 'A'}, [{a, 1}, {b, 2}], [[], [[]]], ["ab", "cd"],
                  {nested, {deeper, {deepest, []}}}, [$a, $b, 0], lists:seq(1, 40),
                  {'EXIT', "a b", 'c d'}, #{a => #{b => #{c => [1, 2, 3]}}},
                  #{{x, y} => [1, 2], <<"k">> => 1.5, 3 => "three"}, {[1, 2, 3], 1.0, -3},
                  lists:seq(1, 30) ++ abc, [{key, lists:seq(1, 25)}, {other, "some string here"}],
                  {record_like, lists:seq(1, 20), "string value", {inner, atom, 12345}},
                  {a_very_long_tag_name_for_a_tuple_that_takes_space, [1, 2, 3], lists:seq(100, 125)},
                  [lists:seq(1, 15), lists:seq(16, 30), lists:seq(31, 45)],
                  #{alpha => lists:seq(1, 20), beta => {tuple, with, "string"}, gamma => 3.5,
                    delta => [#{x => 1}, #{y => 2}]}],
    Atoms ++ Strings ++ Bins ++ Numbers ++ Floats ++ Structured.

rnd_float() ->
    M = rand:uniform() * 10,
    E = rand:uniform(44) - 22,
    S = case rand:uniform(2) of 1 -> 1; 2 -> -1 end,
    case rand:uniform(4) of
        1 -> S * float(rand:uniform(1 bsl 53));
        2 -> S * float(rand:uniform(100000)) / 1000;
        _ -> S * M * math:pow(10, E)
    end.

rnd_atom() ->
    lists:nth(rand:uniform(9), [ok, error, foo, 'Bar', 'with space', a_long_atom_name, x, 'if', node@host]).

rnd_leaf() ->
    case rand:uniform(9) of
        1 -> rand:uniform(1000) - 500;
        2 -> rand:uniform(1 bsl 80) - (1 bsl 79);
        3 -> rnd_float();
        4 -> rnd_atom();
        5 -> rnd_string();
        6 -> list_to_binary(rnd_string());
        7 -> [];
        8 -> rand:uniform(100000);
        _ -> rnd_atom()
    end.

rnd_string() ->
    Alphabet = "abcdefghijklmnopqrstuvwxyz ABC\n\"\\",
    [lists:nth(rand:uniform(length(Alphabet)), Alphabet) || _ <- lists:seq(1, rand:uniform(12))].

rnd_term(0) -> rnd_leaf();
rnd_term(D) ->
    case rand:uniform(10) of
        1 -> list_to_tuple([rnd_term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        2 -> [rnd_term(D - 1) || _ <- lists:seq(1, rand:uniform(7) - 1)];
        3 -> {rnd_atom(), rnd_term(D - 1), rnd_term(D - 1)};
        4 -> maps:from_list([{rnd_leaf(), rnd_term(D - 1)} || _ <- lists:seq(1, rand:uniform(4))]);
        5 -> [rnd_term(D - 1) | rnd_leaf()];
        6 -> [rnd_term(D - 1), rnd_term(D - 1) | rnd_term(D - 1)];
        7 -> [rand:uniform(300) || _ <- lists:seq(1, rand:uniform(30))];
        _ -> rnd_leaf()
    end.

%% Terms long enough to need several lines.
rnd_wide() ->
    case rand:uniform(4) of
        1 -> [rnd_term(2) || _ <- lists:seq(1, 5 + rand:uniform(15))];
        2 -> list_to_tuple([rnd_atom() | [rnd_term(2) || _ <- lists:seq(1, 3 + rand:uniform(8))]]);
        3 -> maps:from_list([{rnd_leaf(), rnd_term(2)} || _ <- lists:seq(1, 3 + rand:uniform(8))]);
        _ -> {rnd_term(3), rnd_term(3), [rnd_term(2) || _ <- lists:seq(1, 8)]}
    end.

format_cases() ->
    Long = {a_tag, lists:seq(1, 30), "a string", #{k => v, other => [x, y, z]}},
    LongList = [lists:seq(1, 12) || _ <- lists:seq(1, 5)],
    [{"plain text~n", []}, {"~p ~p ~p~n", [atom, 42, -7]}, {"~w ~w ~w~n", [atom, 42, -7]},
     {"~p|~w~n", ["abc", "abc"]}, {"~s~n", ["a string"]}, {"~s~n", [an_atom]},
     {"~s~n", [["deep", [" char", [" list"]]]]}, {"[~s]~n", [""]}, {"~s", [<<"bin">>]},
     {"~s", [[<<"a">>, $b, [$c, <<"d">>]]]}, {"~s", [[$a | b]]}, {"~s", [1]}, {"~s", [[1024]]},
     {"~ts", [[1024]]}, {"~ts", [<<"é"/utf8>>]}, {"~s", [<<"é"/utf8>>]}, {"~s", [list_to_atom([1024])]},
     {"~ts", [list_to_atom([1024])]},
     {"~b ~b ~b ~b~n", [0, 10, 255, -5]}, {"~b~n", [1 bsl 50]}, {"~~ is a tilde, ~~~~ two~n", []},
     {"~p~p~p~n", [a, b, c]}, {"~s=~p, ~s=~w~n", ["x", 1, "y", {2}]},
     {"~.16b ~.16B ~.2b ~.36B", [255, 255, 5, 123456789]}, {"~x ~X ~.16x ~.16X", [10, "0x", 10, '0X', 255, "#", -255, "$"]},
     {"~# ~+ ~.16# ~.16+", [10, 10, 255, 255]}, {"~8b|~-8b|~8.10.0b|~.10.xb", [42, 42, 42, 42]},
     {"~c~c~c", [$a, $b, $c]}, {"~5c|~5.2c|~-5.2c|~5.2.xc", [$a, $b, $c, $d]}, {"~c", [256 + $a]}, {"~tc", [1024]},
     {"~e ~f ~g", [1.0, 1.0, 1.0]}, {"~.3e ~.2f ~.1g ~.3g", [123.456, 123.456, 0.125, 123.456]},
     {"~12.3f|~-12.3e|~12.3.*f", [3.14159, 3.14159, $_, 3.14159]}, {"~3.1f", [123.456]},
     {"~f", [1]}, {"~e", [a]}, {"~.1e", [1.0]}, {"~.0f", [1.0]}, {"~g", [1.0e4]}, {"~g", [0.05]},
     {"~g ~g ~g ~g", [123456.0, 0.5, 99.99, -0.001]}, {"~f ~e", [-0.0, -0.0]}, {"~.10f", [0.1]},
     {"~10s|~-10s|~.3s|~10.3s|~-10.3s|~3s", ["abc", "abc", "abcdef", "abcdef", "abcdef", "abcdef"]},
     {"~10.3.-s|~*s|~-*s|~.*s", ["abcdef", 6, "ab", 6, "ab", 2, "abcdef"]},
     {"~10w|~-10w|~3w|~10.2w", [abc, abc, abcdef, abc]}, {"~10p|", [abc]}, {"~-10p", [abc]},
     {"~i~w", [ignored, shown]}, {"~n~5n|", []}, {"~-3n", []},
     {"~", []}, {"~z", [1]}, {"~p", []}, {"~p", [1, 2]}, {"~p", a}, {"~p", [a | b]}, {"~*w", [a, b]},
     {"~W ~P", [[1, 2, 3, 4], 3, {a, [b, c, d], "str"}, 3]}, {"~W", [x, y]},
     {"~lp ~p", [[$a, $b], [$a, $b]]}, {"~tp ~p", [<<"é"/utf8>>, <<"é"/utf8>>]},
     {"~p~n", [Long]}, {"prefix: ~p~n", [Long]}, {"a longer prefix text here: ~p and ~p~n", [Long, LongList]},
     {"~p~n~p~n", [LongList, Long]}, {"\t~p~n", [Long]}, {"x\ty~p", [Long]}, {"~40p", [Long]}, {"~0p", [Long]},
     {"~p", [lists:seq(1, 40)]}, {"~5p", [lists:seq(1, 10)]}, {"~.20p", [Long]}, {"~w", [Long]},
     {'atom format ~p', [x]}, {<<"binary format ~p">>, [x]}, {["a", "b~n"], []},
     {[$a, 1024, $~, $n], []}, {"~ts~n", [[<<"mixed ">>, 1024, "chars"]]},
     {"~P", [lists:seq(1, 100), 10]}, {"~P", [#{a => 1, b => [1, 2, 3], c => {x, y}}, 4]},
     {"~P", [<<"abcdefgh">>, 2]}, {"~P", ["abcdefghij", 2]}, {"~W", [#{a => 1}, 2]}, {"~W", [#{a => 1}, 1]},
     {"~p", [{'EXIT', {badarg, [{m, f, 2, [{file, "m.erl"}, {line, 12}]}, {m, g, 1, [{file, "m.erl"}, {line, 30}]}]}}]},
     {"~p", [[{a, "x"}, {b, "y"}, {c, lists:seq(1, 30)}, {d, #{key => value}}]]}].
