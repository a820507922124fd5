% kiln conformance: big messages (deep lists, large binaries, maps, shared subterms) are copied intact
-module(proc_msg_big).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Echo = spawn(fun Loop() -> receive {From, M} -> From ! {echo, M}, Loop(); stop -> ok end end),
    Big = lists:seq(1, 200000),
    Deep = lists:foldl(fun(I, Acc) -> {I, Acc} end, nil, lists:seq(1, 50000)),
    Bin = binary:copy(<<"0123456789abcdef">>, 100000),
    Sub = binary:part(Bin, 1000, 5000),
    Map = maps:from_list([{I, integer_to_list(I)} || I <- lists:seq(1, 5000)]),
    Shared = lists:duplicate(1000, {shared, lists:seq(1, 100)}),
    Tests = [{list, Big}, {deep, Deep}, {bin, Bin}, {sub, Sub}, {map, Map}, {shared, Shared},
             {mixed, [Bin, Sub, Map, 1.5, -1 bsl 200]}],
    lists:foreach(fun({Name, T}) ->
                          Echo ! {Self, T},
                          receive {echo, R} -> io:format("~p: ~p ~p~n", [Name, R =:= T, erlang:phash2(R)]) end
                  end, Tests),
    io:format("sizes ~p ~p ~p~n", [length(Big), byte_size(Bin), map_size(Map)]),
    %% the sender keeps using its copy after sending
    Echo ! {Self, Bin},
    io:format("sender's binary still fine: ~p~n", [binary:part(Bin, 0, 4)]),
    receive {echo, B2} -> io:format("receiver's copy: ~p~n", [binary:part(B2, byte_size(B2) - 4, 4)]) end,
    Echo ! stop.
