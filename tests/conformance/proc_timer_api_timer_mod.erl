% kiln conformance: timer:send_after/2,3, send_interval/2,3, apply_after/4, cancel/1
-module(proc_timer_api_timer_mod).
-export([main/1, note/2]).
-mode(compile).

main(_) ->
    Self = self(),
    {ok, _} = timer:send_after(5, Self, after3),
    receive after3 -> io:format("send_after/3 delivered~n") end,
    {ok, _} = timer:send_after(5, after2),
    receive after2 -> io:format("send_after/2 delivered~n") end,
    {ok, TRef} = timer:send_after(60000, Self, never),
    io:format("cancel ~p~n", [timer:cancel(TRef)]),
    {ok, IRef} = timer:send_interval(5, Self, tick),
    Ticks = [receive tick -> tick end || _ <- [1, 2, 3]],
    io:format("three ticks ~p~n", [Ticks]),
    io:format("cancel interval ~p~n", [timer:cancel(IRef)]),
    timer:sleep(20),
    _ = flush(tick),
    timer:sleep(30),
    io:format("ticks after cancel ~p~n", [flush(tick)]),
    {ok, IRef2} = timer:send_interval(5, tock),
    receive tock -> ok end,
    receive tock -> io:format("send_interval/2 ticks~n") end,
    timer:cancel(IRef2),
    {ok, _} = timer:apply_after(5, ?MODULE, note, [Self, applied]),
    receive {note, applied} -> io:format("apply_after ran~n") end,
    {ok, ARef} = timer:apply_after(60000, ?MODULE, note, [Self, never]),
    io:format("cancel apply_after ~p~n", [timer:cancel(ARef)]),
    io:format("cancel a bad reference ~p~n", [timer:cancel(id(not_a_tref))]),
    timer:sleep(20),
    _ = flush(tock),
    receive Other -> io:format("unexpected ~p~n", [Other]) after 0 -> io:format("mailbox empty~n") end.

note(To, What) -> To ! {note, What}.

flush(M) ->
    receive M -> 1 + flush(M) after 0 -> 0 end.

id(X) -> X.
