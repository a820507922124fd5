% kiln conformance-next: every standard error reason form, caught as {Class, Reason}
-module(exc_reasons).
-export([main/1]).
-mode(compile).

-record(r, {a}).

main(_) ->
    t(badarg, fun() -> atom_to_list(id("x")) end),
    t(badarith, fun() -> id(1) / id(0) end),
    t(badarith_float, fun() -> id(1.0) / id(0.0) end),
    t(badarith_atom, fun() -> id(a) * 2 end),
    t(badmatch, fun() -> {X, X} = id({1, 2}) end),
    t(badmatch_list, fun() -> [_] = id([1, 2]) end),
    t(badmatch_bin, fun() -> <<_:16>> = id(<<1>>) end),
    t(badmatch_map, fun() -> #{k := _} = id(#{}) end),
    t(case_clause, fun() -> case id({ok, 1}) of {error, _} -> e end end),
    t(case_clause_map, fun() -> case id(#{a => 1}) of #{b := _} -> b end end),
    t(if_clause, fun() -> V = id(5), if V < 0 -> neg; V > 10 -> big end end),
    t(try_clause, fun() -> try id(3) of 1 -> one after ok end end),
    t(try_clause_tuple, fun() -> try id({a, b}) of {b, _} -> no catch _:_ -> caught end end),
    t(function_clause, fun() -> f(id(atom)) end),
    t(function_clause_arity2, fun() -> g(id(1), id(2)) end),
    t(undef, fun() -> (id(nomod)):f() end),
    t(undef_fun, fun() -> ?MODULE:missing(id(1)) end),
    t(badfun, fun() -> (id(1))() end),
    t(badarity, fun() -> (id(fun lists:max/1))() end),
    t(badkey, fun() -> maps:get(x, id(#{})) end),
    t(badmap, fun() -> (id(x))#{a := 1} end),
    t(badrecord, fun() -> (id(x))#r.a end),
    t(system_limit, fun() -> list_to_atom(lists:duplicate(300, $a)) end),
    t(custom_error, fun() -> error({my, error}) end),
    t(custom_error_atom, fun() -> erlang:error(oops) end),
    t(throw, fun() -> throw({some, value}) end),
    t(exit, fun() -> exit(bye) end),
    t(exit_normal, fun() -> exit(normal) end),
    t(nocatch_rethrow, fun() -> try throw(inner) catch error:_ -> no end end),
    t(ok, fun() -> id(fine) end),
    ok.

catch_it(F) -> try F() catch C:E -> {C, E} end.

f(X) when is_integer(X) -> X.

g(a, b) -> ab.

t(L, F) ->
    io:format("~p: ~p~n", [L, catch_it(F)]).

id(X) -> X.
