% kiln conformance: band bor bxor bsl bsr bnot on small integers, including negatives
-module(arith_bitwise).
-export([main/1]).
-mode(compile).

main(_) ->
    Pairs = [{12, 10}, {255, 15}, {-1, 255}, {-8, 3}, {0, 0}, {1 bsl 40, (1 bsl 40) - 1}],
    each(Pairs),
    io:format("bsl ~p ~p ~p ~p~n", [1 bsl 0, 1 bsl 10, 3 bsl 20, 1 bsl 56]),
    io:format("bsr ~p ~p ~p ~p~n", [1024 bsr 3, (1 bsl 56) bsr 50, -16 bsr 2, -1 bsr 10]),
    io:format("neg shifts ~p ~p~n", [id(256) bsl id(-4), id(3) bsr id(-2)]),
    io:format("bnot ~p ~p ~p ~p~n", [bnot 0, bnot 5, bnot -1, bnot id(1 bsl 40)]),
    io:format("mixed ~p~n", [((5 band 3) bor (8 bxor 2)) bsl 2]),
    io:format("popcount ~p~n", [popcount(id(16#FFFF0F0F), 0)]).

each([]) -> ok;
each([{A, B} | T]) ->
    io:format("~p ~p: band ~p bor ~p bxor ~p~n", [A, B, A band B, A bor B, A bxor B]),
    each(T).

popcount(0, Acc) -> Acc;
popcount(N, Acc) -> popcount(N bsr 1, Acc + (N band 1)).

id(X) -> X.
