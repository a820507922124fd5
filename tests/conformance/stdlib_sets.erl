% kiln conformance: sets (version 1: OTP's hash-table layout, printed with ~p;
% version 2: maps), and proplists:get_keys/1 order
-module(stdlib_sets).
-export([main/1]).
-mode(compile).

p(X) -> io:format("~p~n", [X]).

elems(N) -> [case I rem 4 of
                 0 -> I;
                 1 -> float(I);
                 2 -> {k, I};
                 3 -> list_to_atom("a" ++ integer_to_list(I))
             end || I <- lists:seq(1, N)].

main(_) ->
    E = sets:new(),
    p(E),
    S1 = sets:from_list([3, 1, 2, 1.0, a, {b}, "c", <<"d">>]),
    p(S1),
    p(sets:to_list(S1)),
    p({sets:size(S1), sets:is_empty(S1), sets:is_empty(E), sets:is_set(S1), sets:is_set(x)}),
    p({sets:is_element(1, S1), sets:is_element(1.0, S1), sets:is_element(4, S1)}),
    S2 = sets:del_element(a, sets:add_element(z, S1)),
    p(sets:to_list(S2)),
    Big = sets:from_list(elems(200)),
    p(Big),
    p(sets:to_list(Big)),
    Small = sets:filter(fun(X) -> is_integer(X) end, Big),
    p(Small),
    Shrunk = lists:foldl(fun sets:del_element/2, Big, elems(150)),
    p(Shrunk),
    p(sets:fold(fun(X, Acc) -> [X | Acc] end, [], Shrunk)),
    Other = sets:from_list(lists:seq(100, 260, 3)),
    p(sets:to_list(sets:union(Small, Other))),
    p(sets:to_list(sets:union([Small, Other, S1]))),
    p(sets:to_list(sets:intersection(Big, Other))),
    p(sets:to_list(sets:intersection([Big, Other, Small]))),
    p(sets:to_list(sets:subtract(Big, Other))),
    p({sets:is_disjoint(S1, Other), sets:is_disjoint(Big, Other),
       sets:is_subset(Small, Big), sets:is_subset(Other, Big)}),
    %% version 2
    V = sets:new([{version, 2}]),
    p(V),
    V1 = sets:from_list([3, 1, 2, 1.0, a], [{version, 2}]),
    p(V1),
    p(lists:sort(sets:to_list(V1))),
    p({sets:size(V1), sets:is_element(1.0, V1), sets:is_set(V1), sets:is_empty(V)}),
    V2 = sets:add_element(q, sets:del_element(a, V1)),
    p(V2),
    W = sets:from_list(lists:seq(1, 10), [{version, 2}]),
    p(sets:union(V2, W)),
    p(sets:intersection(V2, W)),
    p(sets:subtract(W, V2)),
    p(sets:filter(fun(X) -> X > 5 end, W)),
    p({sets:is_subset(sets:from_list([1, 2], [{version, 2}]), W), sets:is_disjoint(V2, W)}),
    p(lists:sort(sets:fold(fun(X, A) -> [X | A] end, [], W))),
    p(sets:new([{version, 1}]) =:= sets:new()),
    p(sets:to_list(sets:union(V1, S1))),
    %% proplists:get_keys/1 keeps the order of a sets set
    p(proplists:get_keys([a, {b, 1}, {c, 2, 3}, "x", d, {a, 2}, e, {f}, g, {h, 1}, i, j, k])),
    p(proplists:get_keys([{K, 1} || K <- elems(120)])),
    ok.
