% kiln conformance-next: printing binaries with ~p ~w ~s ~ts: printable, non-printable, long, nested
-module(bin_print).
-export([main/1]).
-mode(compile).

main(_) ->
    Bs = [<<>>, <<"hello">>, <<"hello\n">>, <<"tab\there">>, <<"quote\"s">>, <<"back\\slash">>,
          <<0>>, <<1, 2, 3>>, <<"abc", 0>>, <<"café">>, <<"caf", 195, 169>>, <<255, 254>>,
          <<"\e[0m">>, <<7, 8, 11, 12, 13, 27, 127>>, <<"a", 127>>, <<160, 161>>,
          <<"€"/utf8>>, <<$a, 1:1>>, <<"abc", 5:4>>],
    lists:foreach(fun(B) -> io:format("~p | ~w~n", [B, B]) end, Bs),
    lists:foreach(fun(B) -> io:format("~tp~n", [B]) end, Bs),
    Long = list_to_binary(lists:duplicate(30, "abcdef ")),
    io:format("~p~n", [Long]),
    io:format("~p~n", [{key, Long, [Long]}]),
    NP = list_to_binary(lists:seq(0, 99)),
    io:format("~p~n", [NP]),
    io:format("~w~n", [NP]),
    io:format("~p~n", [[<<"a">>, <<"b">>, <<1>>, {<<"c">>, <<>>}]]),
    io:format("~s|~s|~s~n", [<<"bin">>, ["io", <<"list">>], <<>>]),
    io:format("~ts~n", [<<"€ and ü"/utf8>>]),
    io:format("~10s|~-10s|~.2s|~n", [<<"right">>, <<"left">>, <<"trunc">>]),
    io:format("~P~n", [NP, 5]),
    io:format("~W~n", [NP, 5]),
    io:format("~P~n", [<<"a long printable binary here">>, 3]),
    io:format("~p~n", [list_to_binary(lists:duplicate(100, $x))]),
    io:format("~60p~n", [list_to_binary(lists:duplicate(100, $x))]),
    io:format("~p~n", [lists:duplicate(4, <<"twenty characters!!!">>)]),
    ok.
