% kiln conformance-next: bitwise ops on negative numbers and bignums; bsl/bsr with big shifts
-module(num_bitwise).
-export([main/1]).
-mode(compile).

main(_) ->
    Ns = [0, 1, -1, 5, -5, 255, -256, 16#7FFFFFFFFFFFFFF, -16#800000000000000, 1 bsl 64, -(1 bsl 64) + 3],
    [io:format("~p: ~p~n", [N, [N band 16#F0F0, N bor 16#0F, N bxor -1, bnot N, N band -N, N bor (1 bsl 70)]]) || N <- Ns],
    Shifts = [0, 1, 7, 31, 32, 63, 64, 65, 100, 200, 1000],
    [io:format("shl ~p: ~p ~p~n", [S, 1 bsl S, -3 bsl S]) || S <- Shifts],
    Big = id(1 bsl 300 + 12345),
    [io:format("shr ~p: ~p ~p ~p~n", [S, Big bsr S, -Big bsr S, -1 bsr S]) || S <- Shifts],
    io:format("~p~n", [[1 bsl -1, 256 bsl -4, -256 bsr -4, 5 bsr -2, -1 bsl 0]]),
    io:format("~p~n", [[(-1) bsr 10000, 1 bsr 10000, (-(1 bsl 200)) bsr 199, (1 bsl 200) bsr 199]]),
    A = id(16#123456789ABCDEF0123456789ABCDEF),
    B = id(-16#FEDCBA9876543210FEDCBA98),
    io:format("~p~n", [[A band B, A bor B, A bxor B, bnot A, bnot B]]),
    io:format("~.16B~n~.16B~n", [A band B, A bxor B]),
    io:format("~p~n", [popcount(A)]),
    io:format("~p~n", [[X band 1 || X <- [-3, -2, -1, 0, 1, 2, 3]]]),
    io:format("~p~n", [[X bsr 1 || X <- [-3, -2, -1, 0, 1, 2, 3]]]),
    io:format("~p~n", [[X div 2 || X <- [-3, -2, -1, 0, 1, 2, 3]]]),
    t(bsl_atom, fun() -> id(1) bsl id(a) end),
    t(band_float, fun() -> id(1.0) band 1 end),
    t(huge_shift, fun() -> id(1) bsl id(1 bsl 40) end),
    ok.

popcount(0) -> 0;
popcount(N) -> (N band 1) + popcount(N bsr 1).

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
