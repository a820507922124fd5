% kiln conformance: atom length limit, list_to_existing_atom, unicode atoms, quoting rules
-module(atom_limits).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    L255 = lists:duplicate(255, $a),
    L256 = lists:duplicate(256, $b),
    p("len255", fun() -> length(atom_to_list(list_to_atom(L255))) end),
    p("len256", fun() -> list_to_atom(L256) end),
    p("bin255", fun() -> byte_size(atom_to_binary(binary_to_atom(list_to_binary(L255), utf8), utf8)) end),
    p("bin256", fun() -> binary_to_atom(list_to_binary(L256), utf8) end),
    p("bin256 latin1", fun() -> binary_to_atom(list_to_binary(L256), latin1) end),
    %% 255 unicode characters (more than 255 bytes in utf8) are allowed
    U255 = lists:duplicate(255, 16#3bb),
    p("uni255", fun() -> length(atom_to_list(list_to_atom(U255))) end),
    p("uni255 bytes", fun() -> byte_size(atom_to_binary(list_to_atom(U255), utf8)) end),
    p("uni256", fun() -> list_to_atom(lists:duplicate(256, 16#3bb)) end),
    p("existing ok", fun() -> list_to_existing_atom("ok") end),
    p("existing missing", fun() -> list_to_existing_atom("kiln_no_such_atom_" ++ integer_to_list(id(987654321))) end),
    p("existing bin missing", fun() -> binary_to_existing_atom(<<"kiln_nope_", (id(<<"zz9">>))/binary>>, utf8) end),
    p("existing bin ok", fun() -> binary_to_existing_atom(<<"error">>, utf8) end),
    p("existing bad arg", fun() -> list_to_existing_atom(id(foo)) end),
    p("list_to_atom bad", fun() -> list_to_atom(id([a, b])) end),
    p("list_to_atom improper", fun() -> list_to_atom(id([$a | $b])) end),
    p("list_to_atom neg", fun() -> list_to_atom(id([-1])) end),
    p("list_to_atom huge cp", fun() -> list_to_atom(id([16#110000])) end),
    p("binary_to_atom bad utf8", fun() -> binary_to_atom(id(<<255, 254>>), utf8) end),
    p("binary_to_atom latin1 high", fun() -> atom_to_list(binary_to_atom(id(<<233, 97>>), latin1)) end),
    p("atom_to_binary latin1 of unicode", fun() -> atom_to_binary(list_to_atom(id([16#3bb])), latin1) end),
    p("atom_to_binary utf8", fun() -> atom_to_binary(list_to_atom([233, 16#3bb]), utf8) end),
    p("empty atom", fun() -> {list_to_atom(""), atom_to_list('')} end),
    Latin = [ok, 'Ok', 'hello world', '', 'a-b', a_b, 'a@b', a@b, 'a.b', '1abc', abc1,
             'true', 'false', 'and', 'or', 'xor', 'not', 'div', 'rem', 'band', 'bor', 'bxor',
             'bsl', 'bsr', 'bnot', 'case', 'of', 'end', 'fun', 'if', 'receive', 'after',
             'when', 'try', 'catch', 'begin', 'cond', 'let', 'query', 'maybe', 'else',
             'andalso', 'orelse', '_x', 'x_', 'É', 'éa', 'aé', 'ñandú', 'a\nb', 'tab\there',
             'quote\'s', 'back\\slash', '\x{7f}', 'a b', '[]', '{}', 'ß', 'ÿ',
             list_to_atom("x" ++ [16#e9]), list_to_atom([0]),
             list_to_atom([$a, 1, $b]), list_to_atom([16#a0]), list_to_atom([16#ad])],
    lists:foreach(fun(A) ->
                          io:format("~p | ~w | ~tp | ~tw | ~s | ~ts~n", [A, A, A, A, A, A])
                  end, Latin),
    Uni = ['Ωmega', list_to_atom([16#3bb, 16#3bc]), list_to_atom([$a, 16#1F600]),
           list_to_atom([16#100]), list_to_atom([16#3bb, $ , 16#3bc]), list_to_atom([$A, 16#3bb]),
           list_to_atom([16#3bb, $A]), list_to_atom([16#2028])],
    lists:foreach(fun(A) ->
                          io:format("~p | ~w | ~tp | ~tw~n", [A, A, A, A])
                  end, Uni),
    Atoms = Latin ++ Uni,
    io:format("~p~n", [[length(atom_to_list(A)) || A <- Atoms]]),
    io:format("~w~n", [[byte_size(atom_to_binary(A, utf8)) || A <- Atoms]]),
    io:format("~p~n", [lists:sort(Atoms)]),
    io:format("~p~n", [{list_to_atom([16#3bb]) > 'z', 'é' > 'z', 'Z' < a}]),
    io:format("~p~n", [io_lib:format("~p", [list_to_atom([16#3bb])])]),
    io:format("~w~n", [io_lib:format("~tp", [list_to_atom([16#3bb])])]),
    io:format("~p~n", [io_lib:write_atom(list_to_atom("needs quote"))]),
    io:format("~w~n", [atom_to_list(list_to_atom([16#3bb, $x]))]),
    io:format("~p~n", [{atom_length(L255), erlang:atom_to_binary(id('a'))}]),
    ok.

atom_length(L) -> length(atom_to_list(list_to_atom(L))).
