%% init: the part of OTP's boot process that programs and OTP's own
%% library code call. OTP's init.erl is part of the VM (ERTS preloads it
%% and it runs the boot script); a kiln executable has no boot script, no
%% command-line flags and no code loading: its arguments are what main/1
%% receives (init:get_plain_arguments/0, a BIF), the system is started by
%% the time main runs, and stopping it halts the program.
-module(init).
-export([get_argument/1, get_arguments/0, get_status/0, script_id/0,
         stop/0, stop/1, restart/0, reboot/0, notify_when_started/1,
         wait_until_started/0, fetch_loaded/0, ensure_loaded/1]).

%% Emulator flags (-config, -home, -name, ...): kiln programs take none,
%% except what the environment implies (`home`, as erl derives it).
get_argument(home) ->
    case os:getenv("HOME") of
        false -> error;
        Home -> {ok, [[Home]]}
    end;
get_argument(Flag) when is_atom(Flag) ->
    error;
get_argument(_) ->
    error.

get_arguments() ->
    case get_argument(home) of
        {ok, [Home]} -> [{home, Home}];
        error -> []
    end.

get_status() -> {started, started}.

script_id() -> {"kiln", "1"}.

stop() -> stop(0).

stop(Status) when is_integer(Status), Status >= 0 -> erlang:halt(Status);
stop(Status) when is_list(Status) -> erlang:halt(Status);
stop(_) -> erlang:error(badarg).

restart() -> stop(0).

reboot() -> stop(0).

notify_when_started(_Pid) -> started.

wait_until_started() -> ok.

%% Every module of a static program is loaded from the start.
fetch_loaded() -> [].

ensure_loaded(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> {module, Module};
        false -> {error, nofile}
    end.
