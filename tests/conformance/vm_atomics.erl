% kiln conformance: atomics (new/put/get/add/add_get/sub/sub_get/exchange/compare_exchange/info), 64-bit wrapping, badargs, and arrays shared between processes.
-module(vm_atomics).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    A = atomics:new(10, []),
    U = atomics:new(3, [{signed, false}]),
    io:format("is_reference: ~p~n", [is_reference(A)]),
    #{size := 10, max := Max, min := Min, memory := Mem} = atomics:info(A),
    io:format("signed info: ~p ~p ~p~n", [Max, Min, is_integer(Mem) andalso Mem > 80]),
    #{size := 3, max := UMax, min := UMin} = atomics:info(U),
    io:format("unsigned info: ~p ~p~n", [UMax, UMin]),
    Ops = [fun() -> atomics:get(A, 0) end, fun() -> atomics:get(A, 11) end,
           fun() -> atomics:get(A, 10) end, fun() -> atomics:put(A, 1, 1 bsl 63) end,
           fun() -> atomics:put(A, 1, -(1 bsl 63)) end, fun() -> atomics:get(A, 1) end,
           fun() -> atomics:add_get(A, 1, -1) end, fun() -> atomics:put(U, 1, -1) end,
           fun() -> atomics:put(U, 1, 1 bsl 64 - 1) end, fun() -> atomics:add_get(U, 1, 1) end,
           fun() -> atomics:add_get(U, 1, -1) end, fun() -> atomics:add_get(U, 1, 1 bsl 64) end,
           fun() -> atomics:add(U, 1, -(1 bsl 63)) end, fun() -> atomics:add(U, 1, -(1 bsl 63) - 1) end,
           fun() -> atomics:get(make_ref(), 1) end, fun() -> atomics:get(id(foo), 1) end,
           fun() -> atomics:compare_exchange(A, 2, 0, 5) end, fun() -> atomics:compare_exchange(A, 2, 0, 6) end,
           fun() -> atomics:exchange(A, 2, 9) end, fun() -> atomics:sub_get(A, 2, 4) end,
           fun() -> atomics:sub(A, 2, id(x)) end, fun() -> atomics:put(A, 2, id(1.0)) end,
           fun() -> atomics:get(A, id(1.0)) end, fun() -> atomics:compare_exchange(U, 1, -1, 0) end,
           fun() -> atomics:add_get(A, 3, 1 bsl 63) end, fun() -> atomics:add_get(A, 3, 1 bsl 64) end,
           fun() -> atomics:add_get(A, 3, -(1 bsl 63)) end, fun() -> atomics:exchange(U, 2, -1) end,
           fun() -> atomics:compare_exchange(U, 2, 0, 1 bsl 64 - 1) end, fun() -> atomics:get(U, 2) end,
           fun() -> atomics:sub_get(U, 2, -1) end, fun() -> atomics:sub_get(U, 2, 1 bsl 63) end,
           fun() -> atomics:sub_get(A, 4, -(1 bsl 63)) end, fun() -> atomics:sub(A, 5, 3) end,
           fun() -> atomics:get(A, 5) end, fun() -> atomics:add(A, 5, id(1.5)) end],
    [io:format("~w~n", [try_it(F)]) || F <- Ops],
    [io:format("new(~w, ~w) -> ~w~n", [N, O, try_it(fun() -> atomics:new(id(N), id(O)) end)])
     || {N, O} <- [{0, []}, {-1, []}, {1, [bogus]}, {1, [{signed, x}]}, {1, foo}, {a, []},
                   {1 bsl 64, []}, {1, [{signed, true} | x]}]],
    L = atomics:new(1, [{signed, true}, {signed, false}]),
    io:format("last option wins: ~p~n", [maps:get(min, atomics:info(L))]),
    %% Shared between processes: 8 workers add 1000 each.
    C = atomics:new(1, []),
    Self = self(),
    Workers = [spawn(fun() -> [atomics:add(C, 1, 1) || _ <- lists:seq(1, 1000)], Self ! done end)
               || _ <- lists:seq(1, 8)],
    [receive done -> ok end || _ <- Workers],
    io:format("concurrent adds: ~p~n", [atomics:get(C, 1)]),
    %% The creator exits; the array lives on in the holder.
    Holder = spawn(fun() -> receive {ref, R} -> hold(R) end end),
    Maker = spawn(fun() -> R = atomics:new(4, []), atomics:put(R, 4, 42), Holder ! {ref, R} end),
    MRef = monitor(process, Maker),
    receive {'DOWN', MRef, process, Maker, _} -> ok end,
    Holder ! {get, self()},
    receive {value, V} -> io:format("array outlives its creator: ~p~n", [V]) end,
    %% Compare and order as references.
    io:format("equal to itself: ~p, not to another: ~p~n", [A =:= A, A =:= atomics:new(10, [])]),
    ok.

hold(R) ->
    _ = [lists:seq(1, 1000) || _ <- lists:seq(1, 100)],
    receive {get, From} -> From ! {value, atomics:get(R, 4)} end.
