% kiln conformance: every guard BIF, andalso/orelse in guards, failing guards fall through, ; alternatives
-module(guards_more).
-export([main/1]).
-mode(compile).

-record(r, {f}).

id(X) -> X.

g_abs(X) when abs(X) > 5 -> big; g_abs(X) when abs(X) >= 0 -> small; g_abs(_) -> fail.
g_bit_size(X) when bit_size(X) > 8 -> wide; g_bit_size(X) when bit_size(X) >= 0 -> narrow; g_bit_size(_) -> fail.
g_byte_size(X) when byte_size(X) =:= 2 -> two; g_byte_size(X) when byte_size(X) >= 0 -> other; g_byte_size(_) -> fail.
g_ceil(X) when ceil(X) =:= 3 -> three; g_ceil(X) when ceil(X) > -100 -> other; g_ceil(_) -> fail.
g_element(X) when element(2, X) =:= b -> b2; g_element(X) when element(1, X) =/= x -> other; g_element(_) -> fail.
g_float(X) when float(X) > 1.5 -> gt; g_float(X) when float(X) =< 1.5 -> le; g_float(_) -> fail.
g_floor(X) when floor(X) =:= -3 -> minus3; g_floor(X) when floor(X) < 100 -> other; g_floor(_) -> fail.
g_hd(X) when hd(X) =:= a -> a_head; g_hd(X) when hd(X) =/= a -> other; g_hd(_) -> fail.
g_is_map_key(X) when is_map_key(k, X) -> has_k; g_is_map_key(X) when is_map(X) -> no_k; g_is_map_key(_) -> fail.
g_length(X) when length(X) > 2 -> long; g_length(X) when length(X) >= 0 -> short; g_length(_) -> fail.
g_map_get(X) when map_get(k, X) =:= 1 -> one; g_map_get(X) when map_get(k, X) =/= 1 -> other; g_map_get(_) -> fail.
g_map_size(X) when map_size(X) =:= 0 -> empty; g_map_size(X) when map_size(X) > 0 -> nonempty; g_map_size(_) -> fail.
g_node(X) when node() =:= X -> this_node; g_node(X) when node(X) =:= node() -> local; g_node(_) -> fail.
g_round(X) when round(X) =:= 3 -> three; g_round(X) when round(X) > -100 -> other; g_round(_) -> fail.
g_self(X) when self() =:= X -> me; g_self(X) when is_pid(X) -> other_pid; g_self(_) -> fail.
g_size(X) when size(X) =:= 2 -> two; g_size(X) when size(X) >= 0 -> other; g_size(_) -> fail.
g_tl(X) when tl(X) =:= [] -> single; g_tl(X) when is_list(tl(X)) -> longer; g_tl(_) -> fail.
g_trunc(X) when trunc(X) =:= -2 -> minus2; g_trunc(X) when trunc(X) > -100 -> other; g_trunc(_) -> fail.
g_tuple_size(X) when tuple_size(X) =:= 0 -> empty; g_tuple_size(X) when tuple_size(X) > 0 -> nonempty; g_tuple_size(_) -> fail.
g_binary_part(X) when binary_part(X, 0, 2) =:= <<"ab">> -> ab; g_binary_part(X) when binary_part(X, {byte_size(X), -1}) =:= <<"z">> -> ends_z; g_binary_part(_) -> fail.
g_arith(X) when X * 2 + 1 > 10, X rem 3 =:= 0, X div 2 > 2, -X < 0, +X > 0 -> arith; g_arith(_) -> fail.
g_bits(X) when X band 1 =:= 1, X bor 2 > 2, X bxor 1 >= 0, X bsl 1 > 0, X bsr 1 >= 0, bnot X < 0 -> odd; g_bits(_) -> fail.
g_bool(X, Y) when X and Y -> both; g_bool(X, Y) when X or Y -> one; g_bool(X, Y) when X xor Y -> never; g_bool(X, _) when not X -> neither; g_bool(_, _) -> fail.
g_cmp(X) when X == 1, X /= 2, X =< 1, X >= 1, X < 2, X > 0 -> one_ish; g_cmp(_) -> fail.
g_mixed_div(X) when X / 2 > 1.0 -> half_big; g_mixed_div(_) -> fail.

types(X) ->
    [T || {T, true} <- [{atom, is_atom(X)}, {binary, is_binary(X)}, {bitstring, is_bitstring(X)},
                        {boolean, is_boolean(X)}, {float, is_float(X)}, {function, is_function(X)},
                        {function1, is_function(X, 1)}, {integer, is_integer(X)}, {list, is_list(X)},
                        {map, is_map(X)}, {number, is_number(X)}, {pid, is_pid(X)}, {port, is_port(X)},
                        {record, is_record(X, r, 2)}, {reference, is_reference(X)}, {tuple, is_tuple(X)}]].

