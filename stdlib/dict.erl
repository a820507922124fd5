%% The dict module, as OTP's stdlib `dict`.
%%
%% A dict is a linear hash table with the same tuple layout as OTP's, so it
%% prints the same and folds in the same order: a `dict` record of size,
%% active slot count, slot limit, buddy offset, expand and contract
%% thresholds, an empty segment and a tuple of segments, each a tuple of 16
%% buckets. A bucket is a list of [Key | Value] cells, new keys at its end.
%% Keys are placed with erlang:phash/2; the table grows one slot at a time
%% above 5 entries per slot and shrinks below 3 per slot.
-module(dict).
-export([new/0, is_key/2, to_list/1, from_list/1, size/1, is_empty/1,
         fetch/2, find/2, fetch_keys/1, erase/2, take/2, store/3,
         append/3, append_list/3, update/3, update/4, update_counter/3,
         fold/3, map/2, filter/2, merge/3]).
-compile({no_auto_import, [size/1]}).

-define(SEG, 16).
-define(GROW, 5).
-define(SHRINK, 3).

-record(dict, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
               exp_size = ?SEG * ?GROW, con_size = ?SEG * ?SHRINK,
               empty, segs}).

new() ->
    Seg = erlang:make_tuple(?SEG, []),
    #dict{empty = Seg, segs = {Seg}}.

from_list(L) -> lists:foldl(fun({K, V}, D) -> store(K, V, D) end, new(), L).

to_list(D) -> fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], D).

fetch_keys(D) -> fold(fun(K, _, Acc) -> [K | Acc] end, [], D).

