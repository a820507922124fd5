% kiln benchmark: gen_server:call round trips (OTP's gen_server, compiled from OTP's source by kiln)
-module(gen_server_call).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2]).
-mode(compile).

main(_) ->
    {ok, Pid} = gen_server:start_link(?MODULE, 0, []),
    loop(Pid, 300000),
    io:format("count ~b~n", [gen_server:call(Pid, get)]).

loop(_, 0) -> ok;
loop(Pid, N) -> ok = gen_server:call(Pid, inc), loop(Pid, N - 1).

init(N) -> {ok, N}.
handle_call(inc, _From, N) -> {reply, ok, N + 1};
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast(_, N) -> {noreply, N}.