gtypes(X) when is_atom(X) -> atom;
gtypes(X) when is_binary(X) -> binary;
gtypes(X) when is_bitstring(X) -> bitstring;
gtypes(X) when is_float(X) -> float;
gtypes(X) when is_function(X, 2) -> fun2;
gtypes(X) when is_function(X) -> fun_other;
gtypes(X) when is_integer(X) -> integer;
gtypes(X) when is_list(X) -> list;
gtypes(X) when is_map(X) -> map;
gtypes(X) when is_pid(X) -> pid;
gtypes(X) when is_reference(X) -> ref;
gtypes(X) when is_record(X, r, 2) -> record_r;
gtypes(X) when is_tuple(X) -> tuple;
gtypes(_) -> other.

ao(X) when is_integer(X) andalso (X > 10 orelse X < -10) -> far;
ao(X) when is_integer(X) andalso X =/= 0 -> near;
ao(X) when X =:= 0 orelse element(1, X) =:= z -> zero_or_z;
ao(X) when is_list(X) andalso length(X) > 1 andalso hd(X) =:= tl(X) -> weird;
ao(_) -> other.

semi(X) when is_atom(X); is_integer(X), X > 0; is_list(X), length(X) =:= 2 -> hit;
semi(X) when element(1, X) =:= a; element(2, X) =:= b -> tuple_hit;
semi(_) -> miss.

%% an exception in one ; alternative only fails that alternative
semi_err(X) when hd(X) =:= 1; X =:= [] ; tuple_size(X) =:= 1 -> ok;
semi_err(_) -> no.

%% a guard that raises is simply false
raises(X) when X + 1 > 0 -> num;
raises(X) when length(X) > 0 -> list;
raises(X) when 1 / X > 0 -> never;
raises(_) -> fallthrough.

not_g(X) when not is_atom(X), not (X =:= 1) -> not_atom;
not_g(_) -> atom_or_one.

case_g(X) ->
    case X of
        {A, B} when A > B, is_integer(A) -> first_bigger;
        {A, B} when A =:= B; is_float(A) -> equal_or_float;
        {_, _} -> other_pair;
        L when is_list(L), L =/= [] -> nonempty_list;
        _ -> other
    end.

if_g(X) ->
    if is_map(X), map_size(X) > 1 -> big_map;
       is_map_key(a, X) -> has_a;
       true -> other
    end.

main(_) ->
    Self = self(),
    Fun1 = fun(A) -> A end,
    Fun2 = fun(A, B) -> {A, B} end,
    R = list_to_tuple([r, 1]),
    Values = [-7, 3, 0, 9, 1, 1.0, 2.5, -2.5, 2.4, 3.0, a, <<"ab">>, <<"xyz">>, <<1:4>>, <<>>, [a, b], [c], [],
              "xyz", {a, b}, {}, {x}, #{}, #{k => 1}, #{k => 2}, #{j => 1}, true, false, R, 1 bsl 70],
    Fs = [{abs, fun g_abs/1}, {bit_size, fun g_bit_size/1}, {byte_size, fun g_byte_size/1},
          {ceil, fun g_ceil/1}, {element, fun g_element/1}, {float, fun g_float/1},
          {floor, fun g_floor/1}, {hd, fun g_hd/1}, {is_map_key, fun g_is_map_key/1},
          {length, fun g_length/1}, {map_get, fun g_map_get/1}, {map_size, fun g_map_size/1},
          {round, fun g_round/1}, {size, fun g_size/1}, {tl, fun g_tl/1}, {trunc, fun g_trunc/1},
          {tuple_size, fun g_tuple_size/1}, {binary_part, fun g_binary_part/1},
          {arith, fun g_arith/1}, {bits, fun g_bits/1}, {cmp, fun g_cmp/1}, {mixed_div, fun g_mixed_div/1}],
    lists:foreach(fun({Name, F}) -> io:format("~p: ~w~n", [Name, [F(V) || V <- Values]]) end, Fs),
    io:format("node: ~w~n", [[g_node(X) || X <- [node(), Self, a, 1]]]),
    io:format("self: ~w~n", [[g_self(X) || X <- [Self, spawn(fun() -> ok end), a]]]),
    io:format("bool: ~w~n", [[g_bool(X, Y) || X <- [true, false, x], Y <- [true, false, 1]]]),
    io:format("types: ~w~n", [[types(V) || V <- Values ++ [Fun1, Fun2, Self, make_ref()]]]),
    io:format("gtypes: ~w~n", [[gtypes(V) || V <- Values ++ [Fun1, Fun2, Self, make_ref(), #r{}]]]),
    io:format("ao: ~w~n", [[ao(V) || V <- Values ++ [[[1], 1]]]]),
    io:format("semi: ~w~n", [[semi(V) || V <- Values]]),
    io:format("semi_err: ~w~n", [[semi_err(V) || V <- Values]]),
    io:format("raises: ~w~n", [[raises(V) || V <- Values]]),
    io:format("not_g: ~w~n", [[not_g(V) || V <- Values]]),
    io:format("case_g: ~w~n", [[case_g(V) || V <- [{2, 1}, {1, 2}, {1, 1}, {1.5, 9}, {a, 1}, [x], [], 7]]]),
    io:format("if_g: ~w~n", [[if_g(V) || V <- [#{}, #{a => 1}, #{a => 1, b => 2}, #{b => 1}, x]]]),
    io:format("id: ~w~n", [id(done)]).
