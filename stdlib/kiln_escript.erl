%% kiln_escript: runs a program's main function as escript runs a script's.
%%
%% A kiln executable behaves like `escript` on its entry module, and an
%% uncaught exception in main is where the two are most visibly alike or
%% not: escript (OTP's stdlib escript.erl, run/2 and start/1) catches it,
%% formats class, reason and stack trace with erl_error:format_exception/7,
%% prints "escript: " ++ that ++ "\n" on standard_error and halts with 127.
%% The runtime starts the main process here (runtime/src/start.rs), so the
%% report comes from OTP's own erl_error, the same code as escript's: the
%% "undefined function m:f/1" wording, the "in function / in call from"
%% lines, and the per-argument "*** argument 1: not an atom" lines that
%% erl_erts_errors adds from a BIF's error_info.
%%
%% Linking this module links erl_error and erl_erts_errors into every
%% program: about 4% of hello's executable (see error_info_modules/0).
%%
%% escript trims its own frames (escript, erl_eval) from the bottom of the
%% stack trace; this module trims its own the same way. What escript shows
%% below main (escript:run/2, escript:start/1, init:start_em/1,
%% init:do_boot/3) has no counterpart: main is the bottom of a kiln program's
%% stack.
-module(kiln_escript).
-export([main/1, main/2]).
-export([error_info_modules/0]).

%% Entry:main() (for a program whose entry module has no main/1).
main(Module) ->
    kiln_boot:start(),
    try
        Module:main()
    catch
        Class:Reason:Stack -> fail(Class, Reason, Stack)
    after
        kiln_boot:stop()
    end.

%% Entry:main(Args).
main(Module, Args) ->
    kiln_boot:start(),
    try
        Module:main(Args)
    catch
        Class:Reason:Stack -> fail(Class, Reason, Stack)
    after
        kiln_boot:stop()
    end.

fail(Class, Reason, Stack) ->
    _ = error_info_modules(),
    Report = format_exception(Class, Reason, Stack),
    kiln_boot:stop(),
    io:put_chars(standard_error, ["escript: ", Report, "\n"]),
    erlang:halt(127).

%% escript:format_exception/3, with this module's frames trimmed instead of
%% escript's.
format_exception(Class, Reason, Stack) ->
    Enc = encoding(),
    P = case Enc of
            latin1 -> "P";
            _ -> "tP"
        end,
    PF = fun(Term, I) ->
                 io_lib:format("~." ++ integer_to_list(I) ++ P, [Term, 50])
         end,
    StackFun = fun(M, _F, _A) -> M =:= ?MODULE end,
    erl_error:format_exception(1, Class, Reason, Stack, StackFun, PF, Enc).

%% escript:encoding/0.
encoding() ->
    case io:getopts() of
        {error, _} ->
            latin1;
        Opts ->
            case lists:keyfind(encoding, 1, Opts) of
                false -> latin1;
                {encoding, Encoding} -> Encoding
            end
    end.

%% The formatter the runtime names in a failed erlang BIF's error_info.
%% erl_error calls it by the name it reads from the stack trace, which the
%% linker cannot see: naming it here (from fail/3) links it. The one for the
%% other modules' BIFs (lists, binary, ...), erl_stdlib_errors, is not named:
%% it needs erl_lint, re and erl_scan, which would make every executable 11%
%% larger (hello: 10.4 -> 11.9 MB, against 10.8 MB with erl_erts_errors
%% alone). A program that links it anyway gets its "*** argument N" lines;
%% otherwise erl_error leaves them out (it ignores a formatter that is
%% missing) and prints the rest of the report.
error_info_modules() ->
    [fun erl_erts_errors:format_error/2].
