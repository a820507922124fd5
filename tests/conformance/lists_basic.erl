% kiln conformance: list construction, length/hd/tl, ++ and --, improper lists
-module(lists_basic).
-export([main/1]).
-mode(compile).

main(_) ->
    L = [1, 2, 3],
    io:format("~p ~p ~p~n", [length(L), hd(L), tl(L)]),
    io:format("~p~n", [[0 | L]]),
    io:format("~p~n", [L ++ [4, 5]]),
    io:format("~p~n", [[] ++ L ++ []]),
    io:format("~p~n", [[1, 2, 3, 2, 1] -- [2, 1]]),
    io:format("~p~n", [L -- [4]]),
    io:format("~p~n", [L -- L]),
    io:format("~p~n", [[a, [b, [c]], {d}]]),
    io:format("~p~n", [[1 | 2]]),
    io:format("~p~n", [[1, 2 | 3]]),
    io:format("~p ~p~n", [length([]), length([[], []])]),
    [H | T] = [x, y, z],
    io:format("~p ~p~n", [H, T]),
    [A, B | Rest] = [10, 20, 30, 40],
    io:format("~p ~p ~p~n", [A, B, Rest]),
    io:format("~p~n", [hd(tl(tl(L)))]),
    io:format("~p ~p~n", [is_list([]), is_list({})]),
    io:format("~p~n", [[X || X <- [[], [1], [1, 2]], X =/= []]]).
