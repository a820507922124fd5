% kiln conformance: process_flag(trap_exit, _) returns the old value; process_info shows it
-module(proc_trap_flag).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    spawn(fun() ->
                  A = process_flag(trap_exit, true),
                  B = process_flag(trap_exit, true),
                  {trap_exit, I1} = process_info(self(), trap_exit),
                  C = process_flag(trap_exit, false),
                  {trap_exit, I2} = process_info(self(), trap_exit),
                  D = process_flag(trap_exit, false),
                  Self ! {flags, [A, B, I1, C, I2, D]}
          end),
    receive {flags, L} -> io:format("~p~n", [L]) end,
    P = spawn(fun() -> loop() end),
    io:format("other: ~p~n", [process_info(P, trap_exit)]),
    P ! {trap, true},
    P ! {Self, sync},
    receive {P, sync} -> ok end,
    io:format("other after: ~p~n", [process_info(P, trap_exit)]),
    try process_flag(trap_exit, id(maybe)) of
        X -> io:format("returned ~p~n", [X])
    catch
        error:badarg -> io:format("non-boolean: badarg~n")
    end,
    P ! stop.

loop() ->
    receive
        {trap, V} -> process_flag(trap_exit, V), loop();
        {From, sync} -> From ! {self(), sync}, loop();
        stop -> ok
    end.

id(X) -> X.
