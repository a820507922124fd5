%% The array module: functional, extendible arrays, as OTP's stdlib `array`.
%%
%% An array is #array{size, max, default, elements}. `max` is the number of
%% slots the tree can hold before it must grow (0 for a fixed-size array).
%% The tree is one of:
%%   - an integer S: S slots that were never written (all hold the default);
%%   - a leaf: a tuple of ?LEAF values;
%%   - a node: a tuple of ?BRANCH subtrees followed by the number of slots
%%     each subtree covers.
%% Trees are built, grown, expanded and mapped the way OTP does it, so that
%% arrays print the same.
-module(array).
-export([new/0, new/1, new/2, is_array/1, set/3, get/2, size/1,
         sparse_size/1, default/1, reset/2, to_list/1, sparse_to_list/1,
         from_list/1, from_list/2, to_orddict/1, sparse_to_orddict/1,
         from_orddict/1, from_orddict/2, map/2, sparse_map/2, foldl/3,
         foldr/3, sparse_foldl/3, sparse_foldr/3, fix/1, relax/1, is_fix/1,
         resize/1, resize/2]).

-define(LEAF, 10).
-define(BRANCH, 10).

-record(array, {size, max, default, elements}).

-define(IS_NODE(E), (is_tuple(E) andalso tuple_size(E) =:= ?BRANCH + 1)).

%% ---------------------------------------------------------------------
%% Creation and properties.

new() -> new([]).

new(Opts) -> new_opts(Opts, 0, false).

new(Size, Opts) when is_integer(Size), Size >= 0 -> new_opts(Opts, Size, true);
new(_, _) -> erlang:error(badarg).

new_opts(Opts, Size, Fixed) when is_list(Opts) -> parse_opts(Opts, Size, Fixed, undefined);
new_opts(Opt, Size, Fixed) -> parse_opts([Opt], Size, Fixed, undefined).

parse_opts([fixed | T], Size, _, D) -> parse_opts(T, Size, true, D);
parse_opts([{fixed, F} | T], Size, _, D) when is_boolean(F) -> parse_opts(T, Size, F, D);
parse_opts([{default, D} | T], Size, Fixed, _) -> parse_opts(T, Size, Fixed, D);
parse_opts([{size, N} | T], _, _, D) when is_integer(N), N >= 0 -> parse_opts(T, N, true, D);
parse_opts([N | T], _, _, D) when is_integer(N), N >= 0 -> parse_opts(T, N, true, D);
parse_opts([], Size, Fixed, D) -> make(Size, Fixed, D);
parse_opts(_, _, _, _) -> erlang:error(badarg).

make(Size, Fixed, D) ->
    Cap = capacity(Size - 1, ?LEAF),
    Max = case Fixed of
              true -> 0;
              false -> Cap
          end,
    #array{size = Size, max = Max, default = D, elements = Cap}.

%% The smallest power-of-ten multiple of M greater than index I.
capacity(I, M) when I >= M -> capacity(I, M * ?BRANCH);
capacity(_, M) -> M.

