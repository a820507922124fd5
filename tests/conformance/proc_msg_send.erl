% kiln conformance: ! and erlang:send/2,3 return the message; sends to dead processes succeed
-module(proc_msg_send).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    io:format("! returns ~p~n", [Self ! {one, 1}]),
    io:format("send/2 returns ~p~n", [erlang:send(Self, {two, 2})]),
    io:format("send/3 returns ~p~n", [erlang:send(Self, {three, 3}, [])]),
    io:format("chained ~p~n", [Self ! Self ! chained]),
    io:format("got ~p~n", [[receive M -> M after 0 -> none end || _ <- lists:seq(1, 5)]]),
    {Dead, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, Dead, normal} -> ok end,
    io:format("send to a dead process returns ~p~n", [Dead ! lost]),
    Echo = spawn(fun Loop() -> receive {From, M} -> From ! {echo, M}, Loop() end end),
    Terms = [42, -7, 3.5, atom, "string", <<"binary">>, <<1:3>>, [1, [2, [3]]], {a, {b, c}},
             #{key => [value]}, make_ref() =:= make_ref(), fun lists:reverse/1 =:= fun lists:reverse/1,
             lists:seq(1, 100), list_to_binary(lists:duplicate(1000, $x)), 1 bsl 100, [], {}, <<>>],
    Back = [begin Echo ! {Self, T}, receive {echo, R} -> R end end || T <- Terms],
    io:format("all terms survive the trip ~p~n", [Back =:= Terms]),
    F = fun(X) -> X * 3 end,
    Echo ! {Self, F},
    receive {echo, G} -> io:format("a fun survives the trip: ~p~n", [G(14)]) end,
    Echo ! {Self, Self},
    receive {echo, P} -> io:format("a pid survives ~p~n", [P =:= Self]) end,
    Ref2 = make_ref(),
    Echo ! {Self, Ref2},
    receive {echo, R2} -> io:format("a reference survives ~p~n", [R2 =:= Ref2]) end,
    exit(Echo, kill).

