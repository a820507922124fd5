% kiln conformance: OTP's gen_statem: state_functions and handle_event_function, state_enter, timeouts, postpone, replies
-module(otp_gen_statem).
-behaviour(gen_statem).
-export([main/1, callback_mode/0, init/1, locked/3, open/3, terminate/3]).
-export([counting/3]).
-mode(compile).

main(_) ->
    {ok, P} = gen_statem:start_link(?MODULE, [1, 2, 3], []),
    io:format("state: ~p~n", [gen_statem:call(P, get_state)]),
    io:format("wrong: ~p~n", [gen_statem:call(P, {button, 9})]),
    [gen_statem:cast(P, {button, D}) || D <- [1, 2, 3]],
    io:format("state: ~p~n", [gen_statem:call(P, get_state)]),
    receive after 150 -> ok end,
    io:format("after state timeout: ~p~n", [gen_statem:call(P, get_state)]),
    io:format("log: ~p~n", [gen_statem:call(P, log)]),
    %% postpone: a message postponed in locked is handled after the unlock
    gen_statem:cast(P, {postponed, hello}),
    [gen_statem:cast(P, {button, D}) || D <- [1, 2, 3]],
    receive after 20 -> ok end,
    io:format("log: ~p~n", [gen_statem:call(P, log)]),
    io:format("stop: ~p~n", [gen_statem:stop(P)]),
    {ok, Q} = gen_statem:start({local, ev}, ?MODULE, {ev, 0}, []),
    ok = gen_statem:cast(ev, inc),
    ok = gen_statem:cast(ev, inc),
    io:format("ev: ~p~n", [gen_statem:call(ev, get)]),
    Q ! {info, 5},
    io:format("ev: ~p~n", [gen_statem:call(ev, get)]),
    io:format("generic timeout: ~p~n", [gen_statem:call(ev, {arm, 10})]),
    receive after 60 -> ok end,
    io:format("ev: ~p~n", [gen_statem:call(ev, get)]),
    io:format("call timeout: ~p~n", [catch gen_statem:call(ev, ignore_me, 30)]),
    io:format("stop: ~p~n", [gen_statem:stop(ev)]),
    io:format("noproc: ~p~n", [catch gen_statem:call(ev, get)]),
    io:format("done~n").

%% A code lock with state functions and state enter calls.
callback_mode() -> [state_functions, state_enter].

init({ev, N}) -> {ok, counting, N};
init(Code) -> {ok, locked, #{code => Code, input => [], log => []}}.

locked(enter, _Old, D) -> {keep_state, log(D, enter_locked)};
locked({call, From}, get_state, _D) -> {keep_state_and_data, [{reply, From, locked}]};
locked({call, From}, {button, _}, D) -> {keep_state, D, [{reply, From, use_cast}]};
locked(cast, {button, Digit}, #{code := Code, input := In} = D) ->
    case In ++ [Digit] of
        Code -> {next_state, open, D#{input := []}};
        New when length(New) < length(Code) -> {keep_state, D#{input := New}};
        _ -> {keep_state, log(D#{input := []}, wrong)}
    end;
locked(cast, {postponed, _}, _D) -> {keep_state_and_data, [postpone]};
locked({call, From}, log, #{log := L}) -> {keep_state_and_data, [{reply, From, lists:reverse(L)}]}.

open(enter, _Old, D) -> {keep_state, log(D, enter_open), [{state_timeout, 50, lock}]};
open(state_timeout, lock, D) -> {next_state, locked, log(D, timed_out)};
open({call, From}, get_state, _D) -> {keep_state_and_data, [{reply, From, open}]};
open(cast, {postponed, X}, D) -> {keep_state, log(D, {got, X})};
open({call, From}, log, #{log := L}) -> {keep_state_and_data, [{reply, From, lists:reverse(L)}]};
open(cast, {button, _}, _D) -> keep_state_and_data.

log(#{log := L} = D, What) -> D#{log := [What | L]}.

terminate(Reason, State, _D) -> io:format("terminate ~p in ~p~n", [Reason, State]).

%% The counter: the same callback mode, its state the function counting/3.
counting(cast, inc, N) -> {keep_state, N + 1};
counting(info, {info, K}, N) -> {keep_state, N + K};
counting({call, From}, get, N) -> {keep_state_and_data, [{reply, From, N}]};
counting({call, From}, {arm, T}, N) -> {keep_state, N, [{reply, From, armed}, {{timeout, tick}, T, fired}]};
counting({timeout, tick}, fired, N) -> {keep_state, N + 1000};
counting({call, _From}, ignore_me, _N) -> keep_state_and_data;
counting(enter, _, _) -> keep_state_and_data.
