% kiln conformance: higher-order functions written by hand
-module(higher_order).
-export([main/1]).
-mode(compile).

main(_) ->
    L = [1, 2, 3, 4, 5, 6],
    io:format("~p~n", [map(fun(X) -> X * X end, L)]),
    io:format("~p~n", [filter(fun(X) -> X rem 2 =:= 1 end, L)]),
    io:format("~p~n", [foldl(fun(X, Acc) -> X + Acc end, 0, L)]),
    io:format("~p~n", [foldr(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("~p~n", [foldl(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("~p~n", [any(fun(X) -> X > 5 end, L)]),
    io:format("~p~n", [all(fun(X) -> X > 5 end, L)]),
    Twice = fun(F) -> fun(X) -> F(F(X)) end end,
    io:format("~p~n", [(Twice(fun(X) -> X + 3 end))(10)]),
    io:format("~p~n", [((Twice(Twice))(fun(X) -> X * 2 end))(1)]),
    Curried = fun(A) -> fun(B) -> fun(C) -> A * 100 + B * 10 + C end end end,
    io:format("~p~n", [((Curried(1))(2))(3)]),
    io:format("~p~n", [sort_by(fun({_, A}, {_, B}) -> A =< B end, [{x, 3}, {y, 1}, {z, 2}])]),
    io:format("~p~n", [zip_with(fun(A, B) -> A * B end, [1, 2, 3], [4, 5, 6])]),
    io:format("~p~n", [take_while(fun(X) -> X < 4 end, L)]),
    io:format("~p~n", [iterate(fun(X) -> X * 2 end, 1, 8)]).

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

filter(_, []) -> [];
filter(P, [H | T]) ->
    case P(H) of
        true -> [H | filter(P, T)];
        false -> filter(P, T)
    end.

foldl(_, Acc, []) -> Acc;
foldl(F, Acc, [H | T]) -> foldl(F, F(H, Acc), T).

foldr(_, Acc, []) -> Acc;
foldr(F, Acc, [H | T]) -> F(H, foldr(F, Acc, T)).

any(_, []) -> false;
any(P, [H | T]) -> P(H) orelse any(P, T).

all(_, []) -> true;
all(P, [H | T]) -> P(H) andalso all(P, T).

sort_by(_, []) -> [];
sort_by(Le, [P | T]) ->
    sort_by(Le, [X || X <- T, not Le(P, X)]) ++ [P] ++ sort_by(Le, [X || X <- T, Le(P, X)]).

zip_with(F, [A | As], [B | Bs]) -> [F(A, B) | zip_with(F, As, Bs)];
zip_with(_, _, _) -> [].

take_while(P, [H | T]) ->
    case P(H) of
        true -> [H | take_while(P, T)];
        false -> []
    end;
take_while(_, []) -> [].

iterate(_, _, 0) -> [];
iterate(F, X, N) -> [X | iterate(F, F(X), N - 1)].
