% kiln conformance: a persistent binary search tree built from tuples
-module(binary_tree).
-export([main/1]).
-mode(compile).

main(_) ->
    Keys = [50, 30, 70, 20, 40, 60, 80, 35, 45, 65],
    T = from_list(Keys, empty),
    io:format("~p~n", [to_list(T)]),
    io:format("size ~p depth ~p~n", [tree_size(T), depth(T)]),
    io:format("~p ~p~n", [member(45, T), member(46, T)]),
    T2 = insert(55, {fifty_five}, T),
    io:format("~p~n", [lookup(55, T2)]),
    io:format("~p~n", [lookup(55, T)]),
    io:format("~p~n", [lookup(30, T2)]),
    io:format("~p~n", [fold(fun(K, _, Acc) -> K + Acc end, 0, T2)]),
    io:format("~p~n", [min_key(T2)]),
    Big = from_list(shuffle(lists:seq(1, 1000)), empty),
    io:format("~p ~p~n", [tree_size(Big), fold(fun(K, _, Acc) -> K + Acc end, 0, Big)]).

from_list([], T) -> T;
from_list([K | Ks], T) -> from_list(Ks, insert(K, {value, K}, T)).

insert(K, V, empty) -> {node, K, V, empty, empty};
insert(K, V, {node, K, _, L, R}) -> {node, K, V, L, R};
insert(K, V, {node, K2, V2, L, R}) when K < K2 -> {node, K2, V2, insert(K, V, L), R};
insert(K, V, {node, K2, V2, L, R}) -> {node, K2, V2, L, insert(K, V, R)}.

lookup(_, empty) -> none;
lookup(K, {node, K, V, _, _}) -> {found, V};
lookup(K, {node, K2, _, L, _}) when K < K2 -> lookup(K, L);
lookup(K, {node, _, _, _, R}) -> lookup(K, R).

member(K, T) -> lookup(K, T) =/= none.

to_list(empty) -> [];
to_list({node, K, _, L, R}) -> to_list(L) ++ [K] ++ to_list(R).

tree_size(empty) -> 0;
tree_size({node, _, _, L, R}) -> 1 + tree_size(L) + tree_size(R).

depth(empty) -> 0;
depth({node, _, _, L, R}) -> 1 + max(depth(L), depth(R)).

fold(_, Acc, empty) -> Acc;
fold(F, Acc, {node, K, V, L, R}) -> fold(F, F(K, V, fold(F, Acc, L)), R).

min_key({node, K, _, empty, _}) -> K;
min_key({node, _, _, L, _}) -> min_key(L).

%% Deterministic pseudo-shuffle with a linear congruential generator.
shuffle(L) -> [X || {_, X} <- msort([{lcg(X), X} || X <- L])].

lcg(X) -> (X * 1103515245 + 12345) rem 2147483648.

msort([]) -> [];
msort([X]) -> [X];
msort(L) ->
    {A, B} = split(L, [], []),
    merge(msort(A), msort(B)).

split([], A, B) -> {A, B};
split([X | T], A, B) -> split(T, [X | B], A).

merge([], B) -> B;
merge(A, []) -> A;
merge([X | A], [Y | B]) when X =< Y -> [X | merge(A, [Y | B])];
merge(A, [Y | B]) -> [Y | merge(A, B)].
