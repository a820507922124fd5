%% The queue module: FIFO queues, as OTP's stdlib `queue` (original,
%% extended and Okasaki APIs).
%%
%% A queue is {Rear, Front}: Front holds the oldest items in order, Rear the
%% newest in reverse order. When one side runs empty the other is cut in
%% half, so that taking from either end stays amortized O(1); the cuts are
%% the same as OTP's, so queues print the same.
-module(queue).
-export([new/0, is_queue/1, is_empty/1, len/1, to_list/1, from_list/1, member/2]).
-export([in/2, in_r/2, out/1, out_r/1]).
-export([get/1, get_r/1, peek/1, peek_r/1, drop/1, drop_r/1]).
-export([reverse/1, join/2, split/2, filter/2, filtermap/2, fold/3, any/2, all/2,
         delete/2, delete_r/2, delete_with/2, delete_with_r/2]).
-export([cons/2, head/1, tail/1, snoc/2, last/1, daeh/1, init/1, liat/1]).
-export([lait/1]).

new() -> {[], []}.

is_queue({R, F}) when is_list(R), is_list(F) -> true;
is_queue(_) -> false.

is_empty({[], []}) -> true;
is_empty({R, F}) when is_list(R), is_list(F) -> false;
is_empty(_) -> erlang:error(badarg).

len({R, F}) when is_list(R), is_list(F) -> length(R) + length(F);
len(_) -> erlang:error(badarg).

to_list({R, F}) when is_list(R), is_list(F) -> F ++ lists:reverse(R, []);
to_list(_) -> erlang:error(badarg).

from_list(L) when is_list(L) -> front_to_queue(L);
from_list(_) -> erlang:error(badarg).

member(X, {R, F}) when is_list(R), is_list(F) ->
    lists:member(X, R) orelse lists:member(X, F);
member(_, _) -> erlang:error(badarg).

in(X, {[_] = R, []}) -> {[X], R};
in(X, {R, F}) when is_list(R), is_list(F) -> {[X | R], F};
in(_, _) -> erlang:error(badarg).

in_r(X, {[], [_] = F}) -> {F, [X]};
in_r(X, {R, F}) when is_list(R), is_list(F) -> {R, [X | F]};
in_r(_, _) -> erlang:error(badarg).

out({[], []} = Q) -> {empty, Q};
out({[X], []}) -> {{value, X}, {[], []}};
out({[Newest | R], []}) ->
    [X | F] = lists:reverse(R, []),
    {{value, X}, {[Newest], F}};
out({R, [X]}) when is_list(R) -> {{value, X}, rear_to_queue(R)};
out({R, [X | F]}) when is_list(R) -> {{value, X}, {R, F}};
out(_) -> erlang:error(badarg).

out_r({[], []} = Q) -> {empty, Q};
out_r({[], [X]}) -> {{value, X}, {[], []}};
out_r({[], [Oldest | F]}) ->
    [X | R] = lists:reverse(F, []),
    {{value, X}, {R, [Oldest]}};
out_r({[X], F}) when is_list(F) -> {{value, X}, front_to_queue(F)};
out_r({[X | R], F}) when is_list(F) -> {{value, X}, {R, F}};
out_r(_) -> erlang:error(badarg).

get({[], []}) -> erlang:error(empty);
get({R, F}) when is_list(R), is_list(F) -> first(R, F);
get(_) -> erlang:error(badarg).

first(R, [X | _]) when is_list(R) -> X;
first([X], []) -> X;
first([_ | R], []) -> lists:last(R).

get_r({[], []}) -> erlang:error(empty);
get_r({[X | _], F}) when is_list(F) -> X;
get_r({[], [X]}) -> X;
get_r({[], [_ | F]}) -> lists:last(F);
get_r(_) -> erlang:error(badarg).

peek({[], []}) -> empty;
peek({R, [X | _]}) when is_list(R) -> {value, X};
peek({[X], []}) -> {value, X};
peek({[_ | R], []}) -> {value, lists:last(R)};
peek(_) -> erlang:error(badarg).

