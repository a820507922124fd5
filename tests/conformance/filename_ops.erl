% kiln conformance: filename module (Unix names), strings, binaries, atoms, deep lists
-module(filename_ops).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(L, F) -> io:format("~s: ~p~n", [L, t(F)]).

main(_) ->
    Names = ["", "/", "//", "a", "a/", "/a", "/a/", "a/b", "a//b", "/a/b/", "a/b.erl", "/a/b.erl",
             ".erl", "a.b/c", "a.b/c.d", ".bashrc", "a/.bashrc", "a/b.", "a/b..c", "..", ".", "./a",
             "a/./b", "a/../b", "/..", "x.tar.gz", "//a//b//", "a/b/c.erl/", ".a.b", "a.erl/",
             <<"a/b.erl">>, <<"/">>, <<"">>, <<"a//b/">>, 'foo/bar.erl', ["a", [$/, "b"], 'c.d']],
    lists:foreach(
      fun(N) ->
              io:format("== ~p~n", [N]),
              p("basename", fun() -> filename:basename(N) end),
              p("dirname", fun() -> filename:dirname(N) end),
              p("extension", fun() -> filename:extension(N) end),
              p("rootname", fun() -> filename:rootname(N) end),
              p("split", fun() -> filename:split(N) end),
              p("pathtype", fun() -> filename:pathtype(N) end),
              p("flatten", fun() -> filename:flatten(N) end),
              p("nativename", fun() -> filename:nativename(N) end),
              p("join/1", fun() -> filename:join([N, "x"]) end),
              p("join left", fun() -> filename:join(N, "x") end),
              p("join right", fun() -> filename:join("x", N) end),
              p("join bin", fun() -> filename:join(<<"x">>, N) end),
              p("absname", fun() -> filename:absname(N, "/cwd/d") end),
              p("absname bin", fun() -> filename:absname(N, <<"/cwd/d">>) end),
              p("basename .erl", fun() -> filename:basename(N, ".erl") end),
              p("basename erl", fun() -> filename:basename(N, "erl") end),
              p("rootname .erl", fun() -> filename:rootname(N, ".erl") end),
              p("rootname bin", fun() -> filename:rootname(N, <<".erl">>) end)
      end, Names),
    p("join []", fun() -> filename:join([]) end),
    p("join many", fun() -> filename:join(["/a", "b", "/c", "d/"]) end),
    p("join mixed", fun() -> filename:join(["a", <<"b">>, "c"]) end),
    p("join atom", fun() -> filename:join(a) end),
    p("join dots", fun() -> [filename:join(A, B) || {A, B} <- [{"a/./.", "b"}, {"a/././b", "c"}, {".", "."},
                                                               {"./", "./x"}, {"a", "./"}, {"/", "."},
                                                               {"a/.", "."}, {['a', "b"], 'c'}]] end),
    p("split bad", fun() -> filename:split(1) end),
    p("flatten", fun() -> [filename:flatten(X) || X <- [[a, "b", <<"c">>], [[[$x]], y]]] end),
    p("flatten bad", fun() -> filename:flatten(1) end),
    p("nativename", fun() -> [filename:nativename(X) || X <- ["./", "/./", "a/./", "a/.", "./a/./b/."]] end),
    p("absname/1", fun() -> filename:pathtype(filename:absname("x")) end),
    p("absname/1 abs", fun() -> filename:absname("/x/../y") end),
    p("absname ..", fun() -> filename:absname("../../../..", "/a/b") end),
    p("absname .", fun() -> filename:absname("./x/./y/..", "/a/b") end),
    p("absname /.", fun() -> filename:absname("/./x/../y", "/a/b") end).
