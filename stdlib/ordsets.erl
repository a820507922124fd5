%% The ordsets module: sets as ordered lists without duplicates, as OTP's
%% stdlib `ordsets`. Elements are compared with == (1 and 1.0 are the same
%% element).
-module(ordsets).
-export([new/0, is_set/1, size/1, is_empty/1, to_list/1, from_list/1]).
-export([is_element/2, add_element/2, del_element/2]).
-export([union/2, union/1, intersection/2, intersection/1]).
-export([is_disjoint/2]).
-export([subtract/2, is_subset/2]).
-export([fold/3, filter/2]).

new() -> [].

is_set([H | T]) -> ascending(T, H);
is_set([]) -> true;
is_set(_) -> false.

ascending([H | T], Prev) when Prev < H -> ascending(T, H);
ascending([_ | _], _) -> false;
ascending([], _) -> true.

size(S) -> length(S).

is_empty(S) -> S =:= [].

to_list(S) -> S.

from_list(L) -> lists:usort(L).

is_element(X, [H | T]) when X > H -> is_element(X, T);
is_element(X, [H | _]) when X < H -> false;
is_element(_, [_ | _]) -> true;
is_element(_, []) -> false.

add_element(X, [H | T]) when X > H -> [H | add_element(X, T)];
add_element(X, [H | _] = S) when X < H -> [X | S];
add_element(_, [_ | _] = S) -> S;
add_element(X, []) -> [X].

del_element(X, [H | T]) when X > H -> [H | del_element(X, T)];
del_element(X, [H | _] = S) when X < H -> S;
del_element(_, [_ | T]) -> T;
del_element(_, []) -> [].

%% union/2, intersection/2 and is_disjoint/2 swap their arguments when
%% they take from the second set, so of two equal elements the one kept
%% is the one from whichever set is first at that point.
union([X | Xs], [Y | _] = Ys) when X < Y -> [X | union(Xs, Ys)];
union([X | _] = Xs, [Y | Ys]) when X > Y -> [Y | union(Ys, Xs)];
union([X | Xs], [_ | Ys]) -> [X | union(Xs, Ys)];
union([], Ys) -> Ys;
union(Xs, []) -> Xs.

union(Sets) -> lists:umerge(Sets).

intersection([X | Xs], [Y | _] = Ys) when X < Y -> intersection(Xs, Ys);
intersection([X | _] = Xs, [Y | Ys]) when X > Y -> intersection(Ys, Xs);
intersection([X | Xs], [_ | Ys]) -> [X | intersection(Xs, Ys)];
intersection([], _) -> [];
intersection(_, []) -> [].

intersection([S1, S2 | Ss]) -> intersection_all(intersection(S1, S2), Ss);
intersection([S]) -> S.

intersection_all(S, [S1 | Ss]) -> intersection_all(intersection(S, S1), Ss);
intersection_all(S, []) -> S.

is_disjoint([X | Xs], [Y | _] = Ys) when X < Y -> is_disjoint(Xs, Ys);
is_disjoint([X | _] = Xs, [Y | Ys]) when X > Y -> is_disjoint(Ys, Xs);
is_disjoint([_ | _], [_ | _]) -> false;
is_disjoint([], _) -> true;
is_disjoint(_, []) -> true.

subtract([X | Xs], [Y | _] = Ys) when X < Y -> [X | subtract(Xs, Ys)];
subtract([X | _] = Xs, [Y | Ys]) when X > Y -> subtract(Xs, Ys);
subtract([_ | Xs], [_ | Ys]) -> subtract(Xs, Ys);
subtract([], _) -> [];
subtract(Xs, []) -> Xs.

is_subset([X | _], [Y | _]) when X < Y -> false;
is_subset([X | _] = Xs, [Y | Ys]) when X > Y -> is_subset(Xs, Ys);
is_subset([_ | Xs], [_ | Ys]) -> is_subset(Xs, Ys);
is_subset([], _) -> true;
is_subset(_, []) -> false.

fold(F, Acc, S) -> lists:foldl(F, Acc, S).

filter(F, S) -> lists:filter(F, S).
