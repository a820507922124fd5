%% The gb_trees module: general balanced trees (Andersson), as OTP's
%% stdlib `gb_trees`.
%%
%% A tree is {Size, Node}; a node is nil or {Key, Value, Smaller, Bigger}.
%% Trees are never rebalanced on deletion; an insertion rebuilds the lowest
%% subtree on its path whose height exceeds twice the log2 of its size, so
%% the shapes (and the printed terms) are the same as OTP's.
-module(gb_trees).
-export([empty/0, is_empty/1, size/1, lookup/2, get/2, insert/3, update/3,
         enter/3, delete/2, delete_any/2, balance/1, is_defined/2, keys/1,
         values/1, to_list/1, from_orddict/1, smallest/1, largest/1, take/2,
         take_any/2, take_smallest/1, take_largest/1, iterator/1,
         iterator_from/2, next/1, map/2]).

empty() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({N, _}) when is_integer(N), N >= 0 -> N.

lookup(K, {_, T}) -> lookup_1(K, T).

lookup_1(K, {K1, _, L, _}) when K < K1 -> lookup_1(K, L);
lookup_1(K, {K1, _, _, R}) when K > K1 -> lookup_1(K, R);
lookup_1(_, {_, V, _, _}) -> {value, V};
lookup_1(_, nil) -> none.

is_defined(K, {_, T}) -> defined(K, T).

defined(K, {K1, _, L, _}) when K < K1 -> defined(K, L);
defined(K, {K1, _, _, R}) when K > K1 -> defined(K, R);
defined(_, {_, _, _, _}) -> true;
defined(_, nil) -> false.

get(K, {_, T}) -> get_1(K, T).

get_1(K, {K1, _, L, _}) when K < K1 -> get_1(K, L);
get_1(K, {K1, _, _, R}) when K > K1 -> get_1(K, R);
get_1(_, {_, V, _, _}) -> V.

update(K, V, {N, T}) -> {N, update_1(K, V, T)}.

update_1(K, V, {K1, V1, L, R}) when K < K1 -> {K1, V1, update_1(K, V, L), R};
update_1(K, V, {K1, V1, L, R}) when K > K1 -> {K1, V1, L, update_1(K, V, R)};
update_1(K, V, {_, _, L, R}) -> {K, V, L, R}.

insert(K, V, {N, T}) when is_integer(N) ->
    N1 = N + 1,
    {N1, strip(ins(K, V, T, N1 * N1))}.

strip({grown, T, _, _}) -> T;
strip({fixed, T}) -> T.

%% Budget halves at each level; reaching an empty slot with no budget left
%% means the path is too long, and then heights and sizes are reported
%% upwards ({grown, Tree, 2^Height, Size}) until a subtree is found that
%% is too high for its size and gets rebuilt.
ins(K, V, {K1, V1, L, R}, B) when K < K1 ->
    case ins(K, V, L, B bsr 1) of
        {grown, L1, HL, SL} ->
            {HR, SR} = count(R),
            grown({K1, V1, L1, R}, HL, HR, SL + SR + 1);
        {fixed, L1} ->
            {fixed, {K1, V1, L1, R}}
    end;
ins(K, V, {K1, V1, L, R}, B) when K > K1 ->
    case ins(K, V, R, B bsr 1) of
        {grown, R1, HR, SR} ->
            {HL, SL} = count(L),
            grown({K1, V1, L, R1}, HL, HR, SL + SR + 1);
        {fixed, R1} ->
            {fixed, {K1, V1, L, R1}}
    end;
ins(K, V, nil, 0) -> {grown, {K, V, nil, nil}, 1, 1};
ins(K, V, nil, _) -> {fixed, {K, V, nil, nil}};
ins(K, _, _, _) -> erlang:error({key_exists, K}).

grown(T, HL, HR, Size) ->
    H = 2 * erlang:max(HL, HR),
    case H > Size * Size of
        true -> {fixed, rebuild(T, Size)};
        false -> {grown, T, H, Size}
    end.

count({_, _, nil, nil}) -> {1, 1};
count({_, _, L, R}) ->
    {HL, SL} = count(L),
    {HR, SR} = count(R),
    {2 * erlang:max(HL, HR), SL + SR + 1};
count(nil) -> {1, 0}.

enter(K, V, T) ->
    case is_defined(K, T) of
        true -> update(K, V, T);
        false -> insert(K, V, T)
    end.

balance({N, T}) -> {N, rebuild(T, N)}.

rebuild(T, N) -> from_pairs(to_list(T, []), N).

from_orddict(L) ->
    N = length(L),
    {N, from_pairs(L, N)}.

from_pairs(L, N) ->
    {T, []} = build(L, N),
    T.