is_array(#array{size = N, max = M}) when is_integer(N), is_integer(M) -> true;
is_array(_) -> false.

size(#array{size = N}) -> N;
size(_) -> erlang:error(badarg).

default(#array{default = D}) -> D;
default(_) -> erlang:error(badarg).

fix(#array{} = A) -> A#array{max = 0}.

is_fix(#array{max = 0}) -> true;
is_fix(#array{}) -> false.

relax(#array{size = N} = A) -> A#array{max = capacity(N - 1, ?LEAF)}.

resize(Size, #array{size = N, max = M, elements = E} = A) when is_integer(Size), Size >= 0 ->
    if
        Size > N ->
            Limit = if
                        M > 0 -> M;
                        true -> capacity(N - 1, ?LEAF)
                    end,
            {E1, M1} = grow(Size - 1, E, Limit),
            NewMax = if
                         M > 0 -> M1;
                         true -> M
                     end,
            A#array{size = Size, max = NewMax, elements = E1};
        Size < N -> A#array{size = Size};
        true -> A
    end;
resize(_, _) -> erlang:error(badarg).

resize(A) -> resize(sparse_size(A), A).

%% ---------------------------------------------------------------------
%% Element access.

set(I, V, #array{size = N, max = M, default = D, elements = E} = A) when is_integer(I), I >= 0 ->
    if
        I < N -> A#array{elements = store(I, E, V, D)};
        I < M -> A#array{size = I + 1, elements = store(I, E, V, D)};
        M > 0 ->
            {E1, M1} = grow(I, E, M),
            A#array{size = I + 1, max = M1, elements = store(I, E1, V, D)};
        true -> erlang:error(badarg)
    end;
set(_, _, _) -> erlang:error(badarg).

store(I, E, V, D) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    K = I div Span + 1,
    setelement(K, E, store(I rem Span, element(K, E), V, D));
store(I, E, V, D) when is_integer(E) -> materialize(I, E, V, D);
store(I, E, V, _) -> setelement(I + 1, E, V).

%% Builds the path to index I inside an unwritten subtree of Slots slots.
materialize(I, Slots, V, D) when Slots > ?LEAF ->
    Span = Slots div ?BRANCH,
    setelement(I div Span + 1, erlang:make_tuple(?BRANCH + 1, Span), materialize(I rem Span, Span, V, D));
materialize(I, _, V, D) -> setelement(I + 1, erlang:make_tuple(?LEAF, D), V).

%% Makes room for index I: an unwritten tree just gets bigger; otherwise
%% the tree becomes the first subtree of new, higher nodes.
grow(I, E, _) when is_integer(E) ->
    M = capacity(I, E),
    {M, M};
grow(I, E, M) when I >= M ->
    grow(I, setelement(1, erlang:make_tuple(?BRANCH + 1, M), E), M * ?BRANCH);
grow(_, E, M) -> {E, M}.

get(I, #array{size = N, max = M, elements = E, default = D}) when is_integer(I), I >= 0 ->
    if
        I < N -> fetch(I, E, D);
        M > 0 -> D;
        true -> erlang:error(badarg)
    end;
get(_, _) -> erlang:error(badarg).

fetch(I, E, D) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    fetch(I rem Span, element(I div Span + 1, E), D);
fetch(_, E, D) when is_integer(E) -> D;
fetch(I, E, _) -> element(I + 1, E).

reset(I, #array{size = N, max = M, default = D, elements = E} = A) when is_integer(I), I >= 0 ->
    if
        I < N ->
            case clear(I, E, D) of
                unchanged -> A;
                E1 -> A#array{elements = E1}
            end;
        M > 0 -> A;
        true -> erlang:error(badarg)
    end;
reset(_, _) -> erlang:error(badarg).

clear(I, E, D) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    K = I div Span + 1,
    case clear(I rem Span, element(K, E), D) of
        unchanged -> unchanged;
        Sub -> setelement(K, E, Sub)
    end;
clear(_, E, _) when is_integer(E) -> unchanged;
clear(I, E, D) ->
    case element(I + 1, E) of
        D -> unchanged;
        _ -> setelement(I + 1, E, D)
    end.

%% ---------------------------------------------------------------------
%% Folds over the indices 0..size-1. All list conversions are folds.

foldl(F, Acc, #array{size = N, elements = E, default = D}) when is_function(F, 3) ->
    walk_up(E, 0, N - 1, D, false, F, Acc);
foldl(_, _, _) -> erlang:error(badarg).

sparse_foldl(F, Acc, #array{size = N, elements = E, default = D}) when is_function(F, 3) ->
    walk_up(E, 0, N - 1, D, true, F, Acc);
sparse_foldl(_, _, _) -> erlang:error(badarg).

foldr(F, Acc, #array{size = N, elements = E, default = D}) when is_function(F, 3) ->
    walk_down(E, 0, N - 1, D, false, F, Acc);
foldr(_, _, _) -> erlang:error(badarg).

sparse_foldr(F, Acc, #array{size = N, elements = E, default = D}) when is_function(F, 3) ->
    walk_down(E, 0, N - 1, D, true, F, Acc);
sparse_foldr(_, _, _) -> erlang:error(badarg).

%% Visits the indices Base..Last held by subtree E, in ascending order; a
%% sparse walk skips the slots holding the default.
walk_up(_, Base, Last, _, _, _, Acc) when Last < Base -> Acc;
walk_up(E, Base, Last, D, Sparse, F, Acc) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    walk_up_children(E, 1, Base, Span, Last, D, Sparse, F, Acc);
walk_up(E, Base, Last, D, false, F, Acc) when is_integer(E) ->
    default_up(Base, erlang:min(Last, Base + E - 1), D, F, Acc);
walk_up(E, _, _, _, true, _, Acc) when is_integer(E) -> Acc;
walk_up(E, Base, Last, D, Sparse, F, Acc) ->
    leaf_up(E, 1, Base, erlang:min(Last, Base + ?LEAF - 1), D, Sparse, F, Acc).

walk_up_children(E, K, Base, Span, Last, D, Sparse, F, Acc) when K =< ?BRANCH, Base =< Last ->
    Acc1 = walk_up(element(K, E), Base, Last, D, Sparse, F, Acc),
    walk_up_children(E, K + 1, Base + Span, Span, Last, D, Sparse, F, Acc1);
walk_up_children(_, _, _, _, _, _, _, _, Acc) -> Acc.

default_up(I, Last, D, F, Acc) when I =< Last -> default_up(I + 1, Last, D, F, F(I, D, Acc));
default_up(_, _, _, _, Acc) -> Acc.

leaf_up(E, K, I, Last, D, Sparse, F, Acc) when I =< Last ->
    case element(K, E) of
        D when Sparse -> leaf_up(E, K + 1, I + 1, Last, D, Sparse, F, Acc);
        V -> leaf_up(E, K + 1, I + 1, Last, D, Sparse, F, F(I, V, Acc))
    end;
leaf_up(_, _, _, _, _, _, _, Acc) -> Acc.

%% The same in descending order.
walk_down(_, Base, Last, _, _, _, Acc) when Last < Base -> Acc;
walk_down(E, Base, Last, D, Sparse, F, Acc) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    K = erlang:min((Last - Base) div Span + 1, ?BRANCH),
    walk_down_children(E, K, Base, Span, Last, D, Sparse, F, Acc);
walk_down(E, Base, Last, D, false, F, Acc) when is_integer(E) ->
    default_down(erlang:min(Last, Base + E - 1), Base, D, F, Acc);
walk_down(E, _, _, _, true, _, Acc) when is_integer(E) -> Acc;
walk_down(E, Base, Last, D, Sparse, F, Acc) ->
    Top = erlang:min(Last, Base + ?LEAF - 1),
    leaf_down(E, Top - Base + 1, Top, Base, D, Sparse, F, Acc).

walk_down_children(E, K, Base, Span, Last, D, Sparse, F, Acc) when K >= 1 ->
    Acc1 = walk_down(element(K, E), Base + (K - 1) * Span, Last, D, Sparse, F, Acc),
    walk_down_children(E, K - 1, Base, Span, Last, D, Sparse, F, Acc1);
walk_down_children(_, _, _, _, _, _, _, _, Acc) -> Acc.

default_down(I, First, D, F, Acc) when I >= First -> default_down(I - 1, First, D, F, F(I, D, Acc));
default_down(_, _, _, _, Acc) -> Acc.

leaf_down(E, K, I, First, D, Sparse, F, Acc) when I >= First ->
    case element(K, E) of
        D when Sparse -> leaf_down(E, K - 1, I - 1, First, D, Sparse, F, Acc);
        V -> leaf_down(E, K - 1, I - 1, First, D, Sparse, F, F(I, V, Acc))
    end;
leaf_down(_, _, _, _, _, _, _, Acc) -> Acc.

to_list(#array{} = A) -> foldr(fun(_, V, L) -> [V | L] end, [], A);
to_list(_) -> erlang:error(badarg).

sparse_to_list(#array{} = A) -> sparse_foldr(fun(_, V, L) -> [V | L] end, [], A);
sparse_to_list(_) -> erlang:error(badarg).

to_orddict(#array{} = A) -> foldr(fun(I, V, L) -> [{I, V} | L] end, [], A);
to_orddict(_) -> erlang:error(badarg).

sparse_to_orddict(#array{} = A) -> sparse_foldr(fun(I, V, L) -> [{I, V} | L] end, [], A);
sparse_to_orddict(_) -> erlang:error(badarg).

%% One past the highest index that does not hold the default.
sparse_size(A) ->
    try sparse_foldr(fun(I, _, _) -> throw({last_index, I}) end, [], A) of
        [] -> 0
    catch
        throw:{last_index, I} -> I + 1
    end.

%% ---------------------------------------------------------------------
%% Maps. map/2 writes every slot below the size (unwritten subtrees get
%% built, slots of the last leaf past the size get the default); sparse_map
%% only touches the leaves that exist, slots holding the default excepted.

map(F, #array{size = N, elements = E, default = D} = A) when is_function(F, 2) ->
    if
        N > 0 -> A#array{elements = map_tree(N - 1, E, 0, F, D)};
        true -> A
    end;
map(_, _) -> erlang:error(badarg).

%% Last is the highest index to map, relative to this subtree.
map_tree(Last, E, Base, F, D) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    list_to_tuple(map_children(E, 1, Last div Span + 1, Last rem Span, Base, Span, F, D));
map_tree(Last, E, Base, F, D) when is_integer(E) -> map_tree(Last, unwritten(E, D), Base, F, D);
map_tree(Last, E, Base, F, D) -> list_to_tuple(map_leaf(E, 1, Last + 1, Base, F, D)).

map_children(E, K, LastK, LastRem, Base, Span, F, D) when K < LastK ->
    Sub = map_tree(Span - 1, element(K, E), Base, F, D),
    [Sub | map_children(E, K + 1, LastK, LastRem, Base + Span, Span, F, D)];
map_children(E, K, K, LastRem, Base, _, F, D) ->
    Sub = map_tree(LastRem, element(K, E), Base, F, D),
    [Sub | rest_of(E, K + 1)].

rest_of(E, K) when K =< ?BRANCH + 1 -> [element(K, E) | rest_of(E, K + 1)];
rest_of(_, _) -> [].

map_leaf(E, K, Count, I, F, D) when K =< Count ->
    V = F(I, element(K, E)),
    [V | map_leaf(E, K + 1, Count, I + 1, F, D)];
map_leaf(_, K, _, _, _, D) -> lists:duplicate(?LEAF - K + 1, D).

unwritten(Slots, _) when Slots > ?LEAF -> erlang:make_tuple(?BRANCH + 1, Slots div ?BRANCH);
unwritten(_, D) -> erlang:make_tuple(?LEAF, D).

sparse_map(F, #array{size = N, elements = E, default = D} = A) when is_function(F, 2) ->
    if
        N > 0 -> A#array{elements = sparse_map_tree(N - 1, E, 0, F, D)};
        true -> A
    end;
sparse_map(_, _) -> erlang:error(badarg).

sparse_map_tree(Last, E, Base, F, D) when ?IS_NODE(E) ->
    Span = element(?BRANCH + 1, E),
    list_to_tuple(sparse_map_children(E, 1, Last div Span + 1, Last rem Span, Base, Span, F, D));
sparse_map_tree(_, E, _, _, _) when is_integer(E) -> E;
sparse_map_tree(_, E, Base, F, D) -> list_to_tuple(sparse_map_leaf(E, 1, Base, F, D)).

sparse_map_children(E, K, LastK, LastRem, Base, Span, F, D) when K < LastK ->
    Sub = sparse_map_tree(Span - 1, element(K, E), Base, F, D),
    [Sub | sparse_map_children(E, K + 1, LastK, LastRem, Base + Span, Span, F, D)];
sparse_map_children(E, K, K, LastRem, Base, _, F, D) ->
    Sub = sparse_map_tree(LastRem, element(K, E), Base, F, D),
    [Sub | rest_of(E, K + 1)].

sparse_map_leaf(E, K, I, F, D) when K =< ?LEAF ->
    case element(K, E) of
        D -> [D | sparse_map_leaf(E, K + 1, I + 1, F, D)];
        V ->
            V1 = F(I, V),
            [V1 | sparse_map_leaf(E, K + 1, I + 1, F, D)]
    end;
sparse_map_leaf(_, _, _, _, _) -> [].

%% ---------------------------------------------------------------------
%% Building from lists.

from_list(L) -> from_list(L, undefined).

from_list([], D) -> new({default, D});
from_list(L, D) when is_list(L) ->
    {Leaves, N} = leaves(L, D, [], 0),
    case Leaves of
        [Leaf] -> #array{size = N, max = ?LEAF, default = D, elements = Leaf};
        _ ->
            {E, M} = levels(N, Leaves, ?LEAF),
            #array{size = N, max = M, default = D, elements = E}
    end;
from_list(_, _) -> erlang:error(badarg).

%% Cuts L into leaves (the last one padded with the default); returns them
%% last first, and the number of elements.
leaves(L, D, Acc, N) ->
    {Leaf, Rest, Count} = take_leaf(?LEAF, L, D, [], 0),
    case Rest of
        [] -> {[Leaf | Acc], N + Count};
        [_ | _] -> leaves(Rest, D, [Leaf | Acc], N + Count);
        _ -> erlang:error(badarg)
    end.

take_leaf(0, L, _, Acc, Count) -> {list_to_tuple(lists:reverse(Acc)), L, Count};
take_leaf(K, [X | Xs], D, Acc, Count) -> take_leaf(K - 1, Xs, D, [X | Acc], Count + 1);
take_leaf(K, L, D, Acc, Count) -> take_leaf(K - 1, L, D, [D | Acc], Count).

%% Groups subtrees (given last first, each covering Span slots) into nodes
%% until one is left: {Tree, Max}. The last node is padded with unwritten
%% subtrees.
levels(N, Subs, Span) ->
    Used = (N - 1) div Span + 1,
    Pad = (?BRANCH - Used rem ?BRANCH) rem ?BRANCH,
    Padded = prepend(Pad, Span, Subs),
    case group(Padded, Span, []) of
        [Node] -> {Node, Span * ?BRANCH};
        Nodes -> levels(N, lists:reverse(Nodes), Span * ?BRANCH)
    end.

prepend(0, _, L) -> L;
prepend(K, X, L) -> prepend(K - 1, X, [X | L]).

%% Subs come last first; the nodes are returned first first.
group([], _, Acc) -> Acc;
group(Subs, Span, Acc) ->
    {Node, Rest} = take_node(?BRANCH, Subs, [Span]),
    group(Rest, Span, [Node | Acc]).

take_node(0, Rest, Acc) -> {list_to_tuple(Acc), Rest};
take_node(K, [S | Subs], Acc) -> take_node(K - 1, Subs, [S | Acc]).

from_orddict(L) -> from_orddict(L, undefined).

from_orddict([], D) -> new({default, D});
from_orddict(L, D) when is_list(L) ->
    {Items, N} = od_leaves(L, 0, D, []),
    case Items of
        [Leaf] -> #array{size = N, max = ?LEAF, default = D, elements = Leaf};
        _ ->
            {E, M} = od_levels(N, Items, ?LEAF),
            #array{size = N, max = M, default = D, elements = E}
    end;
from_orddict(_, _) -> erlang:error(badarg).

%% Cuts the pairs into leaves starting at index Start; a gap of at least a
%% whole leaf before the next key (strictly beyond this leaf's end) becomes
%% an integer: the number of unwritten slots it skips, in whole leaves.
%% Items come out last first; N is one past the last slot up to the last
%% key.
od_leaves([], Start, _, Items) -> {Items, Start};
od_leaves([{K, _} | _] = L, Start, D, Items) when is_integer(K), K > Start + ?LEAF ->
    Gap = K - Start,
    Skip = Gap - Gap rem ?LEAF,
    od_leaves(L, Start + Skip, D, [Skip | Items]);
od_leaves([{_, _} | _] = L, Start, D, Items) ->
    {Leaf, Rest, N} = od_leaf(Start, Start + ?LEAF, L, Start, D, []),
    case Rest of
        [] -> {[Leaf | Items], N};
        _ -> od_leaves(Rest, N, D, [Leaf | Items])
    end;
od_leaves(L, _, _, _) -> erlang:error({badarg, L}).

od_leaf(End, End, L, N, _, Acc) -> {list_to_tuple(lists:reverse(Acc)), L, N};
od_leaf(I, End, L, N, D, Acc) ->
    case L of
        [{I, V} | Rest] -> od_leaf(I + 1, End, Rest, I + 1, D, [V | Acc]);
        [{K, _} | _] when is_integer(K), K > I -> od_leaf(I + 1, End, L, I + 1, D, [D | Acc]);
        [_ | _] -> erlang:error({badarg, L});
        _ -> od_leaf(I + 1, End, L, N, D, [D | Acc])
    end.

%% Like levels/3, but items may also be integer gaps (in slots), which
%% become unwritten subtrees or, when they cover whole nodes, gaps of the
%% next level.
od_levels(N, Items, Span) ->
    Used = (N - 1) div Span + 1,
    Pad = ((?BRANCH - Used rem ?BRANCH) rem ?BRANCH) * Span,
    Padded = case Pad of
                 0 -> Items;
                 _ -> [Pad | Items]
             end,
    od_group(?BRANCH, Padded, Span, N, [Span], []).

%% Free is the number of subtree positions still open in the node being
%% filled (filled from its end); Done holds the finished items of the next
%% level, first first.
od_group(0, Items, Span, N, Acc, Done) ->
    Node = list_to_tuple(Acc),
    case Items of
        [] ->
            case Done of
                [] -> {Node, Span * ?BRANCH};
                _ -> od_levels(N, lists:reverse([Node | Done]), Span * ?BRANCH)
            end;
        _ -> od_group(?BRANCH, Items, Span, N, [Span], [Node | Done])
    end;
od_group(Free, [Gap | Items], Span, N, Acc, Done) when is_integer(Gap) ->
    Subs = Gap div Span,
    if
        Subs < Free -> od_group(Free - Subs, Items, Span, N, prepend(Subs, Span, Acc), Done);
        Free =:= ?BRANCH ->
            Here = Subs rem ?BRANCH,
            od_group(Free - Here, Items, Span, N, prepend(Here, Span, Acc), [Gap | Done]);
        Free =:= Subs -> od_group(0, Items, Span, N, prepend(Free, Span, Acc), Done);
        true ->
            Left = Subs - Free,
            od_group(0, [Left * Span | Items], Span, N, prepend(Free, Span, Acc), Done)
    end;
od_group(Free, [Sub | Items], Span, N, Acc, Done) ->
    od_group(Free - 1, Items, Span, N, [Sub | Acc], Done);
od_group(?BRANCH, [], Span, N, [_], Done) ->
    od_levels(N, lists:reverse(Done), Span * ?BRANCH).
