% kiln conformance: stdlib math: every function, badarith/badarg where OTP 25 raises them
% Transcendental results print with 12 significant digits (~.12e): the C
% libraries (glibc natively, wasi-libc's musl on wasm32) may differ in the last bit.
-module(stdlib_math).
-export([main/1]).
-mode(compile).

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    Unary = [{sin, fun math:sin/1}, {cos, fun math:cos/1}, {tan, fun math:tan/1},
             {asin, fun math:asin/1}, {acos, fun math:acos/1}, {atan, fun math:atan/1},
             {sinh, fun math:sinh/1}, {cosh, fun math:cosh/1}, {tanh, fun math:tanh/1},
             {asinh, fun math:asinh/1}, {acosh, fun math:acosh/1}, {atanh, fun math:atanh/1},
             {exp, fun math:exp/1}, {log, fun math:log/1}, {log2, fun math:log2/1},
             {log10, fun math:log10/1}, {sqrt, fun math:sqrt/1}, {erf, fun math:erf/1},
             {erfc, fun math:erfc/1}, {ceil, fun math:ceil/1}, {floor, fun math:floor/1}],
    Args = [0, 1, -1, 0.5, -0.5, 2, 10, 2.5, -2.5, 100, 1000, 1 bsl 70, 1 bsl 1100, a, "1"],
    lists:foreach(fun({Name, F}) ->
                          io:format("~p:", [Name]),
                          lists:foreach(fun(X) -> io:format(" ~s", [fmt(t(fun() -> F(X) end))]) end, Args),
                          io:format("~n")
                  end, Unary),
    p("pi", fun() -> math:pi() end),
    p("tau", fun() -> (id(math)):tau() end),
    Pairs = [{0, 0}, {1, 2}, {-1, 2}, {2, 0.5}, {-8, 1/3}, {0, -1}, {0.0, 0}, {10, 400}, {2, -1074}, {3, 1.5}, {7, -3}, {-7, 3}, {5.5, 2}, {1, 0}, {1.0, 0.0}, {a, 1}, {1, b}],
    lists:foreach(fun({X, Y}) ->
                          io:format("~p ~p: ~s ~s ~p~n", [X, Y, fmt(t(fun() -> math:atan2(X, Y) end)), fmt(t(fun() -> math:pow(X, Y) end)), t(fun() -> math:fmod(X, Y) end)])
                  end, Pairs),
    p("sqrt neg zero", fun() -> Z = id(0.0), math:sqrt(-Z) end),
    p("ceil big", fun() -> math:ceil(123456789012345678) end),
    p("apply", fun() -> erlang:apply(math, sqrt, [16]) end),
    p("exact", fun() -> {math:sqrt(16), math:sqrt(2), math:pow(2, 10), math:pow(2.0, -2), math:exp(0), math:log(1), math:log2(1024), math:log10(1000), math:floor(-2.5), math:ceil(-2.5), math:sin(0), math:cos(0), math:fmod(10, 3), math:fmod(-10.5, 3)} end),
    ok.

id(X) -> X.

fmt(R) when is_float(R) -> io_lib:format("~.12e", [R]);
fmt(R) -> io_lib:format("~p", [R]).
