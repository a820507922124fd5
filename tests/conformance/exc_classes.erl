% kiln conformance-next: throw/exit/error classes with try and with catch expressions
-module(exc_classes).
-export([main/1]).
-mode(compile).

main(_) ->
    Raisers = [{throw, fun() -> throw(t1) end}, {exit, fun() -> exit(e1) end},
               {error, fun() -> error(r1) end}, {badarith, fun() -> id(1) div id(0) end},
               {value, fun() -> plain_value end}, {throw_tuple, fun() -> throw({'EXIT', fake}) end},
               {exit_tuple, fun() -> exit({shutdown, why}) end}],
    lists:foreach(fun({Name, F}) ->
                          io:format("~p~n", [Name]),
                          io:format("  try-all: ~p~n", [try F() catch C:R8 -> {C, R8} end]),
                          io:format("  try-throw: ~p~n", [catch_class(F, throw)]),
                          io:format("  try-exit: ~p~n", [catch_class(F, exit)]),
                          io:format("  try-error: ~p~n", [catch_class(F, error)]),
                          io:format("  try-default: ~p~n", [catch_class(F, default)]),
                          io:format("  catch: ~p~n", [summarize(catch F())])
                  end, Raisers),
    io:format("~p~n", [catch 1 + 2]),
    io:format("~p~n", [catch throw(x)]),
    io:format("~p~n", [catch exit(y)]),
    X = (catch id(z)),
    io:format("~p~n", [X]),
    io:format("~p~n", [[catch throw(I) || I <- [1, 2, 3]]]),
    io:format("~p~n", [summarize(catch error(with_args, [a, b]))]),
    io:format("~p~n", [try error(with_args, [a, b]) catch error:R0 -> R0 end]),
    io:format("~p~n", [try exit(self_exit) catch exit:R1 -> R1 end]),
    io:format("~p~n", [deep_throw(5)]),
    ok.

catch_class(F, Class) ->
    try inner_catch(F, Class) catch C:R -> {escaped, C, R} end.

inner_catch(F, throw) -> try F() catch throw:R -> {caught_throw, R} end;
inner_catch(F, exit) -> try F() catch exit:R -> {caught_exit, R} end;
inner_catch(F, error) -> try F() catch error:R -> {caught_error, R} end;
inner_catch(F, default) -> try F() catch R -> {default, R} end.

%% catch of an error gives {'EXIT', {Reason, Stack}}: print only the reason
summarize({'EXIT', {Reason, Stack}}) when is_list(Stack) -> {'EXIT', Reason, stack};
summarize(Other) -> Other.

deep_throw(N) ->
    try descend(N) catch throw:{depth, D} -> {thrown_from, D} end.

descend(0) -> throw({depth, 0});
descend(N) -> [N | descend(N - 1)].

id(X) -> X.
