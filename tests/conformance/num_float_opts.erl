% kiln conformance-next: float_to_list/2 options and ~f ~e ~g with precisions and widths
-module(num_float_opts).
-export([main/1]).
-mode(compile).

main(_) ->
    Fs = [0.0, 1.0, -1.5, 3.14159265358979, 0.1, 2.5, 0.5, 1.005, 123456.789, 1.0e-10, 6.02e23, -0.0001, 999.9999],
    Opts = [[{decimals, 0}], [{decimals, 2}], [{decimals, 5}], [{decimals, 2}, compact], [{decimals, 10}, compact],
            [{scientific, 0}], [{scientific, 3}], [{scientific, 10}], [compact], [short], []],
    [io:format("~p ~p: ~p~n", [F, O, try float_to_list(F, O) catch C0:R0 -> {C0, R0} end]) || F <- Fs, O <- Opts],
    io:format("~p~n", [try float_to_list(1.0, [{decimals, 253}]) of L -> length(L) catch C1:R1 -> {C1, R1} end]),
    io:format("~p~n", [try float_to_list(1.0e300, [{decimals, 2}]) of L2 -> length(L2) catch C2:R2 -> {C2, R2} end]),
    [io:format("~s ~p: ~p~n", [Fmt, F, try lists:flatten(io_lib:format(Fmt, [F])) catch C3:R3 -> {C3, R3} end]) ||
        F <- [3.14159, -2.5, 0.0, 1234.5678, 1.0e-5, 1.0e10, 0.5, 1.5, 2.5],
        Fmt <- ["~f", "~.0f", "~.1f", "~.2f", "~.3f", "~10.2f", "~-10.2f", "~010.2f", "~10.2.0f", "~-10.2.*f", "~e", "~.1e", "~.2e",
                "~12.3e", "~g", "~.1g", "~.3g", "~.10g", "~15g"]],
    io:format("~*.*f|~n", [10, 3, 3.14159]),
    io:format("~.*e|~n", [4, 1234.5]),
    io:format("~p~n", [try io_lib:format("~f ~e ~g~n", [1, 2, 3]) catch C4:R4 -> {C4, R4} end]),
    io:format("~.1f ~.1f ~.1f ~.1f~n", [0.05, 0.15, 0.25, 0.35]),
    io:format("~.2f ~.2f~n", [1.005, 2.675]),
    io:format("~.15f~n", [0.1]),
    io:format("~.20e~n", [0.1]),
    io:format("~g ~g ~g ~g~n", [0.0001, 0.00001, 123456.0, 1234567.0]),
    ok.
