% kiln conformance: process BIFs called with bad arguments raise badarg in the caller
-module(proc_exit_badarg).
-export([main/1]).
-mode(compile).

main(_) ->
    P = spawn(fun() -> receive stop -> ok end end),
    register(kiln_badarg_name, P),
    t("exit/2 to a registered name", fun() -> exit(id(kiln_badarg_name), bye) end),
    t("exit/2 to an integer", fun() -> exit(id(42), bye) end),
    t("link/1 to a name", fun() -> link(id(kiln_badarg_name)) end),
    t("unlink/1 of an integer", fun() -> unlink(id(7)) end),
    t("spawn/1 of a non-fun", fun() -> spawn(id(not_a_fun)) end),
    t("spawn/3 with improper args", fun() -> spawn(lists, reverse, id([a | b])) end),
    t("spawn/3 with a non-atom module", fun() -> spawn(id("lists"), reverse, [[]]) end),
    t("spawn_link/1 of a non-fun", fun() -> spawn_link(id(42)) end),
    t("spawn_monitor/1 of a non-fun", fun() -> spawn_monitor(id(42)) end),
    t("spawn_opt/2 with a non-list", fun() -> spawn_opt(fun() -> ok end, id(link)) end),
    t("process_flag unknown flag", fun() -> process_flag(id(no_such_flag), true) end),
    t("demonitor/2 bad option", fun() -> demonitor(make_ref(), [id(bogus)]) end),
    t("erlang:send_after to an integer", fun() -> erlang:send_after(10, id(42), x) end),
    t("erlang:read_timer of an atom", fun() -> erlang:read_timer(id(nope)) end),
    t("monitor of self", fun() -> R = monitor(process, self()), is_reference(R) end),
    t("register of a pid-less name", fun() -> register(kiln_badarg_other, id(self)) end),
    t("is_process_alive of a name", fun() -> is_process_alive(id(kiln_badarg_name)) end),
    t("spawn_monitor/1 of a fun of arity 1", fun() -> spawn_monitor(id(fun(X) -> X end)) end),
    receive M -> io:format("unexpected message ~p~n", [M]) after 10 -> io:format("no messages~n") end,
    P ! stop.

t(What, F) ->
    R = try F() of
            V -> {ok, V}
        catch
            C:E -> {C, E}
        end,
    io:format("~s: ~p~n", [What, R]).

id(X) -> X.
