%% The lists module: list processing functions, as OTP's stdlib `lists`.
%%
%% sort/1 and merge/1 reproduce OTP's element order exactly, also for
%% elements that compare equal without being identical (1 and 1.0): the list
%% is cut into ascending or descending runs the same way, and runs are merged
%% in groups of three with alternating direction, so ties land where OTP puts
%% them. The other sorts are stable merge sorts, which is what OTP's are for
%% consistent orderings.
-module(lists).
-export([append/1, append/2, concat/1, delete/2, droplast/1, duplicate/2,
         enumerate/1, enumerate/2, flatlength/1, flatten/1, flatten/2,
         join/2, last/1, max/1, min/1, nth/2, nthtail/2, prefix/2,
         reverse/1, reverse/2, seq/2, seq/3, split/2, sublist/2, sublist/3,
         subtract/2, suffix/2, sum/1, uniq/1, uniq/2, unzip/1, unzip3/1,
         zip/2, zip3/3, zipwith/3, zipwith3/4]).
-export([keydelete/3, keyfind/3, keymap/3, keymember/3, keymerge/3,
         keyreplace/4, keysearch/3, keysort/2, keystore/4, keytake/3,
         ukeymerge/3, ukeysort/2, rkeymerge/3, rukeymerge/3]).
-export([member/2, merge/1, merge/2, merge/3, merge3/3, sort/1, sort/2,
         umerge/1, umerge/2, umerge/3, umerge3/3, usort/1, usort/2,
         rmerge/2, rmerge/3, rmerge3/3, rumerge/2, rumerge/3, rumerge3/3]).
-export([all/2, any/2, dropwhile/2, filter/2, filtermap/2, flatmap/2,
         foldl/3, foldr/3, foreach/2, map/2, mapfoldl/3, mapfoldr/3,
         partition/2, search/2, splitwith/2, takewhile/2, zf/2]).

%% ---------------------------------------------------------------------
%% Functions that are BIFs in OTP (they fail with badarg).

member(X, L) -> member_1(X, L, L).

member_1(X, [Y | T], L) ->
    case X =:= Y of
        true -> true;
        false -> member_1(X, T, L)
    end;
member_1(_, [], _) -> false;
member_1(_, _, _) -> erlang:error(badarg).

reverse(L, Tail) -> reverse_1(L, Tail, L).

reverse_1([H | T], Acc, L) -> reverse_1(T, [H | Acc], L);
reverse_1([], Acc, _) -> Acc;
reverse_1(_, _, _) -> erlang:error(badarg).

keyfind(Key, N, L) when is_integer(N), N > 0 -> keyfind_1(Key, N, L);
keyfind(_, _, _) -> erlang:error(badarg).

keyfind_1(Key, N, [H | T]) ->
    case is_tuple(H) andalso tuple_size(H) >= N andalso element(N, H) == Key of
        true -> H;
        false -> keyfind_1(Key, N, T)
    end;
keyfind_1(_, _, []) -> false;
keyfind_1(_, _, _) -> erlang:error(badarg).

keymember(Key, N, L) -> keyfind(Key, N, L) =/= false.

keysearch(Key, N, L) ->
    case keyfind(Key, N, L) of
        false -> false;
        T -> {value, T}
    end.

%% ---------------------------------------------------------------------
%% Basic list functions.

append(L1, L2) -> L1 ++ L2.

append([E]) -> E;
append([H | T]) -> H ++ append(T);
append([]) -> [].

subtract(L1, L2) -> L1 -- L2.

%% The clause shapes decide which error an improper list gets, as in OTP:
%% `[1|2]` matches none (function_clause), `[1,2|3]` fails in reverse/2
%% (badarg).
reverse([] = L) -> L;
reverse([_] = L) -> L;
reverse([A, B]) -> [B, A];
reverse([A, B | T]) -> reverse(T, [B, A]).

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

prefix([X | P], [X | L]) -> prefix(P, L);
prefix([], L) when is_list(L) -> true;
prefix([_ | _], L) when is_list(L) -> false.

suffix(Suffix, List) ->
    Skip = length(List) - length(Suffix),
    Skip >= 0 andalso nthtail(Skip, List) =:= Suffix.

