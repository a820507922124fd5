% kiln conformance-next: try ... of ... catch with guards, class patterns and nesting
-module(exc_try_of).
-export([main/1]).
-mode(compile).

main(_) ->
    [io:format("~p -> ~p~n", [I, classify(I)]) || I <- [0, 1, 2, 3, 4, 5, 6, 7, 8]],
    io:format("~p~n", [nested(1)]),
    io:format("~p~n", [nested(2)]),
    io:format("~p~n", [nested(3)]),
    io:format("~p~n", [try_in_guard_position([1, 2, 3])]),
    io:format("~p~n", [try_in_guard_position(x)]),
    io:format("~p~n", [try id(1) of X when X > 0 -> pos; _X -> nonpos catch _ -> never end]),
    io:format("~p~n", [try id(-1) of X2 when X2 > 0 -> pos; X2 -> {nonpos, X2} catch _ -> never end]),
    io:format("~p~n", [try try_clause_escapes() catch error:{try_clause, V} -> {try_clause, V} end]),
    io:format("~p~n", [try id(a), id(b) of b -> last_expr_value after ok end]),
    io:format("~p~n", [try error({a, 1}) catch error:{a, N} when N > 5 -> big; error:{a, N} -> {small, N} end]),
    io:format("~p~n", [lists:map(fun safe_div/1, [2, 0, a])]),
    io:format("~p~n", [try throw(1) catch throw:1 -> one; throw:2 -> two end]),
    io:format("~p~n", [(fun() -> try throw(x) catch throw:x -> caught_in_fun end end)()]),
    ok.

classify(I) ->
    try action(I) of
        {ok, V} -> {returned_ok, V};
        V when is_integer(V), V > 100 -> {big_value, V};
        V -> {other_value, V}
    catch
        throw:{special, X} -> {thrown_special, X};
        throw:X when is_atom(X) -> {thrown_atom, X};
        error:badarith -> arith;
        error:{badmatch, _} = E -> {match_error, E};
        exit:Reason -> {exited, Reason};
        Class:Reason -> {other, Class, Reason}
    end.

action(0) -> {ok, zero};
action(1) -> 1000;
action(2) -> 7;
action(3) -> throw({special, 3});
action(4) -> throw(plain);
action(5) -> 1 / id(0);
action(6) -> {x} = id({y});
action(7) -> exit(stop);
action(8) -> throw("string").

nested(N) ->
    try
        try
            case N of
                1 -> throw(inner);
                2 -> error(inner_error);
                3 -> ok
            end
        catch
            throw:inner -> throw(converted)
        end
    of
        ok -> fine
    catch
        throw:converted -> converted_outer;
        error:E -> {outer_error, E}
    end.

try_in_guard_position(L) ->
    Len = try length(L) catch error:badarg -> -1 end,
    if Len > 0 -> {len, Len}; true -> not_a_list end.

try_clause_escapes() ->
    try id(unexpected) of expected -> ok catch _:_ -> not_here end.

safe_div(X) ->
    try 10 div X of
        V -> {ok, V}
    catch
        error:badarith when X =:= 0 -> div_by_zero;
        error:badarith -> not_a_number
    end.

id(X) -> X.
