% kiln conformance-next: tuple BIFs: make_tuple, insert/delete/append_element, setelement, conversions
-module(erl_tuples).
-export([main/1]).
-mode(compile).

main(_) ->
    T = id({a, b, c}),
    t(make_tuple2, fun() -> erlang:make_tuple(3, x) end),
    t(make_tuple0, fun() -> erlang:make_tuple(0, x) end),
    t(make_tuple3, fun() -> erlang:make_tuple(5, def, [{2, two}, {4, four}, {2, again}]) end),
    t(make_tuple3_bad, fun() -> erlang:make_tuple(2, def, [{3, x}]) end),
    t(make_tuple3_zero, fun() -> erlang:make_tuple(2, def, [{0, x}]) end),
    t(make_tuple_atom, fun() -> erlang:make_tuple(a, x) end),
    t(insert1, fun() -> erlang:insert_element(1, T, new) end),
    t(insert_end, fun() -> erlang:insert_element(4, T, new) end),
    t(insert_mid, fun() -> erlang:insert_element(2, T, new) end),
    t(insert_oob, fun() -> erlang:insert_element(5, T, new) end),
    t(insert_zero, fun() -> erlang:insert_element(0, T, new) end),
    t(insert_empty, fun() -> erlang:insert_element(1, {}, only) end),
    t(delete1, fun() -> erlang:delete_element(1, T) end),
    t(delete3, fun() -> erlang:delete_element(3, T) end),
    t(delete_oob, fun() -> erlang:delete_element(4, T) end),
    t(delete_last, fun() -> erlang:delete_element(1, {x}) end),
    t(append, fun() -> erlang:append_element(T, d) end),
    t(append_empty, fun() -> erlang:append_element({}, d) end),
    t(append_bad, fun() -> erlang:append_element([a], d) end),
    t(setelement, fun() -> setelement(2, T, z) end),
    t(setelement_last, fun() -> setelement(3, T, z) end),
    t(setelement_oob, fun() -> setelement(4, T, z) end),
    t(setelement_zero, fun() -> setelement(0, T, z) end),
    t(setelement_neg, fun() -> setelement(id(-1), T, z) end),
    t(setelement_not_tuple, fun() -> setelement(1, id([a]), z) end),
    t(setelement_atom_index, fun() -> setelement(a, T, z) end),
    t(element, fun() -> [element(I, T) || I <- [1, 2, 3]] end),
    t(element_oob, fun() -> element(4, T) end),
    t(element_big_index, fun() -> element(1 bsl 70, T) end),
    t(t2l, fun() -> tuple_to_list(T) end),
    t(t2l_empty, fun() -> tuple_to_list({}) end),
    t(l2t, fun() -> list_to_tuple([1, [2], {3}]) end),
    t(l2t_empty, fun() -> list_to_tuple([]) end),
    t(l2t_bad, fun() -> list_to_tuple(id(abc)) end),
    t(size, fun() -> {tuple_size(T), size(T), tuple_size({}), tuple_size(list_to_tuple(lists:seq(1, 1000)))} end),
    t(big_tuple, fun() -> B = erlang:make_tuple(100000, 0), B2 = setelement(99999, B, 1),
                          {tuple_size(B2), element(99999, B2), element(100000, B2)} end),
    t(compare, fun() -> [{} < {a}, {b} < {a, a}, {a, b} < {a, c}, {1} == {1.0}, {1} =:= {1.0}] end),
    t(nested_set, fun() -> N = {{1, 2}, {3, 4}}, setelement(2, N, setelement(1, element(2, N), x)) end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
