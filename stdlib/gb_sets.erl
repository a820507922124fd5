%% The gb_sets module: ordered sets as general balanced trees, as OTP's
%% stdlib `gb_sets`.
%%
%% A set is {Size, Node}; a node is nil or {Key, Smaller, Bigger}. The
%% balancing rules (and so the printed shapes) follow gb_trees.
-module(gb_sets).
-export([empty/0, is_empty/1, size/1, singleton/1, is_member/2, insert/2,
         add/2, delete/2, delete_any/2, balance/1, union/2, union/1,
         intersection/2, intersection/1, is_disjoint/2, difference/2,
         is_subset/2, to_list/1, from_list/1, from_ordset/1, smallest/1,
         largest/1, take_smallest/1, take_largest/1, iterator/1,
         iterator_from/2, next/1, filter/2, fold/3, is_set/1]).
-export([new/0, is_element/2, add_element/2, del_element/2, subtract/2]).

empty() -> {0, nil}.

new() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({N, _}) -> N.

singleton(K) -> {1, {K, nil, nil}}.

is_element(K, S) -> is_member(K, S).

is_member(K, {_, T}) -> member(K, T).

member(K, {K1, L, _}) when K < K1 -> member(K, L);
member(K, {K1, _, R}) when K > K1 -> member(K, R);
member(_, {_, _, _}) -> true;
member(_, nil) -> false.

insert(K, {N, T}) ->
    N1 = N + 1,
    {N1, strip(ins(K, T, N1 * N1))}.

strip({grown, T, _, _}) -> T;
strip({fixed, T}) -> T.

ins(K, {K1, L, R}, B) when K < K1 ->
    case ins(K, L, B bsr 1) of
        {grown, L1, HL, SL} ->
            {HR, SR} = count(R),
            grown({K1, L1, R}, HL, HR, SL + SR + 1);
        {fixed, L1} ->
            {fixed, {K1, L1, R}}
    end;
ins(K, {K1, L, R}, B) when K > K1 ->
    case ins(K, R, B bsr 1) of
        {grown, R1, HR, SR} ->
            {HL, SL} = count(L),
            grown({K1, L, R1}, HL, HR, SL + SR + 1);
        {fixed, R1} ->
            {fixed, {K1, L, R1}}
    end;
ins(K, nil, 0) -> {grown, {K, nil, nil}, 1, 1};
ins(K, nil, _) -> {fixed, {K, nil, nil}};
ins(K, _, _) -> erlang:error({key_exists, K}).

grown(T, HL, HR, Size) ->
    H = 2 * erlang:max(HL, HR),
    case H > Size * Size of
        true -> {fixed, from_ordered(to_list(T, []), Size)};
        false -> {grown, T, H, Size}
    end.

count({_, nil, nil}) -> {1, 1};
count({_, L, R}) ->
    {HL, SL} = count(L),
    {HR, SR} = count(R),
    {2 * erlang:max(HL, HR), SL + SR + 1};
count(nil) -> {1, 0}.

balance({N, T}) -> {N, from_ordered(to_list(T, []), N)}.

%% A balanced node from the first N elements of an ascending list.
from_ordered(L, N) ->
    {T, _} = build(L, N),
    T.

build(L, N) when N > 1 ->
    Right = (N - 1) div 2,
    Left = N - 1 - Right,
    {LT, [K | Rest]} = build(L, Left),
    {RT, Rest1} = build(Rest, Right),
    {{K, LT, RT}, Rest1};
build([K | Rest], 1) -> {{K, nil, nil}, Rest};
build(L, 0) -> {nil, L}.

%% A balanced node from the first N elements of a descending list (the
%% bigger side gets the extra element).
from_reversed(L, N) ->
    {T, _} = rbuild(L, N),
    T.

rbuild(L, N) when N > 1 ->
    Left = (N - 1) div 2,
    Right = N - 1 - Left,
    {RT, [K | Rest]} = rbuild(L, Right),
    {LT, Rest1} = rbuild(Rest, Left),
    {{K, LT, RT}, Rest1};
rbuild([K | Rest], 1) -> {{K, nil, nil}, Rest};
rbuild(L, 0) -> {nil, L}.

add_element(K, S) -> add(K, S).

add(K, S) ->
    case is_member(K, S) of
        true -> S;
        false -> insert(K, S)
    end.

from_list(L) -> from_ordset(ordsets:from_list(L)).

from_ordset(L) ->
    N = length(L),
    {N, from_ordered(L, N)}.

del_element(K, S) -> delete_any(K, S).

delete_any(K, S) ->
    case is_member(K, S) of
        true -> delete(K, S);
        false -> S
    end.