%% Builds a perfectly balanced node from the first N pairs of L; the
%% smaller side gets the extra element when N - 1 is odd.
build(L, N) when N > 1 ->
    Right = (N - 1) div 2,
    Left = N - 1 - Right,
    {LT, [{K, V} | Rest]} = build(L, Left),
    {RT, Rest1} = build(Rest, Right),
    {{K, V, LT, RT}, Rest1};
build([{K, V} | Rest], 1) -> {{K, V, nil, nil}, Rest};
build(L, 0) -> {nil, L}.

delete_any(K, T) ->
    case is_defined(K, T) of
        true -> delete(K, T);
        false -> T
    end.

delete(K, {N, T}) when is_integer(N), N >= 0 -> {N - 1, delete_1(K, T)}.

delete_1(K, {K1, V, L, R}) when K < K1 -> {K1, V, delete_1(K, L), R};
delete_1(K, {K1, V, L, R}) when K > K1 -> {K1, V, L, delete_1(K, R)};
delete_1(_, {_, _, L, R}) -> join(L, R).

join(L, nil) -> L;
join(nil, R) -> R;
join(L, R) ->
    {K, V, R1} = pop_smallest(R),
    {K, V, L, R1}.

take_any(K, T) ->
    case is_defined(K, T) of
        true -> take(K, T);
        false -> error
    end.

take(K, {N, T}) when is_integer(N), N >= 0 ->
    {V, T1} = take_1(K, T),
    {V, {N - 1, T1}}.

take_1(K, {K1, V, L, R}) when K < K1 ->
    {Found, L1} = take_1(K, L),
    {Found, {K1, V, L1, R}};
take_1(K, {K1, V, L, R}) when K > K1 ->
    {Found, R1} = take_1(K, R),
    {Found, {K1, V, L, R1}};
take_1(_, {_, V, L, R}) -> {V, join(L, R)}.

take_smallest({N, T}) when is_integer(N), N >= 0 ->
    {K, V, T1} = pop_smallest(T),
    {K, V, {N - 1, T1}}.

pop_smallest({K, V, nil, R}) -> {K, V, R};
pop_smallest({K, V, L, R}) ->
    {K1, V1, L1} = pop_smallest(L),
    {K1, V1, {K, V, L1, R}}.

smallest({_, T}) -> smallest_1(T).

smallest_1({K, V, nil, _}) -> {K, V};
smallest_1({_, _, L, _}) -> smallest_1(L).

take_largest({N, T}) when is_integer(N), N >= 0 ->
    {K, V, T1} = pop_largest(T),
    {K, V, {N - 1, T1}}.

pop_largest({K, V, L, nil}) -> {K, V, L};
pop_largest({K, V, L, R}) ->
    {K1, V1, R1} = pop_largest(R),
    {K1, V1, {K, V, L, R1}}.

largest({_, T}) -> largest_1(T).

largest_1({K, V, _, nil}) -> {K, V};
largest_1({_, _, _, R}) -> largest_1(R).

to_list({_, T}) -> to_list(T, []).

to_list({K, V, L, R}, Acc) -> to_list(L, [{K, V} | to_list(R, Acc)]);
to_list(nil, Acc) -> Acc.

keys({_, T}) -> keys(T, []).

keys({K, _, L, R}, Acc) -> keys(L, [K | keys(R, Acc)]);
keys(nil, Acc) -> Acc.

values({_, T}) -> values(T, []).

values({_, V, L, R}, Acc) -> values(L, [V | values(R, Acc)]);
values(nil, Acc) -> Acc.

%% An iterator is the stack of nodes still to visit, the next one first.
iterator({_, T}) -> descend(T, []).

descend({_, _, nil, _} = T, Stack) -> [T | Stack];
descend({_, _, L, _} = T, Stack) -> descend(L, [T | Stack]);
descend(nil, Stack) -> Stack.

iterator_from(K, {_, T}) -> descend_from(K, T, []).

descend_from(K, {K1, _, _, R}, Stack) when K1 < K -> descend_from(K, R, Stack);
descend_from(_, {_, _, nil, _} = T, Stack) -> [T | Stack];
descend_from(K, {_, _, L, _} = T, Stack) -> descend_from(K, L, [T | Stack]);
descend_from(_, nil, Stack) -> Stack.

next([{K, V, _, R} | Stack]) -> {K, V, descend(R, Stack)};
next([]) -> none.

map(F, {N, T}) when is_function(F, 2) -> {N, map_1(F, T)}.

map_1(_, nil) -> nil;
map_1(F, {K, V, L, R}) -> {K, F(K, V), map_1(F, L), map_1(F, R)}.
