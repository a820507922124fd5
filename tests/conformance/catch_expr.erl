% kiln conformance: old-style catch Expr; error reasons printed without stack traces
-module(catch_expr).
-export([main/1]).
-mode(compile).

main(_) ->
    show(plain_value, catch id(42)),
    show(throw, catch throw(thrown)),
    show(exit, catch exit(bye)),
    show(error, catch erlang:error(oops)),
    show(badmatch, catch begin {a, _} = id({b, c}) end),
    show(badarith, catch id(1) div id(0)),
    show(badarg, catch list_to_atom(id(not_a_list))),
    show(function_clause, catch only_atoms(id(1))),
    show(case_clause, catch case id(z) of a -> a end),
    show(undef, catch (id(nomod)):f()),
    show(nested, catch (catch throw(inner))),
    show(in_expression, {wrapped, catch throw(x)}),
    X = (catch 7) + 1,
    show(arith_on_catch, X),
    show(throw_exit_shaped, catch throw({'EXIT', fake})).

show(Name, {'EXIT', {Reason, Stack}}) when is_list(Stack) ->
    io:format("~p: EXIT ~p~n", [Name, Reason]);
show(Name, {'EXIT', Reason}) ->
    io:format("~p: EXIT ~p~n", [Name, Reason]);
show(Name, Value) ->
    io:format("~p: value ~p~n", [Name, Value]).

only_atoms(A) when is_atom(A) -> A.

id(X) -> X.
