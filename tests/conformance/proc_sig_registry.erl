% kiln conformance: register/unregister/whereis/registered and sends by name
-module(proc_sig_registry).
-export([main/1]).
-mode(compile).

t(Label, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~s: ~p~n", [Label, R]).

main(_) ->
    Self = self(),
    t("register self", fun() -> register(sig_reg_main, self()) end),
    t("whereis", fun() -> whereis(sig_reg_main) =:= Self end),
    t("registered has it", fun() -> lists:member(sig_reg_main, registered()) end),
    t("send by name", fun() -> sig_reg_main ! hello, receive X -> X end end),
    t("send by name and node", fun() -> {sig_reg_main, node()} ! hi, receive X -> X end end),
    t("erlang:send by name", fun() -> erlang:send(sig_reg_main, hey), receive X -> X end end),
    t("process_info name", fun() -> process_info(self(), registered_name) end),
    t("register twice", fun() -> register(sig_reg_main, self()) end),
    t("second name", fun() -> register(sig_reg_other, self()) end),
    t("register undefined", fun() -> register(undefined, spawn(fun() -> ok end)) end),
    t("register non-atom", fun() -> register("name", self()) end),
    t("register non-pid", fun() -> register(sig_reg_x, self) end),
    t("whereis unknown", fun() -> whereis(sig_reg_nobody) end),
    t("whereis non-atom", fun() -> whereis({a}) end),
    t("send unknown name", fun() -> sig_reg_nobody ! hi end),
    t("send unknown name, node", fun() -> {sig_reg_nobody, node()} ! hi end),
    t("send other node", fun() -> {sig_reg_main, 'other@host'} ! hi end),
    t("send bad dest", fun() -> {1, 2} ! hi end),
    t("unregister", fun() -> unregister(sig_reg_main) end),
    t("unregister again", fun() -> unregister(sig_reg_main) end),
    t("name gone", fun() -> {whereis(sig_reg_main), process_info(self(), registered_name)} end),
    %% A process registered by another, and its name dropped at exit.
    P = spawn(fun() -> receive {ping, From} -> From ! pong end end),
    t("register other", fun() -> register(sig_reg_worker, P) end),
    t("process_info/1 starts with name", fun() -> hd(process_info(P)) end),
    sig_reg_worker ! {ping, self()},
    t("reply", fun() -> receive pong -> pong end end),
    R = monitor(process, P),
    receive {'DOWN', R, process, P, _} -> ok end,
    t("dead name unregistered", fun() -> whereis(sig_reg_worker) end),
    t("register dead", fun() -> register(sig_reg_dead, P) end),
    t("name free again", fun() -> Q = spawn(fun() -> receive _ -> ok end end), register(sig_reg_worker, Q) end),
    ok.
