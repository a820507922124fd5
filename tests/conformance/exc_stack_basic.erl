% kiln conformance: stack traces of explicit raises, match failures, function_clause, catch, depth
-module(exc_stack_basic).
-export([main/1]).
-mode(compile).

%% Lines are printed relative to base/0's, so that they do not depend on
%% how escript numbers the lines of a script.
base() -> ?LINE.

main(_) ->
    show(error1, fun() -> error(boom) end),
    show(throw1, fun() -> throw(ball) end),
    show(exit1, fun() -> exit(bye) end),
    show(nested, fun() -> outer(1) end),
    show(nested_tail, fun() -> tail_outer(1) end),
    show(badmatch, fun() -> {ok, _} = id(nope) end),
    show(case_clause, fun() -> case_it(id(3)) end),
    show(if_clause, fun() -> if_it(id(3)) end),
    show(try_clause, fun() -> try_it(id(3)) end),
    show(function_clause, fun() -> fc(id(x), 2) end),
    show(function_clause_fun, fun() -> F = id(fun(a) -> ok end), F(b) end),
    show(error2, fun() -> error(with_args, [1, two]) end),
    show(error2_local, fun() -> err2(5) end),
    show(deep, fun() -> deep(20) end),
    show(deep_tail, fun() -> deep_tail(20) end),
    show(in_lambda, fun() -> apply_it(fun(X) -> fail_unless(X, {lambda, X}), X end, 7) end),
    show(bad_fun, fun() -> apply_it(id(not_a_fun), 7) end),
    show(tail_bad_fun, fun() -> F = id(not_a_fun), F(7) end),
    show(undef, fun() -> apply_it(fun(X) -> R = undefined_module_xyz:f(X), {R} end, 7) end),
    show(tail_undef, fun() -> M = id(undefined_module_xyz), M:f(8) end),
    show(rethrow, fun() -> try error(first) catch error:R -> error({again, R}) end end),
    show(after_raise, fun() -> try error(inner) after ok end end),
    caught(),
    uncaught_in_catch(),
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
%% none), this module's as {Function, ArityOrArgs, RelativeLine}.
frames([]) -> [];
frames([{escript, _, _, _} | _]) -> [];
frames([{M, F, A, Loc} | Rest]) when M =:= ?MODULE ->
    [{F, A, proplists:get_value(line, Loc) - base()} | frames(Rest)];
frames([{M, F, A, Loc} | Rest]) when M =:= erlang ->
    [{M, F, A, Loc} | frames(Rest)];
frames([{M, F, A, _} | Rest]) ->
    [{M, F, A} | frames(Rest)].

id(X) -> X.

outer(X) ->
    Y = middle(X),
    {Y}.

middle(X) ->
    Z = inner(X),
    [Z].

inner(X) ->
    case id(X) of
        0 -> zero;
        _ -> error({inner, X})
    end.

tail_outer(X) -> tail_middle(X).

tail_middle(X) -> tail_inner(X).

tail_inner(X) -> throw({tail, X}).

case_it(X) ->
    case X of
        1 -> one;
        2 -> two
    end.

if_it(X) ->
    if
        X =:= 1 -> one;
        X =:= 2 -> two
    end.

try_it(X) ->
    try id(X) of
        1 -> one
    catch
        _:_ -> caught
    end.

fc(a, _) -> a;
fc(b, N) when N > 0 -> b.

err2(N) ->
    erlang:error(err2, [N, N + 1]).

deep(0) -> fail_unless(id(0), bottom);
deep(N) -> [N | deep(N - 1)].

deep_tail(0) -> fail_unless(id(0), bottom);
deep_tail(N) -> deep_tail(N - 1).

%% Raises unless X is 1 (OTP's compiler drops the frames of calls to
%% functions it can prove never return; these can).
fail_unless(1, _) -> ok;
fail_unless(_, Reason) -> error(Reason).

apply_it(F, X) ->
    R = F(X),
    {R}.

caught() ->
    case catch error(in_catch) of
        {'EXIT', {Reason, Stack}} ->
            io:format("catch: ~p~n", [Reason]),
            [io:format("    ~p~n", [F]) || F <- frames(Stack)],
            ok
    end,
    io:format("catch throw: ~p~n", [catch throw(t)]),
    io:format("catch exit: ~p~n", [catch exit(e)]).

uncaught_in_catch() ->
    {'EXIT', {function_clause, Stack}} = (catch fc(id(c), 0)),
    io:format("catch function_clause~n"),
    [io:format("    ~p~n", [F]) || F <- frames(Stack)],
    ok.
