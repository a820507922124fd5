% kiln conformance: queued messages survive the receiver's garbage collections while it allocates and receives selectively
-module(proc_msg_gc).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    R = spawn(fun() -> receiver(Self) end),
    %% 2000 messages the receiver does not want yet, each with a heap-allocated payload
    _ = [R ! {later, I, lists:seq(1, I rem 50), integer_to_binary(I)} || I <- lists:seq(1, 2000)],
    %% then 200 it wants now, each making it allocate a lot
    _ = [R ! {now, I} || I <- lists:seq(1, 200)],
    R ! report_now,
    receive {now_done, S} -> io:format("now sum ~p~n", [S]) end,
    R ! report_later,
    receive {later_done, Count, Sum, Ok} -> io:format("later ~p sum ~p payloads intact ~p~n", [Count, Sum, Ok]) end.

receiver(Parent) ->
    NowSum = now_loop(0),
    Parent ! {now_done, NowSum},
    receive report_later -> ok end,
    {C, S, Ok} = later_loop(0, 0, true),
    Parent ! {later_done, C, S, Ok}.

now_loop(Acc) ->
    receive
        {now, I} ->
            Garbage = [{I, X, [X, X]} || X <- lists:seq(1, 2000)],
            now_loop(Acc + I + length(Garbage) - 2000);
        report_now -> Acc
    end.

later_loop(C, S, Ok) ->
    receive
        {later, I, L, B} ->
            Good = L =:= lists:seq(1, I rem 50) andalso B =:= integer_to_binary(I),
            later_loop(C + 1, S + I, Ok andalso Good)
    after 0 -> {C, S, Ok}
    end.