droplast([_]) -> [];
droplast([H | T]) -> [H | droplast(T)].

last([H | T]) -> last_1(H, T).

last_1(_, [H | T]) -> last_1(H, T);
last_1(Last, []) -> Last.

seq(First, Last) when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_down(Last - First + 1, Last, 1, []).

seq(First, Last, Inc) when is_integer(First), is_integer(Last), is_integer(Inc),
                           Inc > 0, First - Inc =< Last ->
    N = (Last - First + Inc) div Inc,
    seq_down(N, First + (N - 1) * Inc, Inc, []);
seq(First, Last, Inc) when is_integer(First), is_integer(Last), is_integer(Inc),
                           Inc < 0, First - Inc >= Last ->
    N = (Last - First + Inc) div Inc,
    seq_down(N, First + (N - 1) * Inc, Inc, []);
seq(Same, Same, 0) when is_integer(Same) ->
    [Same];
seq(_, _, _) ->
    erlang:error(badarg).

%% Builds the N values ending with X, stepping by Inc, onto Acc.
seq_down(0, _, _, Acc) -> Acc;
seq_down(N, X, Inc, Acc) -> seq_down(N - 1, X - Inc, Inc, [X | Acc]).

sum(L) -> sum(L, 0).
sum([H | T], Acc) -> sum(T, Acc + H);
sum([], Acc) -> Acc.

duplicate(N, X) when is_integer(N), N >= 0 -> duplicate(N, X, []).
duplicate(0, _, Acc) -> Acc;
duplicate(N, X, Acc) -> duplicate(N - 1, X, [X | Acc]).

min([H | T]) -> min_1(T, H).
min_1([H | T], M) when H < M -> min_1(T, H);
min_1([_ | T], M) -> min_1(T, M);
min_1([], M) -> M.

max([H | T]) -> max_1(T, H).
max_1([H | T], M) when H > M -> max_1(T, H);
max_1([_ | T], M) -> max_1(T, M);
max_1([], M) -> M.

sublist(L, 1, N) when is_list(L), is_integer(N), N >= 0 -> sublist(L, N);
sublist([], S, _) when is_integer(S), S >= 2 -> [];
sublist([_ | T], S, N) when is_integer(S), S >= 2 -> sublist(T, S - 1, N).

sublist(L, N) when is_integer(N), is_list(L) -> take(L, N).

take([H | T], N) when N > 0 -> [H | take(T, N - 1)];
take(_, 0) -> [];
take(L, N) when is_list(L), N > 0 -> [].

delete(X, [X | T]) -> T;
delete(X, [H | T]) -> [H | delete(X, T)];
delete(_, []) -> [].

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

unzip(L) -> unzip(L, [], []).
unzip([{X, Y} | T], Xs, Ys) -> unzip(T, [X | Xs], [Y | Ys]);
unzip([], Xs, Ys) -> {reverse(Xs, []), reverse(Ys, [])}.

zip3([X | Xs], [Y | Ys], [Z | Zs]) -> [{X, Y, Z} | zip3(Xs, Ys, Zs)];
zip3([], [], []) -> [].

unzip3(L) -> unzip3(L, [], [], []).
unzip3([{X, Y, Z} | T], Xs, Ys, Zs) -> unzip3(T, [X | Xs], [Y | Ys], [Z | Zs]);
unzip3([], Xs, Ys, Zs) -> {reverse(Xs, []), reverse(Ys, []), reverse(Zs, [])}.

zipwith(F, [X | Xs], [Y | Ys]) -> [F(X, Y) | zipwith(F, Xs, Ys)];
zipwith(F, [], []) when is_function(F, 2) -> [].

zipwith3(F, [X | Xs], [Y | Ys], [Z | Zs]) -> [F(X, Y, Z) | zipwith3(F, Xs, Ys, Zs)];
zipwith3(F, [], [], []) when is_function(F, 3) -> [].

concat(Things) -> flatmap(fun thing_to_list/1, Things).

thing_to_list(X) when is_integer(X) -> integer_to_list(X);
thing_to_list(X) when is_float(X) -> float_to_list(X);
thing_to_list(X) when is_atom(X) -> atom_to_list(X);
thing_to_list(X) when is_list(X) -> X.

flatten(L) when is_list(L) -> flat(L, []).

