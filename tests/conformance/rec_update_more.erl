% kiln conformance: records with many fields, updates in loops, records in maps and binaries, #r{_ = x}
-module(rec_update_more).
-export([main/1]).
-mode(compile).

-record(big, {f1 = 1, f2 = 2, f3 = 3, f4 = 4, f5 = 5, f6 = 6, f7 = 7, f8 = 8, f9 = 9, f10 = 10,
              f11 = 11, f12 = 12, f13 = 13, f14 = 14, f15 = 15, f16 = 16, f17 = 17, f18 = 18,
              f19 = 19, f20 = 20, f21, f22 :: integer() | undefined, f23 = [], f24 = #{}, f25 = <<>>}).
-record(pt, {x = 0, y = 0}).
-record(acc, {count = 0, sum = 0, min, max, items = []}).
-record(wild, {a, b, c = c_default, d}).
-record(empty, {}).
-record(nested, {inner = #pt{}, list = [#pt{x = 1}], tag}).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

step(X, #acc{count = C, sum = S, min = Mn, max = Mx, items = I} = A) ->
    A#acc{count = C + 1, sum = S + X,
          min = case Mn of undefined -> X; _ when X < Mn -> X; _ -> Mn end,
          max = case Mx of undefined -> X; _ when X > Mx -> X; _ -> Mx end,
          items = [X | I]}.

bump(0, R) -> R;
bump(N, #big{f1 = F1, f20 = F20, f25 = Bin} = R) ->
    bump(N - 1, R#big{f1 = F1 + 1, f20 = F20 * 2, f25 = <<Bin/binary, N>>}).

move(#pt{x = X, y = Y} = P, {DX, DY}) -> P#pt{x = X + DX, y = Y + DY}.

main(_) ->
    B = #big{},
    p("big default", fun() -> B end),
    p("big size", fun() -> {tuple_size(B), record_info(size, big), length(record_info(fields, big))} end),
    p("big fields", fun() -> record_info(fields, big) end),
    p("big index", fun() -> {#big.f1, #big.f25, #big.f13} end),
    p("big update many", fun() -> B#big{f1 = a, f5 = e, f10 = j, f21 = u, f25 = <<"z">>} end),
    p("big element", fun() -> {element(#big.f17, B), element(#big.f24, B)} end),
    p("bump loop", fun() -> R = bump(10, B), {R#big.f1, R#big.f20, R#big.f25, R#big.f2} end),
    p("acc fold", fun() -> lists:foldl(fun step/2, #acc{}, [5, 3, 9, 1, 7]) end),
    p("acc empty", fun() -> lists:foldl(fun step/2, #acc{}, []) end),
    p("move loop", fun() -> lists:foldl(fun(D, P) -> move(P, D) end, #pt{}, [{1, 2}, {3, 4}, {-10, 0}]) end),
    p("wild", fun() -> #wild{_ = x} end),
    p("wild some", fun() -> #wild{a = 1, _ = w} end),
    p("wild all set", fun() -> #wild{a = 1, b = 2, c = 3, d = 4, _ = unused} end),
    p("wild default ignored", fun() -> (#wild{_ = z})#wild.c end),
    p("wild expr", fun() -> V = id([1, 2]), #wild{b = b, _ = V} end),
    p("empty", fun() -> {#empty{}, record_info(size, empty), record_info(fields, empty)} end),
    p("nested default", fun() -> #nested{} end),
    p("nested update", fun() -> N = #nested{tag = t}, N#nested{inner = (N#nested.inner)#pt{y = 9}} end),
    p("nested access", fun() -> N = #nested{inner = #pt{x = 4, y = 5}}, {(N#nested.inner)#pt.y, [P#pt.x || P <- N#nested.list]} end),
    M = #{p1 => #pt{x = 1, y = 2}, p2 => #pt{}, list => [#acc{}, #pt{}]},
    p("rec in map", fun() -> M end),
    p("rec in map update", fun() -> #{p1 := P1} = M, M#{p1 := P1#pt{x = 100}} end),
    p("rec in map match", fun() -> case M of #{p1 := #pt{x = X}, p2 := #pt{y = Y}} -> {X, Y} end end),
    p("rec as map key", fun() -> maps:get(#pt{x = 1}, #{#pt{x = 1} => found, #pt{} => origin}) end),
    p("map in rec", fun() -> R = #big{f24 = #{k => v}}, R2 = R#big{f24 = (R#big.f24)#{k2 => v2}}, R2#big.f24 end),
    p("t2b pt", fun() -> binary_to_list(term_to_binary(#pt{x = 1, y = -1})) end),
    p("t2b roundtrip big", fun() -> R = bump(3, B), binary_to_term(term_to_binary(R)) =:= R end),
    p("t2b in map", fun() -> binary_to_term(term_to_binary(M)) =:= M end),
    p("t2b nested", fun() -> byte_size(term_to_binary(#nested{})) end),
    p("rec in bin", fun() -> Bin = <<1, (term_to_binary(#pt{x = 7, y = 8}))/binary, 2>>, <<1, Rest/binary>> = Bin, Sz = byte_size(Rest) - 1, <<T:Sz/binary, 2>> = Rest, binary_to_term(T) end),
    p("is_record", fun() -> {is_record(B, big), is_record(B, big, 26), is_record(B, pt), is_record(#pt{}, pt, 3), is_record(id({pt, 1}), pt)} end),
    p("bad update", fun() -> (id({pt, 1, 2, 3}))#pt{x = 1} end),
    p("bad access", fun() -> (id(#acc{}))#pt.x end),
    p("bad access tuple", fun() -> (id({pt, 1}))#pt.y end),
    p("update undefined field type", fun() -> (B#big{f22 = 5})#big.f22 end),
    p("setelement equiv", fun() -> setelement(#pt.x, #pt{}, 5) =:= #pt{x = 5} end),
    p("compare", fun() -> {#pt{x = 1} < #pt{x = 2}, #pt{} == {pt, 0, 0}, #pt{x = 1.0} == #pt{x = 1}, #pt{x = 1.0} =:= #pt{x = 1}} end),
    p("sort recs", fun() -> lists:sort([#pt{x = 3}, #pt{x = 1, y = 5}, #pt{x = 1, y = 2}]) end),
    p("keysort recs", fun() -> lists:keysort(#pt.y, [#pt{x = 3, y = 1}, #pt{x = 1, y = 5}, #pt{x = 2, y = 1}]) end),
    p("keyfind recs", fun() -> lists:keyfind(2, #pt.x, [#pt{x = 3, y = 1}, #pt{x = 2, y = 7}]) end),
    p("1000 updates", fun() -> R = lists:foldl(fun(I, A) -> A#big{f10 = A#big.f10 + I, f11 = I} end, B, lists:seq(1, 1000)), {R#big.f10, R#big.f11} end),
    ok.
