% kiln conformance: the standard term order across types (numbers, atoms, funs, pids, tuples, nil, lists)
-module(term_order).
-export([main/1]).
-mode(compile).

main(_) ->
    F = fun(X) -> X end,
    P = self(),
    Checks = [
        {number_lt_atom, 1 < a},
        {big_number_lt_atom, (1 bsl 55) < a},
        {atom_lt_tuple, zzz < {}},
        {tuple_lt_nil, {a, b, c} < []},
        {nil_lt_list, [] < [0]},
        {atom_lt_fun, a < F},
        {fun_lt_pid, F < P},
        {pid_lt_tuple, P < {}},
        {number_lt_pid, 42 < P},
        {atom_order, abc < abd},
        {atom_prefix, a < aa},
        {tuple_size_first, {9, 9} < {1, 1, 1}},
        {tuple_elements, {1, 2} < {1, 3}},
        {list_elements, [1, 2] < [1, 3]},
        {list_prefix, [1] < [1, 2]},
        {string_order, "abc" < "abd"},
        {list_vs_tuple, [1] > {1}},
        {nested_equal, {a, [1, 2], "x"} =:= {a, [1, 2], "x"}},
        {nested_not_equal, {a, [1, 2]} =/= {a, [1, 3]}},
        {neg_lt_zero, -1 < 0},
        {self_equal, P =:= self()}
    ],
    report(Checks),
    Mixed = [3, "ab", b, {1}, [], -1, {0, 0}, a, [1], {a}, 100, [1, 2], 'B'],
    io:format("~p~n", [isort(Mixed)]).

report([]) -> ok;
report([{Name, Bool} | T]) ->
    io:format("~p: ~p~n", [Name, Bool]),
    report(T).

isort(L) -> isort(L, []).
isort([], Acc) -> Acc;
isort([H | T], Acc) -> isort(T, insert(H, Acc)).

insert(X, []) -> [X];
insert(X, [Y | T]) when X =< Y -> [X, Y | T];
insert(X, [Y | T]) -> [Y | insert(X, T)].
