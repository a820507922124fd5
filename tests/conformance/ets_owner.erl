% ETS ownership: protection checked per process, give_away, heir, tables dying with their owner.
-module(ets_owner).
-export([main/1]).
-mode(compile).

id(X) -> X.

e(F) -> try F() catch C:R -> {C, R} end.

p(Label, X) -> io:format("~s: ~p~n", [Label, X]).

in_other(F) ->
    Me = self(),
    P = spawn(fun() -> Me ! {self(), e(F)} end),
    receive {P, R} -> R end.

wait_down(Pid) ->
    R = monitor(process, Pid),
    receive {'DOWN', R, process, Pid, _} -> ok end.

main(_) ->
    protection(),
    give_away(),
    heir(),
    death(),
    setopts(),
    ok.

protection() ->
    io:format("== protection~n"),
    Tabs = [ets:new(T, [T]) || T <- [public, protected, private]],
    [ets:insert(T, {a, 1}) || T <- Tabs],
    Ops = [{lookup, fun(T) -> ets:lookup(T, a) end},
           {insert, fun(T) -> ets:insert(T, {b, 2}) end},
           {info, fun(T) -> ets:info(T, size) end},
           {select, fun(T) -> length(ets:select(T, [{'_', [], ['$_']}])) end},
           {first, fun(T) -> ets:first(T) end},
           {member, fun(T) -> ets:member(T, a) end},
           {update_counter, fun(T) -> ets:update_counter(T, a, 1) end},
           {delete_key, fun(T) -> ets:delete(T, zz) end},
           {safe_fixtable, fun(T) -> ets:safe_fixtable(T, true) end},
           {setopts, fun(T) -> ets:setopts(T, {heir, none}) end},
           {give_away, fun(T) -> ets:give_away(T, self(), x) end},
           {rename, fun(T) -> is_reference(ets:rename(T, renamed)) end}],
    [p(atom_to_list(Name), [in_other(fun() -> F(T) end) || T <- Tabs]) || {Name, F} <- Ops],
    p("delete", [in_other(fun() -> ets:delete(T) end) || T <- Tabs]),
    p("after", [ets:info(T, size) || T <- Tabs]).

give_away() ->
    io:format("== give_away~n"),
    Me = self(),
    T = ets:new(g, [named_table, protected]),
    ets:insert(T, {k, v}),
    Child = spawn(fun() ->
                          receive {'ETS-TRANSFER', Tab, From, Gift} ->
                                  Me ! {got, Tab, From =:= Me, Gift, ets:info(Tab, owner) =:= self(),
                                        ets:insert(Tab, {k2, v2})}
                          end,
                          receive {give_back, To} -> Me ! {gave, ets:give_away(Tab, To, back)} end,
                          receive stop -> ok end
                  end),
    p("to self", e(fun() -> ets:give_away(T, self(), x) end)),
    p("to non-pid", e(fun() -> ets:give_away(T, id(foo), x) end)),
    Dead = spawn(fun() -> ok end),
    wait_down(Dead),
    p("to dead", e(fun() -> ets:give_away(T, Dead, x) end)),
    p("give", ets:give_away(T, Child, gift)),
    receive {got, Tab, FromMe, Gift, IsOwner, Ins} -> p("child got", {Tab, FromMe, Gift, IsOwner, Ins}) end,
    p("owner now", ets:info(T, owner) =:= Child),
    p("old owner writes", e(fun() -> ets:insert(T, {x, 1}) end)),
    p("old owner gives", e(fun() -> ets:give_away(T, Child, x) end)),
    Child ! {give_back, Me},
    receive {gave, G} -> p("given back", G) end,
    receive {'ETS-TRANSFER', T2, From2, Data2} -> p("got back", {T2, From2 =:= Child, Data2}) end,
    p("owner again", ets:info(T, owner) =:= Me),
    Child ! stop,
    wait_down(Child),
    p("table kept", ets:lookup(T, k2)),
    ets:delete(T).

