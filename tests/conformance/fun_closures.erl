% kiln conformance-next: closures capturing variables, closures returning closures, currying
-module(fun_closures).
-export([main/1]).
-mode(compile).

main(_) ->
    X = id(10),
    Add = fun(Y) -> X + Y end,
    io:format("~p~n", [Add(5)]),
    MakeAdder = fun(N) -> fun(M) -> N + M end end,
    Add3 = MakeAdder(3),
    Add7 = MakeAdder(7),
    io:format("~p ~p~n", [Add3(1), Add7(1)]),
    Compose = fun(F, G) -> fun(V) -> F(G(V)) end end,
    io:format("~p~n", [(Compose(Add3, Add7))(100)]),
    Curry = fun(F) -> fun(A) -> fun(B) -> fun(C) -> F(A, B, C) end end end end,
    Sum3 = fun(A, B, C) -> A + B + C end,
    io:format("~p~n", [(((Curry(Sum3))(1))(2))(3)]),
    Counters = [fun() -> I * I end || I <- lists:seq(1, 5)],
    io:format("~p~n", [[C() || C <- Counters]]),
    {Get, Put} = store(#{}),
    io:format("~p~n", [Get(a)]),
    {Get2, _} = Put(a, 1),
    io:format("~p ~p~n", [Get2(a), Get(a)]),
    Big = id(lists:seq(1, 100)),
    Tup = {a, "string", <<"bin">>, #{k => v}, 1.5, 1 bsl 80},
    Capt = fun() -> {length(Big), Tup} end,
    io:format("~p~n", [Capt()]),
    Shadow = fun(X1) -> fun(X2) -> {X1, X2} end end,
    io:format("~p~n", [(Shadow(1))(2)]),
    Acc = lists:foldl(fun(E, F) -> fun(L) -> F([E | L]) end end, fun(L) -> L end, [a, b, c]),
    io:format("~p~n", [Acc([])]),
    Funs = lists:map(fun(N) -> fun(L) -> lists:nth(N, L) end end, [3, 1, 2]),
    io:format("~p~n", [[F([x, y, z]) || F <- Funs]]),
    io:format("~p~n", [[is_function(Add), is_function(Add, 1), is_function(Add, 2), is_function(x)]]),
    io:format("~p~n", [[is_function(F, A) || F <- [Add, Sum3, MakeAdder], A <- [1, 3]]]),
    Z = fun() -> zero_arity end,
    io:format("~p~n", [Z()]),
    io:format("~p~n", [(fun(A, B) -> A * B end)(6, 7)]),
    io:format("~p~n", [[Add =:= Add, Add == Add3, Add3 =:= MakeAdder(3)]]),
    ok.

store(M) ->
    {fun(K) -> maps:get(K, M, none) end,
     fun(K, V) -> store(M#{K => V}) end}.

id(X) -> X.
