% kiln conformance: OTP's gen_event: handlers added and removed, notify, sync_notify, call, swap, info, errors
-module(otp_gen_event).
-behaviour(gen_event).
-export([main/1, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).
-mode(compile).

main(_) ->
    {ok, M} = gen_event:start_link({local, events}),
    ok = gen_event:add_handler(events, ?MODULE, counter),
    ok = gen_event:add_handler(events, {?MODULE, logger1}, log),
    io:format("handlers: ~p~n", [lists:sort(gen_event:which_handlers(events))]),
    ok = gen_event:notify(events, ping),
    ok = gen_event:sync_notify(events, ping),
    io:format("count: ~p~n", [gen_event:call(events, ?MODULE, get)]),
    io:format("log: ~p~n", [gen_event:call(events, {?MODULE, logger1}, get)]),
    M ! some_info,
    io:format("log: ~p~n", [gen_event:call(events, {?MODULE, logger1}, get)]),
    io:format("bad handler: ~p~n", [gen_event:call(events, nobody, get)]),
    io:format("add failing: ~p~n", [gen_event:add_handler(events, {?MODULE, bad}, fail)]),
    io:format("swap: ~p~n", [gen_event:swap_handler(events, {{?MODULE, logger1}, swapping}, {{?MODULE, logger2}, log})]),
    io:format("handlers: ~p~n", [lists:sort(gen_event:which_handlers(events))]),
    io:format("log2: ~p~n", [gen_event:call(events, {?MODULE, logger2}, get)]),
    io:format("delete: ~p~n", [gen_event:delete_handler(events, ?MODULE, bye)]),
    io:format("delete again: ~p~n", [gen_event:delete_handler(events, ?MODULE, bye)]),
    ok = gen_event:sync_notify(events, remove_me),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    io:format("stop: ~p~n", [gen_event:stop(events)]),
    io:format("done~n").

init(counter) -> {ok, 0};
init(log) -> {ok, []};
init({log, Old}) -> {ok, [{from_swap, Old}]};
init(fail) -> {error, no_way}.

handle_event(ping, N) when is_integer(N) -> {ok, N + 1};
handle_event(remove_me, _) -> remove_handler;
handle_event(E, L) when is_list(L) -> {ok, [E | L]};
handle_event(_, S) -> {ok, S}.

handle_call(get, S) -> {ok, S, S}.

handle_info(I, L) when is_list(L) -> {ok, [{info, I} | L]};
handle_info(_, S) -> {ok, S}.

terminate(swapping, L) -> L;
terminate(Reason, S) -> io:format("terminate ~p ~p~n", [Reason, S]), ok.
