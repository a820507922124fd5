% kiln conformance: counters (new/get/add/sub/put/info) with atomics and write_concurrency, wrapping, badargs, shared between processes.
-module(vm_counters).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    C = counters:new(3, []),
    A = counters:new(3, [atomics]),
    W = counters:new(3, [write_concurrency]),
    io:format("kinds: ~p ~p ~p~n", [element(1, C), element(1, A), element(1, W)]),
    io:format("refs: ~p~n", [is_reference(element(2, C)) andalso is_reference(element(2, W))]),
    #{size := 3, max := Max, min := Min} = counters:info(C),
    io:format("atomics info: ~p ~p ~p~n", [Max, Min, lists:sort(maps:keys(counters:info(C)))]),
    io:format("write_concurrency info: ~p ~p~n", [maps:get(size, counters:info(W)), lists:sort(maps:keys(counters:info(W)))]),
    Ops = [fun() -> counters:add(C, 1, 5) end, fun() -> counters:get(C, 1) end,
           fun() -> counters:sub(C, 1, 7) end, fun() -> counters:get(C, 1) end,
           fun() -> counters:put(W, 2, 1 bsl 63 - 1) end, fun() -> counters:add(W, 2, 1) end,
           fun() -> counters:get(W, 2) end, fun() -> counters:get(W, 4) end,
           fun() -> counters:get(W, 0) end,
           fun() -> counters:new(3, id([bogus])) end, fun() -> counters:new(3, id([atomics, write_concurrency])) end,
           fun() -> counters:new(0, []) end, fun() -> counters:new(id(a), []) end,
           fun() -> counters:get(id({foo, element(2, C)}), 1) end,
           fun() -> counters:add(C, 1, 1 bsl 64) end, fun() -> counters:put(C, 1, 1 bsl 63) end,
           fun() -> counters:add(C, 1, id(1.5)) end, fun() -> counters:sub(C, 1, 1 bsl 63) end,
           fun() -> counters:get(C, 1) end,
           fun() -> counters:sub(C, 1, -(1 bsl 63)) end, fun() -> counters:get(C, 1) end,
           fun() -> counters:sub(C, 1, id(x)) end,
           fun() -> counters:get({atomics, make_ref()}, 1) end,
           fun() -> counters:get({write_concurrency, element(2, C)}, 1) end,
           fun() -> counters:get({atomics, element(2, W)}, 1) end,
           fun() -> counters:put(W, 1, -5) end, fun() -> counters:get(W, 1) end,
           fun() -> counters:new(3, id(atomics)) end, fun() -> counters:get(id(foo), 1) end,
           fun() -> counters:put(A, 3, 17) end, fun() -> atomics:get(element(2, A), 3) end],
    [io:format("~w~n", [try_it(F)]) || F <- Ops],
    Self = self(),
    Shared = counters:new(2, [write_concurrency]),
    Ws = [spawn(fun() -> [counters:add(Shared, 1, 2) || _ <- lists:seq(1, 500)],
                         [counters:sub(Shared, 2, 1) || _ <- lists:seq(1, 500)],
                         Self ! done end) || _ <- lists:seq(1, 6)],
    [receive done -> ok end || _ <- Ws],
    io:format("concurrent: ~p ~p~n", [counters:get(Shared, 1), counters:get(Shared, 2)]),
    ok.
