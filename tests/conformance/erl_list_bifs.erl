% kiln conformance-next: list BIFs and operators: ++ -- length hd tl, lists:reverse, atom/list conversions
-module(erl_list_bifs).
-export([main/1]).
-mode(compile).

main(_) ->
    L = id([3, 1, 4, 1, 5, 9, 2, 6]),
    t(append, fun() -> L ++ [x] end),
    t(append_improper_tail, fun() -> [1] ++ x end),
    t(append_empty, fun() -> [] ++ x end),
    t(subtract, fun() -> L -- [1, 9, 7] end),
    t(subtract_dup, fun() -> [a, b, a, c, a] -- [a, a] end),
    t(subtract_chain, fun() -> [1, 2, 3] -- [1] -- [1] end),
    t(length, fun() -> {length(L), length([]), length(lists:seq(1, 10000))} end),
    t(hd_tl, fun() -> {hd(L), tl(L), hd([x | y]), tl([x | y])} end),
    t(reverse, fun() -> {lists:reverse(L), lists:reverse(L, [z]), lists:reverse([])} end),
    t(nth, fun() -> {lists:nth(1, L), lists:nthtail(6, L)} end),
    t(sublist, fun() -> {lists:sublist(L, 3), lists:sublist(L, 2, 3), lists:sublist(L, 100)} end),
    t(split, fun() -> lists:split(3, L) end),
    t(split_bad, fun() -> lists:split(100, L) end),
    t(sort_usort, fun() -> {lists:sort(L), lists:usort(L), lists:sort(fun(A, B) -> A > B end, L)} end),
    t(keys, fun() -> KL = [{b, 2}, {a, 1}, {c, 3}],
                     {lists:keysort(1, KL), lists:keyfind(a, 1, KL), lists:keydelete(b, 1, KL),
                      lists:keyreplace(c, 1, KL, {c, 30}), lists:keymember(z, 1, KL), lists:keytake(a, 1, KL)} end),
    t(zip, fun() -> {lists:zip([1, 2], [a, b]), lists:unzip([{1, a}, {2, b}]), lists:zip3([1], [2], [3])} end),
    t(zip_bad, fun() -> lists:zip([1, 2], [a]) end),
    t(flatten, fun() -> {lists:flatten([1, [2, [3, [4]], []], 5]), lists:flatten([[a]], [tail]), lists:flatlength([1, [2, [3]]])} end),
    t(seq, fun() -> {lists:seq(1, 10, 3), lists:seq(10, 1, -3), lists:seq(1, 1), lists:seq(1, 0)} end),
    t(dup, fun() -> {lists:duplicate(3, ab), lists:duplicate(0, x)} end),
    t(partition, fun() -> lists:partition(fun(X) -> X rem 2 =:= 0 end, L) end),
    t(splitwith, fun() -> {lists:splitwith(fun(X) -> X < 4 end, L), lists:takewhile(fun(X) -> X > 2 end, L), lists:dropwhile(fun(X) -> X > 2 end, L)} end),
    t(member, fun() -> {lists:member(9, L), lists:member(7, L)} end),
    t(max_min_sum, fun() -> {lists:max(L), lists:min(L), lists:sum(L), lists:sum([]), lists:sum([1, 2.5])} end),
    t(last_droplast, fun() -> {lists:last(L), lists:droplast(L)} end),
    t(concat_join, fun() -> {lists:concat([a, "b", 1, 2.5]), lists:join(x, [1, 2, 3]), lists:append([[1], [2, 3], []])} end),
    t(foldl_foldr, fun() -> {lists:foldl(fun(X, A) -> [X | A] end, [], [1, 2, 3]), lists:foldr(fun(X, A) -> [X | A] end, [], [1, 2, 3])} end),
    t(enumerate_search, fun() -> {lists:enumerate([a, b]), lists:search(fun(X) -> X > 4 end, L), lists:search(fun(X) -> X > 100 end, L)} end),
    t(uniq, fun() -> {lists:uniq([3, 1, 3, 2, 1]), lists:uniq(fun(X) -> X rem 2 end, [1, 2, 3, 4])} end),
    t(merge, fun() -> {lists:merge([1, 3, 5], [2, 4]), lists:umerge([1, 2], [2, 3]), lists:merge([[1, 4], [2], [3]])} end),
    t(subtract_lists, fun() -> lists:subtract([1, 2, 3], [2]) end),
    t(prefix_suffix, fun() -> {lists:prefix([1, 2], [1, 2, 3]), lists:suffix([3], [1, 2, 3])} end),
    t(a2l, fun() -> {atom_to_list(hello), list_to_atom("hi there"), list_to_existing_atom("hello")} end),
    t(i2l, fun() -> {integer_to_list(-42), list_to_integer("-42"), float_to_list(1.5), list_to_float("1.5")} end),
    t(t2l, fun() -> {tuple_to_list({1, 2}), list_to_tuple([1, 2])} end),
    t(b2l, fun() -> {binary_to_list(<<"ab">>), list_to_binary("ab"), atom_to_list('A b')} end),
    t(improper_length, fun() -> length(id([1, 2 | 3])) end),
    t(improper_reverse, fun() -> lists:reverse([1 | 2]) end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
