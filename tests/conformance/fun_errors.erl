% kiln conformance-next: badfun, badarity, function_clause in funs
-module(fun_errors).
-export([main/1]).
-mode(compile).

main(_) ->
    t(badfun_atom, fun() -> (id(foo))(1) end),
    t(badfun_int, fun() -> (id(42))() end),
    t(badfun_tuple, fun() -> (id({lists, reverse}))([1, 2]) end),
    t(badfun_list, fun() -> (id([]))(1, 2) end),
    t(badfun_binary, fun() -> (id(<<"f">>))() end),
    t(badfun_map, fun() -> (id(#{a => 1}))(a) end),
    t(badarity_ext, fun() -> (id(fun lists:reverse/1))(a, b) end),
    t(badarity_ext0, fun() -> (id(fun erlang:node/0))(x) end),
    R = catch_reason(fun() -> (id(fun(X) -> X end))(1, 2) end),
    case R of
        {error, {badarity, {Fun, Args}}} -> io:format("local badarity: ~p ~p~n", [is_function(Fun, 1), Args]);
        Other -> io:format("unexpected ~p~n", [Other])
    end,
    t(function_clause_fun, fun() -> (id(fun(0) -> zero end))(1) end),
    t(function_clause_guard, fun() -> (id(fun(X) when is_atom(X) -> X end))("s") end),
    t(apply_badfun, fun() -> apply(id(notfun), [1]) end),
    t(apply_badarity, fun() -> apply(id(fun lists:sum/1), [1, 2]) end),
    t(apply_not_list, fun() -> apply(id(fun lists:sum/1), id(x)) end),
    t(apply_improper, fun() -> apply(lists, reverse, id([[1] | x])) end),
    t(apply_mfa_badarg, fun() -> apply(id(1), reverse, [[]]) end),
    t(apply_undef, fun() -> apply(lists, id(nope), []) end),
    t(call_undef_mod, fun() -> (id(nonexistent_module_xyz)):f() end),
    t(call_bad_mod, fun() -> M = id({x}), M:f() end),
    t(call_bad_fun_name, fun() -> Fn = id(1), lists:Fn() end),
    t(call_bad_both, fun() -> M = id("m"), Fn = id(<<"f">>), M:Fn(1) end),
    t(fun_ok, fun() -> (id(fun(A, B) -> A - B end))(10, 3) end),
    ok.

catch_reason(F) -> try F() catch C:E -> {C, E} end.

t(L, F) ->
    io:format("~p: ~p~n", [L, catch_reason(F)]).

id(X) -> X.
