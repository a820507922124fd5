% kiln conformance: term_to_binary/1,2 bytes, external_size, binary_to_term round trips and options
-module(etf_basic).
-export([main/1]).
-mode(compile).

terms() ->
    [0, 1, 255, 256, -1, 2147483647, 2147483648, -2147483648, -2147483649,
     1152921504606846975, 1152921504606846976, -1152921504606846976, 18446744073709551616,
     -340282366920938463463374607431768211456, 1.5, -0.25, 1.0e300, 3.141592653589793,
     a, hello, 'hello world', '', 'é', true, [], "abc", [1, 2 | 3], [a, b], [256, 1], [[]],
     {}, {a, 1}, {[], {}, "x"}, <<>>, <<1, 2, 3>>, <<"a longer binary that goes past sixty-four bytes of data, surely">>,
     <<1:1>>, <<255, 5:3>>, maps:from_list([]), maps:from_list([{b, 2}, {a, 1}]),
     maps:from_list([{1, one}, {1.0, float_one}, {"k", v}, {{t}, w}]),
     fun lists:map/2, fun erlang:abs/1, list_to_tuple(lists:seq(1, 300))].

main(_) ->
    lists:foreach(fun show/1, terms()),
    Opts = [[{minor_version, 0}], [{minor_version, 2}], [deterministic], [{minor_version, 1}]],
    lists:foreach(fun(T) ->
                          [io:format("~w ~w~n", [O, binary_to_list(term_to_binary(T, O))]) || O <- Opts]
                  end, [1.5, 'é', abc, {0.1, x}]),
    Big = maps:from_list([{I, I * 2} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [binary_to_list(term_to_binary(Big, [deterministic]))]),
    io:format("~w ~w~n", [erlang:external_size(Big), binary_to_term(term_to_binary(Big)) =:= Big]),
    io:format("~w~n", [byte_size(term_to_binary(lists:duplicate(65535, 1)))]),
    io:format("~w~n", [byte_size(term_to_binary(lists:duplicate(65536, 1)))]),
    Long = lists:seq(1, 5000),
    C = term_to_binary(Long, [compressed]),
    io:format("~w ~w ~w~n", [binary:at(C, 1), binary_to_term(C) =:= Long, byte_size(C) < byte_size(term_to_binary(Long))]),
    io:format("~w~n", [binary_to_term(term_to_binary({x, Long}, [{compressed, 9}])) =:= {x, Long}]),
    io:format("~w~n", [binary_to_list(term_to_binary(abc, [compressed]))]),
    R = make_ref(),
    io:format("~w~n", [binary_to_term(term_to_binary({R, self()})) =:= {R, self()}]),
    io:format("~w~n", [binary_to_term(<<131, 100, 0, 3, "xyz", 1, 2>>, [used])]),
    io:format("~w~n", [binary_to_term(<<131, 97, 7, 0>>)]),
    io:format("~w~n", [binary_to_term(term_to_binary(ok), [safe])]),
    Bad = [<<>>, <<131>>, <<130, 97, 1>>, <<131, 97>>, <<131, 104, 2, 97, 1>>,
           <<131, 100, 0, 24, "kiln_etf_no_such_atom_ab">>, <<131, 80, 0, 0, 0, 9, 1, 2, 3>>, not_a_binary],
    [io:format("~w~n", [catch_badarg(fun() -> binary_to_term(B, [safe]) end)]) || B <- Bad],
    [io:format("~w~n", [catch_badarg(fun() -> term_to_binary(x, O) end)])
     || O <- [[bad], [{minor_version, 3}], [{compressed, 10}], x, [compressed | y]]],
    io:format("~w~n", [catch_badarg(fun() -> erlang:external_size(x, [compressed]) end)]),
    ok.

show(T) ->
    B = term_to_binary(T),
    io:format("~w ~w ~w ~w~n", [binary_to_list(B), erlang:external_size(T), binary_to_term(B) =:= T,
                                 binary_to_term(term_to_binary(T, [compressed])) =:= T]).

catch_badarg(F) ->
    try F() catch error:badarg -> badarg end.
