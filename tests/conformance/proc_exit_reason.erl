% kiln conformance: exit/2 with other reasons kills a non-trapping target and becomes a message for a trapping one
-module(proc_exit_reason).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Reasons = [shutdown, {shutdown, detail}, "a string", 42, {nested, [1, {2}]}, <<"bin">>],
    lists:foreach(
      fun(Reason) ->
              {P, M} = spawn_monitor(fun() -> receive never -> ok end end),
              true = exit(P, Reason),
              receive {'DOWN', M, process, P, R} -> io:format("non-trapping died: ~p~n", [R]) end
      end, Reasons),
    T = spawn(fun() -> trapper(Self, length(Reasons)) end),
    receive {T, ready} -> ok end,
    lists:foreach(fun(Reason) -> exit(T, Reason) end, Reasons),
    receive {T, got, Got} ->
            io:format("trapper got in order: ~p~n", [Got])
    end,
    io:format("trapper alive ~p~n", [is_process_alive(T)]),
    M2 = monitor(process, T),
    exit(T, kill),
    receive {'DOWN', M2, process, T, R2} -> io:format("then killed: ~p~n", [R2]) end,
    io:format("exit/2 on a dead process: ~p~n", [exit(T, whatever)]),
    {P3, M3} = spawn_monitor(fun() -> exit({exit1, [self() =:= self()]}) end),
    receive {'DOWN', M3, process, P3, R3} -> io:format("exit/1: ~p~n", [R3]) end.

trapper(Parent, N) ->
    process_flag(trap_exit, true),
    Parent ! {self(), ready},
    Got = [receive {'EXIT', From, R} -> {From =:= Parent, R} end || _ <- lists:seq(1, N)],
    Parent ! {self(), got, Got},
    receive never -> ok end.
