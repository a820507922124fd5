%% kiln_boot: the services OTP's boot starts before a program runs, started
%% here for the programs that use them.
%%
%% OTP's init starts the application controller (with kernel loaded, so
%% application:get_env(kernel, ...) works), then kernel's supervision tree.
%% A kiln program links only the library modules it can reach, so a
%% service is started only when its module is part of the program: a
%% program that never reads an application's environment has no
%% application controller to start.
%%
%% The process registered as `init` stands for OTP's init: the services
%% started here are linked to it, as in OTP, and it lives as long as the
%% program.
-module(kiln_boot).
-export([start/0, stop/0]).

start() ->
    Parent = self(),
    Init = spawn(fun() -> init(Parent) end),
    receive
        {Init, started} -> ok
    end.

%% When main is done: what the services still hold is written out (the
%% logger's handler may hold reports not yet printed).
stop() ->
    stop_if_linked(logger).

stop_if_linked(Module) ->
    case erlang:module_loaded(Module) of
        true -> Module:sync();
        false -> ok
    end.

init(Parent) ->
    register(init, self()),
    process_flag(trap_exit, true),
    start_services(),
    Parent ! {self(), started},
    loop().

loop() ->
    receive
        _ -> loop()
    end.

%% The service modules are named here and called in start_if_linked/2:
%% naming a module and its function in one function would make the
%% linker link the module into every program (compiler/src/library/reach.rs).
start_services() ->
    start_if_linked(application_controller, kernel).

start_if_linked(Module, App) ->
    case erlang:module_loaded(Module) of
        true ->
            {ok, _} = Module:start(kiln_boot_apps:spec(App)),
            ok;
        false ->
            ok
    end.
