% kiln pending: comprehension filters: a non-guard filter returning a non-boolean raises {bad_filter, V};
% a filter that is a guard expression is evaluated as a guard (an exception in it just means false)
-module(comprehension_filters).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~w~n", [Label, t(F)]).

main(_) ->
    p("list gen", fun() -> [X || X <- [1, 2], id(X)] end),
    p("list gen atom", fun() -> [X || X <- [1, 2], id(maybe)] end),
    p("bin gen", fun() -> [X || <<X>> <= <<1, 2>>, id(X)] end),
    p("bin comp", fun() -> << <<X>> || <<X>> <= <<1, 2>>, id(X) >> end),
    p("bin comp list gen", fun() -> << <<X>> || X <- [1, 2], id(X) >> end),
    p("second filter", fun() -> [X || X <- [1, 2], id(true), id(X)] end),
    p("true filter", fun() -> [X || X <- [1, 2], id(true)] end),
    p("false filter", fun() -> [X || X <- [1, 2], id(false)] end),
    p("guard filter non-bool", fun() -> [X || X <- [1, a], X > 0] end),
    p("guard filter badarith", fun() -> [X || X <- [1, a, 2], X + 1 > 1] end),
    p("guard filter hd", fun() -> [X || X <- [[1], a, []], hd(X) =:= 1] end),
    p("guard filter element", fun() -> [X || X <- [{1}, a, {}], element(1, X) =:= 1] end),
    p("guard filter bin gen", fun() -> [X || <<X>> <= <<0, 1, 2>>, 4 div X > 1] end),
    p("guard filter in bin comp", fun() -> << <<X>> || X <- [1, a, 3], X * 2 > 1 >> end),
    ok.
