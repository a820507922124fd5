% kiln conformance: binary/list comprehensions mixing generators, variable sizes, bitstring results
-module(bin_comprehension_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~w~n", [Label, t(F)]).

main(_) ->
    B = id(<<1, 2, 3, 4, 5, 6, 7, 8>>),
    p("list of list x bin", fun() -> [{X, Y} || X <- [a, b], <<Y>> <= <<1, 2, 3>>] end),
    p("bin of bin x list", fun() -> << <<X, Y>> || <<X>> <= <<10, 20>>, Y <- [1, 2, 3] >> end),
    p("bin x bin", fun() -> << <<(X * Y)>> || <<X>> <= <<1, 2, 3>>, <<Y>> <= <<1, 10>> >> end),
    p("bin filter", fun() -> << <<X>> || <<X>> <= B, X rem 2 =:= 0 >> end),
    p("two filters", fun() -> [X || <<X>> <= B, X > 2, X < 7] end),
    p("dependent gen", fun() -> [{X, Y} || X <- [1, 2, 3], <<Y:X>> <= <<255, 0>>] end),
    p("var size out", fun() -> << <<X:N>> || {X, N} <- [{1, 1}, {0, 2}, {5, 3}, {255, 8}] >> end),
    p("var size out bits", fun() -> bit_size(<< <<X:N>> || {X, N} <- [{1, 1}, {0, 2}, {5, 3}] >>) end),
    p("bitstring result", fun() -> << <<X:3>> || X <- [1, 2, 3, 4, 5] >> end),
    p("bitstring size", fun() -> bit_size(<< <<X:3>> || X <- [1, 2, 3, 4, 5] >>) end),
    p("1-bit each", fun() -> << <<(X band 1):1>> || <<X>> <= B >> end),
    p("bits gen", fun() -> [X || <<X:1>> <= <<2#10110000>>] end),
    p("bits gen tail", fun() -> [X || <<X:3>> <= <<2#10110011, 1:1>>] end),
    p("bits gen leftover", fun() -> [X || <<X:3>> <= <<255, 255>>] end),
    p("skip non-match", fun() -> [X || <<1, X>> <= <<1, 10, 2, 20, 1, 30, 3, 40>>] end),
    p("skip non-match bin", fun() -> << <<X>> || <<0:1, X:7>> <= <<1, 200, 3, 129, 127>> >> end),
    p("tuple pattern skip", fun() -> [X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {error, 3}]] end),
    p("bitstring elem", fun() -> [X || <<X:2/bitstring>> <= <<2#11011000>>] end),
    p("binary elem", fun() -> [X || <<X:2/binary>> <= <<"abcdefg">>] end),
    p("bin elem out", fun() -> << <<X/binary, $,>> || <<X:2/binary>> <= <<"abcdef">> >> end),
    p("bitstring concat", fun() -> << <<X/bitstring>> || X <- [<<1:1>>, <<0:2>>, <<7:3>>, <<>>] >> end),
    p("nested bin comp", fun() -> << << <<(X + Y)>> || <<Y>> <= <<0, 100>> >> || <<X>> <= <<1, 2>> >> end),
    p("nested list comp", fun() -> [[Y || <<Y:4>> <= <<X>>] || <<X>> <= <<16#12, 16#ab>>] end),
    p("size from earlier", fun() -> [Data || <<N, Data:N/binary>> <= <<2, "ab", 2, "cd">>] end),
    p("utf8 gen", fun() -> [C || <<C/utf8>> <= <<"h", 16#e9/utf8, 16#3bb/utf8, "!">>] end),
    p("utf8 out", fun() -> << <<C/utf8>> || C <- [104, 16#e9, 16#3bb] >> end),
    p("utf16 out", fun() -> << <<C/utf16-little>> || C <- [104, 16#10000] >> end),
    p("little out", fun() -> << <<X:16/little>> || X <- [1, 258, 65535] >> end),
    p("signed gen", fun() -> [X || <<X:4/signed>> <= <<16#f7, 16#08>>] end),
    p("float gen", fun() -> [X || <<X:32/float>> <= <<1.5:32/float, 2.25:32/float>>] end),
    p("float out", fun() -> << <<X:64/float>> || X <- [1, 0.5] >> end),
    p("empty gens", fun() -> {<< <<X>> || <<X>> <= <<>> >>, [X || <<X>> <= <<>>], << <<X>> || X <- [] >>} end),
    p("size 0 out", fun() -> << <<X:0>> || X <- [1, 2, 3] >> end),
    p("bad size out", fun() -> << <<X:(id(-1))>> || X <- [1] >> end),
    p("bad value out", fun() -> << <<X>> || X <- [1, id(a)] >> end),
    p("bad gen", fun() -> [X || <<X>> <= id(not_a_binary)] end),
    p("bad list gen", fun() -> [X || X <- id(not_a_list)] end),
    p("many", fun() -> lists:sum([X || <<X:16>> <= << <<N:16>> || N <- lists:seq(1, 1000) >>]) end),
    p("map out", fun() -> maps:from_list([{K, V} || <<K, V>> <= <<1, 2, 3, 4>>]) end),
    p("cartesian count", fun() -> length([{A, C} || <<A:2>> <= <<0:8>>, <<C:1>> <= <<0:3>>]) end),
    p("gen after filter", fun() -> [{X, Y} || X <- [1, 2, 3], X =/= 2, <<Y>> <= <<X, (X * 10)>>] end),
    ok.
