% kiln conformance: stdlib orddict: every exported function, error cases
-module(stdlib_orddict).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    D = orddict:from_list([{c, 3}, {a, 1}, {b, 2}, {a, 10}, {d, 4}]),
    p("new", fun() -> orddict:new() end),
    p("from_list", fun() -> {D, orddict:from_list([]), orddict:from_list([{x, 1}]), orddict:from_list([{1, a}, {1.0, b}])} end),
    p("from_list bad", fun() -> orddict:from_list([{a, 1}, b]) end),
    p("to_list", fun() -> orddict:to_list(D) end),
    p("size", fun() -> {orddict:size(D), orddict:is_empty(D), orddict:is_empty([])} end),
    p("is_key", fun() -> {orddict:is_key(b, D), orddict:is_key(z, D), orddict:is_key(0, D)} end),
    p("fetch", fun() -> orddict:fetch(c, D) end),
    p("fetch missing", fun() -> orddict:fetch(z, D) end),
    p("find", fun() -> {orddict:find(c, D), orddict:find(z, D), orddict:find(0, D)} end),
    p("fetch_keys", fun() -> orddict:fetch_keys(D) end),
    p("erase", fun() -> {orddict:erase(b, D), orddict:erase(z, D), orddict:erase(0, D)} end),
    p("take", fun() -> {orddict:take(b, D), orddict:take(z, D), orddict:take(0, D)} end),
    p("store", fun() -> {orddict:store(b, 20, D), orddict:store(e, 5, D), orddict:store(0, x, D)} end),
    p("store float key", fun() -> orddict:store(1.0, x, [{1, a}, {2, b}]) end),
    p("append", fun() -> {orddict:append(x, 1, orddict:append(x, 0, D)), orddict:append(0, 1, D)} end),
    p("append to non-list", fun() -> orddict:append(a, 1, D) end),
    p("append_list", fun() -> {orddict:append_list(x, [1, 2], orddict:append_list(x, [0], D)), orddict:append_list(0, [], D)} end),
    p("update", fun() -> orddict:update(a, fun(V) -> V * 100 end, D) end),
    p("update missing", fun() -> orddict:update(z, fun(V) -> V end, D) end),
    p("update4", fun() -> {orddict:update(a, fun(V) -> -V end, 0, D), orddict:update(z, fun(V) -> -V end, 0, D), orddict:update(0, fun(V) -> V end, i, D)} end),
    p("update_counter", fun() -> {orddict:update_counter(a, 5, D), orddict:update_counter(z, 5, D), orddict:update_counter(0, 1, D)} end),
    p("update_counter bad", fun() -> orddict:update_counter(a, x, D) end),
    p("fold", fun() -> orddict:fold(fun(K, V, A) -> [{V, K} | A] end, [], D) end),
    p("map", fun() -> orddict:map(fun(K, V) -> {K, V} end, D) end),
    p("filter", fun() -> orddict:filter(fun(_, V) -> V > 2 end, D) end),
    p("merge", fun() -> orddict:merge(fun(K, A, B) -> {K, A, B} end, D, orddict:from_list([{b, x}, {e, y}, {0, z}])) end),
    p("merge empty", fun() -> {orddict:merge(fun(_, A, _) -> A end, [], D), orddict:merge(fun(_, A, _) -> A end, D, [])} end),
    p("fold bad", fun() -> orddict:fold(notfun, [], D) end),
    ok.
