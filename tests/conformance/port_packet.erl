% kiln conformance (NATIVE ONLY): {packet, 1|2|4} round trips through cat and a small sh helper.
-module(port_packet).
-export([main/1]).
-mode(compile).

main(_) ->
    P = open_port({spawn, "cat"}, [binary, {packet, 2}]),
    true = port_command(P, <<"hello">>),
    true = port_command(P, ["ab", $c, <<"d">>]),
    true = port_command(P, <<>>),
    Big = list_to_binary(lists:duplicate(1000, $z)),
    true = port_command(P, Big),
    show([recv(P), recv(P), recv(P)]),
    show(recv(P) =:= Big),
    show([erlang:port_info(P, input), erlang:port_info(P, output)]),
    true = port_close(P),
    L = open_port({spawn, "cat"}, [{packet, 1}]),
    true = port_command(L, "list mode"),
    show(recv(L)),
    true = port_close(L),
    F = open_port({spawn, "cat"}, [{packet, 4}, binary]),
    true = port_command(F, lists:seq(0, 255)),
    show(byte_size(recv(F))),
    true = port_close(F),
    %% The helper writes two packets (2-byte headers) of its own.
    H = open_port({spawn_executable, "/bin/sh"},
                  [{args, ["-c", "printf '\\000\\003abc\\000\\002de'"]}, {packet, 2}, binary, exit_status]),
    show([recv(H), recv(H), status(H)]),
    %% A helper that reads a packet header and echoes one reversed-length packet.
    R = open_port({spawn_executable, "/bin/sh"},
                  [{args, ["-c", "head -c 5 >/dev/null; printf '\\000\\002ok'"]}, {packet, 2}, exit_status]),
    true = port_command(R, "xyz"),
    show([recv(R), status(R)]),
    ok.

recv(P) ->
    receive {P, {data, D}} -> D after 5000 -> timeout end.

status(P) ->
    receive {P, {exit_status, N}} -> {exit_status, N} after 5000 -> timeout end.

show(X) -> io:format("~p~n", [X]).
