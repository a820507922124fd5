% kiln conformance: reading standard input through the user server at end of input
-module(io_gl_input).
-export([main/1]).
-mode(compile).

main(_) ->
    p(io:get_line("line> ")),
    p(io:get_line('atom> ')),
    p(io:get_line({format, "~p> ", [fmt]})),
    p(io:get_line("")),
    p(io:get_chars("chars> ", 3)),
    p(io:get_chars("", 0)),
    p(io:read("term> ")),
    p(io:read(user, "")),
    p(io:read(standard_io, "", 1)),
    p(io:read(user, "", {1, 1}, [])),
    p(io:get_line(user, "")),
    p(io:get_chars(standard_io, "", 1)),
    p(io:scan_erl_exprs("")),
    p(io:parse_erl_exprs("")),
    p(io:parse_erl_form("")),
    p(io:request(user, {get_line, latin1, ""})),
    p(io:request(user, {get_chars, latin1, "", 2})),
    p(io:request(user, {get_until, latin1, "", erl_scan, tokens, [1]})),
    p(io:request(user, {get_line, ""})),
    p(io:get_line(standard_error, "")),
    p(io:get_chars(standard_error, "", 1)),
    p(io:read(standard_error, "")),
    p(io:get_line(nowhere, "")),
    p(io:get_password()),
    %% A process spawned later reads through the same server.
    Self = self(),
    spawn(fun() -> Self ! {child, io:get_line("child> ")} end),
    receive {child, L} -> p(L) end,
    ok.

p(X) -> io:format("~n~p~n", [X]).
