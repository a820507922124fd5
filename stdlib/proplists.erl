%% The proplists module: property lists, as OTP's stdlib `proplists`.
%%
%% A property is an atom A (short for {A, true}) or a tuple whose first
%% element is its key; other list entries are ignored. Keys are compared
%% with =:=.
%%
%% get_keys/1 collects the keys in a (version 1) `sets` set and returns
%% them in that set's order, as OTP does.
-module(proplists).
-export([property/1, property/2, unfold/1, compact/1, lookup/2,
         lookup_all/2, is_defined/2, get_value/2, get_value/3,
         get_all_values/2, append_values/2, get_bool/2, get_keys/1,
         delete/2, substitute_aliases/2, substitute_negations/2,
         expand/2, normalize/2, split/2, from_map/1, to_map/1, to_map/2]).

property({Key, true}) when is_atom(Key) -> Key;
property(P) -> P.

property(Key, true) when is_atom(Key) -> Key;
property(Key, Value) -> {Key, Value}.

unfold([P | Ps]) when is_atom(P) -> [{P, true} | unfold(Ps)];
unfold([P | Ps]) -> [P | unfold(Ps)];
unfold([]) -> [].

compact(L) -> [property(P) || P <- L].

%% Whether entry P has key Key, as a bare atom or as a tuple's first element.
-define(IS_ATOM_KEY(P, Key), (is_atom(P) andalso P =:= Key)).
-define(IS_TUPLE_KEY(P, Key), (is_tuple(P) andalso tuple_size(P) >= 1 andalso element(1, P) =:= Key)).

