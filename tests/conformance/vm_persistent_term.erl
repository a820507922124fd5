% kiln conformance: persistent_term put/get/erase/info with OTP's semantics, terms shared across processes and outliving their creator.
-module(vm_persistent_term).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    #{count := C0, memory := M0} = persistent_term:info(),
    io:format("info: ~p ~p~n", [is_integer(C0), is_integer(M0)]),
    io:format("get missing: ~p~n", [try_it(fun() -> persistent_term:get(id({vm_pt, missing})) end)]),
    io:format("get/2 missing: ~p~n", [persistent_term:get({vm_pt, missing}, default)]),
    Big = list_to_binary(lists:duplicate(1000, $k)),
    Value = #{list => lists:seq(1, 10), bin => Big, tuple => {a, 1.5, "str"}, nested => [#{x => y}]},
    io:format("put: ~p~n", [persistent_term:put({vm_pt, config}, Value)]),
    io:format("get: ~p~n", [persistent_term:get({vm_pt, config}) =:= Value]),
    io:format("get/2: ~p~n", [persistent_term:get({vm_pt, config}, none) =:= Value]),
    #{count := C1} = persistent_term:info(),
    io:format("count grew by one: ~p~n", [C1 =:= C0 + 1]),
    %% Keys are compared exactly.
    ok = persistent_term:put(1, integer),
    ok = persistent_term:put(1.0, float),
    io:format("exact keys: ~p ~p~n", [persistent_term:get(1), persistent_term:get(1.0)]),
    %% Overwriting replaces; putting an equal value changes nothing.
    ok = persistent_term:put(1, integer2),
    ok = persistent_term:put(1, integer2),
    io:format("overwritten: ~p~n", [persistent_term:get(1)]),
    %% Another process writes; this one reads; the writer has exited.
    Self = self(),
    {Pid, MRef} = spawn_monitor(fun() ->
                                     Mine = {made_by, lists:seq(1, 5), binary:copy(<<"x">>, 500)},
                                     ok = persistent_term:put({vm_pt, from_child}, Mine),
                                     Self ! {done, Mine}
                                 end),
    Mine = receive {done, M} -> M end,
    receive {'DOWN', MRef, process, Pid, normal} -> ok end,
    io:format("child's term outlives it: ~p~n", [persistent_term:get({vm_pt, from_child}) =:= Mine]),
    %% Many readers at once.
    Readers = [spawn_monitor(fun() ->
                                     V = persistent_term:get({vm_pt, config}),
                                     exit({read, V =:= Value})
                             end) || _ <- lists:seq(1, 20)],
    Results = [receive {'DOWN', R, process, P, Why} -> Why end || {P, R} <- Readers],
    io:format("readers: ~p~n", [lists:usort(Results)]),
    All = persistent_term:get(),
    io:format("get/0 has ours: ~p ~p~n", [lists:member({{vm_pt, config}, Value}, All),
                                          lists:member({1.0, float}, All)]),
    io:format("erase: ~p ~p ~p~n", [persistent_term:erase({vm_pt, config}),
                                    persistent_term:erase({vm_pt, config}),
                                    persistent_term:get({vm_pt, config}, gone)]),
    [true = persistent_term:erase(K) || K <- [1, 1.0, {vm_pt, from_child}]],
    #{count := C2} = persistent_term:info(),
    io:format("count back: ~p~n", [C2 =:= C0]),
    io:format("put of any term: ~p~n", [[persistent_term:put(K, v) || K <- [[], <<>>, self(), make_ref()]]]),
    ok.
