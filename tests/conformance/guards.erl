% kiln conformance: guard sequences, type tests, guard BIFs, failing guard expressions
-module(guards).
-export([main/1]).
-mode(compile).

main(_) ->
    Values = [5, -5, 0, atom, [], [1, 2, 3], {a, b}, "xy", fun() -> ok end, {}],
    each(Values),
    io:format("~p~n", [[small_pos(X) || X <- [1, 5, 10, 11, -1, a]]]),
    io:format("~p~n", [[head_positive(X) || X <- [[1], [-1], [], a]]]),
    io:format("~p~n", [[long_list(X) || X <- [[1, 2, 3], [1], [1 | 2], b]]]),
    io:format("~p~n", [[tuple_tag(X) || X <- [{ok, 1}, {error, x, y}, {}, none]]]),
    io:format("~p~n", [[orelse_guard(X) || X <- [0, 1, 2, 3, x]]]),
    io:format("~p~n", [[andalso_guard(X) || X <- [4, 5, 50, -4, y]]]),
    io:format("~p~n", [[abs_guard(X) || X <- [-3, 3, -30]]]),
    io:format("~p~n", [[bool_guard(X) || X <- [true, false, maybe]]]),
    io:format("~p~n", [[arith_guard(X) || X <- [10, 11, 7]]]).

each([]) -> ok;
each([X | T]) ->
    io:format("~p~n", [kind(X)]),
    each(T).

kind(X) when is_integer(X), X > 0 -> pos_int;
kind(X) when is_integer(X), X < 0; X =:= 0 -> non_pos_int;
kind(X) when is_atom(X) -> atom;
kind([]) -> nil;
kind(X) when is_list(X), length(X) > 2 -> long_list;
kind(X) when is_list(X) -> short_list;
kind(X) when is_tuple(X), tuple_size(X) =:= 0 -> empty_tuple;
kind(X) when is_tuple(X) -> tuple;
kind(X) when is_function(X, 0) -> fun0;
kind(_) -> other.

small_pos(X) when is_integer(X) andalso X > 0 andalso X =< 10 -> yes;
small_pos(_) -> no.

head_positive(L) when hd(L) > 0 -> yes;
head_positive(_) -> no.

long_list(L) when length(L) >= 3 -> yes;
long_list(_) -> no.

tuple_tag(T) when element(1, T) =:= ok -> ok_tuple;
tuple_tag(T) when tuple_size(T) > 2 -> big_tuple;
tuple_tag(_) -> other.

orelse_guard(X) when X =:= 1 orelse X =:= 3 -> odd_hit;
orelse_guard(X) when X =:= 0 orelse X div 0 > 1 -> zero;
orelse_guard(_) -> miss.

andalso_guard(X) when is_integer(X) andalso X rem 2 =:= 0, X > 0 -> pos_even;
andalso_guard(X) when X > 10 andalso X < 100 -> range;
andalso_guard(_) -> miss.

abs_guard(X) when abs(X) < 10 -> near_zero;
abs_guard(_) -> far.

bool_guard(X) when X -> was_true;
bool_guard(X) when not X -> was_false;
bool_guard(_) -> not_bool.

arith_guard(X) when X * 2 + 1 > 21, X rem 2 =:= 1 -> big_odd;
arith_guard(X) when (X band 1) =:= 0 -> even;
arith_guard(_) -> other.
