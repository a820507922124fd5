% kiln benchmark: maps: word-frequency counting over 1,000,000 keys drawn from
% 5,000 distinct ones, map updates with `:=`, folds, and small-map pattern matching
-module(map_heavy).
-export([main/1]).
-mode(compile).

main(_) ->
    Counts = count(1000000, 12345, #{}),
    io:format("distinct ~b~n", [map_size(Counts)]),
    Total = maps:fold(fun(_, V, Acc) -> V + Acc end, 0, Counts),
    io:format("total ~b~n", [Total]),
    Top = lists:sublist(lists:reverse(lists:keysort(2, maps:to_list(Counts))), 3),
    io:format("top ~w~n", [Top]),
    io:format("points ~b~n", [points(2000000, #{x => 0, y => 0, steps => 0})]).

count(0, _, M) -> M;
count(N, Seed, M) ->
    Seed1 = (Seed * 1103515245 + 12345) rem 2147483648,
    Key = Seed1 rem 5000,
    M1 = case M of
             #{Key := C} -> M#{Key := C + 1};
             _ -> M#{Key => 1}
         end,
    count(N - 1, Seed1, M1).

points(0, #{x := X, y := Y, steps := S}) -> X + Y + S;
points(N, #{x := X, y := Y, steps := S} = P) ->
    points(N - 1, P#{x := (X + N) rem 1000, y := (Y + X) rem 1000, steps := S + 1}).
