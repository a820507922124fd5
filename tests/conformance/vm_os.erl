% kiln conformance: os:getenv/0,1,2, putenv/2, unsetenv/1, env/0, getpid/0, perf_counter/0,1, system_time/0,1 and OTP's badargs.
-module(vm_os).
-export([main/1]).
-mode(compile).

id(X) -> X.

try_it(F) ->
    try F() catch C:R -> {C, R} end.

main(_) ->
    io:format("unset: ~p ~p~n", [os:getenv("KILN_VM_OS_TEST"), os:getenv("KILN_VM_OS_TEST", "default")]),
    io:format("putenv: ~p~n", [os:putenv("KILN_VM_OS_TEST", "a=b c")]),
    io:format("getenv: ~p ~p~n", [os:getenv("KILN_VM_OS_TEST"), os:getenv("KILN_VM_OS_TEST", "default")]),
    io:format("deep name: ~p~n", [os:getenv(["KILN_VM_", "OS_TEST"])]),
    io:format("in getenv/0: ~p~n", [lists:member("KILN_VM_OS_TEST=a=b c", os:getenv())]),
    io:format("in env/0: ~p~n", [lists:keyfind("KILN_VM_OS_TEST", 1, os:env())]),
    io:format("unicode: ~p ~p~n", [os:putenv("KILN_VM_OS_UNI", [955, $x]), os:getenv("KILN_VM_OS_UNI")]),
    io:format("empty value: ~p ~p~n", [os:putenv("KILN_VM_OS_EMPTY", ""), os:getenv("KILN_VM_OS_EMPTY")]),
    io:format("unsetenv: ~p ~p~n", [os:unsetenv("KILN_VM_OS_TEST"), os:getenv("KILN_VM_OS_TEST")]),
    io:format("unsetenv missing: ~p~n", [os:unsetenv("KILN_VM_OS_NEVER_SET")]),
    [io:format("getenv(~p) -> ~p~n", [A, try_it(fun() -> os:getenv(id(A)) end)])
     || A <- [foo, <<"PATH">>, "", "A=B", [$F, $O | $O], "X" ++ [0]]],
    [io:format("putenv(~p, ~p) -> ~p~n", [N, V, try_it(fun() -> os:putenv(id(N), id(V)) end)])
     || {N, V} <- [{"", "v"}, {"X=3", "v"}, {x4, "v"}, {"KILN_VM_OS_X5", v},
                   {"KILN_VM_OS_X6", <<"v">>}, {"KILN_VM_OS_X8", [$v, 0]}]],
    [io:format("unsetenv(~p) -> ~p~n", [A, try_it(fun() -> os:unsetenv(id(A)) end)])
     || A <- ["", "A=B", x, <<"X2">>]],
    io:format("getenv(foo, def) -> ~p~n", [try_it(fun() -> os:getenv(id(foo), "def") end)]),
    Pid = os:getpid(),
    io:format("getpid: ~p~n", [Pid =/= [] andalso lists:all(fun(C) -> C >= $0 andalso C =< $9 end, Pid)]),
    P1 = os:perf_counter(),
    P2 = os:perf_counter(),
    io:format("perf_counter: ~p ~p~n", [is_integer(P1), P2 >= P1]),
    io:format("perf_counter(1000): ~p~n", [is_integer(os:perf_counter(1000))]),
    io:format("perf_counter(millisecond): ~p~n", [is_integer(os:perf_counter(millisecond))]),
    io:format("perf_counter(foo) -> ~p~n", [try_it(fun() -> os:perf_counter(id(foo)) end)]),
    io:format("system_time: ~p ~p~n", [is_integer(os:system_time()), os:system_time(second) > 1600000000]),
    io:format("system_time(foo) -> ~p~n", [try_it(fun() -> os:system_time(id(foo)) end)]),
    ok.
