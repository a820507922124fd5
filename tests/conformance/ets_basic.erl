% ETS basics: new/insert/lookup/delete for every table type, keypos, errors, info, names.
-module(ets_basic).
-export([main/1]).
-mode(compile).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main(_) ->
    [types(T) || T <- [set, ordered_set, bag, duplicate_bag]],
    keypos(),
    errors(),
    names(),
    info(),
    ok.

types(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(t, [Type]),
    p("insert", ets:insert(T, {a, 1})),
    p("insert list", ets:insert(T, [{b, 2}, {a, 2}, {c, 3}, {a, 1}])),
    p("insert empty", ets:insert(T, [])),
    p("lookup a", lists:sort(ets:lookup(T, a))),
    p("lookup a order", ets:lookup(T, a)),
    p("lookup z", ets:lookup(T, z)),
    p("member", {ets:member(T, a), ets:member(T, z)}),
    p("size", ets:info(T, size)),
    p("insert_new existing", ets:insert_new(T, [{d, 4}, {a, 9}])),
    p("insert_new fresh", ets:insert_new(T, [{d, 4}, {e, 5}])),
    p("insert_new single", ets:insert_new(T, {d, 5})),
    p("lookup_element", e(fun() -> ets:lookup_element(T, a, 2) end)),
    p("lookup_element missing", e(fun() -> ets:lookup_element(T, zz, 2) end)),
    p("lookup_element too far", e(fun() -> ets:lookup_element(T, a, 3) end)),
    p("lookup_element zero", e(fun() -> ets:lookup_element(T, a, id(0)) end)),
    p("delete_object", ets:delete_object(T, {a, 2})),
    p("after delete_object", lists:sort(ets:lookup(T, a))),
    p("delete_object missing", ets:delete_object(T, {zz, 2})),
    p("delete key", ets:delete(T, b)),
    p("delete missing key", ets:delete(T, zz)),
    p("take", lists:sort(ets:take(T, c))),
    p("take again", ets:take(T, c)),
    p("all objects", lists:sort(ets:match_object(T, '_'))),
    ets:insert(T, [{f, <<"a binary larger than sixty-four bytes so that it is reference counted......">>}]),
    [{f, Bin}] = ets:lookup(T, f),
    p("refc binary", byte_size(Bin)),
    ets:insert(T, {g, [1, 2.5, {x, "str"}], #{k => v}, -12345678901234567890}),
    p("complex", ets:lookup(T, g)),
    p("float key", {ets:insert(T, {1.0, float}), ets:lookup(T, 1), ets:lookup(T, 1.0)}),
    p("delete table", ets:delete(T)),
    p("use deleted", e(fun() -> ets:lookup(T, a) end)),
    p("info deleted", ets:info(T)),
    p("info deleted size", ets:info(T, size)).

keypos() ->
    io:format("== keypos~n"),
    T = ets:new(k, [{keypos, 2}]),
    p("insert", ets:insert(T, [{x, 1, a}, {y, 2, b}])),
    p("lookup", ets:lookup(T, 2)),
    p("too small", e(fun() -> ets:insert(T, {id(only)}) end)),
    p("one bad in list is atomic", e(fun() -> ets:insert(T, [{z, 3}, {id(q)}]) end)),
    p("lookup 3", ets:lookup(T, 3)),
    p("keypos", ets:info(T, keypos)),
    p("update key element", e(fun() -> ets:update_element(T, 1, {2, 5}) end)),
    ets:delete(T).

errors() ->
    io:format("== errors~n"),
    T = ets:new(e, []),
    p("not a tuple", e(fun() -> ets:insert(T, id(x)) end)),
    p("improper list", e(fun() -> ets:insert(T, [{a} | id(b)]) end)),
    p("bad name", e(fun() -> ets:new(id("x"), []) end)),
    p("bad option", e(fun() -> ets:new(x, [id(foo)]) end)),
    p("bad keypos", e(fun() -> ets:new(x, [{keypos, id(0)}]) end)),
    p("bad options list", e(fun() -> ets:new(x, id(x)) end)),
    p("bad heir", e(fun() -> ets:new(x, [{heir, id(foo), 1}]) end)),
    p("bad write_concurrency", e(fun() -> ets:new(x, [{write_concurrency, id(foo)}]) end)),
    p("bad read_concurrency", e(fun() -> ets:new(x, [{read_concurrency, id(1)}]) end)),
    p("no table", e(fun() -> ets:lookup(id(nosuch), 1) end)),
    p("bad table id", e(fun() -> ets:lookup(id(1), 1) end)),
    p("delete no table", e(fun() -> ets:delete(id(nosuch)) end)),
    p("delete_object not tuple", e(fun() -> ets:delete_object(T, id(3)) end)),
    p("slot negative", e(fun() -> ets:slot(T, id(-1)) end)),
    p("first of empty", ets:first(T)),
    p("last of empty", ets:last(T)),
    p("next missing", e(fun() -> ets:next(T, id(nokey)) end)),
    p("safe_fixtable bad", e(fun() -> ets:safe_fixtable(T, id(maybe)) end)),
    p("whereis bad", e(fun() -> ets:whereis(id("x")) end)),
    p("info bad id", e(fun() -> ets:info(id(1)) end)),
    p("info bad item", e(fun() -> ets:info(T, id(foo)) end)),
    p("info bad id item", e(fun() -> ets:info(id(1), size) end)),
    p("all options", is_reference(ets:new(x, [set, bag, public, private, {heir, none}, {heir, self(), data},
                                             {write_concurrency, auto}, {read_concurrency, true}, compressed,
                                             {decentralized_counters, true}]))),
    ets:delete(T).

names() ->
    io:format("== names~n"),
    N = ets:new(ets_basic_named, [named_table, public]),
    p("named id", N),
    p("same name again", e(fun() -> ets:new(ets_basic_named, [named_table]) end)),
    p("same name unnamed", is_reference(ets:new(ets_basic_named, []))),
    p("whereis", is_reference(ets:whereis(ets_basic_named))),
    p("whereis missing", ets:whereis(nosuch_table)),
    p("by ref", ets:insert(ets:whereis(ets_basic_named), {k, v})),
    p("by name", ets:lookup(ets_basic_named, k)),
    p("info id is whereis", ets:info(N, id) =:= ets:whereis(ets_basic_named)),
    p("rename", ets:rename(N, ets_basic_renamed)),
    p("old name", e(fun() -> ets:lookup(ets_basic_named, k) end)),
    p("new name", ets:lookup(ets_basic_renamed, k)),
    p("info name", ets:info(ets_basic_renamed, name)),
    ets:new(ets_basic_other, [named_table]),
    p("rename taken", e(fun() -> ets:rename(ets_basic_renamed, ets_basic_other) end)),
    p("rename to self", e(fun() -> ets:rename(ets_basic_renamed, ets_basic_renamed) end)),
    p("rename bad", e(fun() -> ets:rename(ets_basic_renamed, id("x")) end)),
    U = ets:new(unnamed, []),
    p("rename unnamed", is_reference(ets:rename(U, ets_basic_other))),
    p("unnamed name", ets:info(U, name)),
    p("unnamed not by name", ets:info(ets_basic_other, named_table)),
    All = ets:all(),
    p("all has tables", {lists:member(ets_basic_renamed, All), lists:member(ets_basic_other, All),
                         lists:member(U, All), lists:member(ets_basic_named, All)}),
    p("delete by name", ets:delete(ets_basic_renamed)),
    p("gone from all", lists:member(ets_basic_renamed, ets:all())),
    p("name free again", ets:new(ets_basic_renamed, [named_table])).

info() ->
    io:format("== info~n"),
    [begin
         T = ets:new(i, Opts),
         I = ets:info(T),
         p("keys", [K || {K, _} <- I]),
         p("values", [{K, V} || {K, V} <- I, not lists:member(K, [id, owner, memory, heir])]),
         p("heir", ets:info(T, heir) =:= self() orelse ets:info(T, heir)),
         p("owner", ets:info(T, owner) =:= self()),
         p("memory", is_integer(ets:info(T, memory))),
         p("fixed", {ets:info(T, fixed), ets:info(T, safe_fixed), ets:info(T, safe_fixed_monotonic_time)})
     end
     || Opts <- [[], [ordered_set, private, {keypos, 3}], [bag, public, {write_concurrency, true}],
                 [duplicate_bag, compressed, {read_concurrency, true}],
                 [ordered_set, {write_concurrency, true}], [{write_concurrency, auto}],
                 [ordered_set, {write_concurrency, true}, {decentralized_counters, false}],
                 [{heir, self(), x}]]],
    ok.
