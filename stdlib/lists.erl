%% The lists module: list processing functions, as OTP's stdlib `lists`.
-module(lists).
-export([reverse/1, reverse/2, seq/2, seq/3, map/2, foldl/3, foldr/3, filter/2,
         foreach/2, append/1, append/2, nth/2, last/1, sum/1, max/1, min/1,
         member/2, keyfind/3, any/2, all/2, flatten/1, flatmap/2, zip/2,
         duplicate/2, sort/1, usort/1, delete/2, split/2, sublist/2, sublist/3,
         nthtail/2, mapfoldl/3, partition/2, dropwhile/2, takewhile/2,
         keydelete/3, keystore/4, keysort/2, keymember/3, concat/1]).

reverse(L) -> reverse(L, []).

reverse([H | T], Acc) -> reverse(T, [H | Acc]);
reverse([], Acc) -> Acc.

seq(First, Last) when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_loop(Last - First + 1, Last, []).

seq_loop(0, _, Acc) -> Acc;
seq_loop(N, X, Acc) -> seq_loop(N - 1, X - 1, [X | Acc]).

seq(First, Last, Inc) when is_integer(First), is_integer(Last), is_integer(Inc), Inc > 0, First - Inc =< Last ->
    N = (Last - First + Inc) div Inc,
    seq3(N, Inc, First + (N - 1) * Inc, []);
seq(First, Last, Inc) when is_integer(First), is_integer(Last), is_integer(Inc), Inc < 0, First - Inc >= Last ->
    N = (Last - First + Inc) div Inc,
    seq3(N, Inc, First + (N - 1) * Inc, []);
seq(Same, Same, 0) when is_integer(Same) ->
    [Same].

seq3(0, _, _, Acc) -> Acc;
seq3(N, Inc, X, Acc) -> seq3(N - 1, Inc, X - Inc, [X | Acc]).

map(F, [H | T]) -> [F(H) | map(F, T)];
map(F, []) when is_function(F, 1) -> [].

foldl(F, Acc, [H | T]) -> foldl(F, F(H, Acc), T);
foldl(F, Acc, []) when is_function(F, 2) -> Acc.

foldr(F, Acc, [H | T]) -> F(H, foldr(F, Acc, T));
foldr(F, Acc, []) when is_function(F, 2) -> Acc.

filter(Pred, L) when is_function(Pred, 1) -> [E || E <- L, Pred(E)].

foreach(F, [H | T]) -> F(H), foreach(F, T);
foreach(F, []) when is_function(F, 1) -> ok.

append(L1, L2) -> L1 ++ L2.

append([E]) -> E;
append([H | T]) -> H ++ append(T);
append([]) -> [].

concat(Things) -> flatten([thing_to_list(T) || T <- Things]).

thing_to_list(X) when is_integer(X) -> integer_to_list(X);
thing_to_list(X) when is_atom(X) -> atom_to_list(X);
thing_to_list(X) when is_list(X) -> X.

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

last([E]) -> E;
last([_ | T]) -> last(T).

sum(L) -> sum(L, 0).
sum([H | T], Acc) -> sum(T, Acc + H);
sum([], Acc) -> Acc.

max([H | T]) -> max1(T, H).
max1([H | T], M) when H > M -> max1(T, H);
max1([_ | T], M) -> max1(T, M);
max1([], M) -> M.

min([H | T]) -> min1(T, H).
min1([H | T], M) when H < M -> min1(T, H);
min1([_ | T], M) -> min1(T, M);
min1([], M) -> M.

member(X, [X | _]) -> true;
member(X, [_ | T]) -> member(X, T);
member(_, []) -> false.

keyfind(Key, N, [H | T]) when is_tuple(H), tuple_size(H) >= N ->
    case element(N, H) == Key of
        true -> H;
        false -> keyfind(Key, N, T)
    end;
keyfind(Key, N, [_ | T]) -> keyfind(Key, N, T);
keyfind(_, _, []) -> false.

keymember(Key, N, L) -> keyfind(Key, N, L) =/= false.

keydelete(Key, N, [H | T]) when is_tuple(H), tuple_size(H) >= N ->
    case element(N, H) == Key of
        true -> T;
        false -> [H | keydelete(Key, N, T)]
    end;
