% kiln conformance: timers to registered names
-module(proc_timer_names).
-export([main/1]).
-mode(compile).

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

kind({ok, {Kind, Ref}}) when is_reference(Ref) -> Kind;
kind(Other) -> Other.

main(_) ->
    Self = self(),
    true = register(timer_main, Self),
    % A name is looked up when the timer fires.
    R = erlang:send_after(10, timer_main, by_name),
    io:format("reference ~p~n", [is_reference(R)]),
    io:format("got ~p~n", [receive by_name -> by_name after 1000 -> none end]),
    T = erlang:start_timer(10, timer_main, named),
    io:format("start_timer ~p~n", [receive {timeout, T, named} -> ok after 1000 -> none end]),
    % Nobody has the name: the message is dropped, no error.
    erlang:send_after(5, nobody_has_this_name, lost),
    % The name moves before the timer fires: the new owner gets it.
    erlang:send_after(30, moving_name, moved),
    Other = spawn(fun() -> receive M -> Self ! {other_got, M} end end),
    true = register(moving_name, Other),
    io:format("~p~n", [receive {other_got, M} -> M after 1000 -> none end]),
    % The timer module with names.
    io:format("timer:send_after ~p~n", [kind(timer:send_after(10, timer_main, tm))]),
    io:format("got ~p~n", [receive tm -> tm after 1000 -> none end]),
    io:format("timer:send_after 0 ~p~n", [kind(timer:send_after(0, timer_main, tm0))]),
    io:format("got ~p~n", [receive tm0 -> tm0 after 1000 -> none end]),
    {ok, I} = timer:send_interval(10, timer_main, iv),
    io:format("interval ~p~n", [[receive iv -> iv after 1000 -> none end || _ <- [1, 2]]]),
    io:format("cancel ~p~n", [timer:cancel(I)]),
    receive after 30 -> ok end,
    _ = flush(),
    receive after 30 -> ok end,
    io:format("left ~p~n", [flush()]).
