% kiln conformance: a name is released when its process exits and can be taken again
-module(proc_reg_exit).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    lists:foreach(
      fun(Round) ->
              P = spawn(fun() ->
                                register(kiln_reg_cycle, self()),
                                Self ! registered,
                                receive {exit, R} -> exit(R) end
                        end),
              receive registered -> ok end,
              io:format("round ~p: registered ~p~n", [Round, whereis(kiln_reg_cycle) =:= P]),
              M = monitor(process, P),
              kiln_reg_cycle ! {exit, {round, Round}},
              receive {'DOWN', M, process, P, R} -> io:format("round ~p: down ~p~n", [Round, R]) end,
              io:format("round ~p: whereis ~p~n", [Round, whereis(kiln_reg_cycle)])
      end, [1, 2, 3]),
    {P2, M2} = spawn_monitor(fun() -> register(kiln_reg_killed, self()), Self ! up, receive never -> ok end end),
    receive up -> ok end,
    exit(whereis(kiln_reg_killed), kill),
    receive {'DOWN', M2, process, P2, R2} -> io:format("killed: ~p, whereis ~p~n", [R2, whereis(kiln_reg_killed)]) end,
    io:format("ours ~p~n", [[N || N <- registered(), lists:prefix("kiln_reg_", atom_to_list(N))]]).
