%% The sets module, as OTP's stdlib `sets`.
%%
%% Version 1 sets (the default) are linear hash tables with the same tuple
%% layout as OTP's, so they print the same and hold their elements in the
%% same order: a `set` record of size, active slot count, slot limit, buddy
%% offset, expand and contract thresholds, an empty segment and a tuple of
%% segments, each segment a tuple of 16 buckets (lists). Elements are placed
%% with erlang:phash/2; the table grows one slot at a time when it holds
%% more than 5 elements per slot and shrinks below 3 per slot.
%%
%% Version 2 sets (`new([{version, 2}])`) are maps whose values are [].
-module(sets).
-export([new/0, new/1, is_set/1, size/1, is_empty/1, to_list/1,
         from_list/1, from_list/2, is_element/2, add_element/2,
         del_element/2, union/2, union/1, intersection/2, intersection/1,
         is_disjoint/2, subtract/2, is_subset/2, fold/3, filter/2]).
-compile({no_auto_import, [size/1]}).

-define(SEG, 16).
-define(GROW, 5).
-define(SHRINK, 3).

-record(set, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
              exp_size = ?SEG * ?GROW, con_size = ?SEG * ?SHRINK,
              empty, segs}).

new() ->
    Seg = erlang:make_tuple(?SEG, []),
    #set{empty = Seg, segs = {Seg}}.

new(Opts) ->
    case version(Opts) of
        1 -> new();
        2 -> #{}
    end.

version([{version, 2}]) -> 2;
version(Opts) -> proplists:get_value(version, Opts, 1).

from_list(L) -> lists:foldl(fun add_element/2, new(), L).

from_list(L, Opts) ->
    case version(Opts) of
        1 -> from_list(L);
        2 -> maps:from_keys(L, [])
    end.

