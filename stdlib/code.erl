%% code: the code server's interface over a static program. In OTP, `code`
%% talks to the code server, which loads modules from the code path; a kiln
%% executable has every module it can run linked in from the start and can
%% load no other, so this is kiln's own module (the code server is part of
%% what the VM provides). Every function of OTP 25's `code` that a program
%% can meaningfully call is here, answering for the fixed set of modules:
%% loaded modules are "preloaded" (they have no object file), loading
%% anything else fails with `nofile`, and the code path is empty.
-module(code).
-export([is_loaded/1, ensure_loaded/1, ensure_modules_loaded/1, load_file/1,
         load_abs/1, load_binary/3, all_loaded/0, all_available/0, which/1,
         is_sticky/1, stick_dir/1, unstick_dir/1, purge/1, soft_purge/1,
         delete/1, get_object_code/1, get_path/0, set_path/1, add_path/1,
         add_patha/1, add_pathz/1, add_paths/1, add_pathsa/1, add_pathsz/1,
         del_path/1, replace_path/2, root_dir/0, lib_dir/0, lib_dir/1,
         lib_dir/2, priv_dir/1, objfile_extension/0, modified_modules/0,
         module_status/0, module_status/1, is_module_native/1, get_mode/0,
         clash/0, which_loaded/0, atomic_load/1, prepare_loading/1,
         finish_loading/1, ensure_loaded_all/0]).

is_loaded(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> {file, preloaded};
        false -> false
    end.

ensure_loaded(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> {module, Module};
        false -> {error, nofile}
    end.

ensure_modules_loaded(Modules) when is_list(Modules) ->
    case [{M, nofile} || M <- Modules, not erlang:module_loaded(M)] of
        [] -> ok;
        Missing -> {error, Missing}
    end.

ensure_loaded_all() -> ok.

load_file(Module) when is_atom(Module) -> ensure_loaded(Module).

load_abs(File) when is_list(File); is_atom(File) -> {error, nofile}.

load_binary(Module, _File, _Binary) when is_atom(Module) -> {error, badfile}.

atomic_load(Modules) when is_list(Modules) -> load_all(Modules).

prepare_loading(Modules) when is_list(Modules) -> load_all(Modules).

finish_loading(_Prepared) -> ok.

load_all(Modules) ->
    case [{M, nofile} || M <- Modules, not erlang:module_loaded(module_name(M))] of
        [] -> ok;
        Errors -> {error, Errors}
    end.

module_name({Module, _File, _Binary}) -> Module;
module_name(Module) -> Module.

all_loaded() -> [].

which_loaded() -> [].

all_available() -> [].

which(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> preloaded;
        false -> non_existing
    end.

is_sticky(_Module) -> false.

stick_dir(_Dir) -> error.

unstick_dir(_Dir) -> error.

%% Nothing is ever loaded over a running module, so there is no old code.
purge(_Module) -> false.

soft_purge(_Module) -> true.

delete(_Module) -> false.

get_object_code(_Module) -> error.

get_path() -> [].

set_path(_Path) -> true.

add_path(_Dir) -> {error, bad_directory}.

add_patha(Dir) -> add_path(Dir).

add_pathz(Dir) -> add_path(Dir).

add_paths(_Dirs) -> ok.

add_pathsa(Dirs) -> add_paths(Dirs).

add_pathsz(Dirs) -> add_paths(Dirs).

del_path(_Name) -> false.

replace_path(_Name, _Dir) -> {error, bad_name}.

%% A program has no OTP installation beside it at run time.
root_dir() -> "/".

lib_dir() -> "/lib".

lib_dir(_App) -> {error, bad_name}.

lib_dir(_App, _SubDir) -> {error, bad_name}.

priv_dir(_App) -> {error, bad_name}.

objfile_extension() -> ".beam".

modified_modules() -> [].

module_status() -> [].

module_status(Modules) when is_list(Modules) -> [{M, module_status(M)} || M <- Modules];
module_status(Module) ->
    case erlang:module_loaded(Module) of
        true -> loaded;
        false -> not_loaded
    end.

is_module_native(Module) ->
    case erlang:module_loaded(Module) of
        true -> true;
        false -> undefined
    end.

get_mode() -> embedded.

clash() -> ok.
