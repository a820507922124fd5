% kiln conformance-next: erlang:raise/3 and re-raising with a caught stacktrace
-module(exc_raise).
-export([main/1]).
-mode(compile).

main(_) ->
    t(raise_error, fun() -> erlang:raise(error, boom, []) end),
    t(raise_throw, fun() -> erlang:raise(throw, ball, []) end),
    t(raise_exit, fun() -> erlang:raise(exit, gone, []) end),
    t(raise_bad_class, fun() -> erlang:raise(bogus, x, []) end),
    t(raise_bad_stack, fun() -> erlang:raise(error, x, not_a_stack) end),
    t(raise_stack_entry, fun() -> erlang:raise(error, x, [{m, f, 1, []}]) end),
    t(reraise, fun() -> try error(orig) catch error:R:S -> erlang:raise(error, {wrapped, R}, S) end end),
    t(reraise_class, fun() -> try throw(t) catch C:R:S -> erlang:raise(C, R, S) end end),
    t(stack_is_list, fun() -> try error(x) catch _:_:S -> is_list(S) end end),
    t(stack_from_raise, fun() -> try erlang:raise(throw, v, [{a, b, 0, []}]) catch throw:v:S -> S end end),
    t(error2, fun() -> erlang:error(badthing, [1, 2]) end),
    t(error3, fun() -> erlang:error(badthing, [1], [{error_info, #{}}]) end),
    t(exit1, fun() -> erlang:exit({nested, [1, 2]}) end),
    t(throw_big, fun() -> throw(lists:seq(1, 10)) end),
    t(raise_in_after, fun() -> try ok after erlang:raise(exit, late, []) end end),
    ok.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).
