% kiln conformance (MASKED): OTP's gen_server (compiled from OTP's source): call, cast, info, timeouts, continue, stop, errors
-module(otp_gen_server).
-behaviour(gen_server).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2, terminate/2, code_change/3]).
-mode(compile).

main(_) ->
    {ok, Pid} = gen_server:start_link(?MODULE, 10, []),
    io:format("get: ~p~n", [gen_server:call(Pid, get)]),
    ok = gen_server:cast(Pid, {add, 5}),
    Pid ! {add, 1},
    io:format("after cast+info: ~p~n", [gen_server:call(Pid, get)]),
    io:format("continue: ~p~n", [gen_server:call(Pid, continue_me)]),
    io:format("after continue: ~p~n", [gen_server:call(Pid, get)]),
    io:format("noreply+reply: ~p~n", [gen_server:call(Pid, later)]),
    io:format("timeout: ~p~n", [catch gen_server:call(Pid, sleep, 50)]),
    receive after 150 -> ok end,
    io:format("still alive: ~p~n", [is_process_alive(Pid)]),
    {ok, _} = gen_server:start({local, named_server}, ?MODULE, 1, []),
    io:format("named: ~p~n", [gen_server:call(named_server, get)]),
    io:format("already started: ~p~n",
              [case gen_server:start({local, named_server}, ?MODULE, 1, []) of
                   {error, {already_started, P}} when is_pid(P) -> already_started;
                   Other -> Other
               end]),
    io:format("init stop: ~p~n", [gen_server:start(?MODULE, {stop, bad_init}, [])]),
    %% The crash report of the failed init (printed by the logger).
    receive after 100 -> ok end,
    io:format("init ignore: ~p~n", [gen_server:start(?MODULE, ignore, [])]),
    io:format("server timeout: ~p~n", [gen_server:call(Pid, {set_timeout, 20})]),
    receive after 100 -> ok end,
    io:format("timeouts seen: ~p~n", [gen_server:call(Pid, timeouts)]),
    io:format("multi reply: ~p~n", [gen_server:call(named_server, {reply_twice, 7})]),
    io:format("stop named: ~p~n", [gen_server:stop(named_server)]),
    io:format("noproc: ~p~n", [catch gen_server:call(named_server, get)]),
    io:format("stop in reply: ~p~n", [gen_server:call(Pid, {stop_me, bye})]),
    receive after 50 -> ok end,
    io:format("alive after stop reply: ~p~n", [is_process_alive(Pid)]),
    {ok, P3} = gen_server:start(?MODULE, 3, []),
    io:format("send_request: ~p~n", [gen_server:receive_response(gen_server:send_request(P3, get), 1000)]),
    Req = gen_server:send_request(P3, get),
    io:format("wait_response: ~p~n", [gen_server:wait_response(Req, 1000)]),
    io:format("stop with reason: ~p~n", [gen_server:stop(P3, normal, 1000)]),
    io:format("done~n").

init({stop, Reason}) -> {stop, Reason};
init(ignore) -> ignore;
init(N) -> {ok, #{n => N, timeouts => 0}}.

handle_call(get, _From, #{n := N} = S) -> {reply, N, S};
handle_call(continue_me, _From, S) -> {reply, continuing, S, {continue, bump}};
handle_call(later, From, S) -> self() ! {reply_later, From}, {noreply, S};
handle_call(sleep, _From, S) -> receive after 100 -> ok end, {reply, slept, S};
handle_call({set_timeout, T}, _From, S) -> {reply, ok, S, T};
handle_call(timeouts, _From, #{timeouts := T} = S) -> {reply, T, S};
handle_call({reply_twice, X}, From, S) -> gen_server:reply(From, {first, X}), {noreply, S};
handle_call({stop_me, R}, _From, S) -> {stop, normal, {stopping, R}, S}.

handle_cast({add, K}, #{n := N} = S) -> {noreply, S#{n := N + K}}.

handle_info({add, K}, #{n := N} = S) -> {noreply, S#{n := N + K}};
handle_info({reply_later, From}, S) -> gen_server:reply(From, replied_later), {noreply, S};
handle_info(timeout, #{timeouts := T} = S) -> {noreply, S#{timeouts := T + 1}};
handle_info(_, S) -> {noreply, S}.

handle_continue(bump, #{n := N} = S) -> {noreply, S#{n := N * 100}}.

terminate(Reason, #{n := N}) -> io:format("terminate ~p ~p~n", [Reason, N]).

code_change(_, S, _) -> {ok, S}.
