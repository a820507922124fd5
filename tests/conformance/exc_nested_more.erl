% kiln conformance: nested try/catch, after on every class, rethrow, catch of exit(normal), error in after
-module(exc_nested_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

log(X) -> put(log, [X | get_log()]).
get_log() -> case get(log) of undefined -> []; L -> L end.
take_log() -> L = lists:reverse(get_log()), erase(log), L.

norm({'EXIT', {R, St}}) when is_list(St) -> {'EXIT', R, with_stack};
norm(X) -> X.

raise(throw, R) -> throw(R);
raise(exit, R) -> exit(R);
raise(error, R) -> erlang:error(R);
raise(none, R) -> R.

with_after(Class) ->
    try raise(Class, boom)
    after log({after_ran, Class})
    end.

nest3(Class) ->
    try
        log(outer_try),
        norm(catch begin
                  log(catch_body),
                  try raise(Class, inner)
                  catch throw:inner -> log(inner_caught_throw), caught_throw
                  after log(inner_after)
                  end
              end)
    of
        V -> log({outer_of, V}), V
    catch
        C:R -> log({outer_catch, C, R}), {outer, C, R}
    after
        log(outer_after)
    end.

rethrow(Class) ->
    try
        try raise(Class, orig)
        catch C:R -> log({handler, C, R}), erlang:raise(C, {re, R}, [])
        end
    catch C2:R2 -> {outer_got, C2, R2}
    end.

convert(Class) ->
    try
        try raise(Class, orig)
        catch
            throw:R -> exit({from_throw, R});
            exit:R -> erlang:error({from_exit, R});
            error:R -> throw({from_error, R})
        end
    catch C2:R2 -> {C2, R2}
    end.

after_error(Class) ->
    try
        try raise(Class, original)
        after erlang:error(from_after)
        end
    catch C:R -> {C, R}
    end.

after_throw_replaces_value() ->
    try
        try ok_value
        after throw(after_throw)
        end
    catch C:R -> {C, R}
    end.

after_value_ignored() ->
    try value_kept after after_result end.

handler_raises_after_runs() ->
    try
        try throw(a)
        catch throw:a -> log(handler), erlang:error(b)
        after log(after_of_handler)
        end
    catch error:b -> {caught_b, take_log()}
    end.

of_clause_error() ->
    try
        try id(1) of
            2 -> two
        catch _:_ -> log(never_here), caught
        after log(after_of)
        end
    catch C:R -> {C, R, take_log()}
    end.

deep(0, Class) -> raise(Class, bottom);
deep(N, Class) ->
    try deep(N - 1, Class)
    after log({unwind, N})
    end.

main(_) ->
    [p("after " ++ atom_to_list(C), fun() -> R = t(fun() -> with_after(C) end), {R, take_log()} end)
     || C <- [throw, exit, error, none]],
    [p("nest3 " ++ atom_to_list(C), fun() -> R = nest3(C), {R, take_log()} end)
     || C <- [throw, exit, error, none]],
    [p("rethrow " ++ atom_to_list(C), fun() -> R = rethrow(C), {R, take_log()} end)
     || C <- [throw, exit, error]],
    [p("convert " ++ atom_to_list(C), fun() -> convert(C) end) || C <- [throw, exit, error]],
    [p("after_error " ++ atom_to_list(C), fun() -> after_error(C) end) || C <- [throw, exit, error, none]],
    p("after_throw_replaces_value", fun after_throw_replaces_value/0),
    p("after_value_ignored", fun after_value_ignored/0),
    p("handler_raises_after_runs", fun handler_raises_after_runs/0),
    p("of_clause_error", fun of_clause_error/0),
    p("catch exit normal", fun() -> catch exit(normal) end),
    p("catch exit normal tuple", fun() -> {catch exit(normal), catch exit(id(x))} end),
    p("catch throw", fun() -> catch throw({a, b}) end),
    p("catch error shape", fun() -> case catch erlang:error(id(oops)) of {'EXIT', {oops, St}} when is_list(St) -> has_stack; Other -> Other end end),
    p("catch nested", fun() -> catch (catch throw(x)) end),
    p("catch in catch error", fun() -> case catch (catch 1 + id(a)) of {'EXIT', {badarith, _}} -> badarith; O -> O end end),
    p("try exit normal", fun() -> try exit(normal) catch exit:normal -> got_normal end end),
    p("deep unwind", fun() -> R = t(fun() -> deep(5, error) end), {R, take_log()} end),
    p("deep unwind throw", fun() -> R = (catch deep(3, throw)), {R, take_log()} end),
    p("class only match", fun() -> try raise(exit, x) catch throw:_ -> thrown; exit:_ -> exited end end),
    p("no match propagates", fun() -> try try raise(error, y) catch throw:_ -> wrong end catch error:y -> outer end end),
    p("stacktrace var", fun() -> try raise(error, z) catch error:z:St -> is_list(St) end end),
    p("raise bad class", fun() -> erlang:raise(bad_class, x, []) end),
    p("raise bad stack", fun() -> try erlang:raise(throw, x, id(not_a_list)) catch C:R -> {C, R} end end),
    p("raise in after in catch", fun() -> catch (try ok after throw(late) end) end),
    p("after sees bindings", fun() -> X = id(5), try X * 2 after log({x, X}) end, take_log() end),
    p("try value through of", fun() -> try id(3) of N when N > 2 -> {big, N}; N -> {small, N} catch _ -> err end end),
    p("error in of body", fun() -> try id(0) of N -> 1 div N catch error:badarith -> not_caught_here end end),
    p("nested rethrow stack", fun() -> try try erlang:error(e1) catch error:E:S -> erlang:raise(error, {wrapped, E}, S) end catch error:R2 -> R2 end end),
    ok.
