% kiln conformance: file module: open, read_line, read, write, position, close
-module(file_io).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    %% A directory of its own: the native and wasm32 runs of this program
    %% may run at the same time.
    Dir = "file_io." ++ integer_to_list(erlang:system_time(nanosecond)) ++ ".tmp",
    _ = file:del_dir_r(Dir),
    ok = file:make_dir(Dir),
    F = Dir ++ "/lines.txt",
    ok = file:write_file(F, "first line\nsecond\n\nlast without newline"),
    p("open missing", fun() -> file:open(Dir ++ "/nope", [read]) end),
    {ok, R} = file:open(F, [read]),
    p("read_line 1", fun() -> file:read_line(R) end),
    p("read 3", fun() -> file:read(R, 3) end),
    p("read_line 2", fun() -> file:read_line(R) end),
    p("read_line 3", fun() -> file:read_line(R) end),
    p("read_line 4", fun() -> file:read_line(R) end),
    p("read_line eof", fun() -> file:read_line(R) end),
    p("read eof", fun() -> file:read(R, 5) end),
    p("position bof", fun() -> file:position(R, bof) end),
    p("read 5", fun() -> file:read(R, 5) end),
    p("position cur", fun() -> file:position(R, {cur, 1}) end),
    p("read_line rest", fun() -> file:read_line(R) end),
    p("position eof", fun() -> file:position(R, eof) end),
    p("write to read-only", fun() -> file:write(R, "x") end),
    p("close", fun() -> file:close(R) end),
    p("read after close", fun() -> file:read_line(R) end),
    {ok, B} = file:open(F, [read, binary]),
    p("binary read_line", fun() -> file:read_line(B) end),
    p("binary read", fun() -> file:read(B, 100) end),
    p("binary eof", fun() -> file:read(B, 1) end),
    ok = file:close(B),
    W = Dir ++ "/out.txt",
    {ok, O} = file:open(W, [write]),
    p("write", fun() -> file:write(O, ["ab", <<"cd">>, $e, "\n"]) end),
    p("write more", fun() -> file:write(O, <<"second\n">>) end),
    p("read from write-only", fun() -> file:read(O, 1) end),
    p("write bad", fun() -> file:write(O, [foo]) end),
    ok = file:close(O),
    p("written", fun() -> file:read_file(W) end),
    {ok, A} = file:open(W, [append]),
    ok = file:write(A, "appended\n"),
    ok = file:close(A),
    p("appended", fun() -> file:read_file(W) end),
    {ok, RW} = file:open(W, [read, write, binary]),
    p("rw read_line", fun() -> file:read_line(RW) end),
    p("rw write", fun() -> file:write(RW, "XY") end),
    p("rw position", fun() -> file:position(RW, 0) end),
    p("rw read", fun() -> file:read(RW, 100) end),
    ok = file:close(RW),
    {ok, T} = file:open(W, [write]),
    ok = file:close(T),
    p("truncated", fun() -> file:read_file(W) end),
    p("exclusive existing", fun() -> file:open(W, [write, exclusive]) end),
    {ok, C} = file:open(Dir ++ "/copy.txt", [write]),
    p("copy to handle", fun() -> file:copy(F, C) end),
    ok = file:close(C),
    p("copied", fun() -> file:read_file(Dir ++ "/copy.txt") end),
    %% Many lines, more than one read-ahead buffer.
    Lines = [integer_to_list(N) ++ "\n" || N <- lists:seq(1, 3000)],
    ok = file:write_file(Dir ++ "/many.txt", Lines),
    {ok, M} = file:open(Dir ++ "/many.txt", [read]),
    p("count lines", fun() -> count(M, 0, 0) end),
    ok = file:close(M),
    ok = file:del_dir_r(Dir),
    p("cleaned", fun() -> file:read_file_info(Dir) end).

count(Fd, N, Sum) ->
    case file:read_line(Fd) of
        {ok, Line} -> count(Fd, N + 1, Sum + list_to_integer(lists:droplast(Line)));
        eof -> {N, Sum}
    end.
