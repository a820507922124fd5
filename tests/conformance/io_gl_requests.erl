% kiln conformance: io:request/2, nested requests and errors from I/O servers
-module(io_gl_requests).
-export([main/1]).
-mode(compile).

echo() ->
    receive
        {io_request, From, ReplyAs, Request} ->
            From ! {io_reply, ReplyAs, {got, Request}},
            echo();
        stop ->
            ok
    end.

main(_) ->
    p(group_leader() =:= whereis(user)),
    p(is_pid(whereis(standard_error))),
    p(whereis(user) =/= whereis(standard_error)),
    %% The user server.
    p(io:request(user, getopts)),
    p(io:request(user, {get_geometry, columns})),
    p(io:request(user, {get_geometry, rows})),
    p(io:request(user, not_a_request)),
    p(io:request(user, {put_chars, latin1, <<"latin1 binary\n">>})),
    p(io:request(user, {put_chars, unicode, <<"unicode binary\n">>})),
    p(io:request(user, {put_chars, unicode, io_lib, format, ["mfa ~p~n", [x]]})),
    p(io:request(user, {put_chars, unicode, io_lib, format, [id("bad ~p~n"), []]})),
    p(io:request(user, {put_chars, unicode, [-1]})),
    p(io:request(user, {put_chars, latin1, [300]})),
    p(io:request(user, {put_chars, "old style\n"})),
    p(io:request(standard_io, {put_chars, unicode, "standard_io\n"})),
    p(io:request({put_chars, unicode, "request/1\n"})),
    p(io:request(nowhere, getopts)),
    %% Lists of requests: the last reply, or the first error.
    p(io:request(user, {requests, [{put_chars, latin1, <<"a">>}, {put_chars, latin1, <<"b\n">>}]})),
    p(io:request(user, {requests, [{put_chars, latin1, <<"c">>}, bad, {put_chars, latin1, <<"d\n">>}]})),
    p(io:request(user, {requests, [{put_chars, latin1, <<"e\n">>}, getopts]})),
    p(io:requests([{put_chars, unicode, "f"}, {requests, [{put_chars, unicode, "g"}, nl]}, nl])),
    p(io:requests(user, [{format, "~p", [h]}, nl])),
    %% What io sends a server of its own.
    E = spawn(fun echo/0),
    p(io:request(E, {format, "x~p", [1]})),
    p(io:request(E, {put_chars, unicode, "list"})),
    p(io:request(E, {put_chars, unicode, <<"bin">>})),
    p(io:request(E, nl)),
    p(io:request(E, {write, t})),
    p(io:request(E, {get_line, unicode, "? "})),
    p(io:request(E, {fread, "? ", "~d"})),
    p(io:request(E, anything)),
    p(io:requests(E, [{put_chars, unicode, "a"}, {requests, [nl, {format, "b", []}]}, {write, c}])),
    p(io:getopts(E)),
    p(io:columns(E)),
    E ! stop,
    %% Options of the two servers.
    p(io:getopts()),
    p(io:getopts(user)),
    p(io:getopts(standard_error)),
    p(io:columns()),
    p(io:rows()),
    p(io:columns(standard_error)),
    p(io:setopts([{echo, true}])),
    p(io:setopts(standard_error, [binary])),
    p(io:setopts(standard_error, [{encoding, latin1}])),
    p(io:setopts([{encoding, unicode}])),
    p(io:getopts()),
    io:format("~ts ~s~n", [[955, 233], [233]]),
    io:put_chars([955, $\n]),
    p(io:setopts([latin1])),
    io:format("~ts ~s~n", [[955, 233], [233]]),
    io:put_chars([955, $\n]),
    p(io:getopts()),
    %% Errors.
    p(catching(fun() -> io:format(nowhere, "x", []) end)),
    p(catching(fun() -> io:format(self(), "x", []) end)),
    p(catching(fun() -> io:format(id("~p"), []) end)),
    p(catching(fun() -> io:put_chars(user, [-1]) end)),
    Dead = spawn(fun() -> ok end),
    wait_dead(Dead),
    p(catching(fun() -> io:format(Dead, "x", []) end)),
    p(catching(fun() -> io:put_chars(Dead, "x") end)),
    p(io:request(Dead, getopts)),
    p(io:get_line(Dead, "")),
    ok.

wait_dead(Pid) ->
    case is_process_alive(Pid) of
        true -> receive after 1 -> wait_dead(Pid) end;
        false -> ok
    end.

p(X) -> io:format("~p~n", [X]).

id(X) -> X.

catching(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.
