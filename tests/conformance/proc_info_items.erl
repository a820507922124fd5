% kiln conformance: process_info links, registered_name, dictionary, trap_exit, and item lists
-module(proc_info_items).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    P = spawn(fun() -> server() end),
    io:format("links ~p~n", [process_info(P, links)]),
    io:format("registered_name ~p~n", [process_info(P, registered_name)]),
    io:format("dictionary ~p~n", [process_info(P, dictionary)]),
    io:format("trap_exit ~p~n", [process_info(P, trap_exit)]),
    register(kiln_info_srv, P),
    io:format("registered_name ~p~n", [process_info(P, registered_name)]),
    call(P, {put, alpha, 1}),
    call(P, {put, beta, [2]}),
    call(P, {trap, true}),
    Linked = [spawn(fun() -> receive stop -> ok end end) || _ <- [1, 2, 3]],
    _ = [call(P, {link, L}) || L <- Linked],
    {dictionary, D} = process_info(P, dictionary),
    io:format("dictionary ~p~n", [lists:sort(D)]),
    io:format("trap_exit ~p~n", [process_info(P, trap_exit)]),
    {links, Ls} = process_info(P, links),
    io:format("links are the three ~p~n", [lists:sort(Ls) =:= lists:sort(Linked)]),
    io:format("list ~p~n", [process_info(P, [registered_name, trap_exit, message_queue_len])]),
    call(P, {link, Self}),
    {links, Ls2} = process_info(P, links),
    io:format("parent linked too ~p~n", [lists:member(Self, Ls2) andalso length(Ls2) =:= 4]),
    call(P, {unlink, Self}),
    call(P, {unlink, hd(Linked)}),
    {links, Ls3} = process_info(P, links),
    io:format("after unlinking ~p~n", [lists:sort(Ls3) =:= lists:sort(tl(Linked))]),
    %% a linked process that exits disappears from the list
    lists:last(Linked) ! stop,
    receive after 0 -> ok end,
    M = monitor(process, lists:last(Linked)),
    receive {'DOWN', M, process, _, _} -> ok end,
    io:format("after an exit ~p~n", [wait_links(P, [lists:nth(2, Linked)], 1000)]),
    unregister(kiln_info_srv),
    io:format("registered_name ~p~n", [process_info(P, registered_name)]),
    try process_info(P, id(no_such_item)) of
        V -> io:format("returned ~p~n", [V])
    catch
        error:badarg -> io:format("unknown item: badarg~n")
    end,
    try process_info(id(self), status) of
        V2 -> io:format("returned ~p~n", [V2])
    catch
        error:badarg -> io:format("not a pid: badarg~n")
    end,
    lists:nth(2, Linked) ! stop,
    hd(Linked) ! stop.

call(P, Req) ->
    P ! {self(), Req},
    receive {P, Reply} -> Reply end.

server() ->
    receive
        {From, {put, K, V}} -> From ! {self(), put(K, V)};
        {From, {trap, V}} -> From ! {self(), process_flag(trap_exit, V)};
        {From, {link, L}} -> From ! {self(), link(L)};
        {From, {unlink, L}} -> From ! {self(), unlink(L)};
        {From, sync} -> From ! {self(), ok};
        {'EXIT', _, _} -> ok
    end,
    server().

%% The exit signal reaches P at its own pace: poll (with a limit) until the link is gone.
wait_links(_, _, 0) -> gave_up;
wait_links(P, Want, N) ->
    call(P, sync),
    case process_info(P, links) of
        {links, Want} -> true;
        _ -> timer:sleep(1), wait_links(P, Want, N - 1)
    end.

id(X) -> X.
