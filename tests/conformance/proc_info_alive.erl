% kiln conformance: is_process_alive/1 through a process's life; processes/0 contains live ones
-module(proc_info_alive).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    P = spawn(fun() -> receive {From, ping} -> From ! pong end, receive stop -> ok end end),
    io:format("new ~p~n", [is_process_alive(P)]),
    P ! {Self, ping},
    receive pong -> ok end,
    io:format("after a reply ~p~n", [is_process_alive(P)]),
    io:format("in processes() ~p~n", [lists:member(P, processes())]),
    io:format("self in processes() ~p~n", [lists:member(self(), processes())]),
    M = monitor(process, P),
    P ! stop,
    receive {'DOWN', M, process, P, normal} -> ok end,
    io:format("after 'DOWN' ~p~n", [is_process_alive(P)]),
    io:format("in processes() ~p~n", [lists:member(P, processes())]),
    Many = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, 100)],
    io:format("100 alive ~p~n", [lists:all(fun is_process_alive/1, Many)]),
    Mons = [monitor(process, X) || X <- Many],
    _ = [exit(X, kill) || X <- Many],
    _ = [receive {'DOWN', R, process, _, killed} -> ok end || R <- Mons],
    io:format("100 dead ~p~n", [not lists:any(fun is_process_alive/1, Many)]),
    try is_process_alive(id(not_a_pid)) of
        V -> io:format("returned ~p~n", [V])
    catch
        error:badarg -> io:format("not a pid: badarg~n")
    end.

id(X) -> X.
