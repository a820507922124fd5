% kiln conformance-next: atom quoting and escaping in ~p ~w ~s, and atom BIFs
-module(fmt_atoms).
-export([main/1]).
-mode(compile).

main(_) ->
    As = [ok, 'OK', 'Ok', ok_1, 'ok-1', 'hello world', '', ' ', 'a.b', 'a@b', '@', '_', '_x', x_,
          'é', 'ñandú', 'tab\there', 'new\nline', 'quote\'s', 'back\\slash', 'dq"', '[]', '{}', '!',
          'after', 'and', 'andalso', 'band', 'begin', 'bnot', 'bor', 'bsl', 'bsr', 'bxor', 'case', 'catch',
          'cond', 'div', 'end', 'fun', 'if', 'let', 'not', 'of', 'or', 'orelse', 'receive', 'rem', 'try',
          'when', 'xor', 'maybe', 'else', true, false, undefined, nil, 'nonode@nohost', aB9_@, 'a\x{0}b', '\e'],
    [io:format("~p ~w ~s ~p~n", [A, A, atom_to_list(A), atom_to_list(A)]) || A <- As],
    io:format("~p~n", [As]),
    io:format("~p~n", [[list_to_atom(L) || L <- ["abc", "ABC", "a b", "", "123", "1a", "a1"]]]),
    io:format("~p~n", [[list_to_atom([C]) || C <- lists:seq(32, 126)]]),
    io:format("~p~n", [[atom_to_binary(A) || A <- [ok, 'hello world', 'é']]]),
    io:format("~p~n", [lists:sort(['b', 'B', 'a', 'A', '_', 'é', 'aa', ''])]),
    io:format("~p~n", [[is_atom(X) || X <- [a, 'A', "a", <<"a">>, [], true]]]),
    io:format("~p~n", [[erlang:atom_to_list(X) || X <- [true, false]]]),
    io:format("~w~n", [{'$end_of_table', '$x', 'x$'}]),
    ok.
