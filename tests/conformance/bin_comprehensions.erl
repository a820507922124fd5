% kiln conformance-next: binary comprehensions and bitstring generators
-module(bin_comprehensions).
-export([main/1]).
-mode(compile).

main(_) ->
    B = id(<<"Hello, World">>),
    io:format("~p~n", [<< <<(C + 1)>> || <<C>> <= B >>]),
    io:format("~p~n", [<< <<C>> || <<C>> <= B, C >= $a, C =< $z >>]),
    io:format("~p~n", [[C || <<C>> <= B, C < $a]]),
    io:format("~p~n", [<< <<(upper(C))>> || <<C>> <= B >>]),
    io:format("~p~n", [<< <<X:16>> || X <- [1, 2, 3] >>]),
    io:format("~p~n", [<< <<X:4, Y:4>> || <<X:4, Y:4>> <= <<16#12, 16#34>> >>]),
    io:format("~p~n", [<< <<Y:4, X:4>> || <<X:4, Y:4>> <= <<16#12, 16#34>> >>]),
    io:format("~p~n", [[{X, Y} || <<X, Y>> <= <<1, 2, 3, 4, 5>>]]),
    io:format("~p~n", [[X || <<X:16/little>> <= <<1, 0, 2, 0, 3>>]]),
    io:format("~p~n", [<< <<X, Y>> || X <- [1, 2], Y <- [3, 4] >>]),
    io:format("~p~n", [<< <<X, Y>> || <<X>> <= <<1, 2>>, <<Y>> <= <<3, 4>> >>]),
    io:format("~p~n", [<< <<B2/binary, B2/binary>> || B2 <- [<<"ab">>, <<>>, <<"c">>] >>]),
    io:format("~p~n", [<< <<Bit:1>> || <<Bit:1>> <= <<2#10101:5>> >>]),
    io:format("~p~n", [<< <<(Bit bxor 1):1>> || <<Bit:1>> <= <<2#10101:5>> >>]),
    io:format("~p~n", [[S || <<S:3/binary>> <= <<"abcdefgh">>]]),
    io:format("~p~n", [<< <<S/binary, ",">> || <<S:2/binary>> <= <<"aabbcc">> >>]),
    io:format("~p~n", [hex(<<1, 171, 255, 16>>)]),
    io:format("~p~n", [unhex(<<"01abff10">>)]),
    io:format("~p~n", [[X || <<X/utf8>> <= <<"añ€"/utf8>>]]),
    io:format("~p~n", [<< <<X/utf16>> || X <- "añ" >>]),
    io:format("~p~n", [<< <<X:(id(8))/float>> || X <- [] >>]),
    io:format("~p~n", [<< <<X:32/float>> || X <- [1.0, 2] >>]),
    io:format("~p~n", [[X || <<X:32/float>> <= <<1.0:32/float, 2.5:32/float>>]]),
    io:format("~p~n", [[X || <<1:1, X:7>> <= <<1, 129, 130, 2, 255>>]]),
    io:format("~p~n", [<< <<X>> || {X, _} <- [{1, a}, {2, b}, bad, {3, c}] >>]),
    io:format("~p~n", [lists:sum([X * Y || <<X>> <= <<1, 2, 3>>, <<Y>> <= <<10, 20>>])]),
    io:format("~p~n", [byte_size(<< <<0:1000>> || _ <- lists:seq(1, 100) >>)]),
    ok.

upper(C) when C >= $a, C =< $z -> C - 32;
upper(C) -> C.

hex(B) -> << <<(hd(integer_to_list(N, 16)))>> || <<N:4>> <= B >>.

unhex(B) -> << <<(list_to_integer([H, L], 16))>> || <<H, L>> <= B >>.

id(X) -> X.
