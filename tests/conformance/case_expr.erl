% kiln conformance: case expressions with patterns, guards and nesting
-module(case_expr).
-export([main/1]).
-mode(compile).

main(_) ->
    show([0, 7, -3, a, "str", {point, 1, 2}, {point, 0, 0}, [1, 2], [], {other}]),
    io:format("~p~n", [nested({ok, {value, 5}})]),
    io:format("~p~n", [nested({ok, {value, -5}})]),
    io:format("~p~n", [nested({ok, nothing})]),
    io:format("~p~n", [nested(error)]),
    io:format("~p~n", [bound_var_match(3, {3, x})]),
    io:format("~p~n", [bound_var_match(3, {4, x})]),
    R = case lookup(b, [{a, 1}, {b, 2}]) of
            {found, V} -> V * 10;
            not_found -> 0
        end,
    io:format("~p~n", [R]).

show([]) -> ok;
show([X | T]) ->
    Desc = case X of
               0 -> zero;
               N when is_integer(N), N > 0 -> positive;
               N when is_integer(N) -> negative;
               A when is_atom(A) -> {atom, A};
               {point, 0, 0} -> origin;
               {point, PX, PY} -> {point_sum, PX + PY};
               [] -> empty_list;
               [H | _] when is_integer(H), H > 100 -> string_like;
               [H | _] -> {list_head, H};
               _ -> something_else
           end,
    io:format("~p -> ~p~n", [X, Desc]),
    show(T).

nested(X) ->
    case X of
        {ok, Inner} ->
            case Inner of
                {value, V} when V > 0 -> {positive_value, V};
                {value, V} -> {other_value, V};
                _ -> no_value
            end;
        error ->
            failed
    end.

bound_var_match(K, T) ->
    case T of
        {K, V} -> {same_key, V};
        {_, _} -> different_key
    end.

lookup(_, []) -> not_found;
lookup(K, [{K, V} | _]) -> {found, V};
lookup(K, [_ | T]) -> lookup(K, T).
