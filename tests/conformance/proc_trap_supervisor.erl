% kiln conformance: a small supervisor traps exits and restarts crashing workers a limited number of times
-module(proc_trap_supervisor).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Sup = spawn(fun() -> supervisor_init(Self, 3) end),
    receive {started, 1} -> ok end,
    io:format("worker 1 answers ~p~n", [call(kiln_sup_worker, double, 21)]),
    kiln_sup_worker ! {crash, first},
    receive {restarted, 2, R1} -> io:format("restart after ~p~n", [R1]) end,
    io:format("worker 2 answers ~p~n", [call(kiln_sup_worker, double, 5)]),
    exit(whereis(kiln_sup_worker), kill),
    receive {restarted, 3, R2} -> io:format("restart after ~p~n", [R2]) end,
    kiln_sup_worker ! {crash, second},
    receive {restarted, 4, R3} -> io:format("restart after ~p~n", [R3]) end,
    M = monitor(process, Sup),
    kiln_sup_worker ! {crash, third},
    receive {'DOWN', M, process, Sup, SR} -> io:format("supervisor gave up: ~p~n", [SR]) end,
    io:format("worker name gone ~p~n", [whereis(kiln_sup_worker)]).

supervisor_init(Parent, MaxRestarts) ->
    process_flag(trap_exit, true),
    start_worker(1),
    Parent ! {started, 1},
    supervise(Parent, 1, MaxRestarts).

start_worker(Gen) ->
    Self = self(),
    W = spawn_link(fun() -> register(kiln_sup_worker, self()), Self ! {up, Gen}, worker() end),
    receive {up, Gen} -> W end.

supervise(Parent, Gen, Left) ->
    receive
        {'EXIT', _, Reason} when Left =:= 0 ->
            exit({too_many_restarts, Reason});
        {'EXIT', _, Reason} ->
            start_worker(Gen + 1),
            Parent ! {restarted, Gen + 1, Reason},
            supervise(Parent, Gen + 1, Left - 1)
    end.

worker() ->
    receive
        {From, double, X} -> From ! {self(), 2 * X}, worker();
        {crash, Why} -> exit(Why)
    end.

call(Name, Op, X) ->
    Pid = whereis(Name),
    Pid ! {self(), Op, X},
    receive {Pid, R} -> R end.
