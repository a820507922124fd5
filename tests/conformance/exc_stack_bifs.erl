% kiln conformance: stack traces of errors inside BIFs and operators, bit syntax, apply, uncaught exits
-module(exc_stack_bifs).
-export([main/1]).
-mode(compile).

%% Lines are printed relative to base/0's, so that they do not depend on
%% how escript numbers the lines of a script.
base() -> ?LINE.

main(_) ->
    show(plus, fun() -> id(1) + id(a) end),
    show(minus_nested, fun() -> arith(id(a)) end),
    show(times, fun() -> {id(2) * id(b)} end),
    show(division, fun() -> R = id(1) div id(0), {R} end),
    show(element, fun() -> element(5, id({a})) end),
    show(element_nested, fun() -> get_elem(id(7), {x}) end),
    show(atom_to_list, fun() -> tail_bif(id(3)) end),
    show(list_to_atom, fun() -> A = list_to_atom(id(3)), {A} end),
    show(hd, fun() -> H = hd(id([])), {H} end),
    show(tl, fun() -> T = tl(id(3)), {T} end),
    show(length, fun() -> L = length(id(improper)), {L} end),
    show(tuple_size, fun() -> tuple_size(id([])) end),
    show(integer_to_list, fun() -> integer_to_list(id(x)) end),
    show(append, fun() -> id(a) ++ [1] end),
    show(not_op, fun() -> not id(3) end),
    show(bitand, fun() -> id(1.5) band 1 end),
    show(bit_syntax, fun() -> X = id(1), S = id(-1), <<X:S>> end),
    show(apply_bif, fun() -> R = apply(erlang, element, [id(9), {}]), {R} end),
    show(apply_mfa, fun() -> R = erlang:apply(id(erlang), id(atom_to_list), [1]), {R} end),
    show(in_guard_ok, fun() -> guarded(id(a)) end),
    show(badarith_in_lambda, fun() -> F = fun(X) -> X * 2 end, R = F(id(z)), {R} end),
    show(in_try_after, fun() -> try arith(id(q)) after ok end end),
    show(reraise, fun() -> try arith(id(r)) catch C:R:S -> erlang:raise(C, R, S) end end),
    show(raise_given, fun() -> erlang:raise(exit, given, [{m, f, 1, [{file, "m.erl"}, {line, 3}]}]) end),
    io:format("done~n").

show(Tag, Fun) ->
    try Fun() of
        V -> io:format("~p: returned ~p~n", [Tag, V])
    catch
        C:R:S ->
            io:format("~p: ~p:~p~n", [Tag, C, R]),
            [io:format("    ~p~n", [F]) || F <- frames(S)],
            ok
    end.

%% The frames of the stack trace up to the first escript frame (kiln has
%% none), this module's as {Function, ArityOrArgs, RelativeLine}, erlang's
%% as they are.
frames([]) -> [];
frames([{escript, _, _, _} | _]) -> [];
frames([{M, F, A, Loc} | Rest]) when M =:= ?MODULE ->
    [{F, A, proplists:get_value(line, Loc) - base()} | frames(Rest)];
frames([{M, F, A, Loc} | Rest]) when M =:= erlang ->
    [{M, F, A, Loc} | frames(Rest)];
frames([{M, F, A, Loc} | Rest]) ->
    [{M, F, A, Loc} | frames(Rest)].

id(X) -> X.

arith(X) ->
    Y = X - 1,
    {Y}.

get_elem(N, T) ->
    E = element(N, T),
    [E].

tail_bif(X) -> atom_to_list(X).

guarded(X) when X + 1 > 0 -> positive;
guarded(_) -> other.
