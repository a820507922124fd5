% kiln conformance: fun f/1, fun m:f/1, remote calls with a variable module, apply
-module(funs_refs).
-export([main/1, triple/1, add/2]).
-mode(compile).

main(_) ->
    Local = fun double/1,
    Remote = fun funs_refs:triple/1,
    Bif = fun erlang:length/1,
    io:format("~p ~p ~p~n", [Local(4), Remote(4), Bif([a, b])]),
    io:format("~p~n", [lists:map(fun double/1, [1, 2, 3])]),
    io:format("~p~n", [lists:map(fun ?MODULE:triple/1, [1, 2, 3])]),
    io:format("~p~n", [lists:foldl(fun add/2, 0, [1, 2, 3, 4])]),
    Mod = id(funs_refs),
    Fun = id(triple),
    io:format("~p~n", [Mod:triple(5)]),
    io:format("~p~n", [Mod:Fun(6)]),
    io:format("~p~n", [apply(Mod, add, [7, 8])]),
    io:format("~p~n", [apply(Local, [9])]),
    io:format("~p~n", [apply(fun(X, Y) -> X - Y end, [10, 3])]),
    io:format("~p ~p~n", [is_function(Local, 1), is_function(Remote, 1)]),
    io:format("~p~n", [Remote =:= fun funs_refs:triple/1]),
    io:format("~p~n", [pipeline([fun double/1, fun ?MODULE:triple/1, fun negate/1], 5)]).

double(X) -> 2 * X.
triple(X) -> 3 * X.
negate(X) -> -X.
add(X, Y) -> X + Y.

pipeline([], X) -> X;
pipeline([F | Fs], X) -> pipeline(Fs, F(X)).

id(X) -> X.
