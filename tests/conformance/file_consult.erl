% kiln conformance: file:consult/1 on good and bad term files, file:format_error/1
-module(file_consult).
-export([main/1]).
-mode(compile).

main(_) ->
    %% A directory of its own: the native and wasm32 runs of this program
    %% may run at the same time.
    Dir = "file_consult." ++ integer_to_list(erlang:system_time(nanosecond)) ++ ".tmp",
    _ = file:del_dir_r(Dir),
    ok = file:make_dir(Dir),
    F = Dir ++ "/terms.txt",
    Cases = [
        "{a, 1}.\n[1,2,3].\n\"str\". 'q a'. #{a => 1, \"k\" => [x]}. <<\"bin\">>. <<1,2,3>>.\n",
        "-5. 1.5e3. $a. {}. []. 16#ff. 2#101. 'x'. <<>>. <<\"a\"/utf8>>. foo@bar. 'A'.\n",
        "\"a\\nb\\x{41}\\101\". $\\n. 1_000. -0.5. +3. [$a|\"bc\"]. {\"a\" \"b\"}. 'a\\'b'.\n",
        "%% a comment\n{app, [{vsn, \"1.0\"}, {env, [{port, 8080}]}]}. % trailing\n",
        "[1|2]. [a,b|[c]]. <<300>>. <<1:16>>. <<1:16/little>>. <<\"ab\", 3, \"c\">>. #{}.\n",
        "{1.0e10, 1.0, 0.1, 2.5e-5, 123456789012345678901234567890}.\n",
        "$\\s. $\\t. $\\x41. $\\^A. \"\\t\\e\\d\". 'hello world'. \"\". ''.\n",
        "",
        "   \n  \n",
        %% Errors.
        "{a, 1}\n",
        "{a, 1}.\n{b,}.\n",
        "\n\n[1,2.\n",
        "\"abc\n",
        "a.\n X.\n",
        "foo(1).",
        "1 + 2.",
        "{a, 'b\n",
        "\n\n}.",
        "a.\n\n$",
        "[1,2",
        "#{a := 1}.",
        "{a b}.",
        "[1 2].",
        "{a \"s\"}.",
        "{a 1.5}.",
        "{a $x}.",
        "{a X}.",
        "{a 'B'}.",
        "{a <<}.",
        "{a =>}.",
        "[1 | 2 | 3].",
        "<<a>>.",
        "{ok, ok,\n\n\n\n\n bad b}.",
        "  \n  {a\n , b\n  ,\n ] ."
    ],
    lists:foreach(
      fun(Text) ->
              ok = file:write_file(F, Text),
              R = file:consult(F),
              io:format("~p~n  -> ~p~n", [Text, R]),
              case R of
                  {error, E} -> io:format("  ~s~n", [file:format_error(E)]);
                  _ -> ok
              end
      end, Cases),
    io:format("~p~n", [file:consult(Dir ++ "/nope")]),
    io:format("~p~n", [file:consult(Dir)]),
    ok = file:del_dir_r(Dir).
