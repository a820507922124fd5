%% The maps module, as OTP 25's stdlib `maps`.
%%
%% The functions that only read or rebuild one map are Rust BIFs
%% (runtime/src/bifs/maps.rs, listed in abi/src/bif_table.rs): get/2,3,
%% find/2, put/3, update/3, remove/2, take/2, is_key/2, size/1, keys/1,
%% values/1, to_list/1, from_list/1, from_keys/2, merge/2, new/0, with/2,
%% without/2. This file holds the higher-order functions and iterators,
%% written with those BIFs only (no map syntax), and calls them as
%% maps:F(...) because they are not local functions here.
%%
%% Iterators: maps:iterator(M) is [0 | M], as in OTP. maps:next/1 on it
%% returns every pair at once as the nested chain {K1, V1, {K2, V2, ...
%% none}}, in iteration order, which is what OTP 25 returns for maps of up
%% to 32 keys (larger OTP maps return the chain in batches).
%%
%% Errors are OTP's: {badmap, T} when T is neither a map nor (where one is
%% accepted) an iterator, badarg for a bad fun, and a case_clause when a
%% predicate returns something unexpected.
-module(maps).
-export([fold/3, map/2, filter/2, filtermap/2, foreach/2, update_with/3, update_with/4,
         merge_with/3, intersect/2, intersect_with/3, groups_from_list/2,
         groups_from_list/3, iterator/1, next/1]).

%% Iterators.

iterator(Map) when is_map(Map) -> [0 | Map];
iterator(Other) -> erlang:error({badmap, Other}).

next({_, _, _} = Iter) -> Iter;
next(none) -> none;
next([Path | Map]) when is_integer(Path), Path >= 0, is_map(Map) ->
    case Path =< maps:size(Map) of
        true -> chain(iter_list(Map));
        false -> erlang:error(badarg)
    end;
next(_) -> erlang:error(badarg).

chain([{K, V} | Rest]) -> {K, V, chain(Rest)};
chain([]) -> none.

%% The pairs in OTP's iteration order (fold, iterators, foreach, ...):
%% maps:to_list/1's order up to 32 keys, its reverse for larger maps (hash
%% tries, which OTP lists by consing while it iterates; see the runtime's
%% term/map.rs).
iter_list(Map) when map_size(Map) > 32 -> lists:reverse(maps:to_list(Map));
iter_list(Map) -> maps:to_list(Map).

%% Whether I is an iterator OTP would start walking (only its first step
%% is checked, as OTP does).
is_iterator(none) -> true;
is_iterator({_, _, _}) -> true;
is_iterator([Path | Map]) when is_integer(Path), Path >= 0, is_map(Map) -> Path =< maps:size(Map);
is_iterator(_) -> false.

%% The exception for a call whose fun or map/iterator argument is bad: a
%% bad fun is reported first (badarg), as OTP does.
iter_error(FunOk, MapOrIter) ->
    case FunOk andalso not valid(MapOrIter) of
        true -> erlang:error({badmap, MapOrIter});
        false -> erlang:error(badarg)
    end.

%% The pairs of a map, or those an iterator yields, in iteration order;
%% the caller has checked that MapOrIter is one of the two.
pairs(Map) when is_map(Map) -> iter_list(Map);
pairs(Iter) -> iter_pairs(next(Iter)).

iter_pairs({K, V, Iter}) -> [{K, V} | iter_pairs(next(Iter))];
iter_pairs(none) -> [].

valid(MapOrIter) -> is_map(MapOrIter) orelse is_iterator(MapOrIter).

%% Higher-order functions over one map.

fold(Fun, Init, MapOrIter) ->
    case is_function(Fun, 3) andalso valid(MapOrIter) of
        true -> fold_pairs(Fun, Init, MapOrIter);
        false -> iter_error(is_function(Fun, 3), MapOrIter)
    end.

%% Over a map, the pairs are listed first; over an iterator, each step is
%% taken only after the previous call (so a bad tail fails after it).
fold_pairs(Fun, Acc, Map) when is_map(Map) -> fold_list(Fun, Acc, iter_list(Map));
fold_pairs(Fun, Acc, Iter) -> fold_iter(Fun, Acc, next(Iter)).

fold_list(Fun, Acc, [{K, V} | Rest]) -> fold_list(Fun, Fun(K, V, Acc), Rest);
fold_list(_, Acc, []) -> Acc.

fold_iter(Fun, Acc, {K, V, Iter}) -> fold_iter(Fun, Fun(K, V, Acc), next(Iter));
fold_iter(_, Acc, none) -> Acc.

map(Fun, MapOrIter) ->
    case is_function(Fun, 2) andalso valid(MapOrIter) of
        true -> maps:from_list(map_pairs(Fun, pairs(MapOrIter)));
        false -> iter_error(is_function(Fun, 2), MapOrIter)
    end.

map_pairs(Fun, [{K, V} | Rest]) ->
    New = Fun(K, V),
    [{K, New} | map_pairs(Fun, Rest)];
map_pairs(_, []) -> [].

filter(Pred, MapOrIter) ->
    case is_function(Pred, 2) andalso valid(MapOrIter) of
        true -> maps:from_list(filter_pairs(Pred, pairs(MapOrIter)));
        false -> iter_error(is_function(Pred, 2), MapOrIter)
    end.