heir() ->
    io:format("== heir~n"),
    Me = self(),
    Heir = spawn(fun() ->
                         receive {'ETS-TRANSFER', Tab, _From, Data} ->
                                 Me ! {heir_got, Tab, Data, ets:lookup(Tab, k)}
                         end,
                         receive stop -> ok end
                 end),
    Owner = spawn(fun() ->
                          T = ets:new(h, [named_table, {heir, Heir, heir_data}]),
                          ets:insert(T, {k, v}),
                          Me ! made,
                          receive stop -> ok end
                  end),
    receive made -> ok end,
    p("heir set", ets:info(h, heir) =:= Heir),
    Owner ! stop,
    wait_down(Owner),
    receive {heir_got, Tab, Data, Objs} -> p("heir got", {Tab, Data, Objs}) end,
    p("owner is heir", ets:info(h, owner) =:= Heir),
    p("heir still heir", ets:info(h, heir) =:= Heir),
    Heir ! stop,
    wait_down(Heir),
    p("gone with heir", ets:info(h)),
    %% A dead heir: the table dies with its owner.
    DeadHeir = spawn(fun() -> ok end),
    wait_down(DeadHeir),
    O2 = spawn(fun() ->
                       ets:new(h2, [named_table, {heir, DeadHeir, x}]),
                       Me ! made,
                       receive stop -> ok end
               end),
    receive made -> ok end,
    O2 ! stop,
    wait_down(O2),
    p("dead heir", ets:info(h2)),
    %% {heir, none}
    O3 = spawn(fun() ->
                       ets:new(h3, [named_table, {heir, Me, x}, {heir, none}]),
                       Me ! made,
                       receive stop -> ok end
               end),
    receive made -> ok end,
    p("heir none", ets:info(h3, heir)),
    O3 ! stop,
    wait_down(O3),
    p("no heir", ets:info(h3)),
    receive Msg -> p("unexpected", Msg) after 10 -> p("no message", ok) end.

death() ->
    io:format("== death~n"),
    Me = self(),
    O = spawn(fun() ->
                      T = ets:new(d, [public]),
                      N = ets:new(dn, [named_table, public]),
                      ets:insert(T, {big, list_to_binary(lists:duplicate(200, $x))}),
                      Me ! {tabs, T, N},
                      receive stop -> exit(crash) end
              end),
    receive {tabs, T, N} -> ok end,
    [{big, Bin}] = ets:lookup(T, big),
    p("alive", {ets:info(T, size), ets:info(N, size)}),
    p("fix by other", ets:safe_fixtable(T, true)),
    O ! stop,
    wait_down(O),
    p("after owner died", {ets:info(T), ets:info(N), e(fun() -> ets:lookup(T, big) end)}),
    p("binary still readable", byte_size(Bin)),
    p("name free", ets:new(dn, [named_table]) =:= dn),
    %% A fixer that dies releases its fixation.
    F = ets:new(fx, [public]),
    Fixer = spawn(fun() -> ets:safe_fixtable(F, true), Me ! fixed, receive stop -> ok end end),
    receive fixed -> ok end,
    p("fixed by other", ets:info(F, fixed)),
    Fixer ! stop,
    wait_down(Fixer),
    p("released", ets:info(F, fixed)).

setopts() ->
    io:format("== setopts~n"),
    T = ets:new(s, []),
    Other = spawn(fun() -> receive stop -> ok end end),
    p("heir", ets:setopts(T, {heir, Other, data})),
    p("heir set", ets:info(T, heir) =:= Other),
    p("heir none", ets:setopts(T, [{heir, none}])),
    p("heir", ets:info(T, heir)),
    p("protection", ets:setopts(T, [{protection, public}])),
    p("protection now", ets:info(T, protection)),
    p("empty", ets:setopts(T, [])),
    p("bad", e(fun() -> ets:setopts(T, id(x)) end)),
    p("bad option", e(fun() -> ets:setopts(T, [{id(foo), 1}]) end)),
    p("bad heir", e(fun() -> ets:setopts(T, [{heir, id(x), 1}]) end)),
    p("bad protection", e(fun() -> ets:setopts(T, [{protection, id(x)}]) end)),
    Other ! stop.
