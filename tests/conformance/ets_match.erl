% ETS match specifications: match/match_object/select/select_reverse/select_count/
% select_delete/select_replace, every guard function, body forms, errors.
-module(ets_match).
-export([main/1]).
-mode(compile).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

main(_) ->
    [basic(T) || T <- [set, ordered_set, bag, duplicate_bag]],
    guards(),
    bodies(),
    errors(),
    replace(),
    compiled(),
    test_ms(),
    ok.

fill(T) ->
    ets:insert(T, [{I, I * I, if I rem 2 =:= 0 -> even; true -> odd end} || I <- lists:seq(1, 10)]),
    ets:insert(T, [{a, [1, 2, 3], #{x => 1}}, {b, {nested, <<"bin">>}, 2.5}, {1.0, float, odd}]).

basic(Type) ->
    io:format("== ~p~n", [Type]),
    T = ets:new(m, [Type]),
    fill(T),
    S = fun lists:sort/1,
    p("match", S(ets:match(T, {'$1', '_', even}))),
    p("match two vars", S(ets:match(T, {'$2', '$1', odd}))),
    p("match repeated var", S(ets:match(T, {'$1', '$1', '_'}))),
    p("match bound key", ets:match(T, {3, '$1', '$2'})),
    p("match_object", S(ets:match_object(T, {'_', '_', odd}))),
    p("match_object list", ets:match_object(T, {a, ['$1' | '_'], '_'})),
    p("match_object map", ets:match_object(T, {'_', '_', #{x => '_'}})),
    p("match_object all", length(ets:match_object(T, '_'))),
    p("match_object nested", ets:match_object(T, {'_', {nested, '$1'}, '_'})),
    p("select", S(ets:select(T, [{{'$1', '$2', '_'}, [{'>', '$2', 50}], ['$1']}]))),
    p("select reverse sorted", S(ets:select_reverse(T, [{{'$1', '$2', '_'}, [{'>', '$2', 50}], ['$1']}]))),
    p("select two clauses", S(ets:select(T, [{{'$1', '_', even}, [], [{{even, '$1'}}]},
                                               {{'$1', '_', odd}, [{is_integer, '$1'}], [{{odd, '$1'}}]}]))),
    p("select '$_' and '$$'", S(ets:select(T, [{{'$1', '$2', '$3'}, [{'==', '$1', 2}], [{{'$_', '$$'}}]}]))),
    p("select const key", ets:select(T, [{{4, '$1', '_'}, [], ['$1']}])),
    p("select keys", S(ets:select(T, [{{1, '_', '_'}, [], ['$_']}, {{2, '_', '_'}, [], ['$_']}]))),
    p("select_count", ets:select_count(T, [{{'$1', '_', odd}, [], [true]}])),
    p("select_count non-true", ets:select_count(T, [{{'$1', '_', odd}, [], ['$1']}])),
    p("select_delete", ets:internal_select_delete(T, [{{'$1', '_', '_'}, [{is_integer, '$1'}, {'>', '$1', 8}], [true]}])),
    p("select_delete key", ets:internal_select_delete(T, [{{1, '_', '_'}, [], [true]}])),
    p("left", S(ets:select(T, [{{'$1', '_', '_'}, [], ['$1']}]))),
    p("delete_all", ets:internal_delete_all(T, undefined)),
    p("empty", ets:select(T, [{'_', [], ['$_']}])),
    O = ets:new(o, [Type]),
    ets:insert(O, [{K, v} || K <- [5, 3, 9, 1]]),
    case Type of
        ordered_set ->
            p("select order", ets:select(O, [{{'$1', '_'}, [], ['$1']}])),
            p("select_reverse order", ets:select_reverse(O, [{{'$1', '_'}, [], ['$1']}])),
            p("select_reverse bound", ets:select_reverse(O, [{{3, '_'}, [], ['$_']}, {{9, '_'}, [], ['$_']}]));
        _ ->
            p("select_reverse same", lists:sort(ets:select_reverse(O, [{{'$1', '_'}, [], ['$1']}])))
    end.

run(MS, Obj) ->
    T = ets:new(r, []),
    ets:insert(T, Obj),
    R = ets:select(T, MS),
    ets:delete(T),
    R.

guards() ->
    io:format("== guards~n"),
    Obj = {k, 5, -2.5, [1, 2], {a, b, c}, <<1, 2, 3, 4>>, #{m => 1}, self(), make_ref(), true},
    Head = {'$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9', '$10'},
    G = fun(Guard) -> run([{Head, [Guard], [ok]}], Obj) =:= [ok] end,
    Tests = [{is_atom, '$1'}, {is_float, '$3'}, {is_integer, '$2'}, {is_list, '$4'}, {is_number, '$3'},
             {is_pid, '$8'}, {is_port, '$8'}, {is_reference, '$9'}, {is_tuple, '$5'}, {is_map, '$7'},
             {is_map_key, m, '$7'}, {is_map_key, z, '$7'}, {is_binary, '$6'}, {is_function, '$1'},
             {is_record, '$5', a, 3}, {is_record, '$5', a, 2},
             {'==', {abs, '$3'}, 2.5}, {'==', {element, 2, '$5'}, b}, {'==', {hd, '$4'}, 1},
             {'==', {tl, '$4'}, [2]}, {'==', {length, '$4'}, 2}, {'==', {map_get, m, '$7'}, 1},
             {'==', {map_size, '$7'}, 1}, {'==', {node}, node()}, {'==', {node, '$8'}, node()},
             {'==', {round, '$3'}, -3}, {'==', {trunc, '$3'}, -2}, {'==', {float, '$2'}, 5.0},
             {'==', {size, '$5'}, 3}, {'==', {size, '$6'}, 4}, {'==', {bit_size, '$6'}, 32},
             {'==', {byte_size, '$6'}, 4}, {'==', {binary_part, '$6', {{1, 2}}}, <<2, 3>>},
             {'==', {binary_part, '$6', 0, 1}, <<1>>},
             {'==', {'+', '$2'}, 5}, {'==', {'-', '$2'}, -5}, {'==', {'+', '$2', 1}, 6},
             {'==', {'-', '$2', 1}, 4}, {'==', {'*', '$2', '$3'}, -12.5}, {'==', {'/', '$2', 2}, 2.5},
             {'==', {'div', '$2', 2}, 2}, {'==', {'rem', '$2', 2}, 1}, {'==', {'band', '$2', 4}, 4},
             {'==', {'bor', '$2', 2}, 7}, {'==', {'bxor', '$2', 1}, 4}, {'==', {'bnot', '$2'}, -6},
             {'==', {'bsl', '$2', 2}, 20}, {'==', {'bsr', '$2', 1}, 2},
             {'>', '$2', 4}, {'>=', '$2', 5}, {'<', '$3', 0}, {'=<', '$2', 5.0}, {'=:=', '$2', 5},
             {'=:=', '$2', 5.0}, {'==', '$2', 5.0}, {'=/=', '$2', 5.0}, {'/=', '$2', 5.0},
             {'not', {'==', '$2', 4}}, {'xor', true, '$10'}, {'and', true, '$10', {is_atom, '$1'}},
             {'or', false, '$10'}, {'andalso', '$10', {'>', '$2', 1}}, {'orelse', false, '$10'},
             {'==', {self}, '$8'}, {'==', {const, {a, b, c}}, '$5'}, {'==', {{a, b, c}}, '$5'},
             {'==', [1, '$2'], [1, 5]}, {'==', #{k => '$2'}, #{k => 5}},
             %% Failures make the guard false.
             {'==', {hd, '$1'}, 1}, {'+', '$1', 1}, {'and', 1, true}, {'andalso', 1, true},
             {'orelse', 1, true}, {'not', 1}, '$2', {'==', {element, 9, '$5'}, x},
             {'==', {'div', '$2', 0}, 1}, {'==', {map_get, zz, '$7'}, 1}],
    [p(io_lib:format("~w", [Gd]), G(Gd)) || Gd <- Tests],
    p("several guards", run([{Head, [{is_atom, '$1'}, {'>', '$2', 1}], [yes]}], Obj)),
    p("one false guard", run([{Head, [{is_atom, '$1'}, {'>', '$2', 10}], [yes]}], Obj)),
    p("guard true atom", run([{Head, [true], [yes]}], Obj)),
    p("guard non-boolean", run([{Head, [5], [yes]}], Obj)).

bodies() ->
    io:format("== bodies~n"),
    Obj = {k, 5, [1, 2]},
    Head = {'$1', '$2', '$3'},
    B = fun(Body) -> run([{Head, [], Body}], Obj) end,
    [p(io_lib:format("~w", [Body]), B(Body)) || Body <-
        [['$1'], ['$$'], ['$_'], [x, y, '$2'], [{{'$1', '$2'}}], [{{}}], [{{'$$'}}],
         [[a, '$1' | '$3']], [#{'$1' => '$2', b => [c]}], [{const, {'$1', x}}],
         [{'+', '$2', 1}], [{'+', '$1', 1}], [{'+', {'+', '$1', 1}, 1}], [{{'$1', {'+', '$1', 1}}}],
         [{'and', true, x}], [{'andalso', true, 5}], [{'orelse', false, 5}], [{'andalso', 1, 5}],
         [{'not', 1}], [{element, 1, '$_'}], ['$foo'], ['_'], [{const, '$1'}],
         [1.5, <<"bin">>], [[]], [{'==', '$2', 5.0}]]],
    p("self", B([{'==', {self}, self()}])),
    p("first matching clause wins", run([{{'$1', '_', '_'}, [], [first]}, {'_', [], [second]}], Obj)),
    p("guard failure tries next", run([{{'$1', '_', '_'}, [{'>', '$1', 1}], [first]}, {'_', [], [second]}], Obj)),
    p("body failure does not", run([{{'$1', '_', '_'}, [], [{'+', '$1', 1}]}, {'_', [], [second]}], Obj)),
    p("repeated var", run([{{'$1', '$1', '_'}, [], [same]}, {'_', [], [diff]}], Obj)),
    p("head '$_' is a constant", run([{{'$_', '_', '_'}, [], [yes]}], {'$_', 1, 2})),
    p("head '$01' is a constant", run([{{'$01', '_', '_'}, [], [yes]}], {'$01', 1, 2})),
    p("big variable numbers", run([{{'$100000', '$7', '_'}, [], ['$$']}], Obj)),
    p("variable zero", run([{{'$0', '_', '_'}, [], ['$0']}], Obj)),
    p("non-tuple head", run([{[a], [], [yes]}], Obj)),
    p("map head", run([{{'_', '_', #{}}, [], [yes]}], {k, 1, #{a => 1}})),
    p("map head keys", run([{{'_', '_', #{a => '$1'}}, [], ['$1']}], {k, 1, #{a => 1, b => 2}})),
    p("map head missing key", run([{{'_', '_', #{c => '$1'}}, [], ['$1']}], {k, 1, #{a => 1}})),
    p("binary head", run([{{'_', <<"ab">>}, [], [yes]}], {k, <<"ab">>})),
    p("float head is exact", run([{{'_', 1.0}, [], [yes]}], {k, 1})).

errors() ->
    io:format("== errors~n"),
    T = ets:new(e, []),
    ets:insert(T, {a, 1}),
    Bad = [id(x), [x], [{'_', [], []}], [{'_', [], x}], [{'_', x, [x]}], [{'_', [], [{foo, 1}]}],
           [{'_', [], ['$1']}], [{'$1', [], [{'$1', 1}]}], [{'_', [], [{message, x}]}],
           [{'_', [], [{get_tcw}]}], [{'_', [], [{is_boolean, true}]}], [{'_', [], [{}]}],
           [{#{'$1' => 1}, [], [x]}], [{'_', [], [x]} | id(y)], [{'_', [], [x | y]}],
           [{'_', [], [{const}]}], [{'_', [], [{'and'}]}], [{'_', [], [{self, 1}]}]],
    [p(io_lib:format("~w", [MS]),
       {e(fun() -> ets:select(T, MS) end), e(fun() -> ets:select_count(T, MS) end),
        e(fun() -> ets:match_spec_compile(MS) end)}) || MS <- Bad],
    p("limit zero", e(fun() -> ets:select(T, [{'_', [], ['$_']}], id(0)) end)),
    p("limit atom", e(fun() -> ets:select(T, [{'_', [], ['$_']}], id(x)) end)),
    p("bad continuation", e(fun() -> ets:select(id(foo)) end)),
    p("end of table", {ets:select('$end_of_table'), ets:match('$end_of_table'),
                       ets:match_object('$end_of_table'), ets:select_reverse('$end_of_table')}),
    p("no table", e(fun() -> ets:select(id(nosuch), [{'_', [], ['$_']}]) end)),
    p("match bad table", e(fun() -> ets:match(id(nosuch), '_') end)).

replace() ->
    io:format("== select_replace~n"),
    [begin
         T = ets:new(r, [Type]),
         ets:insert(T, [{K, K} || K <- lists:seq(1, 6)]),
         p("replace", ets:select_replace(T, [{{'$1', '$2'}, [{'<', '$1', 4}], [{{'$1', {'*', '$2', 10}}}]}])),
         p("grow", ets:select_replace(T, [{{'$1', '$2'}, [{'>', '$1', 4}], [{{'$1', '$2', extra}}]}])),
         p("same object", ets:select_replace(T, [{{'$1', '_'}, [], ['$_']}])),
         p("const key", ets:select_replace(T, [{{4, '$1'}, [], [{{4, new}}]}])),
         p("element key", ets:select_replace(T, [{{'$1', '$2'}, [{'==', '$1', 6}], [{{{element, 1, '$_'}, el}}]}])),
         p("const tuple", ets:select_replace(T, [{{5, '_'}, [], [{const, {5, const}}]}])),
         p("table", lists:sort(ets:select(T, [{'_', [], ['$_']}]))),
         p("key changed", e(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]) end)),
         p("not a tuple", e(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [foo]}]) end)),
         p("two bodies", e(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [x, '$_']}]) end)),
         p("float key", e(fun() -> ets:select_replace(T, [{{1, '$2'}, [], [{{1.0, '$2'}}]}]) end)),
         p("unchanged", lists:sort(ets:select(T, [{'_', [], ['$_']}])))
     end || Type <- [set, ordered_set]],
    B = ets:new(b, [bag]),
    ets:insert(B, {a, 1}),
    p("bag", e(fun() -> ets:select_replace(B, [{'_', [], ['$_']}]) end)),
    D = ets:new(d, [duplicate_bag]),
    ets:insert(D, [{a, 1}, {a, 1}, {a, 2}, {b, 3}]),
    p("duplicate_bag", ets:select_replace(D, [{{'$1', '$2'}, [], [{{'$1', {'+', '$2', 10}}}]}])),
    p("duplicate_bag order", ets:lookup(D, a)),
    p("duplicate_bag some", ets:select_replace(D, [{{'$1', '$2'}, [{'==', '$2', 11}], [{{'$1', x}}]}])),
    p("duplicate_bag order", ets:lookup(D, a)),
    p("duplicate_bag key changed", e(fun() -> ets:select_replace(D, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]) end)).

compiled() ->
    io:format("== compiled~n"),
    MS = ets:match_spec_compile([{{'$1', '$2'}, [{is_integer, '$2'}], [{{'$2', '$1'}}]}]),
    p("is_compiled_ms", {ets:is_compiled_ms(MS), ets:is_compiled_ms(id(x)), ets:is_compiled_ms(make_ref()), is_reference(MS)}),
    p("run_r", ets:match_spec_run_r([{a, 1}, {b, x}, {c, 3}, x], MS, [acc])),
    p("run_r empty", ets:match_spec_run_r([], MS, [])),
    p("run_r improper", e(fun() -> ets:match_spec_run_r([{a, 1} | id(x)], MS, []) end)),
    p("run_r not compiled", e(fun() -> ets:match_spec_run_r([{a, 1}], id(x), []) end)),
    T = ets:new(c, [ordered_set]),
    ets:insert(T, [{a, 1}, {b, x}]),
    p("select with compiled", e(fun() -> ets:select(T, MS) end)),
    p("compile bad", e(fun() -> ets:match_spec_compile(id([x])) end)).

test_ms() ->
    io:format("== match_spec_test~n"),
    Cases = [{{a, 1}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]},
             {{a, 1}, [{{'$1', '$2'}, [{'>', '$2', 5}], [x]}]},
             {{a, 1}, [{{'$1', '$2'}, [], [{'+', '$1', 1}]}]},
             {[a], [{'$1', [], ['$1']}]},
             {a, [{'_', [], ['$_']}]},
             {{a}, x}, {{a}, [x]}, {{a}, [{a, b} | x]}, {{a}, [{'$1', [], []}]},
             {{a}, [{'$1', [], {x}}]}, {{a}, [{'$1', x, [x]}]}, {{a}, [{'$1', [], [{x, y}]}]},
             {{a}, [{'$1', [], [{'$1', y}]}]}, {{a}, [{'$1', [], [{const, y, z}]}]},
             {{a}, [{'$1', [], [{'and'}]}]}, {{a}, [{'$1', [], [{self, a}]}]},
             {{a}, [{'$1', [], ['$2', '$3']}]}, {{a}, [{'$1', [], ['$2']}, {'$1', [], ['$3']}]},
             {{a}, [{'$1', [], [{'+', '$1'}, {'-', '$2', 1}]}]},
             {{a}, [{'$1', [a | b], [a]}]}, {{a}, [{'$1', [], [a | b]}]},
             {{a}, [{'$1', [], [{message, 1}]}]}, {{a}, [{'$1', [], [{return_trace}]}]},
             {{a}, [{'$1', [], [{set_seq_token, a, b}]}]}, {{a}, [{'$1', [], [{get_tcw}]}]},
             {{a}, [{'$1', [], [{set_tcw, 1}]}]}, {{a}, [{'$1', [], [{is_bitstring, '$1'}]}]},
             {{a}, [{'$1', [], [{'+', a, b, c}]}]},
             {{a}, [{#{'$2' => 1}, [], [x]}]}, {{a}, [{#{'_' => 1}, [], [x]}]},
             {{a}, [{'$1', [], [{}]}]}, {{a}, [{'$1', [], [{{1, 2}, 3}]}]},
             {{a}, [{'$1', [], [{'$1'}]}]}, {{a}, [{'$1', [], [{"str"}]}]}],
    [p(io_lib:format("~w ~w", [Term, MS]), erlang:match_spec_test(Term, MS, table)) || {Term, MS} <- Cases],
    p("bad type", e(fun() -> erlang:match_spec_test({a}, [], id(foo)) end)).