delete(K, {N, T}) -> {N - 1, delete_1(K, T)}.

delete_1(K, {K1, L, R}) when K < K1 -> {K1, delete_1(K, L), R};
delete_1(K, {K1, L, R}) when K > K1 -> {K1, L, delete_1(K, R)};
delete_1(_, {_, L, R}) -> join(L, R).

join(L, nil) -> L;
join(nil, R) -> R;
join(L, R) ->
    {K, R1} = pop_smallest(R),
    {K, L, R1}.

take_smallest({N, T}) ->
    {K, T1} = pop_smallest(T),
    {K, {N - 1, T1}}.

pop_smallest({K, nil, R}) -> {K, R};
pop_smallest({K, L, R}) ->
    {K1, L1} = pop_smallest(L),
    {K1, {K, L1, R}}.

smallest({_, T}) -> smallest_1(T).

smallest_1({K, nil, _}) -> K;
smallest_1({_, L, _}) -> smallest_1(L).

take_largest({N, T}) ->
    {K, T1} = pop_largest(T),
    {K, {N - 1, T1}}.

pop_largest({K, L, nil}) -> {K, L};
pop_largest({K, L, R}) ->
    {K1, R1} = pop_largest(R),
    {K1, {K, L, R1}}.

largest({_, T}) -> largest_1(T).

largest_1({K, _, nil}) -> K;
largest_1({_, _, R}) -> largest_1(R).

to_list({_, T}) -> to_list(T, []).

to_list({K, L, R}, Acc) -> to_list(L, [K | to_list(R, Acc)]);
to_list(nil, Acc) -> Acc.

iterator({_, T}) -> descend(T, []).

descend({_, nil, _} = T, Stack) -> [T | Stack];
descend({_, L, _} = T, Stack) -> descend(L, [T | Stack]);
descend(nil, Stack) -> Stack.

iterator_from(K, {_, T}) -> descend_from(K, T, []).

descend_from(K, {K1, _, R}, Stack) when K1 < K -> descend_from(K, R, Stack);
descend_from(_, {_, nil, _} = T, Stack) -> [T | Stack];
descend_from(K, {_, L, _} = T, Stack) -> descend_from(K, L, [T | Stack]);
descend_from(_, nil, Stack) -> Stack.

next([{K, _, R} | Stack]) -> {K, descend(R, Stack)};
next([]) -> none.

%% Set operations walk the smaller set's element list; against a big
%% enough other set they look elements up in its tree, otherwise they
%% merge the two ascending lists.
use_lists(N1, N2) -> N2 < 10 orelse N2 < N1 * round(1.46 * math:log(N2)).

union({N1, T1}, {N2, T2}) when N2 < N1 -> union(to_list(T2, []), N2, T1, N1);
union({N1, T1}, {N2, T2}) -> union(to_list(T1, []), N1, T2, N2).

%% L (N1 elements) is the smaller set's list, T2 the other set's tree.
union(L, N1, T2, N2) ->
    case use_lists(N1, N2) of
        true -> union_merge(L, to_list(T2, []), [], N1 + N2);
        false -> union_add(L, {N2, T2})
    end.

union_add([X | Xs], S) -> union_add(Xs, add(X, S));
union_add([], S) -> S.

%% On equal elements the one from the list in first position is kept; the
%% lists swap places whenever the second one's head is taken.
union_merge([X | Xs], [Y | _] = Ys, Acc, N) when X < Y -> union_merge(Xs, Ys, [X | Acc], N);
union_merge([X | _] = Xs, [Y | Ys], Acc, N) when X > Y -> union_merge(Ys, Xs, [Y | Acc], N);
union_merge([X | Xs], [_ | Ys], Acc, N) -> union_merge(Xs, Ys, [X | Acc], N - 1);
union_merge([], Ys, Acc, N) -> {N, from_reversed(reverse_onto(Ys, Acc), N)};
union_merge(Xs, [], Acc, N) -> {N, from_reversed(reverse_onto(Xs, Acc), N)}.

reverse_onto([X | Xs], Acc) -> reverse_onto(Xs, [X | Acc]);
reverse_onto([], Acc) -> Acc.

union([S | Ss]) -> union_all(S, Ss);
union([]) -> empty().

union_all(S, [S1 | Ss]) -> union_all(union(S, S1), Ss);
union_all(S, []) -> S.

intersection({N1, T1}, {N2, T2}) when N2 < N1 -> intersection(to_list(T2, []), N2, T1, N1);
intersection({N1, T1}, {N2, T2}) -> intersection(to_list(T1, []), N1, T2, N2).

