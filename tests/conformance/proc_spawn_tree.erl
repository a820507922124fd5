% kiln conformance: a tree of processes (fan-out 3, depth 5) that sums its leaves through replies
-module(proc_spawn_tree).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    spawn(fun() -> node_proc(Self, 5, 1) end),
    receive {sum, 1, S, Count} -> io:format("sum ~p leaves ~p~n", [S, Count]) end,
    Ref = make_ref(),
    spawn(fun() -> Self ! {Ref, depth_chain(100)} end),
    receive {Ref, D} -> io:format("chain depth ~p~n", [D]) end.

node_proc(Parent, 0, Id) ->
    Parent ! {sum, Id, Id, 1};
node_proc(Parent, Depth, Id) ->
    Self = self(),
    Kids = [Id * 3 + K || K <- [0, 1, 2]],
    _ = [spawn(fun() -> node_proc(Self, Depth - 1, K) end) || K <- Kids],
    {S, C} = lists:foldl(fun(K, {AccS, AccC}) ->
                                 receive {sum, K, KS, KC} -> {AccS + KS, AccC + KC} end
                         end, {0, 0}, Kids),
    Parent ! {sum, Id, S, C}.

depth_chain(0) -> 0;
depth_chain(N) ->
    Self = self(),
    spawn(fun() -> Self ! {depth, depth_chain(N - 1)} end),
    receive {depth, D} -> D + 1 end.