size(#dict{size = N}) when is_integer(N), N >= 0 -> N.

is_empty(#dict{size = N}) -> N =:= 0.

is_key(K, D) ->
    case lookup(K, bucket(D, slot(D, K))) of
        {ok, _} -> true;
        error -> false
    end.

find(K, D) -> lookup(K, bucket(D, slot(D, K))).

fetch(K, D) ->
    case lookup(K, bucket(D, slot(D, K))) of
        {ok, V} -> V;
        error -> erlang:error(badarg, [K, D])
    end.

lookup(K, [[K | V] | _]) -> {ok, V};
lookup(K, [_ | B]) -> lookup(K, B);
lookup(_, []) -> error.

erase(K, D) ->
    Slot = slot(D, K),
    case cut(K, bucket(D, Slot)) of
        {B, _} -> shrink(set_bucket(D, Slot, B), 1);
        error -> shrink(D, 0)
    end.

take(K, D) ->
    Slot = slot(D, K),
    case cut(K, bucket(D, Slot)) of
        {B, V} -> {V, shrink(set_bucket(D, Slot, B), 1)};
        error -> error
    end.

%% The bucket without K's entry, and K's value.
cut(K, B) -> cut(K, B, []).

cut(K, [[K | V] | T], Before) -> {lists:reverse(Before, T), V};
cut(K, [E | T], Before) -> cut(K, T, [E | Before]);
cut(_, [], _) -> error.

store(K, V, D) -> change(K, fun(_) -> V end, fun() -> V end, D).

append(K, V, D) -> change(K, fun(Old) -> Old ++ [V] end, fun() -> [V] end, D).

append_list(K, L, D) -> change(K, fun(Old) -> Old ++ L end, fun() -> L end, D).

update(K, F, D) ->
    Slot = slot(D, K),
    case edit(K, F, bucket(D, Slot)) of
        {B, true} -> set_bucket(D, Slot, B);
        {_, false} -> erlang:error(badarg, [K, F, D])
    end.

update(K, F, Init, D) when is_function(F, 1) -> change(K, F, fun() -> Init end, D);
update(K, F, Init, D) ->
    case is_key(K, D) of
        true -> change(K, F, fun() -> Init end, D);
        false -> erlang:error(function_clause, [K, F, Init, D])
    end.

update_counter(K, Incr, D) when is_number(Incr) ->
    change(K, fun(Old) -> Old + Incr end, fun() -> Incr end, D).

%% Applies F to K's value, or adds K with New() at the end of its bucket.
change(K, F, New, D) ->
    Slot = slot(D, K),
    case edit(K, F, bucket(D, Slot)) of
        {B, true} -> grow(set_bucket(D, Slot, B), 0);
        {B, false} -> grow(set_bucket(D, Slot, B ++ [[K | New()]]), 1)
    end.

%% The bucket with F applied to K's value, and whether K was there.
edit(K, F, B) -> edit(K, F, B, []).

edit(K, F, [[K | V] | T], Before) -> {lists:reverse(Before, [[K | F(V)] | T]), true};
edit(K, F, [E | T], Before) -> edit(K, F, T, [E | Before]);
edit(_, _, [], Before) -> {lists:reverse(Before), false}.

merge(F, D1, D2) when D1#dict.size < D2#dict.size ->
    fold(fun(K, V1, D) -> update(K, fun(V2) -> F(K, V1, V2) end, V1, D) end, D2, D1);
merge(F, D1, D2) ->
    fold(fun(K, V2, D) -> update(K, fun(V1) -> F(K, V1, V2) end, V2, D) end, D1, D2).

%% Folds from the last segment to the first, each segment from its last
%% bucket to its first, each bucket from its head.
fold(F, Acc, #dict{size = 0}) when is_function(F, 3) -> Acc;
fold(F, Acc, #dict{segs = Segs}) when is_function(F, 3) ->
    fold_tuple(fun(Seg, A1) -> fold_tuple(fun(B, A2) -> fold_bucket(F, A2, B) end, A1, Seg) end,
               Acc, Segs).

fold_bucket(F, Acc, [[K | V] | B]) -> fold_bucket(F, F(K, V, Acc), B);
fold_bucket(_, Acc, []) -> Acc.

fold_tuple(F, Acc, T) -> fold_tuple(F, Acc, T, tuple_size(T)).

fold_tuple(_, Acc, _, 0) -> Acc;
fold_tuple(F, Acc, T, I) -> fold_tuple(F, F(element(I, T), Acc), T, I - 1).

map(F, #dict{size = 0} = D) when is_function(F, 2) -> D;
map(F, #dict{segs = Segs} = D) when is_function(F, 2) ->
    {NewSegs, _} = map_tuple(fun(Seg, C) ->
                                     map_tuple(fun(B, C1) -> {[[K | F(K, V)] || [K | V] <- B], C1} end, C, Seg)
                             end, 0, Segs),
    D#dict{segs = NewSegs}.

%% Keeps the layout and the order within buckets; shrinks at most one slot.
filter(F, #dict{size = 0} = D) when is_function(F, 2) -> D;
filter(F, #dict{segs = Segs} = D) when is_function(F, 2) ->
    {NewSegs, Dropped} = map_tuple(fun(Seg, C0) -> map_tuple(fun(B, C1) -> keep(F, B, [], C1) end, C0, Seg) end,
                                   0, Segs),
    shrink(D#dict{segs = NewSegs}, Dropped).

keep(F, [[K | V] = E | B], Kept, C) ->
    case F(K, V) of
        true -> keep(F, B, [E | Kept], C);
        false -> keep(F, B, Kept, C + 1)
    end;
keep(_, [], Kept, C) -> {lists:reverse(Kept), C}.

map_tuple(F, C0, T) ->
    {Es, C} = lists:mapfoldl(F, C0, tuple_to_list(T)),
    {list_to_tuple(Es), C}.

%% ---------------------------------------------------------------------
%% The hash table.

slot(#dict{maxn = M, n = N, bso = Bso}, K) ->
    case erlang:phash(K, M) of
        H when H > N -> H - Bso;
        H -> H
    end.

bucket(#dict{segs = Segs}, Slot) -> get_slot(Segs, Slot).

set_bucket(#dict{segs = Segs} = D, Slot, B) -> D#dict{segs = put_slot(Segs, Slot, B)}.

get_slot(Segs, Slot) ->
    element((Slot - 1) rem ?SEG + 1, element((Slot - 1) div ?SEG + 1, Segs)).

put_slot(Segs, Slot, B) ->
    I = (Slot - 1) div ?SEG + 1,
    setelement(I, Segs, setelement((Slot - 1) rem ?SEG + 1, element(I, Segs), B)).

%% Added entries (0 or 1) are counted; a table that is too full opens one
%% more slot, splitting the slot's buddy between the two.
grow(#dict{size = Size, exp_size = Exp} = D0, Added) when Size + Added > Exp ->
    #dict{n = N0, maxn = M, bso = Bso, segs = Segs0} = D = more_segs(D0),
    N = N0 + 1,
    Low = N - Bso,
    {Stay, Move} = lists:partition(fun([K | _]) -> erlang:phash(K, M) =:= Low end, get_slot(Segs0, Low)),
    Segs = put_slot(put_slot(Segs0, Low, Stay), N, Move),
    D#dict{size = Size + Added, n = N, exp_size = N * ?GROW, con_size = N * ?SHRINK, segs = Segs};
grow(#dict{size = Size} = D, Added) -> D#dict{size = Size + Added}.

more_segs(#dict{n = N, maxn = N, bso = Bso, segs = Segs, empty = E} = D) ->
    Extra = lists:duplicate(tuple_size(Segs), E),
    D#dict{maxn = 2 * N, bso = 2 * Bso, segs = list_to_tuple(tuple_to_list(Segs) ++ Extra)};
more_segs(D) -> D.

%% Dropped entries are uncounted; a table that is too empty closes its last
%% slot, joining it onto its buddy.
shrink(#dict{size = Size, con_size = Con, n = N, bso = Bso, segs = Segs0} = D, Dropped)
  when Size - Dropped < Con, N > ?SEG ->
    Low = N - Bso,
    Segs = put_slot(put_slot(Segs0, Low, get_slot(Segs0, Low) ++ get_slot(Segs0, N)), N, []),
    fewer_segs(D#dict{size = Size - Dropped, n = N - 1, exp_size = (N - 1) * ?GROW,
                      con_size = (N - 1) * ?SHRINK, segs = Segs});
shrink(#dict{size = Size} = D, Dropped) -> D#dict{size = Size - Dropped}.

fewer_segs(#dict{n = N, bso = N, maxn = M, segs = Segs} = D) ->
    Half = tuple_size(Segs) div 2,
    D#dict{maxn = M div 2, bso = N div 2, segs = list_to_tuple(lists:sublist(tuple_to_list(Segs), Half))};
fewer_segs(D) -> D.
