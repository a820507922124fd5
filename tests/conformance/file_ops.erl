% kiln conformance: file module: whole files, directories, file info, errors
-module(file_ops).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

sorted({ok, L}) -> {ok, lists:sort(L)};
sorted(Other) -> Other.

main(_) ->
    %% A directory of its own: the native and wasm32 runs of this program
    %% may run at the same time.
    Dir = "file_ops." ++ integer_to_list(erlang:system_time(nanosecond)) ++ ".tmp",
    _ = file:del_dir_r(Dir),
    p("make_dir", fun() -> file:make_dir(Dir) end),
    p("make_dir again", fun() -> file:make_dir(Dir) end),
    p("make_dir no parent", fun() -> file:make_dir(Dir ++ "/x/y") end),
    F = Dir ++ "/f.txt",
    p("write_file", fun() -> file:write_file(F, "hello\n") end),
    p("read_file", fun() -> file:read_file(F) end),
    p("append", fun() -> file:write_file(F, [<<"wor">>, "ld", $\n], [append]) end),
    p("read_file", fun() -> file:read_file(F) end),
    p("write mode", fun() -> file:write_file(F, <<"new">>, [write]) end),
    p("read_file", fun() -> file:read_file(F) end),
    p("write binary name", fun() -> file:write_file(list_to_binary(Dir ++ "/b.bin"), <<1, 2, 3>>) end),
    p("read atom name", fun() -> file:read_file(list_to_atom(Dir ++ "/b.bin")) end),
    p("read deep name", fun() -> file:read_file([Dir, [$/, 'b'], ".bin"]) end),
    p("write exclusive", fun() -> file:write_file(F, "x", [exclusive]) end),
    p("write bad data", fun() -> file:write_file(F, [a]) end),
    p("write bad data int", fun() -> file:write_file(F, 1) end),
    p("read bad name", fun() -> file:read_file(123) end),
    p("read bin in list name", fun() -> file:read_file([Dir, <<"/f.txt">>]) end),
    p("read missing", fun() -> file:read_file(Dir ++ "/nope") end),
    p("read dir", fun() -> file:read_file(Dir) end),
    p("read under file", fun() -> file:read_file(F ++ "/x") end),
    p("write to dir", fun() -> file:write_file(Dir, "x") end),
    p("list_dir", fun() -> sorted(file:list_dir(Dir)) end),
    p("list_dir_all", fun() -> sorted(file:list_dir_all(Dir)) end),
    p("list_dir missing", fun() -> file:list_dir(Dir ++ "/nope") end),
    p("list_dir file", fun() -> file:list_dir(F) end),
    p("rename", fun() -> file:rename(F, Dir ++ "/g.txt") end),
    p("rename missing", fun() -> file:rename(F, Dir ++ "/h.txt") end),
    p("list_dir", fun() -> sorted(file:list_dir(Dir)) end),
    p("copy", fun() -> file:copy(Dir ++ "/g.txt", Dir ++ "/c.txt") end),
    p("copy 2 bytes", fun() -> file:copy(Dir ++ "/g.txt", Dir ++ "/c2.txt", 2) end),
    p("read copy", fun() -> file:read_file(Dir ++ "/c2.txt") end),
    p("copy missing", fun() -> file:copy(Dir ++ "/nope", Dir ++ "/c3.txt") end),
    p("delete", fun() -> file:delete(Dir ++ "/c2.txt") end),
    p("delete again", fun() -> file:delete(Dir ++ "/c2.txt") end),
    Sub = Dir ++ "/sub",
    p("make sub", fun() -> file:make_dir(Sub) end),
    p("delete dir", fun() -> file:delete(Sub) end),
    p("write in sub", fun() -> file:write_file(Sub ++ "/x", "12345") end),
    p("del_dir nonempty", fun() -> file:del_dir(Sub) end),
    p("del_dir file", fun() -> file:del_dir(Dir ++ "/g.txt") end),
    p("del_dir missing", fun() -> file:del_dir(Dir ++ "/nope") end),
    %% File information.
    {ok, Info} = file:read_file_info(Sub ++ "/x"),
    p("info tag", fun() -> element(1, Info) end),
    p("info size/type/access", fun() -> {element(2, Info), element(3, Info), element(4, Info)} end),
    p("info mtime shape", fun() -> {{Y, Mo, D}, {H, Mi, S}} = element(6, Info),
                                   lists:all(fun is_integer/1, [Y, Mo, D, H, Mi, S]) andalso Y >= 2020 end),
    p("info size", fun() -> tuple_size(Info) end),
    {ok, DInfo} = file:read_file_info(Sub, [{time, posix}]),
    p("dir info type", fun() -> element(3, DInfo) end),
    p("posix mtime", fun() -> is_integer(element(6, DInfo)) andalso element(6, DInfo) > 1500000000 end),
    {ok, UInfo} = file:read_file_info(Sub ++ "/x", [{time, universal}]),
    p("universal mtime", fun() -> calendar:datetime_to_gregorian_seconds(element(6, UInfo)) > 63000000000 end),
    p("info missing", fun() -> file:read_file_info(Dir ++ "/nope") end),
    p("info under file", fun() -> file:read_file_info(Sub ++ "/x/y") end),
    p("info bad option", fun() -> file:read_file_info(Sub, [{time, bad}]) end),
    p("link info", fun() -> {ok, L} = file:read_link_info(Sub ++ "/x"), element(3, L) end),
    %% The current directory.
    {ok, Cwd} = file:get_cwd(),
    p("cwd is absolute", fun() -> filename:pathtype(Cwd) end),
    p("set_cwd missing", fun() -> file:set_cwd(Dir ++ "/nope") end),
    p("set_cwd file", fun() -> file:set_cwd(Dir ++ "/g.txt") end),
    p("set_cwd", fun() -> file:set_cwd(Sub) end),
    p("read relative", fun() -> file:read_file("x") end),
    p("cwd changed", fun() -> {ok, C} = file:get_cwd(), filename:basename(C) end),
    p("set_cwd back", fun() -> file:set_cwd(Cwd) end),
    p("cwd restored", fun() -> file:get_cwd() =:= {ok, Cwd} end),
    %% Errors as text.
    p("format_error", fun() -> [file:format_error(E) || E <- [enoent, eacces, eexist, enotdir, eisdir,
                                                              enotempty, einval, eperm, ebadf, badarg,
                                                              terminated, foo]] end),
    p("del_dir_r", fun() -> file:del_dir_r(Dir) end),
    p("del_dir_r again", fun() -> file:del_dir_r(Dir) end),
    p("gone", fun() -> file:read_file_info(Dir) end).
