% kiln conformance (NATIVE ONLY): exit_status, eof, spawn_executable options and a port's normal end.
-module(port_exit_status).
-export([main/1]).
-mode(compile).

main(_) ->
    process_flag(trap_exit, true),
    P = open_port({spawn, "sh -c 'exit 3'"}, [exit_status]),
    show(wait(P)),
    Q = open_port({spawn, "echo hi"}, [exit_status]),
    show(wait(Q)),
    N = open_port({spawn, "echo no status"}, []),
    show(wait(N)),
    E = open_port({spawn, "echo hi; echo never"}, [stream, eof, exit_status]),
    show(until(E, eof)),
    show(erlang:port_info(E, name)),
    true = port_close(E),
    show(flush()),
    X = open_port({spawn, "nonexistent_kiln_command"}, [exit_status]),
    show(until(X, exit_status)),
    A = open_port({spawn_executable, "/bin/sh"},
                  [{args, ["-c", "echo $0 $1 $KILN_A ${KILN_B-unset}; pwd; exit 7", "one"]},
                   {arg0, "zero"}, {env, [{"KILN_A", "a"}, {"KILN_B", false}]},
                   {cd, "/"}, {line, 80}, binary, exit_status]),
    show(wait(A)),
    os:putenv("KILN_B", "set"),
    B = open_port({spawn_executable, "/bin/sh"},
                  [{args, ["-c", "echo ${KILN_B-unset}"]}, exit_status, in]),
    show(wait(B)),
    C = open_port({spawn, "echo to stderr >&2"}, [stderr_to_stdout, exit_status]),
    show(wait(C)),
    D = open_port({spawn_executable, "/bin/sh"},
                  [{args, ["-c", "cat <&3 >&4"]}, nouse_stdio, exit_status]),
    true = port_command(D, "via fd 3 and 4\n"),
    show(until(D, {data, "via fd 3 and 4\n"})),
    true = port_close(D),
    show(flush()),
    ok.

%% Everything the port sends, up to and including its exit signal.
wait(P) ->
    receive
        {P, M} -> [M | wait(P)];
        {'EXIT', P, R} -> [{'EXIT', R}]
    after 5000 -> [timeout]
    end.

until(P, Last) ->
    receive
        {P, Last} -> [Last];
        {P, {Last, _} = M} -> [M];
        {P, M} -> [M | until(P, Last)];
        {'EXIT', P, R} -> [{'EXIT', R}]
    after 5000 -> [timeout]
    end.

flush() ->
    receive {'EXIT', P, R} when is_port(P) -> [{'EXIT', R} | flush()];
            {P, M} when is_port(P) -> [M | flush()]
    after 100 -> [] end.

show(X) -> io:format("~p~n", [X]).
