% kiln conformance: constant arithmetic expressions in patterns (folded at compile time as erl_lint/erl_eval do)
-module(pattern_constant_expr).
-export([main/1]).
-mode(compile).

-define(BASE, ((1 bsl 5) + 3)).
-define(FLAG(N), (16#01 bsl (N))).
-define(ERR_A, 4).
-define(ERR_B, ?ERR_A + 100).

main(_) ->
    Ints = [35, 4294967296, -1, 6, 98, 1180591620717411303424, -8, 1, 3, -3,
            255, 15, 2, -2, 104, 7, 0, 42],
    [io:format("~p -> ~p~n", [I, classify(id(I))]) || I <- Ints],
    Floats = [0.5, 2.0, 2.5, -1.5, 1.0e100],
    [io:format("~p -> ~p~n", [F, float_class(id(F))]) || F <- Floats],
    io:format("~p~n", [[err(id(E)) || E <- [4, 104, 5]]]),
    io:format("~p~n", [[prefix(id(S)) || S <- ["abcdef", "xyz", "ab", "abc"]]]),
    io:format("~p~n", [[segment(id(B)) || B <- [<<35, 1>>, <<0, 0, 0, 9>>, <<3:3, 7:5>>, <<1, 2, 3>>]]]),
    io:format("~p~n", [[in_case(id(X)) || X <- [35, 36, {35, 2}, {35, 3}]]]),
    io:format("~p~n", [[in_guard(id(X)) || X <- [34, 35, 36]]]),
    io:format("~p~n", [[in_receive(X) || X <- [1, 6, 35]]]),
    io:format("~p~n", [[keyed(id(M)) || M <- [#{35 => a}, #{36 => b}]]]).

id(X) -> X.

classify(?BASE) -> base;
classify(?FLAG(32)) -> flag32;
classify(-1) -> minus_one;
classify(2 * 3) -> six;
classify($a + 1) -> b_char;
classify(1 bsl 70) -> big;
classify(bnot 7) -> bnot_seven;
classify(7 div 4) -> div_one;
classify(-7 rem 4) -> rem_minus_three;
classify(11 rem 8) -> rem_three;
classify(-1 band 16#ff) -> band_mask;
classify(16#f0 bor 16#0f bxor 16#f0) -> bor_bxor;
classify(8 bsr 2) -> shift_right;
classify(-5 bsr 2) -> bsr_negative;
classify(+(100 + $\x04)) -> unary_plus;
classify(- - 7) -> double_minus;
classify(0 * -1) -> zero;
classify(_) -> other.

float_class(1 / 2) -> half;
float_class(4 / 2) -> two_float;
float_class(2 + 0.5) -> mixed;
float_class(-(3 / 2)) -> negative;
float_class(1.0e50 * 1.0e50) -> large;
float_class(_) -> other.

err(?ERR_B) -> b;
err(?ERR_A) -> a;
err(_) -> unknown.

prefix("abc" ++ T) -> {abc, T};
prefix([$x, $y] ++ T) -> {xy, T};
prefix([97] ++ T) -> {a, T};
prefix(_) -> none.

segment(<<(?BASE):8, Rest/binary>>) -> {base, Rest};
segment(<<N:(2 * 16), _/binary>>) -> {word, N};
segment(<<(1 + 2):(1 + 2), X:(10 div 2)>>) -> {bits, X};
segment(_) -> other.

in_case(X) ->
    case X of
        ?BASE -> base;
        {?BASE, 1 + 1} -> pair;
        _ -> other
    end.

in_guard(X) when X =:= ?BASE -> equal;
in_guard(X) when X < (1 bsl 5) + 3 -> less;
in_guard(_) -> greater.

in_receive(X) ->
    self() ! X,
    receive
        2 * 3 -> six;
        ?BASE -> base;
        Other -> {other, Other}
    end.

keyed(#{?BASE := V}) -> {base, V};
keyed(_) -> no_key.