filter_pairs(Pred, [{K, V} | Rest]) ->
    case Pred(K, V) of
        true -> [{K, V} | filter_pairs(Pred, Rest)];
        false -> filter_pairs(Pred, Rest)
    end;
filter_pairs(_, []) -> [].

filtermap(Fun, MapOrIter) ->
    case is_function(Fun, 2) andalso valid(MapOrIter) of
        true -> maps:from_list(filtermap_pairs(Fun, pairs(MapOrIter)));
        false -> iter_error(is_function(Fun, 2), MapOrIter)
    end.

filtermap_pairs(Fun, [{K, V} | Rest]) ->
    case Fun(K, V) of
        true -> [{K, V} | filtermap_pairs(Fun, Rest)];
        {true, New} -> [{K, New} | filtermap_pairs(Fun, Rest)];
        false -> filtermap_pairs(Fun, Rest)
    end;
filtermap_pairs(_, []) -> [].

foreach(Fun, MapOrIter) ->
    case is_function(Fun, 2) andalso valid(MapOrIter) of
        true -> foreach_pairs(Fun, pairs(MapOrIter));
        false -> iter_error(is_function(Fun, 2), MapOrIter)
    end.

foreach_pairs(Fun, [{K, V} | Rest]) ->
    Fun(K, V),
    foreach_pairs(Fun, Rest);
foreach_pairs(_, []) -> ok.

%% Updating one key with a fun.

update_with(Key, Fun, Map) when is_function(Fun, 1), is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> maps:update(Key, Fun(Value), Map);
        error -> erlang:error({badkey, Key})
    end;
update_with(_, _, Map) -> map_error(Map).

update_with(Key, Fun, Init, Map) when is_function(Fun, 1), is_map(Map) ->
    case maps:find(Key, Map) of
        {ok, Value} -> maps:update(Key, Fun(Value), Map);
        error -> maps:put(Key, Init, Map)
    end;
update_with(_, _, _, Map) -> map_error(Map).

%% badarg when Map is a map (so another argument is bad), else {badmap, Map}.
map_error(Map) when is_map(Map) -> erlang:error(badarg);
map_error(Other) -> erlang:error({badmap, Other}).

%% Two maps.

merge_with(Combiner, Map1, Map2) when is_function(Combiner, 3), is_map(Map1), is_map(Map2) ->
    Combined = [{K, Combiner(K, V1, V2)} || {K, V1, V2} <- common(Map1, Map2)],
    maps:merge(maps:merge(Map1, Map2), maps:from_list(Combined));
merge_with(Combiner, Map1, Map2) -> two_maps_error(Combiner, Map1, Map2).

intersect(Map1, Map2) when is_map(Map1), is_map(Map2) ->
    maps:with(maps:keys(Map1), Map2);
intersect(Map1, Map2) -> two_maps_error(fun(_, _, V) -> V end, Map1, Map2).

intersect_with(Combiner, Map1, Map2) when is_function(Combiner, 3), is_map(Map1), is_map(Map2) ->
    maps:from_list([{K, Combiner(K, V1, V2)} || {K, V1, V2} <- common(Map1, Map2)]);
intersect_with(Combiner, Map1, Map2) -> two_maps_error(Combiner, Map1, Map2).

%% {K, V1, V2} for each key in both maps, in the smaller map's order.
common(Map1, Map2) ->
    case maps:size(Map1) > maps:size(Map2) of
        true -> [{K, maps:get(K, Map1), V2} || {K, V2} <- maps:to_list(Map2), maps:is_key(K, Map1)];
        false -> [{K, V1, maps:get(K, Map2)} || {K, V1} <- maps:to_list(Map1), maps:is_key(K, Map2)]
    end.

two_maps_error(Combiner, Map1, Map2) ->
    case is_function(Combiner, 3) of
        false -> erlang:error(badarg);
        true when is_map(Map1) -> erlang:error({badmap, Map2});
        true -> erlang:error({badmap, Map1})
    end.

%% Grouping list elements by key.

groups_from_list(KeyFun, List) when is_function(KeyFun, 1) ->
    groups(KeyFun, fun(X) -> X end, reverse_or_badarg(List, []), maps:new());
groups_from_list(_, _) -> erlang:error(badarg).

groups_from_list(KeyFun, ValueFun, List) when is_function(KeyFun, 1), is_function(ValueFun, 1) ->
    groups(KeyFun, ValueFun, reverse_or_badarg(List, []), maps:new());
groups_from_list(_, _, _) -> erlang:error(badarg).

%% The list is walked backwards (as OTP does), so each group is built by
%% prepending and ends up in the original order.
groups(KeyFun, ValueFun, [Elem | Rest], Acc) ->
    Key = KeyFun(Elem),
    Value = ValueFun(Elem),
    groups(KeyFun, ValueFun, Rest, maps:put(Key, [Value | maps:get(Key, Acc, [])], Acc));
groups(_, _, [], Acc) -> Acc.

reverse_or_badarg([H | T], Acc) -> reverse_or_badarg(T, [H | Acc]);
reverse_or_badarg([], Acc) -> Acc;
reverse_or_badarg(_, _) -> erlang:error(badarg).
