% kiln conformance: stdlib proplists: every exported function
-module(stdlib_proplists).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    L = [{a, 1}, b, {c, 3, x}, {a, 2}, "str", {d, true}, {e, false}, {b, [1]}, {}, {f, [2, 3]}, 42],
    p("property", fun() -> {proplists:property({a, true}), proplists:property({a, 1}), proplists:property({"a", true}), proplists:property(a, true), proplists:property(a, 1), proplists:property(1, true)} end),
    p("unfold", fun() -> proplists:unfold(L) end),
    p("compact", fun() -> proplists:compact([{a, true}, b, {c, 1}, {d, true, x}]) end),
    p("lookup", fun() -> {proplists:lookup(a, L), proplists:lookup(b, L), proplists:lookup(c, L), proplists:lookup(z, L)} end),
    p("lookup_all", fun() -> {proplists:lookup_all(a, L), proplists:lookup_all(b, L), proplists:lookup_all(z, L)} end),
    p("is_defined", fun() -> {proplists:is_defined(c, L), proplists:is_defined(z, L)} end),
    p("get_value", fun() -> {proplists:get_value(a, L), proplists:get_value(b, L), proplists:get_value(c, L), proplists:get_value(z, L), proplists:get_value(c, L, def), proplists:get_value(z, L, def)} end),
    p("get_all_values", fun() -> {proplists:get_all_values(a, L), proplists:get_all_values(b, L), proplists:get_all_values(c, L)} end),
    p("append_values", fun() -> {proplists:append_values(b, L), proplists:append_values(f, L), proplists:append_values(a, L)} end),
    p("get_bool", fun() -> {proplists:get_bool(b, L), proplists:get_bool(d, L), proplists:get_bool(e, L), proplists:get_bool(c, L), proplists:get_bool(z, L)} end),
    p("get_keys", fun() -> lists:sort(proplists:get_keys(L)) end),
    p("delete", fun() -> {proplists:delete(a, L), proplists:delete(b, L)} end),
    p("substitute_aliases", fun() -> proplists:substitute_aliases([{a, aa}, {b, bb}, {d, dd}], L) end),
    p("substitute_negations", fun() -> proplists:substitute_negations([{b, no_b}, {d, no_d}, {e, no_e}, {c, no_c}], L) end),
    p("expand", fun() -> proplists:expand([{b, [x, y]}, {{a, 1}, [{aa, 1}]}, {{c, 9}, [nope]}, {b, [ignored]}], L) end),
    p("expand2", fun() -> proplists:expand([{foo, [bar, baz]}], [fie, foo, fum]) end),
    p("normalize", fun() -> proplists:normalize([a, {b, true}, {c, false}, d], [{aliases, [{a, alpha}]}, {negations, [{c, not_c}]}, {expand, [{d, [{e, 1}, f]}]}]) end),
    p("split", fun() -> proplists:split([{c, 2}, {e, 1}, a, {c, 3, 4}, d, {b, 5}, b], [a, b, c]) end),
    p("to_map", fun() -> proplists:to_map([{a, 1}, b, {a, 2}, {c}, 42, {d, 1, 2}]) end),
    p("to_map2", fun() -> proplists:to_map([a, {b, true}], [{aliases, [{a, x}]}]) end),
    p("from_map", fun() -> lists:sort(proplists:from_map(proplists:to_map([{a, 1}, {b, 2}]))) end),
    p("lookup bad", fun() -> proplists:lookup(a, notalist) end),
    ok.
