% kiln conformance (MASKED): OTP's supervisor: strategies, restarts, intensity, transient/temporary children, shutdown order, dynamic children
-module(otp_supervisor).
-behaviour(supervisor).
-export([main/1, init/1, start_worker/2, worker_init/2]).
-mode(compile).

main(_) ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link({local, top}, ?MODULE, {one_for_one, 5}),
    io:format("children: ~p~n", [ids(Sup)]),
    io:format("count: ~p~n", [supervisor:count_children(Sup)]),
    A1 = whereis(a),
    exit(A1, kill),
    receive after 50 -> ok end,
    io:format("a restarted: ~p~n", [is_pid(whereis(a)) andalso whereis(a) =/= A1]),
    whereis(t) ! stop,
    receive after 50 -> ok end,
    io:format("transient after normal: ~p~n", [child_pid(Sup, t)]),
    io:format("restart transient: ~p~n", [ok_tag(supervisor:restart_child(Sup, t))]),
    exit(whereis(tmp), kill),
    receive after 50 -> ok end,
    io:format("temporary gone: ~p~n", [lists:member(tmp, ids(Sup))]),
    io:format("dynamic: ~p~n", [ok_tag(supervisor:start_child(Sup, spec(d, permanent)))]),
    io:format("dup: ~p~n", [element(1, supervisor:start_child(Sup, spec(d, permanent)))]),
    io:format("terminate d: ~p~n", [supervisor:terminate_child(Sup, d)]),
    io:format("delete d: ~p~n", [supervisor:delete_child(Sup, d)]),
    io:format("delete again: ~p~n", [supervisor:delete_child(Sup, d)]),
    io:format("which: ~p~n", [ids(Sup)]),
    unlink(Sup), exit(Sup, shutdown),
    receive after 50 -> ok end,
    %% one_for_all: killing one restarts all.
    {ok, S2} = supervisor:start_link(?MODULE, {one_for_all, 5}),
    Before = [child_pid(S2, Id) || Id <- [a, b]],
    exit(whereis(b), kill),
    receive after 50 -> ok end,
    After = [child_pid(S2, Id) || Id <- [a, b]],
    io:format("one_for_all restarted both: ~p~n", [lists:all(fun({X, Y}) -> X =/= Y end, lists:zip(Before, After))]),
    unlink(S2), exit(S2, shutdown),
    receive after 50 -> ok end,
    %% rest_for_one: killing a restarts a, b, t, tmp? (tmp is temporary)
    {ok, S3} = supervisor:start_link(?MODULE, {rest_for_one, 5}),
    A3 = child_pid(S3, a), B3 = child_pid(S3, b),
    exit(whereis(b), kill),
    receive after 50 -> ok end,
    io:format("rest_for_one: a same ~p, b new ~p~n", [child_pid(S3, a) =:= A3, child_pid(S3, b) =/= B3]),
    unlink(S3), exit(S3, shutdown),
    receive after 50 -> ok end,
    %% Intensity: more restarts than allowed ends the supervisor.
    {ok, S4} = supervisor:start_link(?MODULE, {one_for_one, 1}),
    exit(whereis(a), kill), receive after 20 -> ok end,
    exit(whereis(a), kill),
    receive {'EXIT', S4, Why} -> io:format("supervisor ended: ~p~n", [Why]) after 1000 -> io:format("no exit~n") end,
    %% simple_one_for_one
    {ok, S5} = supervisor:start_link(?MODULE, simple),
    {ok, W1} = supervisor:start_child(S5, [w1]),
    {ok, _W2} = supervisor:start_child(S5, [w2]),
    io:format("simple count: ~p~n", [supervisor:count_children(S5)]),
    io:format("simple terminate: ~p~n", [supervisor:terminate_child(S5, W1)]),
    io:format("simple count: ~p~n", [proplists:get_value(active, supervisor:count_children(S5))]),
    io:format("check_childspecs: ~p~n", [supervisor:check_childspecs([spec(x, permanent)])]),
    io:format("bad childspec: ~p~n", [element(1, supervisor:check_childspecs([#{id => x}]))]),
    io:format("done~n").

ids(Sup) -> [Id || {Id, _, _, _} <- supervisor:which_children(Sup)].

child_pid(Sup, Id) ->
    case lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {_, Pid, _, _} -> Pid;
        false -> none
    end.

ok_tag({ok, P}) when is_pid(P) -> ok;
ok_tag(Other) -> Other.

spec(Id, Restart) ->
    #{id => Id, start => {?MODULE, start_worker, [Id, Restart]}, restart => Restart,
      shutdown => 1000, type => worker, modules => [?MODULE]}.

init(simple) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 5, period => 10},
          [#{id => w, start => {?MODULE, start_worker, [simple]}, restart => temporary}]}};
init({Strategy, Intensity}) ->
    {ok, {#{strategy => Strategy, intensity => Intensity, period => 10},
          [spec(a, permanent), spec(b, permanent), spec(t, transient), spec(tmp, temporary)]}}.

%% A worker registered under its name (simple_one_for_one's are not).
start_worker(simple, _Name) ->
    proc_lib:start_link(?MODULE, worker_init, [none, self()]);
start_worker(Name, _Restart) ->
    proc_lib:start_link(?MODULE, worker_init, [Name, self()]).

worker_init(Name, _Parent) ->
    case Name of
        none -> ok;
        _ -> register(Name, self())
    end,
    proc_lib:init_ack({ok, self()}),
    receive stop -> ok end.
