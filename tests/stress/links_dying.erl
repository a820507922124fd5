% kiln stress: linked and monitored pairs die at the same moment; every 'EXIT' and 'DOWN' accounted for
-module(links_dying).
-export([main/1]).
-mode(compile).

main(_) ->
    Pairs = 1000,
    Self = self(),
    %% Part 1: pairs linked to each other (not trapping), both told to die at once;
    %% each dies with its own reason or its partner's.
    Ps = [make_pair(I) || I <- lists:seq(1, Pairs)],
    Mons = [{I, monitor(process, A), monitor(process, B)} || {I, A, B} <- Ps],
    _ = [begin A ! go, B ! go end || {_, A, B} <- Ps],
    Valid = [begin
                 RA = receive {'DOWN', MA, process, _, X} -> X end,
                 RB = receive {'DOWN', MB, process, _, Y} -> Y end,
                 valid(I, RA, a) andalso valid(I, RB, b)
             end || {I, MA, MB} <- Mons],
    io:format("part 1: ~b pairs, ~b 'DOWN', reasons valid ~p~n",
              [Pairs, 2 * length(Valid), lists:all(fun(V) -> V end, Valid)]),
    %% Part 2: an observer traps exits, is linked to both members of a pair and
    %% monitors both; one member is killed by the parent while the other exits on
    %% its own. The observer must see exactly two 'EXIT' and two 'DOWN'.
    Obs = [spawn(fun() -> observer(Self, I) end) || I <- lists:seq(1, Pairs)],
    Victims = [receive {observing, O, A, B} -> {O, A, B} end || O <- Obs],
    _ = [begin B ! go, exit(A, kill) end || {_, A, B} <- Victims],
    Reports = [receive {observed, O, R} -> R end || O <- Obs],
    io:format("part 2: ~b observers, all saw 2 'EXIT' and 2 'DOWN' with consistent reasons: ~p~n",
              [length(Reports), lists:all(fun(R) -> R =:= ok end, Reports)]),
    case [R || R <- Reports, R =/= ok] of
        [] -> ok;
        Bad -> io:format("first bad report ~p~n", [hd(Bad)])
    end,
    %% Part 3: trapping processes linked in a ring all die together.
    Ring = ring(200),
    RMons = [monitor(process, P) || P <- Ring],
    _ = [P ! go || P <- Ring],
    RReasons = [receive {'DOWN', M, process, _, R} -> R end || M <- RMons],
    io:format("part 3: ring of ~b, ~b 'DOWN', all {ring_exit, _}: ~p~n",
              [length(Ring), length(RReasons),
               lists:all(fun({ring_exit, _}) -> true; (_) -> false end, RReasons)]).

make_pair(I) ->
    A = spawn(fun() -> receive go -> exit({a, I}) end end),
    B = spawn(fun() -> link(A), receive go -> exit({b, I}) end end),
    %% make sure the link exists before anyone is told to go
    wait_linked(B, A),
    {I, A, B}.

wait_linked(B, A) ->
    case process_info(A, links) of
        {links, [B]} -> ok;
        _ -> erlang:yield(), wait_linked(B, A)
    end.

valid(I, R, a) -> R =:= {a, I} orelse R =:= {b, I};
valid(I, R, b) -> R =:= {b, I} orelse R =:= {a, I}.

observer(Parent, I) ->
    process_flag(trap_exit, true),
    A = spawn_link(fun() -> receive never -> ok end end),
    B = spawn_link(fun() -> receive go -> exit({own, I}) end end),
    MA = monitor(process, A),
    MB = monitor(process, B),
    Parent ! {observing, self(), A, B},
    Got = [receive
               {'EXIT', A, RA} -> {exit_a, RA};
               {'EXIT', B, RB} -> {exit_b, RB};
               {'DOWN', MA, process, A, DA} -> {down_a, DA};
               {'DOWN', MB, process, B, DB} -> {down_b, DB}
           end || _ <- [1, 2, 3, 4]],
    Extra = receive M -> M after 50 -> none end,
    Sorted = lists:sort(Got),
    Report = case {Sorted, Extra} of
                 {[{down_a, killed}, {down_b, {own, I}}, {exit_a, killed}, {exit_b, {own, I}}], none} -> ok;
                 _ -> {I, Sorted, Extra}
             end,
    Parent ! {observed, self(), Report}.

%% 200 processes, each trapping exits and linked to the next; on go each exits
%% with its own reason; the exit signals of the neighbours arrive as messages.
ring(N) ->
    Self = self(),
    Ps = [spawn(fun() -> process_flag(trap_exit, true), Self ! {ready, self()}, ring_member() end)
          || _ <- lists:seq(1, N)],
    _ = [receive {ready, P} -> ok end || P <- Ps],
    Nexts = tl(Ps) ++ [hd(Ps)],
    _ = [P ! {link_to, Nx, Self} || {P, Nx} <- lists:zip(Ps, Nexts)],
    _ = [receive {linked, P} -> ok end || P <- Ps],
    Ps.

ring_member() ->
    receive
        {link_to, Next, Parent} -> link(Next), Parent ! {linked, self()}, ring_member();
        go -> exit({ring_exit, self() =:= self()});
        {'EXIT', _, _} -> ring_member()
    end.
