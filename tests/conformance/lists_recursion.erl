% kiln conformance: hand-written list recursion, both body-recursive and with accumulators
-module(lists_recursion).
-export([main/1]).
-mode(compile).

main(_) ->
    L = [5, 3, 8, 1, 9, 2],
    io:format("len ~p ~p~n", [len(L), len_acc(L, 0)]),
    io:format("sum ~p ~p~n", [sum(L), sum_acc(L, 0)]),
    io:format("rev ~p~n", [rev(L, [])]),
    io:format("max ~p~n", [max_of(L)]),
    io:format("zip ~p~n", [zip([a, b, c], [1, 2, 3])]),
    io:format("double ~p~n", [double(L)]),
    io:format("evens ~p~n", [evens(L)]),
    io:format("count ~p~n", [count(x, [x, y, x, z, x])]),
    io:format("last ~p~n", [last(L)]),
    io:format("nth ~p~n", [nth(3, L)]),
    io:format("range ~p~n", [range(1, 10)]),
    io:format("flatten ~p~n", [flatten([1, [2, [3, [4]], 5], [[6]]])]),
    io:format("qsort ~p~n", [qsort([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])]),
    io:format("dedup ~p~n", [dedup([1, 1, 2, 3, 3, 3, 1])]).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

len_acc([], N) -> N;
len_acc([_ | T], N) -> len_acc(T, N + 1).

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

sum_acc([], S) -> S;
sum_acc([H | T], S) -> sum_acc(T, S + H).

rev([], Acc) -> Acc;
rev([H | T], Acc) -> rev(T, [H | Acc]).

max_of([H | T]) -> max_of(T, H).
max_of([], M) -> M;
max_of([H | T], M) when H > M -> max_of(T, H);
max_of([_ | T], M) -> max_of(T, M).

zip([], []) -> [];
zip([A | As], [B | Bs]) -> [{A, B} | zip(As, Bs)].

double([]) -> [];
double([H | T]) -> [2 * H | double(T)].

evens([]) -> [];
evens([H | T]) when H rem 2 =:= 0 -> [H | evens(T)];
evens([_ | T]) -> evens(T).

count(_, []) -> 0;
count(X, [X | T]) -> 1 + count(X, T);
count(X, [_ | T]) -> count(X, T).

last([X]) -> X;
last([_ | T]) -> last(T).

nth(1, [H | _]) -> H;
nth(N, [_ | T]) -> nth(N - 1, T).

range(From, To) when From > To -> [];
range(From, To) -> [From | range(From + 1, To)].

flatten([]) -> [];
flatten([H | T]) when is_list(H) -> flatten(H) ++ flatten(T);
flatten([H | T]) -> [H | flatten(T)].

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

dedup([A, A | T]) -> dedup([A | T]);
dedup([A | T]) -> [A | dedup(T)];
dedup([]) -> [].
