% kiln conformance: try/catch with error, throw and exit; try ... of; class patterns
-module(try_catch).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [classify(fun() -> ok end)]),
    io:format("~p~n", [classify(fun() -> erlang:error(bad_thing) end)]),
    io:format("~p~n", [classify(fun() -> throw(ball) end)]),
    io:format("~p~n", [classify(fun() -> exit(leaving) end)]),
    io:format("~p~n", [classify(fun() -> erlang:error({tagged, 1, [2]}) end)]),
    io:format("~p~n", [only_throws(fun() -> throw(caught_by_default_class) end)]),
    io:format("~p~n", [catch_all(fun() -> throw(x) end)]),
    io:format("~p~n", [catch_all(fun() -> erlang:error(y) end)]),
    io:format("~p~n", [catch_all(fun() -> exit(z) end)]),
    io:format("~p~n", [try_of(5)]),
    io:format("~p~n", [try_of(-5)]),
    io:format("~p~n", [try_of(zero)]),
    io:format("~p~n", [nested()]),
    io:format("~p~n", [rethrow()]),
    io:format("~p~n", [value_of_try()]),
    io:format("~p~n", [deep_throw(100)]),
    io:format("~p~n", [pattern_in_catch(fun() -> throw({error, 42}) end)]),
    io:format("~p~n", [pattern_in_catch(fun() -> throw(other) end)]).

classify(F) ->
    try F() of
        Value -> {returned, Value}
    catch
        error:Reason -> {error, Reason};
        throw:Term -> {throw, Term};
        exit:Reason -> {exit, Reason}
    end.

only_throws(F) ->
    try F()
    catch
        Term -> {thrown, Term}
    end.

catch_all(F) ->
    try F()
    catch
        Class:Reason -> {Class, Reason}
    end.

try_of(X) ->
    try check(X) of
        positive -> {ok, X};
        negative -> {ok, -X}
    catch
        throw:not_a_number -> {error, not_a_number}
    end.

check(X) when is_integer(X), X > 0 -> positive;
check(X) when is_integer(X) -> negative;
check(_) -> throw(not_a_number).

nested() ->
    try
        try throw(inner)
        catch throw:inner -> throw(from_handler)
        end
    catch
        throw:T -> {outer_caught, T}
    end.

rethrow() ->
    try
        try erlang:error(original)
        catch error:E -> erlang:error({wrapped, E})
        end
    catch
        error:W -> W
    end.

value_of_try() ->
    X = try 21 * 2 catch _:_ -> failed end,
    {value, X}.

deep_throw(0) -> throw(bottom);
deep_throw(N) ->
    case N rem 10 of
        0 ->
            try deep_throw(N - 1)
            catch throw:bottom when N =:= 10 -> {caught_at, N}
            end;
        _ ->
            deep_throw(N - 1)
    end.

pattern_in_catch(F) ->
    try F()
    catch
        throw:{error, Code} when Code > 40 -> {big_error, Code};
        throw:Other -> {other, Other}
    end.