peek_r({[], []}) -> empty;
peek_r({[X | _], F}) when is_list(F) -> {value, X};
peek_r({[], [X]}) -> {value, X};
peek_r({[], [_ | F]}) -> {value, lists:last(F)};
peek_r(_) -> erlang:error(badarg).

drop({[], []}) -> erlang:error(empty);
drop({[_], []}) -> {[], []};
drop({[Newest | R], []}) ->
    [_ | F] = lists:reverse(R, []),
    {[Newest], F};
drop({R, [_]}) when is_list(R) -> rear_to_queue(R);
drop({R, [_ | F]}) when is_list(R) -> {R, F};
drop(_) -> erlang:error(badarg).

drop_r({[], []}) -> erlang:error(empty);
drop_r({[], [_]}) -> {[], []};
drop_r({[], [Oldest | F]}) ->
    [_ | R] = lists:reverse(F, []),
    {R, [Oldest]};
drop_r({[_], F}) when is_list(F) -> front_to_queue(F);
drop_r({[_ | R], F}) when is_list(F) -> {R, F};
drop_r(_) -> erlang:error(badarg).

reverse({R, F}) when is_list(R), is_list(F) -> {F, R};
reverse(_) -> erlang:error(badarg).

join({R, F} = Q, {[], []}) when is_list(R), is_list(F) -> Q;
join({[], []}, {R, F} = Q) when is_list(R), is_list(F) -> Q;
join({R1, F1}, {R2, F2}) when is_list(R1), is_list(F1), is_list(R2), is_list(F2) ->
    {R2, F1 ++ lists:reverse(R1, F2)};
join(_, _) -> erlang:error(badarg).

split(0, {R, F} = Q) when is_list(R), is_list(F) -> {{[], []}, Q};
split(N, {R, F} = Q) when is_integer(N), N >= 1, is_list(R), is_list(F) ->
    LenF = length(F),
    if
        N < LenF ->
            [X | F1] = F,
            move_front(N - 1, R, F1, [], [X]);
        N > LenF ->
            Keep = length(R) - (N - LenF),
            if
                Keep < 0 -> erlang:error(badarg);
                Keep > 0 ->
                    [X | R1] = R,
                    move_rear(Keep - 1, R1, F, [X], []);
                true -> {Q, {[], []}}
            end;
        true -> {front_to_queue(F), rear_to_queue(R)}
    end;
split(_, _) -> erlang:error(badarg).

%% Moves N more items from the front list F1 onto the first queue's rear.
move_front(0, R1, F1, R2, F2) -> {{R2, F2}, {R1, F1}};
move_front(N, R1, [X | F1], R2, F2) -> move_front(N - 1, R1, F1, [X | R2], F2).

%% Moves N more items from the rear list R1 onto the second queue's front.
move_rear(0, R1, F1, R2, F2) -> {{R1, F1}, {R2, F2}};
move_rear(N, [X | R1], F1, R2, F2) -> move_rear(N - 1, R1, F1, R2, [X | F2]).

filter(P, {R0, F0}) when is_function(P, 1), is_list(R0), is_list(F0) ->
    F = filter_front(P, F0),
    R = filter_rear(P, R0),
    rebuild(R, F);
filter(_, _) -> erlang:error(badarg).

rebuild([], F) -> front_to_queue(F);
rebuild(R, []) -> rear_to_queue(R);
rebuild(R, F) -> {R, F}.

filter_front(_, []) -> [];
filter_front(P, [X | F]) ->
    case P(X) of
        true -> [X | filter_front(P, F)];
        [Y] -> [Y | filter_front(P, F)];
        false -> filter_front(P, F);
        [] -> filter_front(P, F);
        L when is_list(L) -> L ++ filter_front(P, F)
    end.

filter_rear(_, []) -> [];
filter_rear(P, [X | R0]) ->
    R = filter_rear(P, R0),
    case P(X) of
        true -> [X | R];
        [Y] -> [Y | R];
        false -> R;
        [] -> R;
        L when is_list(L) -> lists:reverse(L, R)
    end.

