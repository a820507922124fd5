% kiln conformance: a group leader written in Erlang captures io output
-module(io_gl_capture).
-export([main/1]).
-mode(compile).

%% A capture process speaking the I/O protocol: it records every request,
%% answers output with ok, get_line with a canned line, and anything else
%% with {error, request}.
capture(Log) ->
    receive
        {io_request, From, ReplyAs, Request} ->
            From ! {io_reply, ReplyAs, reply(Request)},
            capture([Request | Log]);
        {dump, From} ->
            From ! {log, lists:reverse(Log)},
            capture([]);
        stop ->
            ok
    end.

reply({put_chars, _, _}) -> ok;
reply({put_chars, _, _, _, _}) -> ok;
reply({get_line, _, _}) -> "kiln\n";
reply({requests, Rs}) -> lists:last([reply(R) || R <- Rs]);
reply(getopts) -> [{binary, false}, {encoding, unicode}];
reply(_) -> {error, request}.

dump(Capture) ->
    Capture ! {dump, self()},
    receive {log, Log} -> Log end.

show(Title, Log) ->
    io:format("~s:~n", [Title]),
    lists:foreach(fun(R) -> io:format("  ~p~n", [R]) end, Log).

main(_) ->
    Capture = spawn(fun() -> capture([]) end),
    Self = self(),
    %% A process that starts with the capture as its group leader.
    W = spawn(fun() ->
                  group_leader(Capture, self()),
                  io:format("hello ~p~n", [world]),
                  io:format("no args~n"),
                  io:fwrite("fwrite ~w~n", [[1, 2]]),
                  io:put_chars("chars\n"),
                  io:put_chars([<<"bin">>, "list", $\n]),
                  io:put_chars(<<"binary\n">>),
                  io:nl(),
                  io:write({a, "b"}),
                  Line = io:get_line("name? "),
                  Opts = io:getopts(),
                  Cols = io:columns(),
                  Self ! {worker, Line, Opts, Cols}
              end),
    receive {worker, Line, Opts, Cols} -> ok end,
    io:format("worker got ~p ~p ~p~n", [Line, Opts, Cols]),
    show("worker", dump(Capture)),
    %% Spawned processes inherit the group leader.
    spawn(fun() ->
              group_leader(Capture, self()),
              spawn(fun() -> io:format("from the child~n"), Self ! child_done end)
          end),
    receive child_done -> ok end,
    show("inherited", dump(Capture)),
    %% io:format/3 and friends with the capture's pid as the device.
    ok = io:format(Capture, "to a pid ~p~n", [1]),
    ok = io:put_chars(Capture, "put_chars to a pid\n"),
    ok = io:nl(Capture),
    ok = io:write(Capture, [x]),
    show("pid device", dump(Capture)),
    %% group_leader/2 on another, already running process.
    P = spawn(fun() -> receive go -> io:format("after the change~n"), Self ! p_done end end),
    true = group_leader(Capture, P),
    io:format("leader of P is the capture: ~p~n",
              [process_info(P, group_leader) =:= {group_leader, Capture}]),
    P ! go,
    receive p_done -> ok end,
    show("changed", dump(Capture)),
    %% Our own output is unaffected and the worker is gone.
    io:format("main's leader is user: ~p~n", [group_leader() =:= whereis(user)]),
    false = is_process_alive(W),
    Capture ! stop,
    ok.
