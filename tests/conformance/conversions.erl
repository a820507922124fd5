% kiln conformance: atom_to_list, list_to_atom, integer_to_list, list_to_integer
-module(conversions).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [integer_to_list(0)]),
    io:format("~p~n", [integer_to_list(-5)]),
    io:format("~p~n", [integer_to_list(123456789012)]),
    io:format("~p~n", [integer_to_list(1 bsl 56)]),
    io:format("~p~n", [list_to_integer("42")]),
    io:format("~p~n", [list_to_integer("-17")]),
    io:format("~p~n", [list_to_integer("+8")]),
    io:format("~p~n", [list_to_integer("007")]),
    io:format("~p~n", [list_to_integer("72057594037927936")]),
    io:format("~p~n", [list_to_integer(integer_to_list(-987654321)) =:= -987654321]),
    io:format("~p~n", [atom_to_list(ok)]),
    io:format("~p~n", [atom_to_list('Mixed Case')]),
    io:format("~p~n", [list_to_atom("ok") =:= ok]),
    io:format("~p~n", [list_to_atom(atom_to_list(round_trip))]),
    io:format("~p~n", [list_to_atom(integer_to_list(12))]),
    io:format("~p~n", [sum_digits(integer_to_list(9876543210), 0)]),
    io:format("~p~n", [list_to_integer(atom_to_list('123')) + 1]).

sum_digits([], Acc) -> Acc;
sum_digits([C | T], Acc) -> sum_digits(T, Acc + (C - $0)).
