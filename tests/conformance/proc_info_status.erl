% kiln conformance: process_info status, message_queue_len and is_process_alive
-module(proc_info_status).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    P = spawn(fun() -> Self ! ready, receive {go, From} -> From ! {done, self()} end, receive stop -> ok end end),
    receive ready -> ok end,
    io:format("status ~p~n", [wait_status(P, waiting, 1000)]),
    io:format("self ~p~n", [process_info(self(), status)]),
    io:format("queue ~p~n", [process_info(P, message_queue_len)]),
    P ! one, P ! two, P ! three,
    io:format("queue ~p~n", [process_info(P, message_queue_len)]),
    P ! {go, Self},
    receive {done, P} -> ok end,
    io:format("queue after the match ~p~n", [process_info(P, message_queue_len)]),
    io:format("alive ~p~n", [is_process_alive(P)]),
    self() ! a, self() ! b,
    io:format("own queue ~p~n", [process_info(self(), message_queue_len)]),
    receive a -> ok end,
    io:format("own queue ~p~n", [process_info(self(), message_queue_len)]),
    receive b -> ok end,
    M = monitor(process, P),
    P ! stop,
    receive {'DOWN', M, process, P, _} -> ok end,
    io:format("alive ~p~n", [is_process_alive(P)]),
    io:format("dead status ~p~n", [process_info(P, status)]),
    io:format("dead list ~p~n", [process_info(P, [status, message_queue_len])]),
    io:format("self alive ~p~n", [is_process_alive(self())]).

%% A process that has just been woken may briefly be runnable; poll until it waits.
wait_status(P, Want, 0) -> {gave_up, process_info(P, status), Want};
wait_status(P, Want, N) ->
    case process_info(P, status) of
        {status, Want} -> {status, Want};
        _ -> erlang:yield(), timer:sleep(1), wait_status(P, Want, N - 1)
    end.