filtermap(P, {R0, F0}) when is_function(P, 1), is_list(R0), is_list(F0) ->
    F = lists:filtermap(P, F0),
    R = filtermap_rear(P, R0),
    rebuild(R, F);
filtermap(_, _) -> erlang:error(badarg).

filtermap_rear(_, []) -> [];
filtermap_rear(P, [X | R0]) ->
    R = filtermap_rear(P, R0),
    case P(X) of
        true -> [X | R];
        {true, Y} -> [Y | R];
        false -> R
    end.

fold(Fun, Acc, {R, F}) when is_function(Fun, 2), is_list(R), is_list(F) ->
    lists:foldr(Fun, lists:foldl(Fun, Acc, F), R);
fold(_, _, _) -> erlang:error(badarg).

any(P, {R, F}) when is_function(P, 1), is_list(R), is_list(F) ->
    lists:any(P, F) orelse lists:any(P, R);
any(_, _) -> erlang:error(badarg).

all(P, {R, F}) when is_function(P, 1), is_list(R), is_list(F) ->
    lists:all(P, F) andalso lists:all(P, R);
all(_, _) -> erlang:error(badarg).

delete(X, {R, F}) when is_list(R), is_list(F) ->
    delete_first(fun(Y) -> Y =:= X end, R, F);
delete(_, _) -> erlang:error(badarg).

delete_r(X, {R, F}) when is_list(R), is_list(F) ->
    {F1, R1} = delete_first(fun(Y) -> Y =:= X end, F, R),
    {R1, F1};
delete_r(_, _) -> erlang:error(badarg).

delete_with(P, {R, F}) when is_function(P, 1), is_list(R), is_list(F) ->
    delete_first(P, R, F);
delete_with(_, _) -> erlang:error(badarg).

delete_with_r(P, {R, F}) when is_function(P, 1), is_list(R), is_list(F) ->
    {F1, R1} = delete_first(P, F, R),
    {R1, F1};
delete_with_r(_, _) -> erlang:error(badarg).

%% Removes the oldest item that P accepts from the queue {R, F}.
delete_first(P, R, F) ->
    case drop_first(P, F) of
        false ->
            case drop_last(P, R) of
                false -> {R, F};
                [] -> front_to_queue(F);
                R1 -> {R1, F}
            end;
        [] -> rear_to_queue(R);
        F1 -> {R, F1}
    end.

drop_first(P, [X | T]) ->
    case P(X) of
        true -> T;
        false ->
            case drop_first(P, T) of
                false -> false;
                T1 -> [X | T1]
            end
    end;
drop_first(_, []) -> false.

%% The same from the far end of the list.
drop_last(P, [X | T]) ->
    case drop_last(P, T) of
        false ->
            case P(X) of
                true -> T;
                false -> false
            end;
        T1 -> [X | T1]
    end;
drop_last(_, []) -> false.

cons(X, Q) -> in_r(X, Q).

head({[], []}) -> erlang:error(empty);
head({R, F}) when is_list(R), is_list(F) -> first(R, F);
head(_) -> erlang:error(badarg).

tail(Q) -> drop(Q).

snoc(Q, X) -> in(X, Q).

daeh(Q) -> get_r(Q).

last(Q) -> get_r(Q).

liat(Q) -> drop_r(Q).

lait(Q) -> drop_r(Q).

init(Q) -> drop_r(Q).

%% A queue from a rear list (newest first): its older half becomes the
%% front.
rear_to_queue([]) -> {[], []};
rear_to_queue([_] = R) -> {[], R};
rear_to_queue([Y, X]) -> {[Y], [X]};
rear_to_queue(L) ->
    {R, Older} = lists:split(length(L) div 2, L),
    {R, lists:reverse(Older, [])}.

%% A queue from a front list (oldest first): its newer half becomes the
%% rear.
front_to_queue([]) -> {[], []};
front_to_queue([_] = F) -> {F, []};
front_to_queue([X, Y]) -> {[Y], [X]};
front_to_queue(L) ->
    {F, Newer} = lists:split(length(L) div 2, L),
    {lists:reverse(Newer, []), F}.
