% kiln conformance-next: term_to_binary of fixed terms (printed as bytes) and binary_to_term round trips
-module(erl_t2b).
-export([main/1]).
-mode(compile).

main(_) ->
    Terms = [0, 1, 255, 256, -1, 1 bsl 27 - 1, 1 bsl 27, -(1 bsl 27), -(1 bsl 27) - 1, 1 bsl 31, 1 bsl 32, 1 bsl 64,
             -(1 bsl 64), 1 bsl 2040, 1.0, -0.0, 0.1, 1.0e300, a, ok, '', 'hello world', 'é', list_to_atom([16#3B1]),
             list_to_atom(lists:duplicate(255, $z)), [], [1], [1, 2, 3], "abc", [256, 257], [a | b], [[]],
             {}, {a}, {a, b, c}, list_to_tuple(lists:seq(1, 256)), <<>>, <<1, 2, 3>>, <<1:3>>, <<1, 2, 5:4>>,
             #{}, #{a => 1}, #{b => 2, a => 1, 1 => x}, fun lists:map/2, {[], {}, <<>>, #{}},
             lists:seq(1, 300), lists:duplicate(3, "str")],
    lists:foreach(fun(T) ->
                          B = term_to_binary(T),
                          Short = case byte_size(B) > 60 of
                                      true -> {byte_size(B), binary_to_list(binary:part(B, 0, 40))};
                                      false -> binary_to_list(B)
                                  end,
                          io:format("~w~n  ~w ~p~n", [T, Short, binary_to_term(B) =:= T])
                  end, Terms),
    io:format("~w~n", [binary_to_list(term_to_binary(1.5, [{minor_version, 0}]))]),
    io:format("~w~n", [binary_to_list(term_to_binary(1.5, [{minor_version, 1}]))]),
    io:format("~w~n", [binary_to_list(term_to_binary(abc, [{minor_version, 2}]))]),
    io:format("~w~n", [binary_to_list(term_to_binary(abc, [{minor_version, 1}]))]),
    io:format("~w~n", [binary_to_list(term_to_binary(abc, [{minor_version, 0}]))]),
    io:format("~w~n", [binary_to_list(term_to_binary(#{b => 2, a => 1}, [deterministic]))]),
    Big = lists:duplicate(100, <<"repeat">>),
    C = term_to_binary(Big, [compressed]),
    io:format("~p ~p~n", [byte_size(C) < byte_size(term_to_binary(Big)), binary_to_term(C) =:= Big]),
    io:format("~p~n", [[erlang:external_size(T) =:= byte_size(term_to_binary(T)) || T <- [a, 1, "abc", {1, 2}, #{a => b}]]]),
    io:format("~p~n", [binary_to_term(<<131, 100, 0, 3, "xyz">>)]),
    io:format("~p~n", [binary_to_term(<<131, 107, 0, 3, 1, 2, 3>>)]),
    io:format("~p~n", [binary_to_term(<<131, 104, 2, 97, 1, 106>>)]),
    io:format("~p~n", [binary_to_term(<<131, 99, "1.50000000000000000000e+00", 0, 0, 0, 0, 0>>)]),
    io:format("~p~n", [binary_to_term(<<131, 110, 2, 1, 0, 1>>)]),
    {T2, Used} = binary_to_term(<<131, 97, 7, "trailing">>, [used]),
    io:format("~p ~p~n", [T2, Used]),
    [io:format("~p~n", [try binary_to_term(B) catch C1:R -> {C1, R} end]) ||
        B <- [<<>>, <<131>>, <<130, 97, 1>>, <<131, 97>>, <<131, 104, 2, 97, 1>>, <<131, 255>>, <<1, 2, 3>>]],
    io:format("~p~n", [try binary_to_term(<<131, 100, 0, 5, "zzzqq">>, [safe]) catch C2:R2 -> {C2, R2} end]),
    ok.
