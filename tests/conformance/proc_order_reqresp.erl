% kiln conformance: request/response with references; a stateful server handles interleaved clients
-module(proc_order_reqresp).
-export([main/1]).
-mode(compile).

main(_) ->
    Self = self(),
    Server = spawn(fun() -> server(#{}) end),
    io:format("~p~n", [call(Server, {put, a, 1})]),
    io:format("~p~n", [call(Server, {put, b, 2})]),
    io:format("~p~n", [call(Server, {get, a})]),
    io:format("~p~n", [call(Server, {get, zz})]),
    Clients = [spawn(fun() ->
                             _ = [call(Server, {incr, counter}) || _ <- lists:seq(1, 100)],
                             Self ! {client_done, C}
                     end) || C <- lists:seq(1, 10)],
    _ = [receive {client_done, C} -> ok end || C <- lists:seq(1, length(Clients))],
    io:format("counter ~p~n", [call(Server, {get, counter})]),
    io:format("keys ~p~n", [call(Server, keys)]),
    %% a reply with a stale reference is ignored
    Self ! {make_ref(), stale},
    io:format("~p~n", [call(Server, {get, b})]),
    io:format("stale left in the mailbox: ~p~n", [receive {_, stale} -> yes after 0 -> no end]),
    io:format("~p~n", [call(Server, stop)]).

call(Server, Req) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, Req},
    receive {Ref, Reply} -> Reply end.

server(State) ->
    receive
        {call, From, Ref, Req} ->
            case handle(Req, State) of
                {stop, Reply} -> From ! {Ref, Reply};
                {Reply, NewState} -> From ! {Ref, Reply}, server(NewState)
            end
    end.

handle({put, K, V}, S) -> {ok, S#{K => V}};
handle({get, K}, S) -> {maps:get(K, S, undefined), S};
handle({incr, K}, S) -> N = maps:get(K, S, 0) + 1, {N, S#{K => N}};
handle(keys, S) -> {lists:sort(maps:keys(S)), S};
handle(stop, _) -> {stop, stopped}.
