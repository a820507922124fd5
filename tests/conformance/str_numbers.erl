% kiln conformance-next: string:to_integer / string:to_float and list_to_* conversions
-module(str_numbers).
-export([main/1]).
-mode(compile).

main(_) ->
    Is = ["42", "-42", "+7", "12abc", "abc", "", " 1", "007", "1.5", "123456789012345678901234567890x",
          <<"99 bottles">>, <<"-0">>, "--1", "+", "3e5", ["1", <<"2">>, "3"]],
    [io:format("~p -> ~p~n", [S, string:to_integer(S)]) || S <- Is],
    Fs = ["1.5", "-1.5e3", "1.0e-2xyz", "1", "1.", ".5", "abc", "1.5.5", "+2.25", "1e10", "1.0E+3 rest",
          <<"3.14">>, "inf", "-0.0", "12.34e", "0.1e400"],
    [io:format("~p -> ~p~n", [S, string:to_float(S)]) || S <- Fs],
    io:format("~p~n", [[list_to_integer(X) || X <- ["1", "-1", "+1"]]]),
    io:format("~p~n", [[list_to_float(X) || X <- ["1.0", "-1.0e-3"]]]),
    io:format("~p~n", [[catch_it(fun() -> list_to_float(X) end) || X <- ["1", "1e3", "1.0e", ".1", "1.0 "]]]),
    ok.

catch_it(F) -> try F() catch C:R -> {C, R} end.