flatten(L, Tail) when is_list(L), is_list(Tail) -> flat(L, Tail).

flat([H | T], Tail) when is_list(H) -> flat(H, flat(T, Tail));
flat([H | T], Tail) -> [H | flat(T, Tail)];
flat([], Tail) -> Tail.

flatlength(L) -> flatlength(L, 0).
flatlength([H | T], N) when is_list(H) -> flatlength(H, flatlength(T, N));
flatlength([_ | T], N) -> flatlength(T, N + 1);
flatlength([], N) -> N.

enumerate(L) when is_list(L) -> enumerate_1(1, L).

enumerate(I, L) when is_integer(I), is_list(L) -> enumerate_1(I, L).

enumerate_1(I, [H | T]) -> [{I, H} | enumerate_1(I + 1, T)];
enumerate_1(_, []) -> [].

split(N, L) when is_integer(N), N >= 0, is_list(L) ->
    case split_n(N, L, []) of
        badarg -> erlang:error(badarg);
        Res -> Res
    end;
split(_, _) ->
    erlang:error(badarg).

split_n(0, L, Acc) -> {reverse(Acc, []), L};
split_n(N, [H | T], Acc) -> split_n(N - 1, T, [H | Acc]);
split_n(_, _, _) -> badarg.

join(_, []) -> [];
join(Sep, [H | T]) -> [H | join_1(Sep, T)].

join_1(_, []) -> [];
join_1(Sep, [H | T]) -> [Sep, H | join_1(Sep, T)].

%% uniq/1,2 remember the keys seen in a search tree on term order; equal
%% but distinct keys (1 and 1.0) share a node holding the exact variants.
uniq(L) -> uniq_1(L, fun(X) -> X end, gb_trees:empty()).

uniq(F, L) when is_function(F, 1) -> uniq_1(L, F, gb_trees:empty()).

uniq_1([X | Xs], F, Seen) ->
    K = F(X),
    case gb_trees:lookup(K, Seen) of
        none -> [X | uniq_1(Xs, F, gb_trees:insert(K, [K], Seen))];
        {value, Ks} ->
            case member(K, Ks) of
                true -> uniq_1(Xs, F, Seen);
                false -> [X | uniq_1(Xs, F, gb_trees:update(K, [K | Ks], Seen))]
            end
    end;
uniq_1([], _, _) -> [].

%% ---------------------------------------------------------------------
%% Key functions.

keydelete(Key, N, L) when is_integer(N), N > 0 -> keydelete_1(Key, N, L).

keydelete_1(Key, N, [H | T]) when element(N, H) == Key -> T;
keydelete_1(Key, N, [H | T]) -> [H | keydelete_1(Key, N, T)];
keydelete_1(_, _, []) -> [].

