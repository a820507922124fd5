% kiln conformance: anonymous funs and closures capturing variables
-module(funs_closures).
-export([main/1]).
-mode(compile).

main(_) ->
    Add = fun(X, Y) -> X + Y end,
    io:format("~p~n", [Add(2, 3)]),
    N = 10,
    AddN = fun(X) -> X + N end,
    io:format("~p~n", [AddN(5)]),
    Add7 = make_adder(7),
    Add100 = make_adder(100),
    io:format("~p ~p~n", [Add7(1), Add100(1)]),
    Greet = make_greeter("Hello", "!"),
    io:format("~s~n", [Greet("kiln")]),
    io:format("~p~n", [(fun(X) -> X * X end)(9)]),
    Compose = fun(F, G) -> fun(X) -> F(G(X)) end end,
    Inc = fun(X) -> X + 1 end,
    Dbl = fun(X) -> X * 2 end,
    io:format("~p ~p~n", [(Compose(Inc, Dbl))(5), (Compose(Dbl, Inc))(5)]),
    Counter = counter(0),
    {V1, C1} = Counter(),
    {V2, C2} = C1(),
    {V3, _} = C2(),
    io:format("~p ~p ~p~n", [V1, V2, V3]),
    Fs = [make_adder(I) || I <- [1000, 2000, 3000]],
    io:format("~p~n", [[F(10) || F <- Fs]]),
    io:format("~p ~p~n", [is_function(Add), is_function(Add, 2)]),
    io:format("~p~n", [is_function(AddN, 2)]),
    A = 1, B = 2, C = 3, D = 4,
    Many = fun() -> [A, B, C, D, N] end,
    io:format("~p~n", [Many()]),
    NoArgs = fun() -> no_args end,
    io:format("~p~n", [NoArgs()]),
    Pick = fun({a, X}) -> {first, X}; ({b, X}) -> {second, X}; (_) -> neither end,
    io:format("~p~n", [[Pick(T) || T <- [{a, 1}, {b, 2}, c]]]),
    io:format("~p~n", [apply_n(fun(X) -> X * 3 end, 4, 1)]).

make_adder(N) -> fun(X) -> X + N end.

make_greeter(Greeting, Suffix) ->
    fun(Name) -> Greeting ++ ", " ++ Name ++ Suffix end.

counter(N) -> fun() -> {N, counter(N + 1)} end.

apply_n(_, 0, X) -> X;
apply_n(F, N, X) -> apply_n(F, N - 1, F(X)).
