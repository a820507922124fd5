% kiln conformance-next: bit syntax construction and matching of float segments
-module(bin_construct_float).
-export([main/1]).
-mode(compile).

main(_) ->
    F = id(1.5),
    p(<<F/float>>),
    p(<<F:64/float>>),
    p(<<F:32/float>>),
    p(<<F:16/float>>),
    p(<<F:64/float-little>>),
    p(<<F:32/float-little>>),
    p(<<F:16/float-little>>),
    p(<<(id(-0.0))/float>>),
    p(<<(id(0.1))/float>>),
    p(<<(id(0.1)):32/float>>),
    p(<<(id(3)):64/float>>),
    p(<<(id(-7)):32/float>>),
    p(<<(id(1 bsl 80)):64/float>>),
    p(<<(id(1.0e300)):64/float>>),
    p(<<(id(65504.0)):16/float>>),
    p(<<(id(2)):2/float-unit:32>>),
    t(f32_overflow, fun() -> <<(id(1.0e300)):32/float>> end),
    t(f16_overflow, fun() -> <<(id(1.0e10)):16/float>> end),
    t(bad_size, fun() -> <<(id(1.0)):(id(24))/float>> end),
    t(atom_float, fun() -> <<(id(x))/float>> end),
    t(huge_int_float, fun() -> <<(id(1 bsl 1100)):64/float>> end),
    [m(B) || B <- [<<F/float>>, <<F:32/float>>, <<F:16/float>>, <<0:64>>,
                   <<16#7FF0000000000000:64>>, <<16#7FF8000000000000:64>>,
                   <<16#FFF0000000000000:64>>, <<16#7F800000:32>>, <<16#7C00:16>>,
                   <<16#3FF0000000000000:64/little>>, <<1,2,3>>, <<0:16>>,
                   <<16#8000000000000000:64>>, <<1:64>>, <<1:32>>, <<1:16>>]],
    ok.

m(B) ->
    R = case B of
            <<X:64/float>> -> {f64, X};
            <<X:32/float>> -> {f32, X};
            <<X:16/float>> -> {f16, X};
            _ -> nomatch
        end,
    RL = case B of
             <<Y:64/float-little>> -> {f64le, Y};
             _ -> nomatch
         end,
    io:format("~w -> ~p ~p~n", [B, R, RL]).

p(T) -> io:format("~p~n~w~n", [T, T]).

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
