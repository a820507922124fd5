% kiln conformance: andalso/orelse short-circuit, and/or/xor/not
-module(boolean_ops).
-export([main/1]).
-mode(compile).

main(_) ->
    Bools = [true, false],
    table(Bools, Bools),
    io:format("~p ~p~n", [not true, not false]),
    io:format("~p~n", [id(false) andalso crash()]),
    io:format("~p~n", [id(true) orelse crash()]),
    io:format("~p~n", [id(true) andalso id(5)]),
    io:format("~p~n", [id(false) orelse id(done)]),
    io:format("~p~n", [id(1) < 2 andalso id(b) > a]),
    io:format("~p~n", [id(1) > 2 orelse (id(3) =:= 3 andalso true)]),
    io:format("~p~n", [all_positive([1, 2, 3]) andalso not all_positive([1, -2])]).

table([], _) -> ok;
table([A | T], Bs) ->
    row(A, Bs),
    table(T, Bs).

row(_, []) -> ok;
row(A, [B | T]) ->
    io:format("~p ~p: and ~p or ~p xor ~p andalso ~p orelse ~p~n",
              [A, B, A and B, A or B, A xor B, A andalso B, A orelse B]),
    row(A, T).

all_positive([]) -> true;
all_positive([H | T]) -> H > 0 andalso all_positive(T).

crash() -> erlang:error(should_not_be_evaluated).

id(X) -> X.
