% kiln conformance: process_info/1,2, process_flag/2, is_process_alive/1, spawn_opt
-module(proc_sig_info).
-export([main/1, worker/1]).
-mode(compile).

t(Label, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~s: ~p~n", [Label, R]).

worker(Parent) ->
    Parent ! {ready, self()},
    receive stop -> ok end.

main(_) ->
    logger:set_primary_config(level, none),
    Self = self(),
    t("keys", fun() -> [K || {K, _} <- process_info(self())] end),
    t("status", fun() -> process_info(self(), status) end),
    t("items", fun() -> process_info(self(), [trap_exit, priority, registered_name, message_queue_len]) end),
    t("bad item", fun() -> process_info(self(), bogus) end),
    t("bad item in list", fun() -> process_info(self(), [status, bogus]) end),
    t("bad pid", fun() -> process_info(bogus) end),
    self() ! a, self() ! {b, 2},
    t("own queue", fun() -> process_info(self(), [message_queue_len, messages]) end),
    receive a -> ok end, receive {b, _} -> ok end,
    put(k1, v1),
    t("dictionary", fun() -> process_info(self(), dictionary) end),
    erase(k1),
    t("trap_exit flag", fun() -> {process_flag(trap_exit, true), process_flag(trap_exit, false)} end),
    t("trap_exit bad", fun() -> process_flag(trap_exit, yes) end),
    t("priority", fun() -> {process_flag(priority, high), process_info(self(), priority), process_flag(priority, normal)} end),
    t("priority bad", fun() -> process_flag(priority, urgent) end),
    t("min_heap_size", fun() -> process_flag(min_heap_size, 1000) end),
    t("unknown flag", fun() -> process_flag(bogus, 1) end),
    t("alive", fun() -> is_process_alive(self()) end),
    t("alive bad", fun() -> is_process_alive(bogus) end),
    t("processes", fun() -> lists:member(self(), processes()) end),
    t("yield", fun() -> erlang:yield() end),
    t("group_leader", fun() -> is_pid(group_leader()) end),
    W = spawn(?MODULE, worker, [Self]),
    receive {ready, W} -> ok end,
    t("other initial_call", fun() -> process_info(W, initial_call) end),
    t("other trap_exit", fun() -> process_info(W, trap_exit) end),
    t("other links", fun() -> process_info(W, links) end),
    t("same group leader", fun() -> process_info(W, group_leader) =:= {group_leader, group_leader()} end),
    t("fun initial_call", fun() -> process_info(spawn(fun() -> receive _ -> ok end end), initial_call) end),
    R = monitor(process, W),
    W ! stop,
    receive {'DOWN', R, process, W, _} -> ok end,
    t("dead", fun() -> {process_info(W), process_info(W, status), process_info(W, [status]), is_process_alive(W)} end),
    t("spawn_opt monitor", fun() ->
                                   {P, Ref} = spawn_opt(fun() -> exit(bye) end, [monitor, {priority, low}, {fullsweep_after, 5}, {min_heap_size, 500}, {message_queue_data, off_heap}]),
                                   receive {'DOWN', Ref, process, P, Why} -> Why end
                           end),
    t("spawn_opt link", fun() ->
                                process_flag(trap_exit, true),
                                P = spawn_opt(?MODULE, worker, [Self], [link]),
                                receive {ready, P} -> ok end,
                                {links, L} = process_info(P, links),
                                P ! stop,
                                receive {'EXIT', P, Why} -> {L =:= [Self], Why} end
                        end),
    t("spawn_opt bad option", fun() -> spawn_opt(fun() -> ok end, [bogus]) end),
    t("spawn_opt bad priority", fun() -> spawn_opt(fun() -> ok end, [{priority, urgent}]) end),
    t("spawn_opt not a list", fun() -> spawn_opt(fun() -> ok end, link) end),
    t("spawn/2 here", fun() -> P = spawn(node(), fun() -> Self ! here end), receive here -> is_pid(P) end end),
    t("spawn/4 here", fun() -> P = spawn(node(), ?MODULE, worker, [Self]), receive {ready, P} -> P ! stop, ok end end),
    t("spawn/2 bad node", fun() -> spawn(42, fun() -> ok end) end),
    t("spawn_monitor/3", fun() -> {P, Ref} = spawn_monitor(lists, seq, [1, 3]), receive {'DOWN', Ref, process, P, Why} -> Why end end),
    t("spawn_link/3 undef", fun() ->
                                    P = spawn_link(nosuchmod, f, []),
                                    receive {'EXIT', P, {undef, [{nosuchmod, f, [], _} | _]}} -> undef end
                            end),
    ok.
