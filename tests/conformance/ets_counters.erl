% ETS update_counter/3,4 (every op form, thresholds, defaults) and update_element/3.
-module(ets_counters).
-export([main/1]).
-mode(compile).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main(_) ->
    [counters(T) || T <- [set, ordered_set]],
    bags(),
    ok.

counters(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(c, [Type]),
    ets:insert(T, {a, 1, 2, x, "s"}),
    p("incr", ets:update_counter(T, a, 1)),
    p("pos incr", ets:update_counter(T, a, {3, 10})),
    p("list", ets:update_counter(T, a, [{2, 1}, {3, -1}, {2, 100}])),
    p("empty list", ets:update_counter(T, a, [])),
    p("not a number is atomic", e(fun() -> ets:update_counter(T, a, [{2, 1}, {4, -1}]) end)),
    p("unchanged", ets:lookup(T, a)),
    p("threshold up", ets:update_counter(T, a, {2, 1000, 500, 7})),
    p("threshold not reached", ets:update_counter(T, a, {2, 10, 500, 0})),
    p("threshold down", ets:update_counter(T, a, {2, -100, -5, 99})),
    p("threshold exact", ets:update_counter(T, a, {3, 0, 20, -1})),
    p("key position", e(fun() -> ets:update_counter(T, a, {1, 1}) end)),
    p("out of range", e(fun() -> ets:update_counter(T, a, {6, 1}) end)),
    p("zero position", e(fun() -> ets:update_counter(T, a, {id(0), 1}) end)),
    p("float incr", e(fun() -> ets:update_counter(T, a, {2, id(1.5)}) end)),
    p("atom incr", e(fun() -> ets:update_counter(T, a, {2, id(a)}) end)),
    p("bad op", e(fun() -> ets:update_counter(T, a, {2, 1, 2}) end)),
    p("missing key", e(fun() -> ets:update_counter(T, b, 1) end)),
    p("default", ets:update_counter(T, b, 5, {b, 10})),
    p("default key replaced", ets:update_counter(T, c, {3, 2}, {other, 0, 40})),
    p("lookup c", ets:lookup(T, c)),
    p("default ignored when present", ets:update_counter(T, c, {3, 2}, {c, 0, 0})),
    p("default too small", e(fun() -> ets:update_counter(T, d, {3, 1}, {d, 0}) end)),
    p("default not tuple", e(fun() -> ets:update_counter(T, d, 1, id(x)) end)),
    p("nothing inserted", ets:lookup(T, d)),
    p("bignum", ets:update_counter(T, b, 576460752303423487)),
    p("bignum again", ets:update_counter(T, b, 576460752303423487)),
    p("bignum down", ets:update_counter(T, b, -1152921504606846989)),
    p("negative big", ets:update_counter(T, b, -99999999999999999999999)),
    p("float counter", begin ets:insert(T, {f, 1.0}), e(fun() -> ets:update_counter(T, f, 1) end) end),
    p("update_element", ets:update_element(T, a, {4, y})),
    p("update_element list", ets:update_element(T, a, [{4, z}, {5, <<"bin">>}, {4, w}])),
    p("after", ets:lookup(T, a)),
    p("update_element empty", ets:update_element(T, a, [])),
    p("update_element missing", ets:update_element(T, zz, {2, 1})),
    p("update_element key", e(fun() -> ets:update_element(T, a, {1, b}) end)),
    p("update_element range", e(fun() -> ets:update_element(T, a, [{2, 0}, {9, b}]) end)),
    p("update_element bad", e(fun() -> ets:update_element(T, a, id(x)) end)),
    p("unchanged", ets:lookup(T, a)),
    p("counter after element", ets:update_counter(T, a, {2, 1})),
    K = ets:new(k, [Type, {keypos, 2}]),
    ets:insert(K, {x, key, 5}),
    p("keypos 2 default pos", ets:update_counter(K, key, 1)),
    p("keypos 2 key pos", e(fun() -> ets:update_counter(K, key, {2, 1}) end)),
    p("keypos 2 pos 1", e(fun() -> ets:update_counter(K, key, {1, 1}) end)),
    P = ets:new(p, [Type, private]),
    ets:insert(P, {n, 0}),
    Me = self(),
    spawn(fun() -> Me ! {r, e(fun() -> ets:update_counter(P, n, 1) end)} end),
    receive {r, R} -> p("other process, private", R) end.

bags() ->
    io:format("== bags~n"),
    [begin
         T = ets:new(b, [Type]),
         ets:insert(T, {a, 1}),
         p("update_counter", e(fun() -> ets:update_counter(T, a, 1) end)),
         p("update_element", e(fun() -> ets:update_element(T, a, {2, 3}) end))
     end || Type <- [bag, duplicate_bag]],
    ok.