lookup(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> {Key, true};
        ?IS_TUPLE_KEY(P, Key) -> P;
        true -> lookup(Key, Ps)
    end;
lookup(_, []) -> none.

lookup_all(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> [{Key, true} | lookup_all(Key, Ps)];
        ?IS_TUPLE_KEY(P, Key) -> [P | lookup_all(Key, Ps)];
        true -> lookup_all(Key, Ps)
    end;
lookup_all(_, []) -> [].

is_defined(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> true;
        ?IS_TUPLE_KEY(P, Key) -> true;
        true -> is_defined(Key, Ps)
    end;
is_defined(_, []) -> false.

get_value(Key, L) -> get_value(Key, L, undefined).

%% The first entry with the key decides, even when it is not a pair.
get_value(Key, [P | Ps], Default) ->
    if
        ?IS_ATOM_KEY(P, Key) -> true;
        ?IS_TUPLE_KEY(P, Key) ->
            case P of
                {_, V} -> V;
                _ -> Default
            end;
        true -> get_value(Key, Ps, Default)
    end;
get_value(_, [], Default) -> Default.

get_all_values(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> [true | get_all_values(Key, Ps)];
        ?IS_TUPLE_KEY(P, Key) ->
            case P of
                {_, V} -> [V | get_all_values(Key, Ps)];
                _ -> get_all_values(Key, Ps)
            end;
        true -> get_all_values(Key, Ps)
    end;
get_all_values(_, []) -> [].

append_values(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> [true | append_values(Key, Ps)];
        ?IS_TUPLE_KEY(P, Key) ->
            case P of
                {_, V} when is_list(V) -> V ++ append_values(Key, Ps);
                {_, V} -> [V | append_values(Key, Ps)];
                _ -> append_values(Key, Ps)
            end;
        true -> append_values(Key, Ps)
    end;
append_values(_, []) -> [].

get_bool(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> true;
        ?IS_TUPLE_KEY(P, Key) ->
            case P of
                {_, true} -> true;
                _ -> false
            end;
        true -> get_bool(Key, Ps)
    end;
get_bool(_, []) -> false.

get_keys(Ps) -> sets:to_list(get_keys(Ps, sets:new())).

get_keys([P | Ps], Keys) when is_atom(P) -> get_keys(Ps, sets:add_element(P, Keys));
get_keys([P | Ps], Keys) when is_tuple(P), tuple_size(P) >= 1 ->
    get_keys(Ps, sets:add_element(element(1, P), Keys));
get_keys([_ | Ps], Keys) -> get_keys(Ps, Keys);
get_keys([], Keys) -> Keys.

delete(Key, [P | Ps]) ->
    if
        ?IS_ATOM_KEY(P, Key) -> delete(Key, Ps);
        ?IS_TUPLE_KEY(P, Key) -> delete(Key, Ps);
        true -> [P | delete(Key, Ps)]
    end;
delete(_, []) -> [].

substitute_aliases(As, Ps) -> [alias(As, P) || P <- Ps].

alias([{Key, New} | As], P) ->
    if
        ?IS_ATOM_KEY(P, Key) -> property(New, true);
        ?IS_TUPLE_KEY(P, Key) -> property(setelement(1, P, New));
        true -> alias(As, P)
    end;
alias([], P) -> P.

substitute_negations(Ns, Ps) -> [negate(Ns, P) || P <- Ps].

negate([{Key, New} | Ns], P) ->
    if
        ?IS_ATOM_KEY(P, Key) -> property(New, false);
        ?IS_TUPLE_KEY(P, Key) ->
            case P of
                {_, true} -> property(New, false);
                {_, false} -> property(New, true);
                _ -> property(New, true)
            end;
        true -> negate(Ns, P)
    end;
negate([], P) -> P.

expand(Es, Ps) when is_list(Ps) ->
    Es1 = [{property(P), V} || {P, V} <- Es],
    splice(expand_all(first_per_key(Es1), Ps)).

expand_all([{P, L} | Es], Ps) -> expand_all(Es, expand_one(P, L, Ps));
expand_all([], Ps) -> Ps.

expand_one(P, L, Ps) when is_atom(P) -> expand_at(P, P, L, Ps);
expand_one(P, L, Ps) when is_tuple(P), tuple_size(P) >= 1 -> expand_at(element(1, P), P, L, Ps);
expand_one(_, _, Ps) -> Ps.

%% Replaces the first entry with key Key by the expansion L (and drops the
%% later entries with that key) when that entry is exactly P; entries that
%% are not properties, including earlier expansions, are skipped.
expand_at(Key, P, L, [Q | Qs]) ->
    if
        ?IS_ATOM_KEY(Q, Key) -> expand_found(Key, P, Q, L, Qs);
        ?IS_TUPLE_KEY(Q, Key) -> expand_found(Key, P, property(Q), L, Qs);
        true -> [Q | expand_at(Key, P, L, Qs)]
    end;
expand_at(_, _, _, []) -> [].

expand_found(Key, P, Q, L, Qs) when P =:= Q -> [L | delete(Key, Qs)];
expand_found(_, _, Q, _, Qs) -> [Q | Qs].

%% Drops the pairs whose key repeats the previous pair's key.
first_per_key([{K, V} | Ps]) -> [{K, V} | first_per_key(K, Ps)];
first_per_key([]) -> [].

first_per_key(K, [{K1, V} | Ps]) when K =:= K1 -> first_per_key(K, Ps);
first_per_key(_, [{K1, V} | Ps]) -> [{K1, V} | first_per_key(K1, Ps)];
first_per_key(_, []) -> [].

splice([E | Es]) when is_list(E) -> E ++ splice(Es);
splice([E | Es]) -> [E | splice(Es)];
splice([]) -> [].

normalize(L, Stages) -> compact(stages(L, Stages)).

stages(L, [{aliases, As} | Xs]) -> stages(substitute_aliases(As, L), Xs);
stages(L, [{expand, Es} | Xs]) -> stages(expand(Es, L), Xs);
stages(L, [{negations, Ns} | Xs]) -> stages(substitute_negations(Ns, L), Xs);
stages(L, []) -> L.

split(L, Keys) ->
    Store0 = lists:foldl(fun(K, M) -> maps:put(K, [], M) end, maps:new(), Keys),
    {Store, Rest} = split(L, Store0, []),
    {[lists:reverse(maps:get(K, Store)) || K <- Keys], lists:reverse(Rest)}.

split([P | Ps], Store, Rest) when is_atom(P) -> split_key(P, P, Ps, Store, Rest);
split([P | Ps], Store, Rest) when is_tuple(P), tuple_size(P) >= 1 ->
    split_key(element(1, P), P, Ps, Store, Rest);
split([P | Ps], Store, Rest) -> split(Ps, Store, [P | Rest]);
split([], Store, Rest) -> {Store, Rest}.

split_key(K, P, Ps, Store, Rest) ->
    case maps:is_key(K, Store) of
        true -> split(Ps, maps:put(K, [P | maps:get(K, Store)], Store), Rest);
        false -> split(Ps, Store, [P | Rest])
    end.

to_map(L) ->
    lists:foldr(fun({K, V}, M) -> maps:put(K, V, M);
                   (T, M) when is_tuple(T), tuple_size(T) >= 1 -> maps:remove(element(1, T), M);
                   (K, M) when is_atom(K) -> maps:put(K, true, M);
                   (_, M) -> M
                end, maps:new(), L).

to_map(L, Stages) -> to_map(stages(L, Stages)).

from_map(M) -> maps:to_list(M).
