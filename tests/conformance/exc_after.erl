% kiln conformance-next: try/after ordering, nested after blocks, exceptions raised inside after
-module(exc_after).
-export([main/1]).
-mode(compile).

main(_) ->
    run(normal, fun() -> try log(body), value after log(after1) end end),
    run(throw, fun() -> try log(body), throw(t) after log(after1) end end),
    run(error_caught, fun() -> try log(body), error(e) catch error:E -> log({caught, E}), handled after log(after1) end end),
    run(nested, fun() ->
                        try
                            try log(inner_body), throw(x)
                            after log(inner_after)
                            end
                        catch throw:X -> log({outer_caught, X}), X
                        after log(outer_after)
                        end
                end),
    run(after_value_ignored, fun() -> try 1 after 2 end end),
    run(after_throws, fun() -> try throw(first) after throw(second) end end),
    run(after_in_of, fun() -> try id(1) of 1 -> log(of_clause), throw(from_of) catch throw:T -> log({caught, T}), T after log(after1) end end),
    run(of_not_caught, fun() -> try try id(1) of 1 -> throw(from_of) catch throw:_ -> never after log(inner_after) end catch throw:T -> {outer, T} end end),
    run(catch_reraises, fun() -> try try error(a) catch error:a -> log(rethrowing), error(b) after log(after_inner) end catch error:B -> {got, B} end end),
    run(deep, fun() -> deep(3) end),
    run(loop_after, fun() -> [try I after log({a, I}) end || I <- [1, 2, 3]] end),
    run(after_with_catch_expr, fun() -> catch try exit(x) after log(after_exit) end end),
    run(return_from_catch_in_after, fun() -> try throw(a) after catch throw(b) end end),
    run(exit_in_body, fun() -> try exit(bye) after log(cleanup) end end),
    ok.

deep(0) -> log(bottom), throw(deep_throw);
deep(N) -> try deep(N - 1) after log({unwind, N}) end.

run(Name, F) ->
    put(log, []),
    R = try F() of V -> {value, V} catch C:E -> {C, E} end,
    io:format("~p: ~p ~p~n", [Name, lists:reverse(get(log)), R]).

log(X) -> put(log, [X | get(log)]), X.

id(X) -> X.
