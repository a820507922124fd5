% kiln conformance: erlang:phash2/1,2, phash/2, md5, crc32, adler32 over many terms
-module(etf_hash).
-export([main/1]).
-mode(compile).
-compile(nowarn_deprecated_function).

terms() ->
    Ints = [0, 1, -1, 255, 256, 134217727, 134217728, -134217728, -134217729, 4294967296,
            1152921504606846975, 1152921504606846976, -1152921504606846977, 1 bsl 100, -(1 bsl 200)],
    Floats = [0.0, 1.0, -1.0, 0.5, 1.0e100, -2.5e-10, 123456.789],
    Atoms = [a, ok, error, 'hello world', '', 'é', 'Ñandú'],
    Lists = [[], "a", "ab", "abc", "abcd", "abcde", [1, 2 | 3], [a], [[]], [256], "hello world",
             lists:seq(1, 100), [1.5, a, "x"]],
    Bins = [<<>>, <<0>>, <<"abc">>, <<"0123456789ab">>, <<"0123456789abcdefghijklmnopqrstuvwxyz">>,
            <<1:1>>, <<255, 3:2>>, <<"abc", 1:5>>],
    Tuples = [{}, {a}, {1, 2}, {a, {b, {c}}}, {[], <<>>, ""}],
    Maps = [maps:from_list([]), maps:from_list([{a, 1}]), maps:from_list([{b, 2}, {a, 1}]),
            maps:from_list([{I, I} || I <- lists:seq(1, 50)]),
            maps:from_list([{{k, I}, [I]} || I <- lists:seq(1, 10)])],
    Funs = [fun lists:map/2, fun erlang:phash2/1],
    Ints ++ Floats ++ Atoms ++ Lists ++ Bins ++ Tuples ++ Maps ++ Funs.

main(_) ->
    lists:foreach(fun(T) ->
                          io:format("~w ~w ~w ~w ~w~n",
                                    [erlang:phash2(T), erlang:phash2(T, 7), erlang:phash2(T, 1 bsl 32),
                                     erlang:phash2(T, 256), erlang:phash(T, 1 bsl 32)])
                  end, terms()),
    Gen = [{I, [I, -I], integer_to_list(I), list_to_atom("atom" ++ integer_to_list(I)), I * 1.5}
           || I <- lists:seq(1, 300)],
    io:format("~w~n", [[erlang:phash2(G) rem 1000 || G <- Gen]]),
    io:format("~w~n", [erlang:phash2(Gen)]),
    io:format("~w ~w~n", [erlang:phash2(-0.0 * 1), erlang:phash2(0.0)]),
    Data = [<<>>, <<"abc">>, "hello", [<<"a">>, [98, <<"c">>] | <<"d">>], list_to_binary(lists:seq(0, 255))],
    [io:format("~w ~w ~w ~w ~w~n", [erlang:md5(D), erlang:crc32(D), erlang:crc32(99, D),
                                    erlang:adler32(D), erlang:adler32(99, D)]) || D <- Data],
    [io:format("~w~n", [try F() catch error:badarg -> badarg end])
     || F <- [fun() -> erlang:phash2(a, 0) end, fun() -> erlang:phash2(a, (1 bsl 32) + 1) end,
              fun() -> erlang:phash(a, 0) end, fun() -> erlang:md5(a) end,
              fun() -> erlang:crc32(-1, "a") end, fun() -> erlang:adler32(<<1:3>>) end]],
    ok.
