% kiln conformance: the timer module
-module(proc_timer_module).
-export([main/1, notify/2]).
-mode(compile).

id(X) -> X.

notify(Pid, Msg) -> Pid ! Msg.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

kind({ok, {Kind, Ref}}) when is_reference(Ref) -> Kind;
kind(Other) -> Other.

main(_) ->
    Self = self(),
    % Result shapes.
    io:format("send_after 0: ~p~n", [kind(timer:send_after(0, now))]),
    io:format("got ~p~n", [receive now -> now after 100 -> none end]),
    {ok, T1} = timer:send_after(10, later),
    io:format("send_after/2: ~p~n", [kind({ok, T1})]),
    io:format("got ~p~n", [receive later -> later after 1000 -> none end]),
    io:format("send_after/3: ~p~n", [kind(timer:send_after(5, Self, three))]),
    io:format("got ~p~n", [receive three -> three after 1000 -> none end]),
    io:format("bad: ~p ~p ~p~n", [timer:send_after(id(-1), x), timer:send_after(1, id("pid"), x),
                                   timer:apply_after(id(a), m, f, [])]),
    % Cancelling.
    {ok, T2} = timer:send_after(50, cancelled),
    io:format("cancel ~p~n", [timer:cancel(T2)]),
    io:format("cancel again ~p~n", [timer:cancel(T2)]),
    io:format("cancel fired ~p~n", [timer:cancel(T1)]),
    io:format("cancel bad ~p ~p~n", [timer:cancel(id(foo)), timer:cancel(id({once, 1}))]),
    receive after 80 -> ok end,
    io:format("nothing ~p~n", [flush()]),
    % apply_after spawns the call.
    io:format("apply_after: ~p~n", [kind(timer:apply_after(10, ?MODULE, notify, [Self, applied]))]),
    io:format("got ~p~n", [receive applied -> applied after 1000 -> none end]),
    io:format("apply_after 0: ~p~n", [kind(timer:apply_after(0, ?MODULE, notify, [Self, at_once]))]),
    io:format("got ~p~n", [receive at_once -> at_once after 1000 -> none end]),
    {ok, T3} = timer:apply_after(30, ?MODULE, notify, [Self, never]),
    io:format("cancel apply ~p~n", [timer:cancel(T3)]),
    % Intervals.
    {ok, I1} = timer:send_interval(10, tick),
    io:format("send_interval: ~p~n", [kind({ok, I1})]),
    Ticks = [receive tick -> tick after 1000 -> none end || _ <- [1, 2, 3]],
    io:format("ticks ~p~n", [Ticks]),
    io:format("cancel interval ~p~n", [timer:cancel(I1)]),
    receive after 30 -> ok end,
    _ = flush(),
    receive after 40 -> ok end,
    io:format("stopped ~p~n", [flush()]),
    {ok, I2} = timer:apply_interval(10, ?MODULE, notify, [Self, beat]),
    Beats = [receive beat -> beat after 1000 -> none end || _ <- [1, 2]],
    io:format("beats ~p cancel ~p~n", [Beats, timer:cancel(I2)]),
    receive after 30 -> ok end,
    _ = flush(),
    % An apply_interval stops when the process that made it ends.
    Owner = spawn(fun() ->
                          {ok, _} = timer:apply_interval(10, ?MODULE, notify, [Self, owned]),
                          receive stop -> ok end
                  end),
    Owned = [receive owned -> owned after 1000 -> none end || _ <- [1, 2]],
    Owner ! stop,
    receive after 40 -> ok end,
    _ = flush(),
    receive after 50 -> ok end,
    io:format("owned ~p, after owner ended ~p~n", [Owned, flush()]),
    % A send_interval stops when its destination ends.
    Dest = spawn(fun() -> receive tock -> receive tock -> Self ! two_tocks end end end),
    {ok, _} = timer:send_interval(10, Dest, tock),
    io:format("~p~n", [receive two_tocks -> two_tocks after 1000 -> none end]),
    % kill_after / exit_after (exit_after can be cancelled).
    Victim = spawn(fun() -> receive _ -> ok end end),
    io:format("kill_after ~p~n", [kind(timer:kill_after(10, Victim))]),
    receive after 50 -> ok end,
    io:format("killed ~p~n", [not is_process_alive(Victim)]),
    Spared = spawn(fun() -> receive _ -> ok end end),
    {ok, E} = timer:exit_after(10, Spared, bye),
    io:format("cancel exit_after ~p~n", [timer:cancel(E)]),
    receive after 30 -> ok end,
    io:format("spared ~p~n", [is_process_alive(Spared)]),
    Spared ! done,
    % Sleeping and measuring.
    ok = timer:sleep(20),
    {Us, V} = timer:tc(fun() -> timer:sleep(20), done end),
    io:format("tc/1 ~p ~p~n", [V, Us >= 20000]),
    {Us2, V2} = timer:tc(lists, reverse, [[1, 2, 3]]),
    io:format("tc/3 ~p ~p~n", [V2, is_integer(Us2) andalso Us2 >= 0]),
    {_, V3} = timer:tc(fun lists:append/2, [[1], [2]]),
    io:format("tc/2 ~p~n", [V3]),
    % Conversions.
    io:format("~p ~p ~p ~p~n", [timer:seconds(2), timer:minutes(3), timer:hours(1), timer:hms(1, 2, 3)]),
    io:format("now_diff ~p ~p~n", [timer:now_diff({1, 2, 3}, {1, 1, 0}), timer:now_diff({0, 0, 0}, {0, 0, 5})]),
    Ts1 = os:timestamp(),
    timer:sleep(5),
    Ts2 = erlang:timestamp(),
    io:format("now_diff positive ~p~n", [timer:now_diff(Ts2, Ts1) > 0]),
    io:format("left ~p~n", [flush()]).
