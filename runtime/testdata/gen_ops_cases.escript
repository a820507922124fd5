#!/usr/bin/env escript
%% Regenerates runtime/testdata/ops_cases.txt: results of arithmetic,
%% comparisons and the term BIFs under real OTP 25, including the
%% exceptions they raise. Never edit the output by hand:
%%
%%     escript runtime/testdata/gen_ops_cases.escript runtime/testdata/ops_cases.txt
%%
%% Lines: "<op> <etf hex of the argument list> <etf hex of {ok, Result} or
%% {error, Reason}>"; for the groups arith, shift, unary and cmp, the result
%% is the list of those outcomes for each operator of the group, in order.
%% Comparisons: "order <etf hex of a list of terms>", then "cmp I J Mask" for
%% every pair of its (1-based) elements, Mask's bits being A == B, A < B,
%% A > B, A =:= B, max(A, B) =:= A, min(A, B) =:= A, A /= B, A =< B, A >= B,
%% A =/= B.
-mode(compile).

main([Out]) ->
    Nums = [0, 1, -1, 7, -7, 3, (1 bsl 60) - 1, -(1 bsl 60), 1 bsl 60, -(1 bsl 60) - 1,
            1 bsl 64, -(1 bsl 64), (1 bsl 64) - 1, 1 bsl 100, -(1 bsl 127) + 3,
            12345678901234567890123, 0.0, -0.0, 1.0, -2.5, 1.0e300, 1.0e-300, 3.7, a, [1]],
    Arith = ['+', '-', '*', '/', 'div', 'rem', 'band', 'bor', 'bxor'],
    Shifts = [0, 1, 3, 59, 60, 61, 63, 64, 65, 100, 200, -1, -3, -59, -60, -61, -63, -64, -65, -100,
              -200, 1 bsl 64, -(1 bsl 64), 1.0, a],
    Shifted = [0, 1, -1, 5, -5, (1 bsl 60) - 1, -(1 bsl 60), 1 bsl 64, -(1 bsl 64) - 7, 1 bsl 100, 2.0],
    Order = order_terms(),
    Lines =
        [[multi(arith, Arith, [A, B]) || A <- Nums, B <- Nums],
         [multi(shift, ['bsl', 'bsr'], [A, B]) || A <- Shifted, B <- Shifts],
         [multi(unary, ['bnot', '-', '+', abs, float], [A]) || A <- Nums ++ [<<>>, {}]],
         ["order ", hex(term_to_binary(Order)), $\n],
         [cmp_line(I, J, A, B) || {I, A} <- lists:enumerate(Order), {J, B} <- lists:enumerate(Order)],
         [op(Op, Args) || {Op, Args} <- bif_cases()]],
    ok = file:write_file(Out, Lines).

hex(Bin) -> [io_lib:format("~2.16.0b", [B]) || <<B>> <= Bin].

outcome(Op, Args) ->
    try {ok, apply_op(Op, Args)} catch error:E -> {error, E} end.

op(Op, Args) ->
    line(atom_to_list(Op), Args, outcome(Op, Args)).

multi(Group, Ops, Args) ->
    line(atom_to_list(Group), Args, [outcome(Op, Args) || Op <- Ops]).

cmp_line(I, J, A, B) ->
    Bits = [A == B, A < B, A > B, A =:= B, max(A, B) =:= A, min(A, B) =:= A,
            A /= B, A =< B, A >= B, A =/= B],
    {Mask, _} = lists:foldl(fun(true, {M, K}) -> {M bor (1 bsl K), K + 1};
                               (false, {M, K}) -> {M, K + 1} end, {0, 0}, Bits),
    io_lib:format("cmp ~b ~b ~b~n", [I, J, Mask]).

line(Name, Args, R) ->
    [Name, $\s, hex(term_to_binary(Args)), $\s, hex(term_to_binary(R)), $\n].

apply_op(Op, Args) ->
    case Op of
        float -> apply(erlang, float, Args);
        _ -> apply(erlang, Op, Args)
    end.

order_terms() ->
    [0, 1, -1, 1.0, 0.0, -0.0, 2, 2.5, 1 bsl 64, -(1 bsl 64), 1.0e20, 1 bsl 70, 9007199254740993,
     9007199254740992.0, 36028797018963969, 36028797018963968.0, -36028797018963969,
     a, b, 'B', aa, '', 'é', [], [a], [a, b], [a | b], [b], "abc", "abd", [1 | 2], [1, 2],
     {}, {a}, {a, b}, {b}, {1}, {1.0}, {a, {b, c}}, #{}, #{a => 1}, #{a => 2}, #{b => 1},
     #{1 => a}, #{1.0 => a}, #{a => 1, b => 2}, #{c => 0}, <<>>, <<1>>, <<1, 2>>, <<2>>, <<"abc">>,
     [[1, 2] | 3], [[1, 2] | 4]].