keydelete(Key, N, [H | T]) -> [H | keydelete(Key, N, T)];
keydelete(_, _, []) -> [].

keystore(Key, N, [H | T], New) when is_tuple(H), tuple_size(H) >= N ->
    case element(N, H) == Key of
        true -> [New | T];
        false -> [H | keystore(Key, N, T, New)]
    end;
keystore(Key, N, [H | T], New) -> [H | keystore(Key, N, T, New)];
keystore(_, _, [], New) -> [New].

keysort(N, L) -> msort(fun(A, B) -> element(N, A) =< element(N, B) end, L).

any(Pred, [H | T]) ->
    case Pred(H) of
        true -> true;
        false -> any(Pred, T)
    end;
any(Pred, []) when is_function(Pred, 1) -> false.

all(Pred, [H | T]) ->
    case Pred(H) of
        true -> all(Pred, T);
        false -> false
    end;
all(Pred, []) when is_function(Pred, 1) -> true.

flatten(L) -> flatten(L, []).
flatten([H | T], Tail) when is_list(H) -> flatten(H, flatten(T, Tail));
flatten([H | T], Tail) -> [H | flatten(T, Tail)];
flatten([], Tail) -> Tail.

flatmap(F, [H | T]) -> F(H) ++ flatmap(F, T);
flatmap(F, []) when is_function(F, 1) -> [].

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

duplicate(N, X) when is_integer(N), N >= 0 -> duplicate(N, X, []).
duplicate(0, _, Acc) -> Acc;
duplicate(N, X, Acc) -> duplicate(N - 1, X, [X | Acc]).

delete(X, [X | T]) -> T;
delete(X, [H | T]) -> [H | delete(X, T)];
delete(_, []) -> [].

split(N, L) when is_integer(N), N >= 0, is_list(L) -> split(N, L, []).
split(0, L, Acc) -> {reverse(Acc), L};
split(N, [H | T], Acc) -> split(N - 1, T, [H | Acc]).

sublist(L, N) when is_integer(N), N >= 0 -> sublist_take(L, N).
sublist_take(_, 0) -> [];
sublist_take([H | T], N) -> [H | sublist_take(T, N - 1)];
sublist_take([], _) -> [].

sublist(L, S, N) when is_integer(S), S >= 1 -> sublist(nthtail(S - 1, L), N).

mapfoldl(F, Acc, [H | T]) ->
    {R, Acc1} = F(H, Acc),
    {Rs, Acc2} = mapfoldl(F, Acc1, T),
    {[R | Rs], Acc2};
mapfoldl(F, Acc, []) when is_function(F, 2) -> {[], Acc}.

partition(Pred, L) -> partition(Pred, L, [], []).
partition(Pred, [H | T], As, Bs) ->
    case Pred(H) of
        true -> partition(Pred, T, [H | As], Bs);
        false -> partition(Pred, T, As, [H | Bs])
    end;
partition(Pred, [], As, Bs) when is_function(Pred, 1) -> {reverse(As), reverse(Bs)}.

dropwhile(Pred, [H | T] = L) ->
    case Pred(H) of
        true -> dropwhile(Pred, T);
        false -> L
    end;
dropwhile(Pred, []) when is_function(Pred, 1) -> [].

takewhile(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | takewhile(Pred, T)];
        false -> []
    end;
takewhile(Pred, []) when is_function(Pred, 1) -> [].

sort(L) -> msort(fun(A, B) -> A =< B end, L).

usort(L) -> dedup(sort(L)).
dedup([A, B | T]) when A == B -> dedup([A | T]);
dedup([A | T]) -> [A | dedup(T)];
dedup([]) -> [].

%% Stable merge sort with an ordering function.
msort(_, []) -> [];
msort(_, [X]) -> [X];
msort(Le, L) ->
    {A, B} = split(length(L) div 2, L),
    merge(Le, msort(Le, A), msort(Le, B)).

merge(Le, [X | Xs] = XL, [Y | Ys] = YL) ->
    case Le(X, Y) of
        true -> [X | merge(Le, Xs, YL)];
        false -> [Y | merge(Le, XL, Ys)]
    end;
merge(_, [], Ys) -> Ys;
merge(_, Xs, []) -> Xs.
