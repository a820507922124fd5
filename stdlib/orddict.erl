%% The orddict module: key-value dictionaries as ordered lists of
%% {Key, Value} pairs, as OTP's stdlib `orddict`. Keys are compared with
%% == (1 and 1.0 are the same key).
-module(orddict).
-export([new/0, is_key/2, to_list/1, from_list/1, size/1, is_empty/1]).
-export([fetch/2, find/2, fetch_keys/1, erase/2, take/2]).
-export([store/3, append/3, append_list/3, update/3, update/4, update_counter/3]).
-export([fold/3, map/2, filter/2, merge/3]).

new() -> [].

is_key(K, [{K1, _} | _]) when K < K1 -> false;
is_key(K, [{K1, _} | T]) when K > K1 -> is_key(K, T);
is_key(_, [{_, _} | _]) -> true;
is_key(_, []) -> false.

to_list(D) -> D.

%% The last pair given for a key wins.
from_list([]) -> [];
from_list([{_, _}] = D) -> D;
from_list(Pairs) -> lists:ukeysort(1, pairs_reversed(Pairs, [])).

pairs_reversed([{_, _} = P | T], Acc) -> pairs_reversed(T, [P | Acc]);
pairs_reversed([], Acc) -> Acc.

size(D) -> length(D).

is_empty([]) -> true;
is_empty([_ | _]) -> false.

fetch(K, [{K1, _} | T]) when K > K1 -> fetch(K, T);
fetch(K, [{K1, V} | _]) when K == K1 -> V.

find(K, [{K1, _} | _]) when K < K1 -> error;
find(K, [{K1, _} | T]) when K > K1 -> find(K, T);
find(_, [{_, V} | _]) -> {ok, V};
find(_, []) -> error.

fetch_keys([{K, _} | T]) -> [K | fetch_keys(T)];
fetch_keys([]) -> [].

erase(K, [{K1, _} = P | T]) when K < K1 -> [P | T];
erase(K, [{K1, _} = P | T]) when K > K1 -> [P | erase(K, T)];
erase(_, [{_, _} | T]) -> T;
erase(_, []) -> [].

take(K, D) -> take_1(K, D, []).

take_1(K, [{K1, _} | _], _) when K < K1 -> error;
take_1(K, [{K1, _} = P | T], Acc) when K > K1 -> take_1(K, T, [P | Acc]);
take_1(_, [{_, V} | T], Acc) -> {V, lists:reverse(Acc, T)};
take_1(_, [], _) -> error.

store(K, V, [{K1, _} | _] = D) when K < K1 -> [{K, V} | D];
store(K, V, [{K1, _} = P | T]) when K > K1 -> [P | store(K, V, T)];
store(K, V, [{_, _} | T]) -> [{K, V} | T];
store(K, V, []) -> [{K, V}].

append(K, V, [{K1, _} | _] = D) when K < K1 -> [{K, [V]} | D];
append(K, V, [{K1, _} = P | T]) when K > K1 -> [P | append(K, V, T)];
append(K, V, [{_, Old} | T]) -> [{K, Old ++ [V]} | T];
append(K, V, []) -> [{K, [V]}].

append_list(K, Vs, [{K1, _} | _] = D) when K < K1 -> [{K, Vs} | D];
append_list(K, Vs, [{K1, _} = P | T]) when K > K1 -> [P | append_list(K, Vs, T)];
append_list(K, Vs, [{_, Old} | T]) -> [{K, Old ++ Vs} | T];
append_list(K, Vs, []) -> [{K, Vs}].

update(K, F, [{K1, _} = P | T]) when K > K1 -> [P | update(K, F, T)];
update(K, F, [{K1, V} | T]) when K == K1 -> [{K, F(V)} | T].

update(K, _, Init, [{K1, _} | _] = D) when K < K1 -> [{K, Init} | D];
update(K, F, Init, [{K1, _} = P | T]) when K > K1 -> [P | update(K, F, Init, T)];
update(K, F, _, [{_, V} | T]) -> [{K, F(V)} | T];
update(K, _, Init, []) -> [{K, Init}].

update_counter(K, N, [{K1, _} | _] = D) when K < K1 -> [{K, N} | D];
update_counter(K, N, [{K1, _} = P | T]) when K > K1 -> [P | update_counter(K, N, T)];
update_counter(K, N, [{_, V} | T]) -> [{K, V + N} | T];
update_counter(K, N, []) -> [{K, N}].

fold(F, Acc, [{K, V} | T]) -> fold(F, F(K, V, Acc), T);
fold(F, Acc, []) when is_function(F, 3) -> Acc.

map(F, [{K, V} | T]) -> [{K, F(K, V)} | map(F, T)];
map(F, []) when is_function(F, 2) -> [].

filter(F, [{K, V} = P | T]) ->
    case F(K, V) of
        true -> [P | filter(F, T)];
        false -> filter(F, T)
    end;
filter(F, []) when is_function(F, 2) -> [].

merge(F, [{K1, _} = P1 | T1], [{K2, _} = P2 | T2]) when K1 < K2 ->
    [P1 | merge(F, T1, [P2 | T2])];
merge(F, [{K1, _} = P1 | T1], [{K2, _} = P2 | T2]) when K1 > K2 ->
    [P2 | merge(F, [P1 | T1], T2)];
merge(F, [{K1, V1} | T1], [{_, V2} | T2]) ->
    [{K1, F(K1, V1, V2)} | merge(F, T1, T2)];
merge(F, [], D2) when is_function(F, 3) -> D2;
merge(F, D1, []) when is_function(F, 3) -> D1.
