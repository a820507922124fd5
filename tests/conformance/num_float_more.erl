% kiln conformance: float_to_list options, ~f/~e/~g, list_to_float errors, 2^53 arithmetic, pow, huge trunc
-module(num_float_more).
-export([main/1]).
-mode(compile).

id(X) -> X.

t(F) -> try F() catch C:E -> {C, E} end.

p(Label, F) -> io:format("~s: ~p~n", [Label, t(F)]).

main(_) ->
    Fs = [0.0, -0.0, 1.0, -1.5, 0.1, 2/3, 123456.789, 1.0e-10, 5.0e-324, 1.7976931348623157e308,
          1.0e15, 1.0e16, 9007199254740993.0, 0.5, 2.5, -2.5, 1.0e22, 123.456e-7],
    lists:foreach(
      fun(F) ->
              io:format("~p~n", [[float_to_list(F) | [t(fun() -> float_to_list(F, O) end)
                                                      || O <- [[{scientific, 3}], [{scientific, 0}], [{decimals, 4}],
                                                               [{decimals, 4}, compact], [short], [{decimals, 0}]]]]])
      end, Fs),
    p("decimals 20", fun() -> float_to_list(0.1, [{decimals, 20}]) end),
    p("scientific 20", fun() -> float_to_list(0.1, [{scientific, 20}]) end),
    p("decimals 253", fun() -> length(float_to_list(1.0, [{decimals, 253}])) end),
    p("decimals 254", fun() -> float_to_list(1.0, [{decimals, id(254)}]) end),
    p("scientific 250", fun() -> length(float_to_list(1.0, [{scientific, 249}])) end),
    p("decimals big value", fun() -> float_to_list(1.0e20, [{decimals, 2}]) end),
    p("compact zeros", fun() -> [float_to_list(X, [{decimals, 6}, compact]) || X <- [1.0, 1.5, 1.25, 100.0, 0.000001, 0.0000001]] end),
    p("last option wins", fun() -> float_to_list(1.5, [{decimals, 2}, {scientific, 2}]) end),
    p("bad option", fun() -> float_to_list(1.5, id([{decimals, -1}])) end),
    p("bad float arg", fun() -> float_to_list(id(1)) end),
    Ns = [0.0, 3.14159, -2.5, 1.0e10, 1.5e-7, 123456789.125, 1.0e100, 0.000123],
    lists:foreach(
      fun(N) ->
              io:format("~p~n", [[t(fun() -> lists:flatten(io_lib:format(D, [N])) end)
                                  || D <- ["~.2f", "~.0f", "~.1f", "~.6f", "~.3e", "~.1e", "~.2e", "~.10e",
                                           "~.3g", "~.10g", "~.1g", "~g", "~e", "~f"]]])
      end, Ns),
    io:format("~12.3f|~-12.3f|~12.3e|~-12.3e|~12.3g|~*.*f|~.*e~n", [3.14159, 3.14159, 3.14159, 3.14159, 3.14159, 10, 2, 2.71828, 4, 2.71828]),
    p("~f with integer", fun() -> lists:flatten(io_lib:format("~f ~e ~g", [1, 2, 3])) end),
    p("~f with atom", fun() -> io_lib:format("~f", [id(a)]) end),
    p("~.1f rounding", fun() -> lists:flatten(io_lib:format("~.1f ~.1f ~.1f ~.1f ~.1f", [0.05, 0.15, 0.25, 0.35, -0.05])) end),
    p("~.0e", fun() -> lists:flatten(io_lib:format("~.0e", [12345.0])) end),
    p("list_to_float ok", fun() -> [list_to_float(S) || S <- ["1.0", "-0.5", "1.5e3", "1.5E-3", "+2.0", "0.0e0", "1.0e308"]] end),
    p("list_to_float int", fun() -> list_to_float(id("1")) end),
    p("list_to_float dot", fun() -> list_to_float(id("1.")) end),
    p("list_to_float lead dot", fun() -> list_to_float(id(".5")) end),
    p("list_to_float exp only", fun() -> list_to_float(id("1e5")) end),
    p("list_to_float space", fun() -> list_to_float(id(" 1.0")) end),
    p("list_to_float trailing", fun() -> list_to_float(id("1.0x")) end),
    p("list_to_float overflow", fun() -> list_to_float(id("1.0e309")) end),
    p("list_to_float underflow", fun() -> list_to_float(id("1.0e-400")) end),
    p("list_to_float not list", fun() -> list_to_float(id(1.0)) end),
    p("binary_to_float", fun() -> {binary_to_float(<<"2.5">>), t(fun() -> binary_to_float(id(<<"2">>)) end)} end),
    p("string:to_float", fun() -> [string:to_float(S) || S <- ["1.5abc", "1", "1.0e2x", "-.5", "3.0e"]] end),
    P53 = 1 bsl 53,
    p("2^53 float", fun() -> {float(P53), float(P53 + 1), float(P53 + 1) == float(P53), P53 + 1 == float(P53 + 1)} end),
    p("2^53 compare", fun() -> {P53 + 1 > float(P53), P53 + 1 =:= P53 + 1.0, P53 + 1 < P53 + 2.0, (P53 + 1) - float(P53)} end),
    p("2^53 add", fun() -> {P53 + 1.0, float(P53) + 1, float(P53) + 2, P53 * 1.0 - P53} end),
    p("big int * float", fun() -> {(1 bsl 70) * 1.0, (1 bsl 70) / 2, (1 bsl 1023) * 1.5} end),
    p("big int to float overflow", fun() -> float(id(1 bsl 1024)) end),
    p("big int + float overflow", fun() -> id(1 bsl 1024) + 1.0 end),
    p("compare huge int float", fun() -> {(1 bsl 1024) > 1.7976931348623157e308, -(1 bsl 1024) < -1.0e308, 1 bsl 1024 == 1.0e308} end),
    p("mixed eq", fun() -> {1 == 1.0, 1 =:= 1.0, 0 == -0.0, 0.0 =:= -0.0, 0.0 == -0.0} end),
    p("pow", fun() -> [math:pow(2, 10), math:pow(2, -1), math:pow(-8, 1/3 * 0), math:pow(0, 0), math:pow(10, 308), math:pow(2.0, 0.5)] end),
    p("pow neg frac", fun() -> math:pow(id(-8), 1/3) end),
    p("pow overflow", fun() -> math:pow(id(10), 309) end),
    p("pow zero neg", fun() -> math:pow(id(0), -1) end),
    p("pow bigint", fun() -> math:pow(id(1 bsl 100), 2) end),
    p("sqrt neg", fun() -> math:sqrt(id(-1)) end),
    p("log zero", fun() -> math:log(id(0)) end),
    p("exp big", fun() -> math:exp(id(1000)) end),
    p("trunc huge", fun() -> [trunc(X) || X <- [1.0e20, -1.0e20, 1.7976931348623157e308 / 1.0e290, 9007199254740993.0, 1.0e30]] end),
    p("round huge", fun() -> [round(X) || X <- [1.0e20, -2.5e19, 4.5e15, 4503599627370497.0, 0.5, 1.5, -0.5, -1.5, 2.5]] end),
    p("round huge max", fun() -> length(integer_to_list(round(1.7976931348623157e308))) end),
    p("floor ceil huge", fun() -> {floor(1.0e25), ceil(-1.0e25), floor(-0.5), ceil(-0.5), floor(-0.0)} end),
    p("trunc frac", fun() -> [trunc(X) || X <- [2.999999, -2.999999, 0.0, -0.0]] end),
    p("float ops", fun() -> {10 / 4, 10 / 5, -7 / 2, 1.0e308 * 1.0e-308} end),
    p("float overflow", fun() -> id(1.0e308) * 10 end),
    p("float div zero", fun() -> 1.0 / id(0.0) end),
    p("float div neg zero", fun() -> 1 / id(-0.0) end),
    p("int div float zero", fun() -> id(1) / id(0) end),
    p("small floats", fun() -> {5.0e-324 / 2, 2.2250738585072014e-308 / 2, 1.0e-320 * 1.0e10} end),
    p("neg zero ops", fun() -> {-0.0 * 1, 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, abs(-0.0), -(0.0)} end),
    p("float_to_integer str", fun() -> [integer_to_list(trunc(X)) || X <- [1.0e18, 1.0e19, 123456789012345680000.0]] end),
    ok.
