% kiln conformance-next: fun M:F/A with variables, fun F/A, printing external funs, fun_info of external funs
-module(fun_external).
-export([main/1, double/1, pair/2]).
-mode(compile).

main(_) ->
    M = id(lists), F = id(reverse), A = id(1),
    Rev = fun M:F/A,
    io:format("~p~n", [Rev([1, 2, 3])]),
    io:format("~p~n", [Rev]),
    io:format("~w~n", [Rev]),
    io:format("~p~n", [fun lists:map/2]),
    io:format("~p~n", [[fun erlang:length/1, fun ?MODULE:double/1]]),
    io:format("~p~n", [fun lists:map/2 =:= fun lists:map/2]),
    io:format("~p~n", [fun lists:map/2 =:= fun lists:map/3]),
    io:format("~p~n", [Rev =:= fun lists:reverse/1]),
    io:format("~p~n", [lists:map(fun ?MODULE:double/1, [1, 2, 3])]),
    io:format("~p~n", [lists:map(fun double/1, [4, 5])]),
    io:format("~p~n", [lists:zipwith(fun pair/2, [a, b], [1, 2])]),
    io:format("~p~n", [lists:map(fun erlang:atom_to_list/1, [x, y])]),
    Mod = id(?MODULE),
    io:format("~p~n", [(fun Mod:double/1)(21)]),
    Ext = fun string:uppercase/1,
    io:format("~p~n", [[erlang:fun_info(Ext, I) || I <- [arity, module, name, type, env]]]),
    io:format("~p~n", [[erlang:fun_info(fun M:F/A, I) || I <- [arity, module, name, type]]]),
    Loc = fun double/1,
    io:format("~p~n", [[erlang:fun_info(Loc, I) || I <- [arity, module, type]]]),
    {name, LName} = erlang:fun_info(Loc, name),
    io:format("~p~n", [is_atom(LName)]),
    Anon = fun(X, Y) -> X + Y end,
    io:format("~p~n", [[erlang:fun_info(Anon, I) || I <- [arity, module, type]]]),
    io:format("~p~n", [[is_function(Rev, 1), is_function(Rev, 2), is_function(fun lists:foldl/3, 3)]]),
    io:format("~p~n", [lists:sort([fun lists:map/2, fun lists:filter/2, fun erlang:abs/1])]),
    io:format("~p~n", [(fun no_such_mod:no_such_fun/0) =/= ok]),
    try (fun no_such_mod:no_such_fun/0)() of V -> io:format("~p~n", [V])
    catch C:R -> io:format("~p~n", [{C, R}]) end,
    try (fun lists:no_such_fun/1)(x) of V2 -> io:format("~p~n", [V2])
    catch C2:R2 -> io:format("~p~n", [{C2, R2}]) end,
    ok.

double(X) -> 2 * X.
pair(X, Y) -> {X, Y}.

id(X) -> X.
