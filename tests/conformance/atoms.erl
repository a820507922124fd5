% kiln conformance: atoms, quoting when printed, atom_to_list / list_to_atom
-module(atoms).
-export([main/1]).
-mode(compile).

main(_) ->
    A = hello,
    B = 'hello',
    io:format("~p ~p~n", [A =:= B, is_atom(A)]),
    io:format("~p ~p ~p~n", [is_atom("hello"), is_atom(1), is_atom([])]),
    io:format("~p ~w~n", ['Hello World', 'Hello World']),
    io:format("~p ~p ~p ~p~n", ['UPPER', lower_Case, 'with-dash', 'a@b']),
    io:format("~p ~p ~p~n", ['if', 'end', 'receive']),
    io:format("~p ~p ~p~n", [true, false, undefined]),
    io:format("~p ~p~n", ['', '[]']),
    io:format("~s~n", [atom_to_list('Hello World')]),
    io:format("~p~n", [atom_to_list(abc)]),
    New = list_to_atom("made_" ++ "at_runtime"),
    io:format("~p ~p~n", [New, New =:= made_at_runtime]),
    io:format("~p~n", [list_to_atom("Needs Quotes")]),
    io:format("~p~n", [length(atom_to_list(abcdefghij))]),
    io:format("~p~n", [classify([a, 'B', 1, "s", {t}])]).

classify([]) -> [];
classify([X | T]) when is_atom(X) -> [{atom, X} | classify(T)];
classify([X | T]) -> [{other, X} | classify(T)].
