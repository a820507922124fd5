%% The timer module (OTP 25's API and results), over the runtime's timer
%% service (runtime/src/timer.rs) instead of a timer server process.
%%
%% Timer references are {Kind, Ref}: `instant` for a zero delay (already
%% done), `send_local` for a message to a pid (an erlang:send_after/3
%% timer), `once` for apply_after and messages to names, `interval` for
%% the repeating ones. An interval stops when the process it watches ends:
%% the destination of send_interval, the caller of apply_interval.
%% apply_after/apply_interval spawn apply(M, F, A) each time, and
%% exit_after spawns erlang:exit(Target, Reason).
-module(timer).

-export([sleep/1, tc/1, tc/2, tc/3,
         send_after/2, send_after/3, send_interval/2, send_interval/3,
         apply_after/4, apply_interval/4,
         exit_after/2, exit_after/3, kill_after/1, kill_after/2,
         cancel/1,
         seconds/1, minutes/1, hours/1, hms/3, now_diff/2]).

%% Waiting.

sleep(Time) ->
    receive
    after Time -> ok
    end.

%% Measuring (microseconds).

tc(Fun) ->
    Start = erlang:monotonic_time(),
    Value = Fun(),
    {elapsed_us(Start), Value}.

tc(Fun, Args) ->
    Start = erlang:monotonic_time(),
    Value = apply(Fun, Args),
    {elapsed_us(Start), Value}.

tc(Module, Function, Args) ->
    Start = erlang:monotonic_time(),
    Value = apply(Module, Function, Args),
    {elapsed_us(Start), Value}.

elapsed_us(Start) ->
    erlang:convert_time_unit(erlang:monotonic_time() - Start, native, microsecond).

%% Messages.

send_after(Time, Message) ->
    send_after(Time, self(), Message).

send_after(0, Dest, Message) when is_pid(Dest); is_atom(Dest) ->
    Dest ! Message,
    {ok, {instant, make_ref()}};
send_after(Time, Dest, Message) when is_integer(Time), Time >= 0, is_pid(Dest) ->
    {ok, {send_local, erlang:send_after(Time, Dest, Message)}};
send_after(Time, Dest, Message) when is_integer(Time), Time >= 0, is_atom(Dest) ->
    {ok, {once, erlang:'$timer_start'(send_once, Time, Dest, Message)}};
send_after(_Time, _Dest, _Message) ->
    {error, badarg}.

send_interval(Time, Message) ->
    send_interval(Time, self(), Message).

send_interval(Time, Dest, Message)
  when is_integer(Time), Time >= 0, is_pid(Dest) orelse is_atom(Dest) ->
    {ok, {interval, erlang:'$timer_start'(send_interval, Time, Dest, Message)}};
send_interval(_Time, _Dest, _Message) ->
    {error, badarg}.

%% Applying.

apply_after(0, M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    _ = (catch spawn(M, F, A)),
    {ok, {instant, make_ref()}};
apply_after(Time, M, F, A) when is_integer(Time), Time >= 0, is_atom(M), is_atom(F), is_list(A) ->
    {ok, {once, erlang:'$timer_start'(apply_once, Time, self(), {M, F, A})}};
apply_after(_Time, _M, _F, _A) ->
    {error, badarg}.

apply_interval(Time, M, F, A) when is_integer(Time), Time >= 0, is_atom(M), is_atom(F), is_list(A) ->
    {ok, {interval, erlang:'$timer_start'(apply_interval, Time, self(), {M, F, A})}};
apply_interval(_Time, _M, _F, _A) ->
    {error, badarg}.

exit_after(Time, Reason) ->
    exit_after(Time, self(), Reason).

exit_after(Time, Target, Reason) ->
    apply_after(Time, erlang, exit, [Target, Reason]).

kill_after(Time) ->
    exit_after(Time, self(), kill).

kill_after(Time, Target) ->
    exit_after(Time, Target, kill).

%% Cancelling: {ok, cancel} for every well-formed reference, fired or not.

cancel({instant, Ref}) when is_reference(Ref) ->
    {ok, cancel};
cancel({Kind, Ref}) when is_reference(Ref), Kind =:= send_local orelse Kind =:= once orelse Kind =:= interval ->
    _ = erlang:cancel_timer(Ref),
    {ok, cancel};
cancel(_) ->
    {error, badarg}.

%% Conversions to milliseconds.

seconds(S) -> S * 1000.

minutes(M) -> M * 60000.

hours(H) -> H * 3600000.

hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

%% The difference of two erlang:timestamp() values in microseconds.
now_diff({MegaA, SecA, MicroA}, {MegaB, SecB, MicroB}) ->
    ((MegaA - MegaB) * 1000000 + (SecA - SecB)) * 1000000 + (MicroA - MicroB).