intersection(L, N1, T2, N2) ->
    case use_lists(N1, N2) of
        true -> inter_merge(L, to_list(T2, []), [], 0);
        false -> inter_lookup(L, T2, [], 0)
    end.

inter_lookup([X | Xs], T, Acc, N) ->
    case member(X, T) of
        true -> inter_lookup(Xs, T, [X | Acc], N + 1);
        false -> inter_lookup(Xs, T, Acc, N)
    end;
inter_lookup([], _, Acc, N) -> {N, from_reversed(Acc, N)}.

inter_merge([X | Xs], [Y | _] = Ys, Acc, N) when X < Y -> inter_merge(Xs, Ys, Acc, N);
inter_merge([X | _] = Xs, [Y | Ys], Acc, N) when X > Y -> inter_merge(Ys, Xs, Acc, N);
inter_merge([X | Xs], [_ | Ys], Acc, N) -> inter_merge(Xs, Ys, [X | Acc], N + 1);
inter_merge([], _, Acc, N) -> {N, from_reversed(Acc, N)};
inter_merge(_, [], Acc, N) -> {N, from_reversed(Acc, N)}.

intersection([S | Ss]) -> intersection_all(S, Ss).

intersection_all(S, [S1 | Ss]) -> intersection_all(intersection(S, S1), Ss);
intersection_all(S, []) -> S.

is_disjoint({N1, T1}, {N2, T2}) when N1 < N2 -> disjoint(T1, T2);
is_disjoint({_, T1}, {_, T2}) -> disjoint(T2, T1).

disjoint({K1, L1, R1}, {K2, L2, _} = T2) when K1 < K2 ->
    not member(K1, L2) andalso disjoint(L1, L2) andalso disjoint(R1, T2);
disjoint({K1, L1, R1}, {K2, _, R2} = T2) when K1 > K2 ->
    not member(K1, R2) andalso disjoint(R1, R2) andalso disjoint(L1, T2);
disjoint({_, _, _}, {_, _, _}) -> false;
disjoint(nil, _) -> true;
disjoint(_, nil) -> true.

subtract(S1, S2) -> difference(S1, S2).

difference({N1, T1}, {N2, T2}) ->
    L = to_list(T1, []),
    case use_lists(N1, N2) of
        true -> diff_merge(L, to_list(T2, []), [], N1);
        false -> diff_lookup(L, T2, [], 0)
    end.

diff_lookup([X | Xs], T, Acc, N) ->
    case member(X, T) of
        true -> diff_lookup(Xs, T, Acc, N);
        false -> diff_lookup(Xs, T, [X | Acc], N + 1)
    end;
diff_lookup([], _, Acc, N) -> {N, from_reversed(Acc, N)}.

diff_merge([X | Xs], [Y | _] = Ys, Acc, N) when X < Y -> diff_merge(Xs, Ys, [X | Acc], N);
diff_merge([X | _] = Xs, [Y | Ys], Acc, N) when X > Y -> diff_merge(Xs, Ys, Acc, N);
diff_merge([_ | Xs], [_ | Ys], Acc, N) -> diff_merge(Xs, Ys, Acc, N - 1);
diff_merge([], _, Acc, N) -> {N, from_reversed(Acc, N)};
diff_merge(Xs, [], Acc, N) -> {N, from_reversed(reverse_onto(Xs, Acc), N)}.

is_subset({N1, T1}, {N2, T2}) ->
    L = to_list(T1, []),
    case use_lists(N1, N2) of
        true -> subset_merge(L, to_list(T2, []));
        false -> subset_lookup(L, T2)
    end.

subset_lookup([X | Xs], T) ->
    case member(X, T) of
        true -> subset_lookup(Xs, T);
        false -> false
    end;
subset_lookup([], _) -> true.

subset_merge([X | _], [Y | _]) when X < Y -> false;
subset_merge([X | _] = Xs, [Y | Ys]) when X > Y -> subset_merge(Xs, Ys);
subset_merge([_ | Xs], [_ | Ys]) -> subset_merge(Xs, Ys);
subset_merge([], _) -> true;
subset_merge(_, []) -> false.

is_set({0, nil}) -> true;
is_set({N, {_, _, _}}) when is_integer(N), N >= 0 -> true;
is_set(_) -> false.

filter(F, S) when is_function(F, 1) -> from_ordset([X || X <- to_list(S), F(X)]).

fold(F, Acc, {_, T}) when is_function(F, 2) -> fold_1(F, Acc, T).

fold_1(F, Acc, {K, L, R}) -> fold_1(F, F(K, fold_1(F, Acc, L)), R);
fold_1(_, Acc, _) -> Acc.