keyreplace(Key, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyreplace_1(Key, N, L, New).

keyreplace_1(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keyreplace_1(Key, N, [H | T], New) -> [H | keyreplace_1(Key, N, T, New)];
keyreplace_1(_, _, [], _) -> [].

keytake(Key, N, L) when is_integer(N), N > 0 -> keytake_1(Key, N, L, []).

keytake_1(Key, N, [H | T], Acc) when element(N, H) == Key ->
    {value, H, reverse(Acc, T)};
keytake_1(Key, N, [H | T], Acc) -> keytake_1(Key, N, T, [H | Acc]);
keytake_1(_, _, [], _) -> false.

keystore(Key, N, L, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore_1(Key, N, L, New).

keystore_1(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keystore_1(Key, N, [H | T], New) -> [H | keystore_1(Key, N, T, New)];
keystore_1(_, _, [], New) -> [New].

keymap(F, N, [H | T]) ->
    [setelement(N, H, F(element(N, H))) | keymap(F, N, T)];
keymap(F, N, []) when is_integer(N), N >= 1, is_function(F, 1) -> [].

keysort(N, L) when is_integer(N), N > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        _ -> msort(fun(A, B) -> element(N, A) =< element(N, B) end, L)
    end.

ukeysort(N, L) when is_integer(N), N > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        _ ->
            Sorted = msort(fun(A, B) -> element(N, A) =< element(N, B) end, L),
            dedup_by(fun(A, B) -> element(N, A) == element(N, B) end, Sorted)
    end.

keymerge(N, L1, L2) when is_integer(N), N > 0 ->
    fmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

rkeymerge(N, L1, L2) when is_integer(N), N > 0 ->
    rfmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

ukeymerge(N, L1, L2) when is_integer(N), N > 0 ->
    ufmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

rukeymerge(N, L1, L2) when is_integer(N), N > 0 ->
    rufmerge(fun(A, B) -> element(N, A) =< element(N, B) end, L1, L2).

%% ---------------------------------------------------------------------
%% Sorting and merging.

%% sort/1. Lists of up to three elements are answered directly; longer ones
%% start an ascending or descending run (or a run of equal elements).
sort([A, B | Rest] = L) when A =< B ->
    case Rest of
        [] -> L;
        [C] when B =< C -> L;
        [C] when A =< C -> [A, C, B];
        [C] -> [C, A, B];
        _ when A == B -> equal_prefix(B, Rest, [A]);
        _ -> up_run(A, B, Rest, [], [])
    end;
sort([A, B | Rest]) ->
    case Rest of
        [] -> [B, A];
        [C] when A =< C -> [B, A, C];
        [C] when B =< C -> [B, C, A];
        [C] -> [C, B, A];
        _ -> down_run(A, B, Rest, [], [])
    end;
sort([_] = L) -> L;
sort([] = L) -> L.

%% A leading stretch of equal elements; Seen holds them newest first.
equal_prefix(Cur, [Z | T], Seen) when Cur == Z -> equal_prefix(Z, T, [Cur | Seen]);
equal_prefix(Cur, [Z | T], Seen) when Cur < Z -> up_run(Cur, Z, T, Seen, []);
equal_prefix(Cur, [Z | T], Seen) -> down_run(Cur, Z, T, Seen, []);
equal_prefix(Cur, [], Seen) -> reverse(Seen, [Cur]).

%% Building an ascending run whose two largest elements are Lo =< Hi; the
%% smaller ones are in Under, largest first. Finished runs (each largest
%% first) collect in Runs, newest first. An element below Lo may be set aside
%% (Spare) to start the next run.
up_run(Lo, Hi, [Z | T], Under, Runs) when Z >= Hi -> up_run(Hi, Z, T, [Lo | Under], Runs);
up_run(Lo, Hi, [Z | T], Under, Runs) when Z >= Lo -> up_run(Z, Hi, T, [Lo | Under], Runs);
up_run(Lo, Hi, [Z | T], [], Runs) -> up_run(Lo, Hi, T, [Z], Runs);
up_run(Lo, Hi, [Z | T], Under, Runs) -> up_run_spare(Lo, Hi, T, Under, Runs, Z);
up_run(Lo, Hi, [], Under, Runs) -> desc_pass([[Hi, Lo | Under] | Runs], []).

up_run_spare(Lo, Hi, [Z | T], Under, Runs, Spare) when Z >= Hi ->
    up_run_spare(Hi, Z, T, [Lo | Under], Runs, Spare);
up_run_spare(Lo, Hi, [Z | T], Under, Runs, Spare) when Z >= Lo ->
    up_run_spare(Z, Hi, T, [Lo | Under], Runs, Spare);
up_run_spare(Lo, Hi, [Z | T], Under, Runs, Spare) ->
    Done = [[Hi, Lo | Under] | Runs],
    case Spare =< Z of
        true -> up_run(Spare, Z, T, [], Done);
        false -> up_run(Z, Spare, T, [], Done)
    end;
up_run_spare(Lo, Hi, [], Under, Runs, Spare) ->
    desc_pass([[Spare], [Hi, Lo | Under] | Runs], []).

%% The mirror image: a descending run whose two smallest elements are
%% Lo =< Hi, larger ones in Over (smallest first); runs are kept smallest
%% first.
down_run(Hi, Lo, [Z | T], Over, Runs) when Z =< Lo -> down_run(Lo, Z, T, [Hi | Over], Runs);
down_run(Hi, Lo, [Z | T], Over, Runs) when Z =< Hi -> down_run(Z, Lo, T, [Hi | Over], Runs);
down_run(Hi, Lo, [Z | T], [], Runs) -> down_run(Hi, Lo, T, [Z], Runs);
down_run(Hi, Lo, [Z | T], Over, Runs) -> down_run_spare(Hi, Lo, T, Over, Runs, Z);
down_run(Hi, Lo, [], Over, Runs) -> asc_pass([[Lo, Hi | Over] | Runs], []).

down_run_spare(Hi, Lo, [Z | T], Over, Runs, Spare) when Z =< Lo ->
    down_run_spare(Lo, Z, T, [Hi | Over], Runs, Spare);
down_run_spare(Hi, Lo, [Z | T], Over, Runs, Spare) when Z =< Hi ->
    down_run_spare(Z, Lo, T, [Hi | Over], Runs, Spare);
down_run_spare(Hi, Lo, [Z | T], Over, Runs, Spare) ->
    Done = [[Lo, Hi | Over] | Runs],
    case Spare > Z of
        true -> down_run(Spare, Z, T, [], Done);
        false -> down_run(Z, Spare, T, [], Done)
    end;
down_run_spare(Hi, Lo, [], Over, Runs, Spare) ->
    asc_pass([[Spare], [Lo, Hi | Over] | Runs], []).

%% One merging pass over ascending lists: neighbours are merged three at a
%% time (on ties the earlier list of a group wins); each result is built
%% largest first, and the results, newest first, feed a descending pass.
%% Empty lists (possible in merge/1) are dropped.
asc_pass([[] | Ls], Acc) -> asc_pass(Ls, Acc);
asc_pass([A, [] | Ls], Acc) -> asc_pass([A | Ls], Acc);
asc_pass([A, B, [] | Ls], Acc) -> asc_pass([A, B | Ls], Acc);
asc_pass([A, B, C | Ls], Acc) -> asc_pass(Ls, [up3(A, B, C, []) | Acc]);
asc_pass([A, B], Acc) -> desc_pass([up2(A, B, []) | Acc], []);
asc_pass([A], []) -> A;
asc_pass([A], Acc) -> desc_pass([reverse(A, []) | Acc], []);
asc_pass([], []) -> [];
asc_pass([], Acc) -> desc_pass(Acc, []).

%% The same over descending lists; in a group the later list wins ties.
desc_pass([A, B, C | Ls], Acc) -> desc_pass(Ls, [down3(C, B, A, []) | Acc]);
desc_pass([A, B], Acc) -> asc_pass([down2(B, A, []) | Acc], []);
desc_pass([A], Acc) -> asc_pass([reverse(A, []) | Acc], []);
desc_pass([], Acc) -> asc_pass(Acc, []).

%% Merge ascending lists onto Acc, smallest pushed first; ties go to the
%% leftmost list.
up3([X | Xs] = L1, [Y | Ys] = L2, [Z | Zs] = L3, Acc) ->
    if
        X =< Y, X =< Z -> up3(Xs, L2, L3, [X | Acc]);
        X =< Y -> up3(L1, L2, Zs, [Z | Acc]);
        Y =< Z -> up3(L1, Ys, L3, [Y | Acc]);
        true -> up3(L1, L2, Zs, [Z | Acc])
    end;
up3([], L2, L3, Acc) -> up2(L2, L3, Acc);
up3(L1, [], L3, Acc) -> up2(L1, L3, Acc);
up3(L1, L2, [], Acc) -> up2(L1, L2, Acc).

up2([X | Xs] = L1, [Y | Ys] = L2, Acc) ->
    if
        X =< Y -> up2(Xs, L2, [X | Acc]);
        true -> up2(L1, Ys, [Y | Acc])
    end;
up2([], L2, Acc) -> reverse(L2, Acc);
up2(L1, [], Acc) -> reverse(L1, Acc).

%% Merge descending lists onto Acc, largest pushed first, so that the
%% result read forwards is ascending with ties ordered leftmost list first.
down3([X | Xs] = L1, [Y | Ys] = L2, [Z | Zs] = L3, Acc) ->
    if
        Y =< Z, X =< Z -> down3(L1, L2, Zs, [Z | Acc]);
        Y =< Z -> down3(Xs, L2, L3, [X | Acc]);
        X =< Y -> down3(L1, Ys, L3, [Y | Acc]);
        true -> down3(Xs, L2, L3, [X | Acc])
    end;
down3([], L2, L3, Acc) -> down2(L2, L3, Acc);
down3(L1, [], L3, Acc) -> down2(L1, L3, Acc);
down3(L1, L2, [], Acc) -> down2(L1, L2, Acc).

down2([X | Xs] = L1, [Y | Ys] = L2, Acc) ->
    if
        X =< Y -> down2(L1, Ys, [Y | Acc]);
        true -> down2(Xs, L2, [X | Acc])
    end;
down2([], L2, Acc) -> reverse(L2, Acc);
down2(L1, [], Acc) -> reverse(L1, Acc).

sort(F, []) when is_function(F, 2) -> [];
sort(F, [_] = L) when is_function(F, 2) -> L;
sort(F, [_, _ | _] = L) -> msort(F, L).

usort([] = L) -> L;
usort([_] = L) -> L;
usort([_, _ | _] = L) ->
    dedup_by(fun(A, B) -> A == B end, msort(fun(A, B) -> A =< B end, L)).

usort(F, [] = L) when is_function(F, 2) -> L;
usort(F, [_] = L) when is_function(F, 2) -> L;
usort(F, [_, _ | _] = L) when is_function(F, 2) ->
    dedup_by(fun(A, B) -> F(B, A) end, msort(F, L)).

%% Keeps the first of each run of neighbours that Same/2 says are equal.
dedup_by(Same, [X | T]) -> dedup_by(Same, X, T, []).

dedup_by(Same, X, [Y | T], Acc) ->
    case Same(X, Y) of
        true -> dedup_by(Same, X, T, Acc);
        false -> dedup_by(Same, Y, T, [X | Acc])
    end;
dedup_by(_, X, [], Acc) -> reverse(Acc, [X]).

%% Stable natural merge sort: cut the list into runs, then merge
%% neighbouring runs until one is left.
msort(Le, L) -> merge_runs(Le, runs(Le, L, [])).

runs(Le, [X, Y | T], Acc) ->
    case Le(X, Y) of
        true -> run_up(Le, Y, T, [X], Acc);
        false -> run_down(Le, Y, T, [X], Acc)
    end;
runs(_, [X], Acc) -> reverse(Acc, [[X]]);
runs(_, [], Acc) -> reverse(Acc, []).

%% A non-descending run, kept reversed in Run.
run_up(Le, Last, [Z | T] = L, Run, Acc) ->
    case Le(Last, Z) of
        true -> run_up(Le, Z, T, [Last | Run], Acc);
        false -> runs(Le, L, [reverse(Run, [Last]) | Acc])
    end;
run_up(_, Last, [], Run, Acc) -> reverse(Acc, [reverse(Run, [Last])]).

%% A strictly descending run; Run holds it in ascending order.
run_down(Le, Last, [Z | T] = L, Run, Acc) ->
    case Le(Last, Z) of
        false -> run_down(Le, Z, T, [Last | Run], Acc);
        true -> runs(Le, L, [[Last | Run] | Acc])
    end;
run_down(_, Last, [], Run, Acc) -> reverse(Acc, [[Last | Run]]).

merge_runs(_, []) -> [];
merge_runs(_, [R]) -> R;
merge_runs(Le, Rs) -> merge_runs(Le, merge_pairs(Le, Rs)).

merge_pairs(Le, [A, B | T]) -> [fmerge(Le, A, B) | merge_pairs(Le, T)];
merge_pairs(_, T) -> T.

%% Merges two ascending lists, taking from the first on ties.
fmerge(Le, L1, L2) -> reverse(fmerge_1(Le, L1, L2, []), []).

fmerge_1(Le, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Le(H1, H2) of
        true -> fmerge_1(Le, T1, L2, [H1 | Acc]);
        false -> fmerge_1(Le, L1, T2, [H2 | Acc])
    end;
fmerge_1(_, [], L2, Acc) -> reverse(L2, Acc);
fmerge_1(_, L1, [], Acc) -> reverse(L1, Acc).

%% Merges two descending lists (Le is still the ascending order): on ties
%% the element of the second list comes first.
rfmerge(Le, L1, L2) -> reverse(rfmerge_1(Le, L1, L2, []), []).

rfmerge_1(Le, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Le(H1, H2) of
        true -> rfmerge_1(Le, L1, T2, [H2 | Acc]);
        false -> rfmerge_1(Le, T1, L2, [H1 | Acc])
    end;
rfmerge_1(_, [], L2, Acc) -> reverse(L2, Acc);
rfmerge_1(_, L1, [], Acc) -> reverse(L1, Acc).

%% Merges two ascending lists; an element of the second list equal to an
%% element taken from the first is dropped.
ufmerge(Le, L1, L2) -> reverse(ufmerge_1(Le, L1, L2, none, []), []).

ufmerge_1(Le, [H1 | T1] = L1, [H2 | T2] = L2, Last1, Acc) ->
    case Le(H1, H2) of
        true -> ufmerge_1(Le, T1, L2, {H1}, [H1 | Acc]);
        false ->
            case Last1 of
                {P} ->
                    case Le(H2, P) of
                        true -> ufmerge_1(Le, L1, T2, Last1, Acc);
                        false -> ufmerge_1(Le, L1, T2, Last1, [H2 | Acc])
                    end;
                none -> ufmerge_1(Le, L1, T2, Last1, [H2 | Acc])
            end
    end;
ufmerge_1(_, [], L2, none, Acc) -> reverse(L2, Acc);
ufmerge_1(Le, [], [H2 | T2] = L2, {P}, Acc) ->
    case Le(H2, P) of
        true -> reverse(T2, Acc);
        false -> reverse(L2, Acc)
    end;
ufmerge_1(_, [], [], _, Acc) -> Acc;
ufmerge_1(_, L1, [], _, Acc) -> reverse(L1, Acc).

%% Merges two descending lists keeping the first list's element on ties.
rufmerge(Le, L1, L2) -> reverse(rufmerge_1(Le, L1, L2, []), []).

rufmerge_1(Le, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Le(H1, H2) of
        true ->
            case Le(H2, H1) of
                true -> rufmerge_1(Le, T1, T2, [H1 | Acc]);
                false -> rufmerge_1(Le, L1, T2, [H2 | Acc])
            end;
        false -> rufmerge_1(Le, T1, L2, [H1 | Acc])
    end;
rufmerge_1(_, [], L2, Acc) -> reverse(L2, Acc);
rufmerge_1(_, L1, [], Acc) -> reverse(L1, Acc).

le(A, B) -> A =< B.

merge(L1, L2) -> fmerge(fun le/2, L1, L2).

merge(F, L1, L2) when is_function(F, 2) -> fmerge(F, L1, L2).

rmerge(L1, L2) -> rfmerge(fun le/2, L1, L2).

rmerge(F, L1, L2) when is_function(F, 2) -> rfmerge(F, L1, L2).

merge3(L1, L2, L3) -> merge(merge(L1, L2), L3).

rmerge3(L1, L2, L3) -> rmerge(L1, rmerge(L2, L3)).

merge(Ls) -> asc_pass(Ls, []).

umerge(L1, L2) -> ufmerge(fun le/2, L1, L2).

umerge(F, L1, L2) when is_function(F, 2) -> ufmerge(F, L1, L2).

rumerge(L1, L2) -> rufmerge(fun le/2, L1, L2).

rumerge(F, L1, L2) when is_function(F, 2) -> rufmerge(F, L1, L2).

umerge3(L1, L2, L3) -> umerge(umerge(L1, L2), L3).

rumerge3(L1, L2, L3) -> rumerge(L1, rumerge(L2, L3)).

umerge(Ls) -> umerge_all(Ls).

umerge_all([L]) -> L;
umerge_all([L1, L2 | T]) -> umerge_all([umerge(L1, L2) | T]);
umerge_all([]) -> [].

%% ---------------------------------------------------------------------
%% Higher-order functions.

all(Pred, L) when is_function(Pred, 1) ->
    case L of
        [H | T] ->
            case Pred(H) of
                true -> all_1(Pred, T);
                false -> false
            end;
        [] -> true
    end.

all_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> all_1(Pred, T);
        false -> false
    end;
all_1(_, []) -> true.

any(Pred, L) when is_function(Pred, 1) ->
    case L of
        [H | T] ->
            case Pred(H) of
                true -> true;
                false -> any_1(Pred, T)
            end;
        [] -> false
    end.

any_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> true;
        false -> any_1(Pred, T)
    end;
any_1(_, []) -> false.

map(F, L) when is_function(F, 1) ->
    case L of
        [H | T] -> [F(H) | map_1(F, T)];
        [] -> []
    end.

map_1(F, [H | T]) -> [F(H) | map_1(F, T)];
map_1(_, []) -> [].

flatmap(F, L) when is_function(F, 1) -> flatmap_1(F, L).

flatmap_1(F, [H | T]) -> F(H) ++ flatmap_1(F, T);
flatmap_1(_, []) -> [].

foldl(F, Acc, L) when is_function(F, 2) ->
    case L of
        [H | T] -> foldl_1(F, F(H, Acc), T);
        [] -> Acc
    end.

foldl_1(F, Acc, [H | T]) -> foldl_1(F, F(H, Acc), T);
foldl_1(_, Acc, []) -> Acc.

foldr(F, Acc, L) when is_function(F, 2) -> foldr_1(F, Acc, L).

foldr_1(F, Acc, [H | T]) -> F(H, foldr_1(F, Acc, T));
foldr_1(_, Acc, []) -> Acc.

filter(Pred, L) when is_function(Pred, 1) -> [E || E <- L, Pred(E)].

partition(Pred, L) when is_function(Pred, 1) -> partition_1(Pred, L, [], []).

partition_1(Pred, [H | T], As, Bs) ->
    case Pred(H) of
        true -> partition_1(Pred, T, [H | As], Bs);
        false -> partition_1(Pred, T, As, [H | Bs])
    end;
partition_1(_, [], As, Bs) -> {reverse(As, []), reverse(Bs, [])}.

filtermap(F, L) when is_function(F, 1) -> filtermap_1(F, L).

filtermap_1(F, [H | T]) ->
    case F(H) of
        true -> [H | filtermap_1(F, T)];
        {true, V} -> [V | filtermap_1(F, T)];
        false -> filtermap_1(F, T)
    end;
filtermap_1(_, []) -> [].

zf(F, L) -> filtermap(F, L).

foreach(F, L) when is_function(F, 1) -> foreach_1(F, L).

foreach_1(F, [H | T]) -> F(H), foreach_1(F, T);
foreach_1(_, []) -> ok.

mapfoldl(F, Acc, L) when is_function(F, 2) -> mapfoldl_1(F, Acc, L).

mapfoldl_1(F, Acc0, [H | T]) ->
    {R, Acc1} = F(H, Acc0),
    {Rs, Acc2} = mapfoldl_1(F, Acc1, T),
    {[R | Rs], Acc2};
mapfoldl_1(_, Acc, []) -> {[], Acc}.

mapfoldr(F, Acc, L) when is_function(F, 2) -> mapfoldr_1(F, Acc, L).

mapfoldr_1(F, Acc0, [H | T]) ->
    {Rs, Acc1} = mapfoldr_1(F, Acc0, T),
    {R, Acc2} = F(H, Acc1),
    {[R | Rs], Acc2};
mapfoldr_1(_, Acc, []) -> {[], Acc}.

takewhile(Pred, L) when is_function(Pred, 1) -> takewhile_1(Pred, L).

takewhile_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | takewhile_1(Pred, T)];
        false -> []
    end;
takewhile_1(_, []) -> [].

dropwhile(Pred, L) when is_function(Pred, 1) -> dropwhile_1(Pred, L).

dropwhile_1(Pred, [H | T] = L) ->
    case Pred(H) of
        true -> dropwhile_1(Pred, T);
        false -> L
    end;
dropwhile_1(_, []) -> [].

search(Pred, L) when is_function(Pred, 1) -> search_1(Pred, L).

search_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> {value, H};
        false -> search_1(Pred, T)
    end;
search_1(_, []) -> false.

splitwith(Pred, L) when is_function(Pred, 1) -> splitwith_1(Pred, L, []).

splitwith_1(Pred, [H | T], Taken) ->
    case Pred(H) of
        true -> splitwith_1(Pred, T, [H | Taken]);
        false -> {reverse(Taken, []), [H | T]}
    end;
splitwith_1(_, [], Taken) -> {reverse(Taken, []), []}.
