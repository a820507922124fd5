#!/usr/bin/env escript
%% Regenerates runtime/testdata/float_cases.txt: how OTP 25 prints floats.
%% Never edit the output by hand:
%%
%%     escript runtime/testdata/gen_float_cases.escript runtime/testdata/float_cases.txt
%%
%% One line per float: the hex of its 64 bits, then ~w, ~e, ~g, ~.12e, ~.3g,
%% ~f (or "-" for magnitudes of 1e22 and above), ~.3f, and erlang:display's
%% text, separated by spaces.
-mode(compile).

main([Out]) ->
    rand:seed(exsss, {1, 2, 3}),
    Random = [F || _ <- lists:seq(1, 1500), F <- [random_bits()], is_float(F)],
    Nice = [nice() || _ <- lists:seq(1, 600)],
    Edge = [0.0, -0.0, 0.5, 0.25, 0.125, 9.5, 0.95, 99.5, 0.05, 2.5, 1.0e-300, 5.0e-324, 2.2250738585072014e-308,
            1.7976931348623157e308, 1.0e21, 1.0e22, 9.999999999999999e22, 0.1, 0.7, 1.0e-7, 123.456, -9.995,
            1329711297278928.2, 2.5e15, 7.0e15, 4.35, 0.015, 1.005, 1.0e4, 9999.5, 0.09999, 0.0999999],
    Lines = [line(F) || F <- Edge ++ Random ++ Nice],
    ok = file:write_file(Out, Lines).

random_bits() ->
    case <<(rand:uniform(1 bsl 64) - 1):64>> of
        <<F/float>> -> F;
        _ -> nan_or_infinity
    end.

nice() ->
    case rand:uniform(3) of
        1 -> float(rand:uniform(1000000)) / math:pow(10, rand:uniform(8));
        2 -> (rand:uniform() - 0.5) * math:pow(10, rand:uniform(40) - 20);
        3 -> float(rand:uniform(1 bsl 60))
    end.

line(F) ->
    <<Bits:64>> = <<F/float>>,
    Fixed = case abs(F) < 1.0e22 of
                true -> io_lib:format("~f", [F]);
                false -> "-"
            end,
    D = erts_debug:display(F),
    io_lib:format("~16.16.0b ~w ~e ~g ~.12e ~.3g ~s ~.3f ~s~n",
                  [Bits, F, F, F, F, F, Fixed, F, lists:droplast(D)]).
