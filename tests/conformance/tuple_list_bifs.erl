% kiln conformance: list_to_tuple, tuple_to_list, setelement, make_tuple/3, append_element, keyreplace, element in guards
-module(tuple_list_bifs).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

second(T) when element(2, T) =:= x -> second_is_x;
second(T) when is_tuple(T), element(1, T) =:= tag, tuple_size(T) > 2 -> tagged_big;
second(T) when element(tuple_size(T), T) =:= last -> ends_last;
second(_) -> other.

get_field(T, N) when N > 0, N =< tuple_size(T) -> {ok, element(N, T)};
get_field(_, _) -> error.

main(_) ->
    p("list_to_tuple", fun() -> {list_to_tuple([]), list_to_tuple([a]), list_to_tuple([a, [b], {c}])} end),
    p("list_to_tuple improper", fun() -> list_to_tuple(id([a | b])) end),
    p("list_to_tuple not list", fun() -> list_to_tuple(id({a})) end),
    p("list_to_tuple big", fun() -> T = list_to_tuple(lists:seq(1, 1000)), {tuple_size(T), element(1000, T), element(500, T)} end),
    p("tuple_to_list", fun() -> {tuple_to_list({}), tuple_to_list({a, {b}, [c]})} end),
    p("tuple_to_list bad", fun() -> tuple_to_list(id([a])) end),
    p("roundtrip", fun() -> L = [1, 2.0, "3", <<4>>, #{5 => 5}], tuple_to_list(list_to_tuple(L)) =:= L end),
    p("setelement", fun() -> {setelement(1, {a}, b), setelement(2, {a, b, c}, x), setelement(3, {a, b, c}, {})} end),
    p("setelement beyond", fun() -> setelement(4, id({a, b, c}), x) end),
    p("setelement zero", fun() -> setelement(0, id({a}), x) end),
    p("setelement empty", fun() -> setelement(1, id({}), x) end),
    p("setelement not tuple", fun() -> setelement(1, id([a]), x) end),
    p("setelement bad index", fun() -> setelement(id(a), {a}, x) end),
    p("setelement bignum index", fun() -> setelement(id(1 bsl 70), {a}, x) end),
    p("setelement chain", fun() -> lists:foldl(fun(I, T) -> setelement(I, T, I * I) end, erlang:make_tuple(5, 0), [1, 3, 5]) end),
    p("element", fun() -> {element(1, {a, b}), element(2, {a, b})} end),
    p("element beyond", fun() -> element(3, id({a, b})) end),
    p("element zero", fun() -> element(0, id({a, b})) end),
    p("element neg", fun() -> element(id(-1), {a, b}) end),
    p("element float idx", fun() -> element(id(1.0), {a, b}) end),
    p("element not tuple", fun() -> element(1, id([a])) end),
    p("make_tuple/2", fun() -> {erlang:make_tuple(0, x), erlang:make_tuple(3, [])} end),
    p("make_tuple/3", fun() -> erlang:make_tuple(5, def, [{2, two}, {4, four}]) end),
    p("make_tuple/3 dup", fun() -> erlang:make_tuple(3, d, [{1, first}, {1, second}, {3, z}]) end),
    p("make_tuple/3 empty", fun() -> erlang:make_tuple(2, d, []) end),
    p("make_tuple/3 out of range", fun() -> erlang:make_tuple(2, d, id([{3, x}])) end),
    p("make_tuple/3 zero pos", fun() -> erlang:make_tuple(2, d, id([{0, x}])) end),
    p("make_tuple/3 bad list", fun() -> erlang:make_tuple(2, d, id([bad])) end),
    p("make_tuple neg", fun() -> erlang:make_tuple(id(-1), x) end),
    p("make_tuple not int", fun() -> erlang:make_tuple(id(a), x) end),
    p("append_element", fun() -> {erlang:append_element({}, a), erlang:append_element({a, b}, {c})} end),
    p("append_element bad", fun() -> erlang:append_element(id([a]), b) end),
    p("append_element chain", fun() -> lists:foldl(fun(X, T) -> erlang:append_element(T, X) end, {}, lists:seq(1, 6)) end),
    p("delete_element", fun() -> {erlang:delete_element(1, {a, b, c}), erlang:delete_element(3, {a, b, c})} end),
    p("delete_element bad", fun() -> erlang:delete_element(4, id({a, b, c})) end),
    p("insert_element", fun() -> {erlang:insert_element(1, {b}, a), erlang:insert_element(2, {a}, b), erlang:insert_element(1, {}, x)} end),
    p("insert_element bad", fun() -> erlang:insert_element(3, id({a}), b) end),
    KL = [{a, 1}, {b, 2}, {a, 3}, {c, 4, extra}],
    p("keyreplace", fun() -> lists:keyreplace(a, 1, KL, {a, new}) end),
    p("keyreplace missing", fun() -> lists:keyreplace(z, 1, KL, {z, 0}) =:= KL end),
    p("keyreplace pos 2", fun() -> lists:keyreplace(4, 2, KL, {d, replaced}) end),
    p("keyreplace short tuples", fun() -> lists:keyreplace(x, 3, [{a}, {b, c}, {d, e, x}], {new}) end),
    p("keyreplace new not tuple", fun() -> lists:keyreplace(x, 1, [{x}], id(new)) end),
    p("keyreplace bad pos", fun() -> lists:keyreplace(a, id(0), KL, x) end),
    p("keyreplace 1 vs 1.0", fun() -> lists:keyreplace(1, 1, [{1.0, f}, {1, i}], {one}) end),
    p("keyfind/keymember/keysearch", fun() -> {lists:keyfind(c, 1, KL), lists:keymember(b, 1, KL), lists:keysearch(a, 1, KL), lists:keyfind(9, 2, KL)} end),
    p("keymap", fun() -> lists:keymap(fun(X) -> X * 10 end, 2, [{a, 1}, {b, 2}]) end),
    p("guards", fun() -> [second(T) || T <- [{a, x}, {tag, 1, 2}, {tag, 1}, {1, 2, last}, {}, {a}, not_tuple, {last}]] end),
    p("get_field", fun() -> [get_field({a, b, c}, N) || N <- [0, 1, 3, 4, a]] end),
    p("tuple_size size", fun() -> {tuple_size({}), size({a, b}), size(<<1, 2, 3>>)} end),
    p("tuple_size bad", fun() -> tuple_size(id([a])) end),
    p("compare tuples", fun() -> {{a, b} < {a, c}, {z} < {a, a}, {1, 2} == {1.0, 2}, {1, 2} =:= {1.0, 2}, lists:sort([{b}, {a, a}, {}, {a}])} end),
    p("large tuple", fun() -> T = erlang:make_tuple(100000, 0, [{100000, last}]), {tuple_size(T), element(100000, T), element(1, setelement(1, T, first))} end),
    ok.
