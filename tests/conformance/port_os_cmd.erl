% kiln conformance (NATIVE ONLY): os:cmd/1,2 from OTP's os.erl, over a {spawn, "/bin/sh -s unix:cmd"} port.
-module(port_os_cmd).
-export([main/1]).
-mode(compile).

main(_) ->
    show(os:cmd("echo hello")),
    show(os:cmd("echo one; echo two")),
    show(os:cmd("printf 'c b a' | tr ' ' '\\n' | sort")),
    show(os:cmd("echo out; echo err >&2")),
    show(os:cmd("ls /nonexistent_kiln_dir 2>&1; echo status $?")),
    show(os:cmd("exit 3")),
    show(os:cmd(echo)),
    show(os:cmd(["echo", " deep", [" list"]])),
    show(os:cmd("cd / && pwd")),
    show(os:cmd("printf 'no newline'")),
    show(os:cmd("echo abcdef", #{max_size => 3})),
    show(os:cmd("echo abcdef", #{})),
    show(os:cmd("echo 'h\303\251llo'")),
    show(length(os:cmd("seq 1 20000"))),
    show(lists:sum([length(os:cmd("echo " ++ integer_to_list(N))) || N <- lists:seq(1, 20)])),
    show(catch_reason(fun() -> os:cmd(foo, bad) end)),
    show(catch_reason(fun() -> os:cmd({not_a_command}) end)),
    show(catch_reason(fun() -> os:cmd(id([$e, -1])) end)),
    ok.

show(X) -> io:format("~p~n", [X]).

catch_reason(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

id(X) -> X.
