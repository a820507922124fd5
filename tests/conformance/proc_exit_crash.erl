% kiln conformance: spawned processes that crash (reports silenced) while the program goes on
-module(proc_exit_crash).
-export([main/1, crash/1]).
-mode(compile).

main(_) ->
    logger:set_primary_config(level, none),
    Kinds = [badarith, badmatch, function_clause, case_clause, badarg, undef, throw, error_tuple, badfun],
    lists:foreach(
      fun(K) ->
              {P, M} = spawn_monitor(?MODULE, crash, [K]),
              receive {'DOWN', M, process, P, {Reason, Stack}} ->
                      io:format("~p: ~p (stack is a list: ~p)~n", [K, Reason, is_list(Stack)])
              end
      end, Kinds),
    process_flag(trap_exit, true),
    L = spawn_link(?MODULE, crash, [badarith]),
    receive {'EXIT', L, {R, _}} -> io:format("linked crash seen as 'EXIT': ~p~n", [R]) end,
    {P2, M2} = spawn_monitor(fun() -> spawn_link(?MODULE, crash, [badmatch]), receive never -> ok end end),
    receive {'DOWN', M2, process, P2, {R2, _}} -> io:format("linked partner died with: ~p~n", [R2]) end,
    Undef = spawn_monitor(nowhere_module, nowhere_function, [1]),
    {P3, M3} = Undef,
    receive {'DOWN', M3, process, P3, {R3, _}} -> io:format("spawn of a missing module: ~p~n", [R3]) end,
    io:format("main still running~n").

crash(badarith) -> 1 + id(a);
crash(badmatch) -> {ok, _} = id(error);
crash(function_clause) -> only_one(id(2));
crash(case_clause) -> case id(3) of 1 -> ok end;
crash(badarg) -> atom_to_list(id(42));
crash(undef) -> (id(lists)):no_such_function();
crash(throw) -> throw(id(ball));
crash(error_tuple) -> error({my_error, id(1)});
crash(badfun) -> (id(not_a_fun))().

only_one(1) -> ok.

id(X) -> X.
