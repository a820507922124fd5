% kiln conformance: link/1 and unlink/1 between the parent and its children, with trap_exit
-module(proc_link_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    process_flag(trap_exit, true),
    P1 = spawn(fun() -> wait_exit() end),
    io:format("link ~p~n", [link(P1)]),
    io:format("link again ~p~n", [link(P1)]),
    P1 ! {exit, first},
    receive {'EXIT', P1, R1} -> io:format("linked child exit: ~p~n", [R1]) end,
    P2 = spawn(fun() -> wait_exit() end),
    link(P2),
    io:format("unlink ~p~n", [unlink(P2)]),
    io:format("unlink again ~p~n", [unlink(P2)]),
    M2 = monitor(process, P2),
    P2 ! {exit, second},
    receive {'DOWN', M2, process, P2, R2} -> io:format("unlinked child down: ~p~n", [R2]) end,
    receive {'EXIT', P2, _} -> io:format("unexpected 'EXIT' after unlink~n") after 0 -> io:format("no 'EXIT' after unlink~n") end,
    io:format("link to self ~p~n", [link(self())]),
    io:format("unlink a dead process ~p~n", [unlink(P2)]),
    P3 = spawn_link(fun() -> wait_exit() end),
    P3 ! {exit, normal},
    receive {'EXIT', P3, R3} -> io:format("normal exit of a linked child: ~p~n", [R3]) end,
    %% the child links to the parent
    Self = self(),
    P4 = spawn(fun() -> link(Self), Self ! linked, wait_exit() end),
    receive linked -> ok end,
    P4 ! {exit, {child, linked}},
    receive {'EXIT', P4, R4} -> io:format("child-made link: ~p~n", [R4]) end,
    %% the child unlinks from the parent
    P5 = spawn_link(fun() -> receive unlink -> unlink(Self), Self ! unlinked end, wait_exit() end),
    P5 ! unlink,
    receive unlinked -> ok end,
    M5 = monitor(process, P5),
    P5 ! {exit, after_unlink},
    receive {'DOWN', M5, process, P5, R5} -> io:format("child-unlinked child down: ~p~n", [R5]) end,
    receive {'EXIT', P5, _} -> io:format("unexpected 'EXIT'~n") after 0 -> io:format("no 'EXIT'~n") end.

wait_exit() ->
    receive {exit, R} -> exit(R) end.
