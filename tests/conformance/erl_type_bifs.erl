% kiln conformance-next: type-test BIFs over a matrix of terms, and the global term order
-module(erl_type_bifs).
-export([main/1]).
-mode(compile).

main(_) ->
    Terms = [0, -5, 1 bsl 80, 1.5, -0.0, a, true, [], [1], "s", [a | b], {}, {a, b}, <<>>, <<1:3>>, <<"b">>,
             #{}, #{a => 1}, fun lists:map/2, fun(X) -> X end, make_ref(), self()],
    Tests = [{integer, fun is_integer/1}, {float, fun is_float/1}, {number, fun is_number/1},
             {atom, fun is_atom/1}, {boolean, fun is_boolean/1}, {list, fun is_list/1}, {tuple, fun is_tuple/1},
             {binary, fun is_binary/1}, {bitstring, fun is_bitstring/1}, {map, fun is_map/1},
             {function, fun is_function/1}, {reference, fun is_reference/1}, {pid, fun is_pid/1},
             {port, fun is_port/1}],
    [io:format("~-10s ~s~n", [atom_to_list(N), [case F(T) of true -> $X; false -> $. end || T <- Terms]]) || {N, F} <- Tests],
    io:format("~s~n", [[case is_function(T, 1) of true -> $1; false -> $. end || T <- Terms]]),
    io:format("~s~n", [[case is_function(T, 2) of true -> $2; false -> $. end || T <- Terms]]),
    Sortable = [<<"b">>, #{a => 1}, {a, b}, [1], "s", [], 1.5, a, 0, -5, 1 bsl 80, {}, <<>>, #{}, true, [a | b], -0.0, <<1:3>>],
    io:format("~w~n", [lists:sort(Sortable)]),
    io:format("~w~n", [lists:reverse(lists:sort(Sortable))]),
    Classes = [class(T) || T <- lists:sort(Terms)],
    io:format("~p~n", [Classes]),
    io:format("~p~n", [[guard_type(T) || T <- Terms]]),
    ok.

class(T) when is_number(T) -> number;
class(T) when is_atom(T) -> atom;
class(T) when is_reference(T) -> reference;
class(T) when is_function(T) -> 'fun';
class(T) when is_pid(T) -> pid;
class(T) when is_tuple(T) -> tuple;
class(T) when is_map(T) -> map;
class(T) when is_list(T) -> list;
class(T) when is_bitstring(T) -> bitstring.

guard_type(T) when is_integer(T), T > 0 -> pos_int;
guard_type(T) when is_integer(T) -> int;
guard_type(T) when is_float(T) -> float;
guard_type(T) when is_boolean(T) -> bool;
guard_type(T) when is_atom(T) -> atom;
guard_type(T) when is_list(T), length(T) > 0 -> nonempty_list;
guard_type(T) when is_list(T) -> empty_list;
guard_type(T) when is_binary(T), byte_size(T) > 0 -> nonempty_binary;
guard_type(T) when is_bitstring(T) -> bits;
guard_type(T) when tuple_size(T) > 0 -> nonempty_tuple;
guard_type(T) when is_function(T, 2) -> fun2;
guard_type(_) -> other.
