% kiln conformance-next: record errors as OTP 25 reports them ({badrecord,...}, badmatch, function_clause)
-module(rec_errors).
-export([main/1]).
-mode(compile).

-record(r, {a = 1, b}).
-record(s, {a}).

main(_) ->
    t(access_wrong_record, fun() -> (id(#s{a = 1}))#r.a end),
    t(access_not_tuple, fun() -> (id(42))#r.a end),
    t(access_short_tuple, fun() -> (id({r, 1}))#r.b end),
    t(access_atom, fun() -> (id(r))#r.a end),
    t(update_wrong_record, fun() -> (id(#s{}))#r{a = 2} end),
    t(update_not_tuple, fun() -> (id([]))#r{b = 2} end),
    t(update_two_fields, fun() -> (id({other, 1, 2}))#r{a = 1, b = 2} end),
    t(match_wrong, fun() -> #r{a = A} = id(#s{a = 5}), A end),
    t(match_field, fun() -> #r{a = 2} = id(#r{}) end),
    t(head_wrong, fun() -> get_a(id(#s{a = 1})) end),
    t(nested_access, fun() -> (id(#r{b = #s{a = 1}}))#r.b#r.a end),
    t(ok_access, fun() -> (id(#r{b = 9}))#r.b end),
    t(ok_tuple_access, fun() -> (id({r, x, y}))#r.b end),
    t(in_guard_no_error, fun() -> guarded(id(#s{a = 1})) end),
    ok.

get_a(#r{a = A}) -> A.

guarded(R) when R#r.a =:= 1 -> r_one;
guarded(_) -> not_r.

t(L, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~p: ~p~n", [L, R]).

id(X) -> X.