is_set(#{}) -> true;
is_set(#set{}) -> true;
is_set(_) -> false.

size(#{} = S) -> map_size(S);
size(#set{size = N}) -> N.

is_empty(#{} = S) -> map_size(S) =:= 0;
is_empty(#set{size = N}) -> N =:= 0.

to_list(#{} = S) -> maps:keys(S);
to_list(#set{} = S) -> fold(fun(E, Acc) -> [E | Acc] end, [], S).

is_element(E, #{} = S) -> is_map_key(E, S);
is_element(E, #set{} = S) -> lists:member(E, bucket(S, slot(S, E))).

add_element(E, #{} = S) -> S#{E => []};
add_element(E, #set{} = S) ->
    Slot = slot(S, E),
    B = bucket(S, Slot),
    case lists:member(E, B) of
        true -> S;
        false -> grow(set_bucket(S, Slot, [E | B]))
    end.

del_element(E, #{} = S) -> maps:remove(E, S);
del_element(E, #set{} = S) ->
    Slot = slot(S, E),
    B = bucket(S, Slot),
    case lists:member(E, B) of
        true -> shrink(set_bucket(S, Slot, lists:delete(E, B)), 1);
        false -> S
    end.

union(#{} = A, #{} = B) -> maps:merge(A, B);
union(A, B) ->
    case size(A) < size(B) of
        true -> fold(fun add_element/2, B, A);
        false -> fold(fun add_element/2, A, B)
    end.

union([]) -> new();
union([S | Ss]) -> lists:foldl(fun(B, A) -> union(A, B) end, S, Ss).

intersection(#{} = A, #{} = B) ->
    {Small, Big} = smaller_first(A, B),
    maps:filter(fun(K, _) -> is_map_key(K, Big) end, Small);
intersection(A, B) ->
    case size(A) < size(B) of
        true -> filter(fun(E) -> is_element(E, B) end, A);
        false -> filter(fun(E) -> is_element(E, A) end, B)
    end.

intersection([S | Ss]) -> lists:foldl(fun(B, A) -> intersection(A, B) end, S, Ss).

smaller_first(A, B) when map_size(A) < map_size(B) -> {A, B};
smaller_first(A, B) -> {B, A}.

is_disjoint(#{} = A, #{} = B) ->
    {Small, Big} = smaller_first(A, B),
    none_in(maps:iterator(Small), Big);
is_disjoint(A, B) ->
    {Small, Big} = case size(A) < size(B) of
                       true -> {A, B};
                       false -> {B, A}
                   end,
    fold(fun(_, false) -> false;
            (E, true) -> not is_element(E, Big)
         end, true, Small).

none_in(It, Big) ->
    case maps:next(It) of
        {K, _, Next} ->
            case is_map_key(K, Big) of
                true -> false;
                false -> none_in(Next, Big)
            end;
        none -> true
    end.

subtract(#{} = A, #{} = B) -> maps:filter(fun(K, _) -> not is_map_key(K, B) end, A);
subtract(A, B) -> filter(fun(E) -> not is_element(E, B) end, A).

is_subset(#{} = A, #{} = B) ->
    map_size(A) =< map_size(B) andalso
        maps:fold(fun(K, _, Acc) -> Acc andalso is_map_key(K, B) end, true, A);
is_subset(A, B) ->
    fold(fun(E, Acc) -> Acc andalso is_element(E, B) end, true, A).

%% Version 1 sets are folded from the last segment to the first, each
%% segment from its last bucket to its first.
fold(F, Acc, #{} = S) when is_function(F, 2) ->
    fold_iter(F, Acc, maps:iterator(S));
fold(F, Acc, #set{segs = Segs}) when is_function(F, 2) ->
    fold_tuple(fun(Seg, A1) -> fold_tuple(fun(B, A2) -> lists:foldl(F, A2, B) end, A1, Seg) end,
               Acc, Segs).

fold_iter(F, Acc, It) ->
    case maps:next(It) of
        {K, _, Next} -> fold_iter(F, F(K, Acc), Next);
        none -> Acc
    end.

fold_tuple(F, Acc, T) -> fold_tuple(F, Acc, T, tuple_size(T)).

fold_tuple(_, Acc, _, 0) -> Acc;
fold_tuple(F, Acc, T, I) -> fold_tuple(F, F(element(I, T), Acc), T, I - 1).

%% Filtering a version 1 set keeps the layout; each bucket's survivors end
%% up in reverse order (as in OTP). The table shrinks at most one slot.
filter(F, #{} = S) when is_function(F, 1) ->
    maps:from_keys(filter_iter(F, maps:iterator(S)), []);
filter(F, #set{segs = Segs} = S) when is_function(F, 1) ->
    {NewSegs, Dropped} = map_tuple(fun(Seg, D0) -> map_tuple(fun(B, D1) -> keep(F, B, [], D1) end, D0, Seg) end,
                                   0, Segs),
    shrink(S#set{segs = NewSegs}, Dropped).

filter_iter(F, It) ->
    case maps:next(It) of
        {K, _, Next} ->
            case F(K) of
                true -> [K | filter_iter(F, Next)];
                false -> filter_iter(F, Next)
            end;
        none -> []
    end.

keep(F, [E | Es], Kept, D) ->
    case F(E) of
        true -> keep(F, Es, [E | Kept], D);
        false -> keep(F, Es, Kept, D + 1)
    end;
keep(_, [], Kept, D) -> {Kept, D}.

%% Maps F over the elements of a tuple, first to last, threading a count.
map_tuple(F, C0, T) ->
    {Es, C} = lists:mapfoldl(F, C0, tuple_to_list(T)),
    {list_to_tuple(Es), C}.

%% ---------------------------------------------------------------------
%% The hash table.

slot(#set{maxn = M, n = N, bso = Bso}, E) ->
    case erlang:phash(E, M) of
        H when H > N -> H - Bso;
        H -> H
    end.

bucket(#set{segs = Segs}, Slot) -> get_slot(Segs, Slot).

set_bucket(#set{segs = Segs} = S, Slot, B) -> S#set{segs = put_slot(Segs, Slot, B)}.

get_slot(Segs, Slot) ->
    element((Slot - 1) rem ?SEG + 1, element((Slot - 1) div ?SEG + 1, Segs)).

put_slot(Segs, Slot, B) ->
    I = (Slot - 1) div ?SEG + 1,
    setelement(I, Segs, setelement((Slot - 1) rem ?SEG + 1, element(I, Segs), B)).

%% One element was added: count it, and open one more slot when the table
%% is too full, splitting the slot's buddy between the two.
grow(#set{size = Size, exp_size = Exp} = S0) when Size + 1 > Exp ->
    #set{n = N0, maxn = M, bso = Bso, segs = Segs0} = S = more_segs(S0),
    N = N0 + 1,
    Low = N - Bso,
    {Stay, Move} = lists:partition(fun(E) -> erlang:phash(E, M) =:= Low end, get_slot(Segs0, Low)),
    Segs = put_slot(put_slot(Segs0, Low, Stay), N, Move),
    S#set{size = Size + 1, n = N, exp_size = N * ?GROW, con_size = N * ?SHRINK, segs = Segs};
grow(#set{size = Size} = S) -> S#set{size = Size + 1}.

more_segs(#set{n = N, maxn = N, bso = Bso, segs = Segs, empty = E} = S) ->
    Extra = lists:duplicate(tuple_size(Segs), E),
    S#set{maxn = 2 * N, bso = 2 * Bso, segs = list_to_tuple(tuple_to_list(Segs) ++ Extra)};
more_segs(S) -> S.

%% Dropped elements were removed: uncount them, and close the last slot
%% (joining it onto its buddy) when the table is too empty.
shrink(#set{size = Size, con_size = Con, n = N, bso = Bso, segs = Segs0} = S, Dropped)
  when Size - Dropped < Con, N > ?SEG ->
    Low = N - Bso,
    Segs = put_slot(put_slot(Segs0, Low, get_slot(Segs0, Low) ++ get_slot(Segs0, N)), N, []),
    fewer_segs(S#set{size = Size - Dropped, n = N - 1, exp_size = (N - 1) * ?GROW,
                     con_size = (N - 1) * ?SHRINK, segs = Segs});
shrink(#set{size = Size} = S, Dropped) -> S#set{size = Size - Dropped}.

fewer_segs(#set{n = N, bso = N, maxn = M, segs = Segs} = S) ->
    Half = tuple_size(Segs) div 2,
    S#set{maxn = M div 2, bso = N div 2, segs = list_to_tuple(lists:sublist(tuple_to_list(Segs), Half))};
fewer_segs(S) -> S.