bif_cases() ->
    Tuples = [{}, {a}, {a, b, c}, x, [1], <<1, 2>>],
    Idx = [0, 1, 2, 3, 4, -1, 1.0, a, 1 bsl 64],
    Lists = [[], [1, 2, 3], [a | b], "abc", [1, 2 | 3], x, {a}],
    Bools = [true, false, 3, a],
    Any = [a, 1, 1.0, [], [1], {}, {a, 1}, {a}, <<>>, <<1>>, #{}, #{a => 1}, true, 1 bsl 64],
    Chars = ["abc", "", "Hello", [1024], [$a, -1], [$a | b], [16#110000], lists:duplicate(255, $z),
             lists:duplicate(256, $z), abc, "with space", [233]],
    Ints = ["0", "123", "-123", "+5", "-", "", " 5", "5 ", "1.0", "123456789012345678901234567890",
            "-000", "abc", [$1 | a], abc, "1_000", [$1, 1024]],
    [{element, [I, T]} || I <- Idx, T <- Tuples] ++
    [{setelement, [I, T, z]} || I <- Idx, T <- Tuples] ++
    [{Op, [T]} || Op <- [tuple_size, size, tuple_to_list], T <- Tuples] ++
    [{Op, [L]} || Op <- [length, hd, tl, list_to_tuple], L <- Lists] ++
    [{make_tuple, [N, v]} || N <- [0, 3, -1, 1.0, a, 1 bsl 64]] ++
    [{'++', [A, B]} || A <- Lists, B <- [[], [z], z, [z | y]]] ++
    [{'--', [A, B]} || A <- Lists ++ [[1, 2, 1, 3, 1.0, 2], [a, b, c, a, b, c]],
                       B <- [[], [1], [1.0], [1, 1], [a | b], x, [c, a, 1, 1.0, 3]]] ++
    [{'--', [lists:seq(1, 40) ++ lists:seq(1, 40), lists:seq(1, 60, 3) ++ [5.0, 7, 7, 100]]}] ++
    [{Op, [A]} || Op <- ['not'], A <- Bools] ++
    [{Op, [A, B]} || Op <- ['and', 'or', 'xor'], A <- Bools, B <- Bools] ++
    [{Op, [A]} || Op <- [is_atom, is_binary, is_bitstring, is_boolean, is_float, is_function,
                         is_integer, is_list, is_map, is_number, is_pid, is_port, is_reference,
                         is_tuple], A <- Any] ++
    [{is_function, [A, N]} || A <- [a, {}], N <- [0, 1, -1, a, 1 bsl 64]] ++
    [{is_record, [T, Tag]} || T <- [{a}, {a, 1}, {b, 1}, a, {}, {1}], Tag <- [a, 1, "a"]] ++
    [{is_record, [T, Tag, N]} || T <- [{a}, {a, 1}, {b, 1}, a], Tag <- [a, 1],
                                 N <- [0, 1, 2, -1, x, 1 bsl 64]] ++
    [{atom_to_list, [A]} || A <- [abc, 'Hello World', '', 'é', list_to_atom([1024]), 1, "a"]] ++
    [{list_to_atom, [L]} || L <- Chars] ++
    [{list_to_existing_atom, [L]} || L <- ["abc", "true", "kiln_surely_not_an_atom_xyz", abc, [$a | b]]] ++
    [{integer_to_list, [I]} || I <- [0, -1, 123, 1 bsl 64, -(1 bsl 100), 1.0, a]] ++
    [{integer_to_list, [I, B]} || I <- [0, 255, -255, 1 bsl 64, 35, 36], B <- [2, 10, 16, 36, 1, 37, a]] ++
    [{list_to_integer, [L]} || L <- Ints] ++
    [{list_to_integer, [L, B]} || L <- ["ff", "FF", "-0012", "z", "Zz", "10", "2", "+7f"],
                                  B <- [2, 3, 16, 36, 1, 37, a]] ++
    [{Op, [X]} || Op <- [trunc, round, floor, ceil, float_to_list],
                  X <- [1.5, 2.5, -2.5, -1.5, 0.5, -0.5, 1.0e20, -1.0e20, 3, 1 bsl 70, a, -0.0, 1.0e300,
                        0.1, 123.456, 9.3e18, -9.3e18, 4503599627370497.0, 5.0e-324]] ++
    [{list_to_float, [S]} || S <- ["1.0", "-1.0", "+1.0", "1", "1e10", "1.0e10", "1.0E10", "1.0e+10",
                                   "1.0e-10", ".5", "5.", "1.5x", " 1.0", "1.0 ", "01.50", "1.0e",
                                   "1.0e1.0", "1.0e400", "1.0e-400", "-0.0", "inf", "1_0.0", [$1, $. | a],
                                   abc, "0.1", "123456789012345678901234567890.5"]].
