% kiln conformance: badarg cases of register/unregister and sending to unknown names
-module(proc_reg_errors).
-export([main/1]).
-mode(compile).

main(_) ->
    P = spawn(fun() -> receive stop -> ok end end),
    Q = spawn(fun() -> receive stop -> ok end end),
    true = register(kiln_err_a, P),
    try_it("name taken", fun() -> register(kiln_err_a, Q) end),
    try_it("pid already named", fun() -> register(kiln_err_other, P) end),
    try_it("undefined as a name", fun() -> register(undefined, Q) end),
    try_it("name not an atom", fun() -> register(id("name"), Q) end),
    try_it("unregister unknown", fun() -> unregister(kiln_err_unknown) end),
    try_it("send to unknown name", fun() -> kiln_err_unknown ! hello end),
    try_it("erlang:send to unknown name", fun() -> erlang:send(kiln_err_unknown, hello) end),
    try_it("whereis unknown", fun() -> whereis(kiln_err_unknown) end),
    {Dead, M} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', M, process, Dead, _} -> ok end,
    try_it("register a dead pid", fun() -> register(kiln_err_dead, Dead) end),
    try_it("whereis after failed register", fun() -> whereis(kiln_err_dead) end),
    try_it("send to a dead pid", fun() -> Dead ! hello end),
    try_it("send to an atom that is a pid's old name", fun() -> unregister(kiln_err_a), kiln_err_a ! x end),
    try_it("send to a non-pid", fun() -> id(42) ! hello end),
    P ! stop,
    Q ! stop.

try_it(What, F) ->
    R = try F() of
            V -> {ok, V}
        catch
            C:E -> {C, E}
        end,
    io:format("~s: ~p~n", [What, R]).

id(X) -> X.
