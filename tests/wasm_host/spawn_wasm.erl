%% An Erlang program and lunatic guests (tests/lunatic-guests/src/bin/
%% erlang_peer.rs) as processes of one program: kiln:spawn_wasm, binary
%% messages both ways, monitors and links in both directions, a guest that
%% traps, a file that cannot be loaded. Run by tests/tests/wasm_host.rs with
%% the guest's path as the argument.
-module(spawn_wasm).
-export([main/1]).

main([Guest]) ->
    Me = integer_to_list(kiln:process_id(self())),
    true = kiln:pid(kiln:process_id(self())) =:= self(),
    %% Request and reply.
    {P1, R1} = kiln:spawn_wasm(Guest, [Me], [monitor]),
    P1 ! frame(<<"hello">>),
    P1 ! frame(<<"world">>),
    io:format("~s ~s~n", [reply(P1), reply(P1)]),
    %% A normal end: 'DOWN' with normal.
    P1 ! frame(<<"stop">>),
    io:format("stop: ~p~n", [down(R1, P1)]),
    %% A trap: 'DOWN' with {wasm_trap, Message}.
    {P2, R2} = kiln:spawn_wasm(Guest, [Me], [monitor]),
    P2 ! frame(<<"crash">>),
    {wasm_trap, Msg} = down(R2, P2),
    io:format("crash: wasm_trap ~s~n", [Msg]),
    %% A link from Erlang: the guest's failure reaches a trapping process.
    process_flag(trap_exit, true),
    P3 = kiln:spawn_wasm(Guest, [Me], [link]),
    P3 ! frame(<<"crash">>),
    receive {'EXIT', P3, {wasm_trap, _}} -> io:format("link: exit wasm_trap~n")
    after 10000 -> io:format("link: no exit~n")
    end,
    %% A link from the guest: it dies with the Erlang process it linked to.
    Middle = spawn(fun() -> receive go -> exit(boom) end end),
    {P4, R4} = kiln:spawn_wasm(Guest, [Me], [monitor]),
    P4 ! frame(<<"link:", (integer_to_binary(kiln:process_id(Middle)))/binary>>),
    io:format("~s~n", [reply(P4)]),
    Middle ! go,
    io:format("guest linked to a dying Erlang process: ~p~n", [down(R4, P4)]),
    %% Killing a guest from Erlang.
    {P5, R5} = kiln:spawn_wasm(Guest, [Me], [monitor]),
    exit(P5, kill),
    io:format("kill: ~p~n", [down(R5, P5)]),
    %% Errors.
    try kiln:spawn_wasm("/nonexistent/guest.wasm", []) of
        _ -> io:format("spawned a missing file?~n")
    catch error:{wasm_load_failed, _} -> io:format("missing file: wasm_load_failed~n")
    end,
    try kiln:spawn_wasm(Guest, [], [bogus]) of
        _ -> io:format("accepted a bad option?~n")
    catch error:badarg -> io:format("bad option: badarg~n")
    end,
    ok.

frame(B) -> <<(byte_size(B)):64/little, B/binary>>.

reply(P) ->
    receive {wasm, P, 0, <<N:64/little, B:N/binary>>} -> B
    after 10000 -> timeout
    end.

down(Ref, P) ->
    receive {'DOWN', Ref, process, P, Reason} -> Reason
    after 10000 -> no_down
    end.
