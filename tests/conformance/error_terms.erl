% kiln conformance: the standard OTP error reasons, caught as {Class, Reason}
-module(error_terms).
-export([main/1]).
-mode(compile).

main(_) ->
    run(badmatch, fun() -> {ok, _} = id({error, nope}) end),
    run(badmatch_int, fun() -> 1 = id(2) end),
    run(function_clause, fun() -> only_ints(id(atom)) end),
    run(case_clause, fun() -> case id(3) of 1 -> one; 2 -> two end end),
    run(case_clause_tuple, fun() -> case id({x, y}) of {y, _} -> no end end),
    run(if_clause, fun() -> X = id(1), if X > 10 -> big end end),
    run(badarith_add, fun() -> id(1) + id(a) end),
    run(badarith_div, fun() -> id(5) div id(0) end),
    run(badarith_rem, fun() -> id(5) rem id(0) end),
    run(badarith_neg, fun() -> -id(foo) end),
    run(badarith_band, fun() -> id(1) band id([]) end),
    run(badarg_atom_to_list, fun() -> atom_to_list(id(42)) end),
    run(badarg_element, fun() -> element(id(9), id({a})) end),
    run(badarg_setelement, fun() -> setelement(id(0), id({a}), b) end),
    run(badarg_list_to_integer, fun() -> list_to_integer(id("12x")) end),
    run(badarg_hd, fun() -> hd(id([])) end),
    run(badarg_tl, fun() -> tl(id(x)) end),
    run(badarg_length, fun() -> length(id([1 | 2])) end),
    run(badarg_tuple_size, fun() -> tuple_size(id([])) end),
    run(badarg_integer_to_list, fun() -> integer_to_list(id(x)) end),
    run(undef_module, fun() -> M = id(no_such_module), M:nope(1) end),
    run(undef_function, fun() -> M = id(?MODULE), M:missing_function() end),
    run(undef_apply, fun() -> apply(id(error_terms), id(nothing_here), [1, 2]) end),
    run(explicit_error, fun() -> erlang:error({my_reason, 1}) end),
    run(explicit_throw, fun() -> throw(thrown_value) end),
    run(explicit_exit, fun() -> exit(exit_reason) end),
    run(no_error, fun() -> fine end).

run(Name, F) ->
    Result = try F() of
                 V -> {no_exception, V}
             catch
                 Class:Reason -> {Class, Reason}
             end,
    io:format("~p: ~p~n", [Name, Result]).

only_ints(X) when is_integer(X) -> X.

id(X) -> X.
