% kiln conformance: a normal exit does not take non-trapping linked processes down
-module(proc_link_normal).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Holder = spawn(fun() -> holder(Self) end),
    receive {holder_started, Kids} -> io:format("holder linked to ~p children~n", [length(Kids)]) end,
    Holder ! finish_kids,
    receive kids_finished -> ok end,
    Holder ! {Self, ping},
    receive {Holder, pong} -> io:format("holder survives normal exits of its links~n") end,
    M = monitor(process, Holder),
    Holder ! {crash_one, oops},
    receive {'DOWN', M, process, Holder, R} -> io:format("holder died with ~p~n", [R]) end.

holder(Parent) ->
    Self = self(),
    Kids = [spawn_link(fun() -> receive go -> Self ! {finished, I} end end) || I <- [1, 2, 3]],
    Parent ! {holder_started, Kids},
    receive finish_kids -> ok end,
    _ = [K ! go || K <- Kids],
    _ = [receive {finished, I} -> ok end || I <- [1, 2, 3]],
    Mons = [monitor(process, K) || K <- Kids],
    _ = [receive {'DOWN', Mo, process, _, _} -> ok end || Mo <- Mons],
    Parent ! kids_finished,
    receive {From, ping} -> From ! {self(), pong} end,
    receive {crash_one, Reason} ->
            spawn_link(fun() -> exit(Reason) end),
            receive never -> ok end
    end.
