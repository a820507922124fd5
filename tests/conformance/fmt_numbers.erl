% kiln conformance-next: ~b ~B ~x ~X ~# ~+ ~w for integers with bases, widths and pads
-module(fmt_numbers).
-export([main/1]).
-mode(compile).

main(_) ->
    Ns = [0, 255, -255, 1 bsl 70],
    Fmts = ["~b", "~B", "~.2B", "~.16B", "~.16b", "~.36B", "~8.16B", "~-8.16B|", "~8.16.0B", "~.8#", "~.16#", "~.16+",
            "~.2+", "~10.16#", "~w", "~10w|", "~-10w|", "~p", "~10p|"],
    [f(F, [N]) || F <- Fmts, N <- Ns],
    [f(F, [N, "pre"]) || F <- ["~.16x", "~.16X", "~12.16x|", "~-12.16X|"], N <- Ns],
    f("~.16x", [255, abc]),
    f("~.16x", [255, <<"bin">>]),
    f("~*.*B", [6, 2, 5]),
    f("~.*B", [8, 8]),
    f("~3B", [12345]),
    f("~3w", [12345]),
    f("~b", [1.0]),
    f("~.1B", [5]),
    f("~.37B", [5]),
    f("~#", [10]),
    f("~+", [10]),
    f("~5.10.xB", [42]),
    ok.

f(Fmt, Args) ->
    R = try lists:flatten(io_lib:format(Fmt, Args)) catch C:E -> {C, E} end,
    io:format("~p ~w -> ~p~n", [Fmt, Args, R]).
