% kiln conformance (NATIVE ONLY): a spawned cat echoing lines with {line, N}, as lists and binaries.
-module(port_line_cat).
-export([main/1]).
-mode(compile).

main(_) ->
    P = open_port({spawn, "cat"}, [{line, 8}]),
    true = port_command(P, "hello\n"),
    show(recv(P)),
    true = port_command(P, ["two ", <<"parts">>, $\n]),
    show(recv(P)),
    true = port_command(P, "exactly8\n"),
    show(recv(P)),
    true = port_command(P, "a line longer than eight\n"),
    show([recv(P), recv(P), recv(P), recv(P)]),
    true = port_command(P, "\n"),
    show(recv(P)),
    true = port_command(P, "x\ny\nz\n"),
    show([recv(P), recv(P), recv(P)]),
    true = port_close(P),
    B = open_port({spawn, "cat"}, [{line, 4}, binary]),
    B ! {self(), {command, <<"abc\ndefghij\n">>}},
    show([recv(B), recv(B), recv(B)]),
    true = port_close(B),
    %% The last line without its newline comes as noeol at end of input.
    E = open_port({spawn, "printf 'abc\\ndefgh'"}, [{line, 3}]),
    show([recv(E), recv(E), recv(E)]),
    %% Stream mode: everything as it comes, once cat has echoed it all.
    S = open_port({spawn, "cat"}, [stream]),
    true = port_command(S, "stream data\n"),
    show(collect(S, 12, [])),
    true = port_close(S),
    show(flush()),
    ok.

recv(P) ->
    receive {P, {data, D}} -> D after 5000 -> timeout end.

collect(_, 0, Acc) -> lists:append(lists:reverse(Acc));
collect(P, N, Acc) ->
    receive {P, {data, D}} -> collect(P, N - length(D), [D | Acc]) after 5000 -> timeout end.

flush() ->
    receive M -> [strip(M) | flush()] after 0 -> [] end.

strip({P, X}) when is_port(P) -> {port, X};
strip({'EXIT', P, X}) when is_port(P) -> {'EXIT', port, X};
strip(M) -> M.

show(X) -> io:format("~p~n", [X]).
