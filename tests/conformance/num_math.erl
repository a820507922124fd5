% kiln conformance-next: the math module: values, domains and badarith cases
-module(num_math).
-export([main/1]).
-mode(compile).

main(_) ->
    io:format("~p~n", [math:pi()]),
    Fs = [{sqrt, [2]}, {sqrt, [0]}, {sqrt, [1.0e308]}, {pow, [2, 10]}, {pow, [2, 0.5]}, {pow, [-8, 1/3]},
          {pow, [0, 0]}, {pow, [10, -2]}, {pow, [-2, 3]}, {exp, [1]}, {exp, [0]}, {exp, [-1000]},
          {log, [1]}, {log, [2.718281828459045]}, {log2, [1024]}, {log2, [3]}, {log10, [1000]},
          {log10, [0.001]}, {sin, [0]}, {sin, [1]}, {cos, [0]}, {cos, [3.141592653589793]},
          {tan, [1]}, {asin, [1]}, {acos, [0.5]}, {atan, [1]}, {atan2, [1, -1]}, {atan2, [0, -1]},
          {atan2, [-0.0, -1]}, {sinh, [1]}, {cosh, [1]}, {tanh, [0.5]}, {asinh, [1]}, {acosh, [2]},
          {atanh, [0.5]}, {erf, [0.5]}, {erfc, [0.5]}, {floor, [-2.5]}, {ceil, [-2.5]}, {floor, [3]},
          {fmod, [10, 3]}, {fmod, [-10, 3]}, {fmod, [10.5, -3]},
          {sqrt, [-1]}, {log, [0]}, {log, [-1]}, {log2, [0]}, {log10, [-5]}, {acos, [2]}, {asin, [-1.5]},
          {pow, [10, 400]}, {exp, [1000]}, {pow, [-1, 0.5]}, {fmod, [1, 0]}, {atanh, [1]}, {acosh, [0.5]},
          {sqrt, [a]}, {sin, ["1"]}, {cosh, [1000]}, {pow, [0, -1]}],
    [io:format("~p~p: ~p~n", [F, A, try apply(math, F, A) catch C:R -> {C, R} end]) || {F, A} <- Fs],
    io:format("~p~n", [[math:sqrt(X) || X <- [1, 4, 9, 16, 1 bsl 60]]]),
    io:format("~p~n", [lists:sum([math:sin(X / 10) * math:cos(X / 10) || X <- lists:seq(1, 100)])]),
    ok.
