% kiln conformance: string processing: split into words, count them, sort the counts
-module(word_count).
-export([main/1]).
-mode(compile).

main(_) ->
    Text = "the quick brown fox jumps over the lazy dog the fox   barks\tand the dog sleeps",
    Words = words(Text),
    io:format("~p words~n", [length(Words)]),
    io:format("~p~n", [first(5, Words)]),
    Counts = count(Words, []),
    Sorted = sort_counts(Counts),
    print(Sorted),
    io:format("longest: ~s~n", [longest(Words, "")]),
    io:format("~s~n", [capitalize_all("hello kiln world")]).

words(S) -> words(S, [], []).

words([], [], Acc) -> reverse(Acc);
words([], W, Acc) -> reverse([reverse(W) | Acc]);
words([C | T], W, Acc) when C =:= $\s; C =:= $\t ->
    case W of
        [] -> words(T, [], Acc);
        _ -> words(T, [], [reverse(W) | Acc])
    end;
words([C | T], W, Acc) -> words(T, [C | W], Acc).

reverse(L) -> reverse(L, []).
reverse([], Acc) -> Acc;
reverse([H | T], Acc) -> reverse(T, [H | Acc]).

count([], Acc) -> Acc;
count([W | T], Acc) -> count(T, bump(W, Acc)).

bump(W, []) -> [{W, 1}];
bump(W, [{W, N} | T]) -> [{W, N + 1} | T];
bump(W, [P | T]) -> [P | bump(W, T)].

%% Highest count first; equal counts in word order.
sort_counts([]) -> [];
sort_counts([P | T]) ->
    sort_counts([X || X <- T, before(X, P)]) ++ [P] ++ sort_counts([X || X <- T, not before(X, P)]).

before({W1, N1}, {W2, N2}) -> N1 > N2 orelse (N1 =:= N2 andalso W1 < W2).

print([]) -> ok;
print([{W, N} | T]) ->
    io:format("~s ~p~n", [W, N]),
    print(T).

longest([], Best) -> Best;
longest([W | T], Best) when length(W) > length(Best) -> longest(T, W);
longest([_ | T], Best) -> longest(T, Best).

capitalize_all(S) -> cap(S, true).

cap([], _) -> [];
cap([$\s | T], _) -> [$\s | cap(T, true)];
cap([C | T], true) when C >= $a, C =< $z -> [C - 32 | cap(T, false)];
cap([C | T], _) -> [C | cap(T, false)].

first(0, _) -> [];
first(_, []) -> [];
first(N, [H | T]) -> [H | first(N - 1, T)].
