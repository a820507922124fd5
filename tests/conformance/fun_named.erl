% kiln conformance-next: named (recursive) funs
-module(fun_named).
-export([main/1]).
-mode(compile).

main(_) ->
    Fact = fun F(0) -> 1; F(N) when N > 0 -> N * F(N - 1) end,
    io:format("~p ~p ~p~n", [Fact(0), Fact(10), Fact(30)]),
    Fib = fun Fib(0) -> 0; Fib(1) -> 1; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    io:format("~p~n", [[Fib(I) || I <- lists:seq(0, 20)]]),
    Len = fun L([]) -> 0; L([_ | T]) -> 1 + L(T) end,
    io:format("~p~n", [Len(lists:seq(1, 1000))]),
    Loop = fun Lp(0, Acc) -> Acc; Lp(N, Acc) -> Lp(N - 1, Acc + N) end,
    io:format("~p~n", [Loop(100000, 0)]),
    K = id(3),
    Pow = fun P(_, 0) -> 1; P(B, E) -> K * 0 + B * P(B, E - 1) end,
    io:format("~p~n", [Pow(2, 100)]),
    Flatten = fun Fl([]) -> []; Fl([H | T]) when is_list(H) -> Fl(H) ++ Fl(T); Fl([H | T]) -> [H | Fl(T)] end,
    io:format("~p~n", [Flatten([1, [2, [3, [4]], 5], [[[]]], 6])]),
    Self = fun Me(return) -> Me; Me(N) -> N end,
    Again = Self(return),
    io:format("~p~n", [Again(42)]),
    Ack = fun A(0, N) -> N + 1; A(M, 0) -> A(M - 1, 1); A(M, N) -> A(M - 1, A(M, N - 1)) end,
    io:format("~p~n", [Ack(2, 3)]),
    Hanoi = fun H(0, _, _, _) -> []; H(N, From, To, Via) -> H(N - 1, From, Via, To) ++ [{From, To}] ++ H(N - 1, Via, To, From) end,
    io:format("~p~n", [Hanoi(3, a, c, b)]),
    io:format("~p~n", [length(Hanoi(10, a, c, b))]),
    try Fact(-1) of V -> io:format("~p~n", [V])
    catch C:R -> io:format("~p~n", [{C, R}]) end,
    ok.

id(X) -> X.
