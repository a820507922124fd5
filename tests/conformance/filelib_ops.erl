% kiln conformance: filelib: wildcard, fold_files, ensure_dir/ensure_path, queries
-module(filelib_ops).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(L, F) -> io:format("~s: ~p~n", [L, hide(t(F))]).

%% The result with the directory's name replaced by "W".
hide(Name = [C | _]) when is_integer(C) ->
    W = get(dir),
    case lists:prefix(W, Name) of
        true -> "W" ++ lists:nthtail(length(W), Name);
        false -> Name
    end;
hide(B) when is_binary(B) -> list_to_binary(hide(binary_to_list(B)));
hide(L) when is_list(L) -> [hide(X) || X <- L];
hide(T) when is_tuple(T) -> list_to_tuple(hide(tuple_to_list(T)));
hide(X) -> X.

main(_) ->
    %% A directory of its own: the native and wasm32 runs of this program
    %% may run at the same time. Results are printed with it shown as "W".
    W = "filelib_ops." ++ integer_to_list(erlang:system_time(nanosecond)) ++ ".tmp",
    put(dir, W),
    _ = file:del_dir_r(W),
    [ok = filelib:ensure_dir(W ++ D) || D <- ["/a/b/", "/c/x", "/.h/"]],
    [ok = file:write_file(W ++ F, "x") || F <- ["/a/1.erl", "/a/2.hrl", "/a/b/3.erl", "/.hid", "/c/x",
                                                "/top.erl", "/.h/z.erl", "/a/b/.d.erl", "/Ab.txt",
                                                "/aa.txt", "/a{b", "/x,y"]],
    lists:foreach(
      fun(Pat) -> p(Pat, fun() -> filelib:wildcard(W ++ Pat) end) end,
      ["/*", "/**/*.erl", "/*/*.erl", "/?.erl", "/{a,c}", "/[a-b]*", "/a/*.{erl,hrl}", "/**",
       "/nope/*", "/a/1.erl", "/a/nope.erl", "/*.txt", "/[^a]*", "/[!a]*", "/a/b/", "//a",
       "/a/./b", "/a/../c", "/**/b", "/[A-Z]*", "/\\*", "/.*", "/[a", "/{a", "/a\\{b",
       "/x\\,y", "/{x\\,y,q}", "/*/", "/**/", "/{}", "/a/[0-9].*", "/?", "/??", "/a*a*",
       "/[a-]*", "/[]a]*", "/a]"]),
    p("wildcard cwd", fun() -> filelib:wildcard("*.erl", W ++ "/a") end),
    p("wildcard cwd 2", fun() -> filelib:wildcard("a/*", W) end),
    p("wildcard cwd **", fun() -> filelib:wildcard("**/*.erl", W) end),
    p("wildcard cwd missing", fun() -> filelib:wildcard("*", W ++ "/nope") end),
    p("wildcard deep", fun() -> filelib:wildcard([W, "/", ['*', ".txt"]]) end),
    p("wildcard atom", fun() -> filelib:wildcard('x') end),
    p("wildcard binary", fun() -> filelib:wildcard(<<"x">>) end),
    p("queries", fun() -> [filelib:is_dir(W), filelib:is_dir(W ++ "/top.erl"), filelib:is_file(W),
                           filelib:is_file(W ++ "/top.erl"), filelib:is_file(W ++ "/nope"),
                           filelib:is_regular(W), filelib:is_regular(W ++ "/top.erl"),
                           filelib:file_size(W ++ "/top.erl"), filelib:file_size(W ++ "/nope"),
                           filelib:last_modified(W ++ "/nope"), filelib:is_dir(list_to_binary(W)),
                           filelib:is_file(list_to_atom(W ++ "/top.erl"))] end),
    p("last_modified", fun() -> {{_, _, _}, {_, _, _}} = filelib:last_modified(W ++ "/top.erl"), ok end),
    p("ensure_dir under file", fun() -> filelib:ensure_dir(W ++ "/top.erl/x/y") end),
    p("ensure_path", fun() -> filelib:ensure_path(W ++ "/p/q") end),
    p("ensured", fun() -> filelib:is_dir(W ++ "/p/q") end),
    p("ensure_path under file", fun() -> filelib:ensure_path(W ++ "/top.erl/z") end),
    p("ensure_dir existing", fun() -> [filelib:ensure_dir(W), filelib:ensure_dir(W ++ "/"),
                                       filelib:ensure_path(W), filelib:ensure_path(W ++ "/a/")] end),
    Fold = fun(Dir, Re, Rec) -> lists:sort(filelib:fold_files(Dir, Re, Rec, fun(F, A) -> [F | A] end, [])) end,
    p("fold .erl", fun() -> Fold(W, ".*\\.erl$", true) end),
    p("fold flat", fun() -> Fold(W, "erl", false) end),
    p("fold binary", fun() -> Fold(list_to_binary(W), "^[0-9]", true) end),
    p("fold groups", fun() -> Fold(W, "^(a|A)[a-z]\\.(txt|md)$", false) end),
    p("fold empty re", fun() -> Fold(W, "", false) end),
    p("fold dot", fun() -> Fold(W, "^\\.", true) end),
    p("fold class", fun() -> Fold(W, "[^.]+\\.e.l", true) end),
    p("fold quantifiers", fun() -> Fold(W, "^x+,?y?$", true) end),
    p("fold missing", fun() -> Fold(W ++ "/nope", ".*", true) end),
    p("count", fun() -> filelib:fold_files(W, "", true, fun(_, N) -> N + 1 end, 0) end),
    p("safe_relative_path", fun() -> [filelib:safe_relative_path(X, ".") || X <- ["a/b", "a/../b", "../a", "a/./b/..", "/a", "", ".", "a/b/../..", <<"a/../b">>, "a/../../b", <<"a/..">>]] end),
    ok = file:del_dir_r(W),
    p("cleaned", fun() -> filelib:is_dir(W) end).
